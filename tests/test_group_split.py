"""Batch clustering splits a story whose members form two weakly linked groups (fictional reports)."""

import numpy as np

from storydesk.group.stories import (
    StoryClusterer,
    _bisect,
    cluster_articles,
    features_of,
    split_story,
)
from storydesk.options import GroupOptions
from storydesk.records import Article


def _art(key, title, body, day):
    a = Article(source=f"src-{key}", title=title, paragraphs=[body], outlet=f"Outlet {key}",
                published=day)
    return a.model_copy(update={"id": key})


# two fires at one fictional firm: same kind of event, same firm, different town, people and damage
BRENNICK = [
    _art("b1", "Halvard Foods warehouse burns in Brennick",
         "A fire gutted the Halvard Foods cold-storage warehouse in Brennick overnight. Fire chief Tomas "
         "Reyl said forty firefighters from Brennick and Lusk fought flames that collapsed the roof. "
         "Nobody was hurt; frozen fish and grain stocks were lost.", "2024-03-05"),
    _art("b2", "Roof collapses as Brennick warehouse fire spreads",
         "Flames tore through the Halvard Foods warehouse on Mill Road in Brennick, chief Tomas Reyl said, "
         "and the roof collapsed before dawn. Crews from Lusk helped. Grain and frozen fish stocks burned; "
         "no injuries were reported.", "2024-03-05"),
    _art("b3", "Brennick fire: Halvard warehouse a total loss",
         "The Halvard Foods warehouse in Brennick is a total loss after the overnight fire, according to "
         "Tomas Reyl, the Brennick fire chief. The collapsed roof and burned grain stocks will take weeks "
         "to clear from Mill Road.", "2024-03-06"),
    _art("b4", "Mill Road reopens after Brennick warehouse blaze",
         "Brennick reopened Mill Road beside the burned Halvard Foods warehouse. Chief Tomas Reyl said "
         "investigators from Lusk suspect faulty wiring in the cold-storage plant where the roof fell in "
         "and the grain was lost.", "2024-03-07"),
]
BRENNICK_MORE = [
    _art("b5", "Lusk crews recall Brennick warehouse fire",
         "Firefighters from Lusk who helped at the Halvard Foods warehouse fire in Brennick said the flames "
         "had reached the roof by the time they arrived. Chief Tomas Reyl thanked them; the grain stocks "
         "could not be saved.", "2024-03-06"),
    _art("b6", "Halvard Foods counts cost of Brennick blaze",
         "Halvard Foods said the Brennick cold-storage warehouse fire destroyed most of its frozen fish and "
         "grain stocks. Brennick chief Tomas Reyl said the Mill Road site stays closed while the collapsed "
         "roof is cleared.", "2024-03-08"),
]
OSTERBY = [
    _art("o1", "Fire at Halvard Foods depot in Osterby",
         "A fire broke out at the Halvard Foods distribution depot in Osterby harbour, forcing twelve "
         "workers to flee. Station officer Mara Lind said a forklift battery caught fire in the loading "
         "bay.", "2024-03-06"),
    _art("o2", "Osterby depot evacuated after forklift battery fire",
         "Twelve workers were evacuated from the Halvard Foods depot at Osterby harbour when a forklift "
         "battery burst into flames in the loading bay, officer Mara Lind of the Osterby station said.",
         "2024-03-06"),
    _art("o3", "Loading bay damaged in Osterby harbour fire",
         "Mara Lind, the Osterby station officer, said the loading bay of the Halvard Foods depot was badly "
         "damaged by the forklift battery fire. The twelve evacuated workers returned to the harbour site "
         "in the afternoon.", "2024-03-07"),
    _art("o4", "Halvard Foods to check forklift batteries after Osterby fire",
         "After the Osterby harbour depot fire, Halvard Foods said every forklift battery would be checked. "
         "Officer Mara Lind said the loading bay blaze started while twelve workers were unloading.",
         "2024-03-08"),
]


