"""The scale benchmark's split emulation keeps only what corpus mode's split check could still read,
and checks the same stories with the same features (fictional features, no shared data)."""


from repo_scripts import load_script

from storydesk.group.stories import ArticleFeatures, StoryClusterer, split_stories
from storydesk.options import GroupOptions


def _bench():
    return load_script("benchmarks/scale.py")


def _feat(i, words, day):
    # 24 distinct terms per member: above the split check's minimum of 20 on average
    terms = {w: float(1 + (i + k) % 3) for k, w in enumerate(words)}
    return ArticleFeatures(id=f"a{i:03d}", time=day, terms=terms, title=f"title {i}", outlet="Outlet Q",
                           entities=[words[0], f"{words[1]} {words[2]}"])


def _two_events(base, n_each, day):
    # two groups of members sharing a firm's name but little else: what the check splits
    firm = ["halvard", "food"]
    a = [firm + [f"brennick{j}" for j in range(22)] for _ in range(n_each)]
    b = [firm + [f"osterby{j}" for j in range(22)] for _ in range(n_each)]
    return [_feat(base + k, words, day + k * 0.1) for k, words in enumerate(a + b)]


def test_pack_round_trip_keeps_what_the_split_reads():
    mod = _bench()
    f = _feat(7, ["vessel", "harbour", "lind", "2019"], 19000.5)
    f.terms["quay"] = 0.75
    g = mod.SplitEmulation.unpack(mod.SplitEmulation.pack(f))
    assert g.id == f.id and g.time == f.time and g.entities == f.entities
    assert list(g.terms.items()) == list(f.terms.items())  # order too: it breaks ties in vectors()
    empty = ArticleFeatures(id="e", time=None)
    h = mod.SplitEmulation.unpack(mod.SplitEmulation.pack(empty))
    assert h.terms == {} and h.entities == [] and h.time is None
    odd = ArticleFeatures(id="o", terms={"a\nb": 1.0, "c": 2.0})
    assert mod.SplitEmulation.unpack(mod.SplitEmulation.pack(odd)).terms == odd.terms


def test_emulation_checks_due_stories_and_drops_the_rest():
    mod = _bench()
    opts = GroupOptions()
    cl = StoryClusterer(opts, auto_evict=False)
    split_story_feats = _two_events(0, 4, 19000.0)  # 8 members: checked, and split
    small = [_feat(100 + k, ["lantern", "quay", "oskar"] + [f"w{j}" for j in range(21)], 19000.0)
             for k in range(3)]
    for f in split_story_feats + small:
        cl.observe(f)
    sizes = (6, 10)
    em = mod.SplitEmulation(cl, sizes)
    for f in split_story_feats:
        em.add("s-mixed", f)
    for f in small:
        em.add("s-small", f)
    big = _two_events(200, 6, 19000.0)  # 12 members: past the upper bound, never checked
    for f in big:
        em.add("s-big", f)
    assert em.active["s-big"] is None
    em.evicted(["s-small"])  # too small to be checked: its members go at once
    assert "s-small" not in em.active and "s-small" not in em.done
    em.evicted(["s-mixed"])  # checkable: kept until the check
    assert "s-mixed" in em.done
    expected = split_stories(cl, [split_story_feats])
    assert len(expected[0]) == 2
    assert em.check() == 1
    assert em.parts == [repr(sorted(sorted(f.id for f in p) for p in expected[0]))]
    assert not em.done and not em.touched and em.kept == 0
    assert em.check() == 0  # nothing updated since
