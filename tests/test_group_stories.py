"""Online, time-aware story clustering over hand-written fictional articles (no database)."""

from storydesk.group.stories import (
    StoryClusterer,
    cluster_articles,
    entity_phrases,
    features_of,
    parse_time,
)
from storydesk.options import GroupOptions
from storydesk.records import AnnotatedArticle, Article, EntityMention

SHIP = [
    ("Cargo ship Meridian Star runs aground at Port Lindell",
     "The cargo ship Meridian Star ran aground near the northern breakwater of Port Lindell on Tuesday. "
     "Harbour master Edda Kvarn said 40 crew were evacuated.", "Lindell Gazette", "2024-03-05T08:00:00Z"),
    ("Port Lindell closed after Meridian Star grounding",
     "Port Lindell was closed after the Meridian Star grounded. Edda Kvarn said tugs from Valmo Marine "
     "would try to refloat the cargo ship.", "Coast Wire", "2024-03-05T11:00:00Z"),
    ("Tugs refloat Meridian Star, Port Lindell reopens",
     "Valmo Marine tugs refloated the cargo ship Meridian Star on Thursday and Port Lindell reopened, "
     "harbour master Edda Kvarn said.", "Valley Times", "2024-03-07T09:00:00Z"),
]
BUDGET = [
    ("Mayor Lucia Orsini unveils Castelmar budget",
     "Castelmar mayor Lucia Orsini presented a city budget on Monday, raising spending on schools and "
     "buses. The council will vote next month.", "Castelmar Post", "2024-03-04T07:00:00Z"),
    ("Castelmar council to vote on Orsini budget",
     "The Castelmar city council will vote on the budget of mayor Lucia Orsini, which adds money for "
     "schools and bus routes.", "Hill Echo", "2024-03-06T07:00:00Z"),
]


def make(rows):
    return [Article(source=f"{o}-{i}", title=t, paragraphs=[b], outlet=o, published=p)
            for i, (t, b, o, p) in enumerate(rows)]


def groups(stories):
    return sorted(sorted(s.article_ids) for s in stories)


def test_two_events_become_two_stories():
    ship, budget = make(SHIP), make(BUDGET)
    stories = cluster_articles(ship + budget)
    assert groups(stories) == sorted([sorted(a.id for a in ship), sorted(a.id for a in budget)])
    big = stories[0]
    assert big.first_published.startswith("2024-03-05") and big.last_published.startswith("2024-03-07")
    assert set(big.outlets) == {"Lindell Gazette", "Coast Wire", "Valley Times"}
    assert big.label in {a.title for a in ship}
    assert "meridian star" in big.top_entities


def test_result_does_not_depend_on_input_order():
    arts = make(SHIP) + make(BUDGET)
    assert groups(cluster_articles(arts)) == groups(cluster_articles(list(reversed(arts))))


def test_far_apart_in_time_needs_strong_evidence():
    early = Article(source="a", title="Ferry Northwind delayed at Ellin",
                    paragraphs=["The ferry Northwind was delayed at Port Ellin by fog, the operator said."],
                    outlet="A", published="2024-01-01")
    late = Article(source="b", title="Ferry Northwind sold to new operator",
                   paragraphs=["The ferry Northwind has been sold, its owner said on Friday in Port Ellin."],
                   outlet="B", published="2024-06-01")
    soon = late.model_copy(update={"id": "soon", "published": "2024-01-02"})
    lenient = GroupOptions(story_threshold=0.05, strong_threshold=0.99, time_window_days=7)
    assert len(cluster_articles([early, soon], lenient)) == 1
    assert len(cluster_articles([early, late], lenient)) == 2


def test_ner_entities_are_used_when_annotated():
    a = Article(source="x", title="Talks stall", paragraphs=["Negotiators from the Ardent Union left early."])
    aa = AnnotatedArticle(article=a, entities=[EntityMention(start=16, end=28, text="Ardent Union",
                                                             label="ORG")])
    assert "ardent union" in features_of(a, aa).entities


def test_capitalised_phrase_fallback_skips_sentence_starters():
    found = entity_phrases("The mayor met Lucia Orsini in Castelmar. However, nothing was agreed.")
    assert "lucia orsini" in found and "castelmar" in found
    assert "the" not in found and "however" not in found


def test_quiet_stories_leave_memory():
    cl = StoryClusterer(GroupOptions(active_days=10))
    arts = make(SHIP) + [Article(source="z", title="Unrelated gardening fair opens in Brookmere",
                                 paragraphs=["Brookmere gardeners showed giant pumpkins."],
                                 published="2024-05-01")]
    feats = [features_of(a) for a in arts]
    for f in feats:
        cl.observe(f)
    for f in feats:
        cl.assign(f)
    assert len(cl.stories) == 2
    gone = cl.evict()
    assert len(gone) == 1 and len(cl.stories) == 1