def _ids(groups):
    return sorted(sorted(f.id for f in g) for g in groups)


def _clusterer(arts, opts):
    cl = StoryClusterer(opts)
    feats = [features_of(a, None, opts) for a in arts]
    for f in feats:
        cl.observe(f)
    return cl, feats


def test_bisect_finds_two_weakly_linked_blocks():
    sim = np.full((8, 8), 0.05)
    sim[:4, :4] = sim[4:, 4:] = 0.6
    ncut, side = _bisect(sim, 3)
    assert sorted([list(np.flatnonzero(side)), list(np.flatnonzero(~side))]) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert ncut < 0.3
    # one uniform block has no weak cut: every split cuts about as much as it keeps
    flat_cut, _ = _bisect(np.full((8, 8), 0.6), 3)
    assert flat_cut > 0.9
    # too few members for two parts of the minimum size
    assert _bisect(np.full((5, 5), 0.6), 3) is None


def test_two_events_of_one_kind_are_split_apart():
    opts = GroupOptions()
    cl, feats = _clusterer(BRENNICK + OSTERBY, opts)
    assert _ids(split_story(cl, feats)) == [["b1", "b2", "b3", "b4"], ["o1", "o2", "o3", "o4"]]


def test_one_event_is_not_split():
    opts = GroupOptions()
    cl, feats = _clusterer(BRENNICK + BRENNICK_MORE + OSTERBY, opts)
    brennick = [f for f in feats if f.id.startswith("b")]
    assert _ids(split_story(cl, brennick)) == [["b1", "b2", "b3", "b4", "b5", "b6"]]


def test_splitting_can_be_turned_off_and_needs_the_minimum_size():
    cl, feats = _clusterer(BRENNICK + OSTERBY, GroupOptions(split_ncut=0.0))
    assert len(split_story(cl, feats)) == 1
    cl, feats = _clusterer(BRENNICK + OSTERBY, GroupOptions(split_min_size=5))
    assert len(split_story(cl, feats)) == 1


def test_headline_only_stories_are_not_split():
    # headlines share a word or two with anything: their graph is too sparse to cut
    heads = [_art(f"h{i}", t, "", "2024-03-05") for i, t in enumerate(
        [a.title for a in BRENNICK + OSTERBY])]
    cl, feats = _clusterer(heads, GroupOptions())
    assert len(split_story(cl, feats)) == 1


def test_cluster_articles_splits_a_merged_story_into_whole_records():
    # a very low joining threshold makes the online pass merge the two fires into one story
    loose = GroupOptions(story_threshold=0.01)
    merged = cluster_articles(BRENNICK + OSTERBY, GroupOptions(story_threshold=0.01, split_ncut=0.0))
    assert len(merged) == 1
    stories = cluster_articles(BRENNICK + OSTERBY, loose)
    assert sorted(sorted(s.article_ids) for s in stories) == [["b1", "b2", "b3", "b4"],
                                                              ["o1", "o2", "o3", "o4"]]
    by_first = {s.article_ids[0]: s for s in stories}
    # the part holding the story's first article keeps the story's id; the other gets its own
    assert by_first["b1"].id == merged[0].id and by_first["o1"].id != merged[0].id
    osterby = by_first["o1"]
    assert osterby.label in {a.title for a in OSTERBY}
    assert set(osterby.outlets) == {a.outlet for a in OSTERBY}
    assert osterby.first_published.startswith("2024-03-06")
    assert osterby.last_published.startswith("2024-03-08")
    assert "mara lind" in osterby.top_entities


def test_repeated_article_ids_do_not_break_the_split():
    # untrusted batches can repeat an id; the split check keys articles by object, not by id
    twins = [a.model_copy(update={"id": "same"}) for a in BRENNICK[:3]]
    stories = cluster_articles(BRENNICK + OSTERBY + twins, GroupOptions(story_threshold=0.01))
    assert sorted(len(s.article_ids) for s in stories) == [4, 7]
