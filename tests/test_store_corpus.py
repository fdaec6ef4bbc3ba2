"""The SQLite corpus: idempotent ingest, duplicates, stories, search, schema versions, briefs cache."""

import sqlite3

import pytest

from storydesk.errors import NotFoundError, SchemaVersionError, StoreError
from storydesk.records import Article
from storydesk.store.corpus import Corpus
from storydesk.store.sqlite import SCHEMA_VERSION, fts_query

WIRE = [
    "The harbour of Port Lindell was closed on Tuesday after the cargo ship Meridian Star ran aground near "
    "the northern breakwater, the Lindell Port Authority said in a statement.",
    "Harbour master Edda Kvarn said 40 crew members were evacuated and that no injuries were reported among "
    "the crew or the pilots who had boarded the ship earlier in the day.",
    "The ship was carrying timber from Norrbay to Castelmar when it lost engine power in heavy winds.",
]


def A(title, paragraphs, outlet, published, url=None):
    return Article(source=f"{outlet}/{title}", title=title, paragraphs=paragraphs, outlet=outlet,
                   published=published, url=url)


def fixture_articles():
    return [
        A("Cargo ship runs aground at Port Lindell", WIRE, "Lindell Gazette", "2024-03-05T08:00:00Z"),
        # near copy: new headline, last line edited
        A("Meridian Star aground, harbour shut", WIRE[:2] + [WIRE[2].replace("heavy", "strong")],
          "Coast Wire", "2024-03-05T09:00:00Z"),
        # exact copy from another outlet
        A("Cargo ship runs aground at Port Lindell", WIRE, "Valley Times", "2024-03-05T10:00:00Z"),
        A("Tugs refloat Meridian Star at Port Lindell", [
            "Tugs from Valmo Marine refloated the cargo ship Meridian Star at Port Lindell on Thursday, "
            "harbour master Edda Kvarn said.",
            "The harbour reopened to traffic in the afternoon, the Lindell Port Authority said."],
          "Lindell Gazette", "2024-03-07T12:00:00Z"),
        A("Mayor Lucia Orsini unveils Castelmar budget", [
            "Castelmar mayor Lucia Orsini presented a budget of 300 million on Monday, raising spending on "
            "schools and buses.", "The city council will vote on the Orsini budget next month."],
          "Castelmar Post", "2024-03-04T07:00:00Z"),
    ]


@pytest.fixture()
def corpus(tmp_path):
    with Corpus(tmp_path / "c.db") as c:
        c.ingest_articles(fixture_articles())
        yield c


def test_ingest_counts_and_idempotence(tmp_path):
    with Corpus(tmp_path / "c.db") as c:
        first = c.ingest_articles(fixture_articles())
        assert (first.added, first.duplicates, first.skipped) == (3, 2, 0)
        again = c.ingest_articles(fixture_articles())
        assert (again.added, again.duplicates, again.skipped) == (0, 0, 5)
        assert c.stats()["articles"] == 5
        assert c.stats()["unclustered"] == 0


def test_duplicates_are_listed_with_outlets(corpus):
    ship = corpus.stories(query="refloat")[0]
    assert len(ship.article_ids) == 2 and len(ship.duplicate_ids) == 2
    group = corpus.duplicates_of(ship.duplicate_ids[0])
    assert group.canonical_id in ship.article_ids
    assert set(group.outlets) == {"Coast Wire", "Valley Times"}
    assert all(0.5 <= s <= 1.0 for s in group.similarity.values())
    assert corpus.duplicates_of(ship.article_ids[-1]) is None or ship.article_ids[-1] == group.canonical_id