def test_state_round_trips():
    cl = StoryClusterer()
    feats = [features_of(a) for a in make(SHIP)]
    for f in feats:
        cl.observe(f)
    first = cl.assign(feats[0])
    state = cl.story_state(first.story_id)
    cl2 = StoryClusterer()
    cl2.n_docs, cl2.df_terms, cl2.df_ents = cl.n_docs, cl.df_terms, cl.df_ents
    cl2.load_story(state)
    assert cl2.assign(feats[1]).story_id == first.story_id


def test_parse_time_handles_dates_zones_and_junk():
    assert parse_time("2024-03-05") == parse_time("2024-03-05T00:00:00Z")
    assert parse_time("2024-03-05T02:00:00+02:00") == parse_time("2024-03-05T00:00:00Z")
    assert parse_time("last Tuesday") is None and parse_time(None) is None


def test_embedding_features_take_part_when_configured():
    import numpy as np

    def fake_embedder(texts):  # a stand-in for a local sentence-embedding model
        return np.array([[1.0, 0.0] if "Meridian" in t else [0.0, 1.0] for t in texts])

    arts = make(SHIP) + make(BUDGET)
    feats = features_of(arts[0], embedder=fake_embedder)
    assert feats.embedding == [1.0, 0.0]
    stories = cluster_articles(arts, embedder=fake_embedder)
    assert groups(stories) == groups(cluster_articles(arts))


def test_missing_embedding_model_is_a_config_error(tmp_path):
    import pytest

    from storydesk.errors import ConfigError
    from storydesk.group.stories import load_embedder

    with pytest.raises(ConfigError):
        load_embedder(str(tmp_path / "no-model"))


def test_a_common_key_keeps_a_bounded_posting_list():
    from storydesk.group import stories as st

    def art(i, day):
        u = [f"{w}{i}" for w in ("ferry", "pier", "tide", "crane")]
        return Article(source=f"g{i}", title=f"harbour {u[0]} {u[1]}",
                       paragraphs=[f"the harbour {u[0]} {u[1]} {u[2]} {u[3]} moved."], published=day)

    cl = StoryClusterer(GroupOptions())
    n = st._MAX_POSTING + 50
    feats = [features_of(art(i, "2024-03-05")) for i in range(n)]
    for f in feats:
        cl.observe(f)
    for f in feats:
        cl.assign(f)
    assert len(cl.stories) == n  # nothing but "harbour" is shared: each its own story
    assert len(cl._index["t:harbour"]) == st._MAX_POSTING
    assert feats[0].id and "g0" not in cl._index["t:harbour"]
    # an old story dropped from the common key is still found through its own terms
    again = features_of(art(3, "2024-03-06"))
    cl.observe(again)
    first = cl.assign(again)
    assert not first.new and cl.stories[first.story_id].size == 2


def _fire(i, title, body):
    a = Article(source=f"fire-{i}", title=title, paragraphs=[body], outlet=f"Outlet {i}")
    return a.model_copy(update={"id": f"fire-{i}"})


FIRE_2011 = [
    _fire(1, "Warehouse fire in Port Lindell", "A fire destroyed a Dunmore Foods warehouse in Port Lindell "
          "in March 2011, drawing crews from three towns."),
    _fire(2, "Port Lindell warehouse blaze", "Crews fought the fire at the Dunmore Foods warehouse in Port "
          "Lindell through the night, in March 2011."),
]
FIRE_2019 = [
    _fire(3, "Dunmore Foods depot burns", "Firefighters from Kessel battled a blaze at a Dunmore Foods depot "
          "near Port Lindell harbour in June 2019."),
    _fire(4, "Blaze at Port Lindell depot", "The June 2019 blaze at the Dunmore Foods depot by Port Lindell "
          "harbour was put out by Kessel firefighters."),
]


def test_conflicting_years_keep_two_events_of_one_kind_apart():
    # undated reports of two fires at one firm: alike in wording, apart in the year they state
    merged = cluster_articles(FIRE_2011 + FIRE_2019, GroupOptions(year_weight=0.0))
    assert groups(merged) == [["fire-1", "fire-2", "fire-3", "fire-4"]]
    split = cluster_articles(FIRE_2011 + FIRE_2019, GroupOptions(year_weight=0.5))
    assert groups(split) == [["fire-1", "fire-2"], ["fire-3", "fire-4"]]


def test_years_of_skips_figures_that_only_contain_a_year():
    from storydesk.group.stories import years_of

    assert years_of("In 2011 (and again in 1999), 12,2019 votes, 3.2015 m, code 20112; 2011 again") == [
        "2011", "1999"]
