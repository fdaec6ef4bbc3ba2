"""Near-duplicate detection over hand-written fictional wire copies."""

from storydesk.group.dedup import DedupIndex, find_duplicates, signature
from storydesk.options import GroupOptions
from storydesk.records import Article

WIRE = [
    "The harbour of Port Lindell was closed on Tuesday after the cargo ship Meridian Star ran aground "
    "near the northern breakwater, the Lindell Port Authority said in a statement.",
    "Harbour master Edda Kvarn said 40 crew members were evacuated by lifeboat and that no injuries "
    "were reported among the crew or the pilots who had boarded the ship earlier in the day.",
    "Tugs from Valmo Marine will try to refloat the vessel at high tide on Wednesday morning, weather "
    "permitting, according to the company's operations manager Piet Adler.",
    "The ship was carrying timber from Norrbay to Castelmar when it lost engine power in heavy winds "
    "shortly after midnight, the authority said.",
]


def art(title, paragraphs, outlet):
    return Article(source=f"{outlet}.txt", title=title, paragraphs=paragraphs, outlet=outlet)


def test_edited_copy_with_new_headline_is_a_near_duplicate():
    original = art("Cargo ship runs aground at Port Lindell", WIRE, "Coast Wire")
    edited = WIRE[:3] + ["The ship was carrying timber from Norrbay when it lost engine power in strong "
                         "winds shortly after midnight, the authority said."]
    copy = art("Harbour shut as Meridian Star grounds", edited, "Valley Times")
    found = find_duplicates([original, copy])
    assert copy.id in found
    assert found[copy.id].canonical_id == original.id
    assert 0.5 <= found[copy.id].similarity < 1.0


def test_independent_report_of_same_event_is_not_a_duplicate():
    original = art("Cargo ship runs aground at Port Lindell", WIRE, "Coast Wire")
    other = art("Meridian Star stuck off Lindell breakwater", [
        "A timber freighter has been stranded off Port Lindell since Tuesday night, and the port is shut.",
        "Edda Kvarn, who runs the harbour, told reporters the 40 sailors aboard were safe and ashore.",
        "Salvage crews hope to pull the Meridian Star free when the tide turns on Wednesday.",
    ], "Lindell Gazette")
    assert find_duplicates([original, other]) == {}


def test_copies_of_a_copy_point_at_the_first_article():
    a = art("Ship aground", WIRE, "Coast Wire")
    b = art("Ship aground (update)", WIRE[:3] + [WIRE[3] + " More to follow."], "Valley Times")
    c = art("Ship aground (update 2)", WIRE[:3] + [WIRE[3] + " More to follow soon."], "Hill Echo")
    found = find_duplicates([a, b, c])
    assert {found[b.id].canonical_id, found[c.id].canonical_id} == {a.id}


def test_signature_is_deterministic_and_sized():
    s1 = signature(" ".join(WIRE), num_perm=64, k=5)
    s2 = signature(" ".join(WIRE), num_perm=64, k=5)
    assert s1.shape == (64,)
    assert (s1 == s2).all()


def test_index_remove_forgets_an_article():
    index = DedupIndex(GroupOptions())
    a = art("Ship aground", WIRE, "Coast Wire")
    sig = index.signature(a)
    assert index.check(a.id, sig) is None
    assert index.find(sig).canonical_id == a.id
    index.remove(a.id)
    assert index.find(sig) is None and len(index) == 0


def test_empty_and_tiny_articles_do_not_crash():
    empty = art("", [], "Nowhere")
    tiny = art("Short", ["Two words"], "Nowhere")
    assert find_duplicates([empty, tiny]) == {}


def test_old_canonicals_leave_the_index():
    index = DedupIndex(GroupOptions(dedup_window_days=10))
    old = art("Ship aground", WIRE, "Coast Wire")
    index.check(old.id, index.signature(old), 100.0)
    fresh = art("Other", [WIRE[1] + " Entirely separate text follows here for the test."], "X")
    index.check(fresh.id, index.signature(fresh), 105.0)
    assert index.evict() == 0
    newest = art("Newest", ["Completely unrelated words about a garden fair in Brookmere town."], "Y")
    index.check(newest.id, index.signature(newest), 120.0)
    assert index.evict() == 2
    assert index.find(index.signature(old)) is None and len(index) == 1


def test_vectorised_signature_matches_datasketch():
    # stored signatures must stay comparable with ones datasketch itself computes
    from datasketch import MinHash

    from storydesk.group.dedup import _template, shingle_hashes, signature

    text = ("Harbour master Edda Kvarn said forty crew members left the Meridian Star before noon. " * 40
            + " ".join(f"word{i}" for i in range(3000)))
    t = _template(128)
    m = MinHash(num_perm=128, seed=1, hashfunc=lambda x: x, permutations=t.permutations, scheme="affine32")
    m.update_batch(shingle_hashes(text, 5).tolist())
    assert (signature(text) == m.hashvalues).all()
    assert (signature("") == MinHash(num_perm=128, seed=1, scheme="affine32").hashvalues).all()


def test_band_index_finds_what_datasketch_lsh_finds():
    """The hand-kept band tables give datasketch's MinHashLSH candidates, and forget removed ids."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from storydesk.group.dedup import _Bands

    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)
    sigs = {}
    for i in range(60):
        s = base.copy()
        flip = rng.choice(128, size=int(rng.integers(0, 128)), replace=False)
        s[flip] = rng.integers(0, 2**32, size=len(flip), dtype=np.uint64).astype(np.uint32)
        sigs[f"a{i}"] = s
    ours, theirs = _Bands(0.5, 128), MinHashLSH(threshold=0.5, num_perm=128)
    for aid, s in sigs.items():
        ours.insert(aid, s)
        theirs.insert(aid, MinHash(num_perm=128, hashvalues=s, scheme="affine32"))
    for s in list(sigs.values())[:20]:
        q = MinHash(num_perm=128, hashvalues=s, scheme="affine32")
        assert ours.query(s) == set(theirs.query(q))
    for aid in list(sigs)[:30]:
        ours.remove(aid, sigs[aid])
    left = set(list(sigs)[30:])
    for s in sigs.values():
        assert ours.query(s) <= left
    assert all(ours.query(sigs[a]) >= {a} for a in left)