def test_stories_newest_first_with_filters(corpus):
    found = corpus.stories()
    assert len(found) == 2 and corpus.count_stories() == 2
    assert found[0].last_published >= found[1].last_published
    assert [s.label for s in corpus.stories(since="2024-03-06")] == [found[0].label]
    assert corpus.stories(until="2024-03-04")[0].label.startswith("Mayor")
    assert corpus.stories(query="budget")[0].label.startswith("Mayor")
    assert corpus.stories(limit=1, offset=1) == [found[1]]
    story = corpus.story(found[0].id)
    assert [a.id for a in corpus.articles(story.id)] == story.article_ids
    assert {"Lindell Gazette", "Coast Wire", "Valley Times"} <= set(story.outlets)


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR NOT", "NEAR(", "title:ship", "*", "", "ship)(", "'"])
def test_search_never_raises_on_user_text(corpus, q):
    assert isinstance(corpus.search(q), list)
    assert isinstance(corpus.stories(query=q), list)


def test_search_finds_words(corpus):
    titles = [a.title for a in corpus.search("refloated Valmo")]
    assert titles == ["Tugs refloat Meridian Star at Port Lindell"]
    assert fts_query('say "hi" NEAR') == '"say" "hi" "NEAR"'


def test_unknown_ids_raise_not_found(corpus):
    with pytest.raises(NotFoundError):
        corpus.story("s-nope")
    with pytest.raises(NotFoundError):
        corpus.article("nope")
    assert corpus.annotated(corpus.stories()[0].article_ids[0]) is None


def test_readonly_rejects_missing_db_and_writes(tmp_path, corpus):
    with pytest.raises(StoreError):
        Corpus(tmp_path / "missing.db", readonly=True)
    with Corpus(corpus.path, readonly=True) as ro:
        assert ro.count_stories() == 2
        with pytest.raises(StoreError):
            ro.ingest_articles(fixture_articles())


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "c.db"
    Corpus(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_version(version) VALUES (?)", (SCHEMA_VERSION + 1,))
    con.commit()
    con.close()
    with pytest.raises(SchemaVersionError):
        Corpus(path)
    with pytest.raises(SchemaVersionError):
        Corpus(path, readonly=True)


def test_not_a_database_is_a_store_error(tmp_path):
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Corpus(bad)


def test_brief_is_cached_per_member_set(corpus, monkeypatch):
    from storydesk.records import AnnotatedArticle

    calls = []

    def fake_annotate(articles, options=None):
        return [AnnotatedArticle(article=a, pipeline="fake") for a in articles]

    def fake_build(annotated, *, options=None, duplicates=None):
        from storydesk.records import Brief
        from storydesk.records.brief import StoryInfo

        calls.append((len(annotated), len(duplicates or [])))
        return Brief(story=StoryInfo(headline=annotated[0].article.title or ""))

    import importlib

    # by module path: a package may re-export a function under the submodule's name
    ann_mod = importlib.import_module("storydesk.nlp.annotate")
    brief_mod = importlib.import_module("storydesk.reconcile.brief")

    monkeypatch.setattr(ann_mod, "annotate", fake_annotate, raising=False)
    monkeypatch.setattr(brief_mod, "build_brief", fake_build, raising=False)
    ship = corpus.stories(query="refloat")[0]
    b1 = corpus.brief(ship.id)
    b2 = corpus.brief(ship.id)
    # two canonicals and their two copies (briefed as `brief PATHS` briefs them), one duplicate group
    assert b1.to_dict() == b2.to_dict() and calls == [(4, 1)]
    assert corpus.story(ship.id).contradictions == 0
    assert corpus.annotated(ship.article_ids[0]).pipeline == "fake"


def test_copy_arriving_in_a_later_ingest_joins_the_story(tmp_path):
    arts = fixture_articles()
    with Corpus(tmp_path / "c.db") as c:
        c.ingest_articles([arts[0], arts[3], arts[4]])
        late = A("Lindell grounding: 40 crew safe", WIRE[:2] + [WIRE[2] + " Inquiry to follow."],
                 "Hill Echo", "2024-03-06T10:00:00Z")
        report = c.ingest_articles([late])
        assert (report.added, report.duplicates) == (0, 1)
        ship = c.stories(query="refloat")[0]
        assert ship.duplicate_ids == [late.id]
        assert "Hill Echo" in ship.outlets
        assert c.duplicates_of(late.id).canonical_id == arts[0].id


def test_stories_since_rejects_junk_dates(corpus):
    from storydesk.errors import ConfigError

    with pytest.raises(ConfigError):
        corpus.stories(since="last tuesday")


def test_paging_and_search_counts_agree_and_follow_new_commits(tmp_path):
    db = tmp_path / "p.db"
    words = "amber birch cedar delta ember fjord garnet hazel iris juniper".split()
    arts = [A(f"{w}son ferry reaches {w}ville", [(f"The {w}son ferry reached {w}ville, {w}berg officials "
                                                  f"said about the {w}dal route.")], f"Outlet {w}",
              f"2024-{1 + i:02d}-1{i % 10}T08:00:00Z") for i, w in enumerate(words)]
    with Corpus(db) as c:
        c.ingest_articles(arts[:6])
        with Corpus(db, readonly=True) as ro:
            everything = ro.stories(limit=100)
            pages = [s for off in range(0, len(everything), 2) for s in ro.stories(limit=2, offset=off)]
            assert pages == everything
            days = [s.last_published for s in everything]
            assert days == sorted(days, reverse=True)
            assert ro.count_stories(query="ferry") == len(ro.stories(query="ferry", limit=100)) >= 2
            assert ro.count_stories(query="juniperville") == 0
            c.ingest_articles(arts[6:])  # another connection commits: the cached match must not stick
            assert ro.count_stories(query="juniperville") == 1
            assert ro.stories(query="juniperville")[0].label == "juniperson ferry reaches juniperville"


def test_brief_of_an_older_schema_is_rebuilt(corpus, monkeypatch):
    import importlib

    from storydesk.records import AnnotatedArticle, Brief
    from storydesk.records.brief import StoryInfo

    calls = []

    def fake_build(annotated, *, options=None, duplicates=None):
        calls.append(len(annotated))
        return Brief(story=StoryInfo(headline="rebuilt"))

    monkeypatch.setattr(importlib.import_module("storydesk.nlp.annotate"), "annotate",
                        lambda articles, options=None: [AnnotatedArticle(article=a, pipeline="fake")
                                                        for a in articles], raising=False)
    monkeypatch.setattr(importlib.import_module("storydesk.reconcile.brief"), "build_brief", fake_build,
                        raising=False)
    corpus_mod = importlib.import_module("storydesk.store.corpus")
    ship = corpus.stories(query="refloat")[0]
    monkeypatch.setattr(corpus_mod, "BRIEF_SCHEMA_VERSION", "0.9")
    corpus.brief(ship.id)
    monkeypatch.setattr(corpus_mod, "BRIEF_SCHEMA_VERSION", "1.1")
    corpus.brief(ship.id)
    corpus.brief(ship.id)
    # the brief cached under the older schema is not served: one build per schema, then the cache
    assert calls == [4, 4]
