"""Corpus ingest splits a story that the online pass merged from two events (fictional reports)."""

import sqlite3

import pytest

from storydesk.group.stories import story_id_of
from storydesk.options import Options
from storydesk.records import Article
from storydesk.store.corpus import Corpus


def A(title, body, outlet, day):
    return Article(source=f"{outlet}/{title}", title=title, paragraphs=[body], outlet=outlet, published=day)


# two fires at one fictional firm: same kind of event and firm, different town, people and damage
BRENNICK = [
    A("Halvard Foods warehouse burns in Brennick",
      "A fire gutted the Halvard Foods cold-storage warehouse in Brennick overnight. Fire chief Tomas "
      "Reyl said forty firefighters from Brennick and Lusk fought flames that collapsed the roof. "
      "Nobody was hurt; frozen fish and grain stocks were lost.", "Brennick Courier", "2024-03-05T06:00:00Z"),
    A("Roof collapses as Brennick warehouse fire spreads",
      "Flames tore through the Halvard Foods warehouse on Mill Road in Brennick, chief Tomas Reyl said, "
      "and the roof collapsed before dawn. Crews from Lusk helped. Grain and frozen fish stocks burned; "
      "no injuries were reported.", "Lusk Ledger", "2024-03-05T09:00:00Z"),
    A("Brennick fire: Halvard warehouse a total loss",
      "The Halvard Foods warehouse in Brennick is a total loss after the overnight fire, according to "
      "Tomas Reyl, the Brennick fire chief. The collapsed roof and burned grain stocks will take weeks "
      "to clear from Mill Road.", "Valley Herald", "2024-03-06T08:00:00Z"),
    A("Mill Road reopens after Brennick warehouse blaze",
      "Brennick reopened Mill Road beside the burned Halvard Foods warehouse. Chief Tomas Reyl said "
      "investigators from Lusk suspect faulty wiring in the cold-storage plant where the roof fell in "
      "and the grain was lost.", "Brennick Courier", "2024-03-07T08:00:00Z"),
]
OSTERBY = [
    A("Fire at Halvard Foods depot in Osterby",
      "A fire broke out at the Halvard Foods distribution depot in Osterby harbour, forcing twelve "
      "workers to flee. Station officer Mara Lind said a forklift battery caught fire in the loading "
      "bay.", "Osterby Post", "2024-03-06T07:00:00Z"),
    A("Osterby depot evacuated after forklift battery fire",
      "Twelve workers were evacuated from the Halvard Foods depot at Osterby harbour when a forklift "
      "battery burst into flames in the loading bay, officer Mara Lind of the Osterby station said.",
      "Harbour Wire", "2024-03-06T10:00:00Z"),
    A("Loading bay damaged in Osterby harbour fire",
      "Mara Lind, the Osterby station officer, said the loading bay of the Halvard Foods depot was badly "
      "damaged by the forklift battery fire. The twelve evacuated workers returned to the harbour site "
      "in the afternoon.", "Osterby Post", "2024-03-07T09:00:00Z"),
    A("Halvard Foods to check forklift batteries after Osterby fire",
      "After the Osterby harbour depot fire, Halvard Foods said every forklift battery would be checked. "
      "Officer Mara Lind said the loading bay blaze started while twelve workers were unloading.",
      "Valley Herald", "2024-03-08T08:00:00Z"),
]
# exact copies (same text, other outlet): stored as copies of a canonical, they follow its story
COPY_O2 = A(OSTERBY[1].title, OSTERBY[1].paragraphs[0], "Coast Relay", "2024-03-06T11:00:00Z")
COPY_B1 = A(BRENNICK[0].title, BRENNICK[0].paragraphs[0], "Lusk Ledger", "2024-03-05T07:00:00Z")
LATER_OSTERBY = A(
    "Osterby harbour depot reopens loading bay after fire",
    "The Halvard Foods depot at Osterby harbour reopened its loading bay, station officer Mara Lind said. "
    "The twelve workers who fled the forklift battery fire were back at work and every forklift battery "
    "had been checked.", "Harbour Wire", "2024-03-09T08:00:00Z")


def _opts(**group):
    # a very low joining threshold makes the online pass merge the two fires into one story
    return Options.from_dict({"group": {"story_threshold": 0.01, **group}})


def _first_batch():
    return BRENNICK + OSTERBY + [COPY_O2, COPY_B1]


def _snapshot(path):
    con = sqlite3.connect(path)
    try:
        return (sorted(con.execute("SELECT id, label, n_articles, n_duplicates, state FROM stories")),
                sorted(con.execute("SELECT story_id, article_id, score FROM story_articles")),
                sorted(con.execute("SELECT id, story_id FROM articles")))
    finally:
        con.close()


def _check_consistent(path):
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # a member's story is the one story_articles names; a copy's story is its canonical's
        assert con.execute("SELECT count(*) FROM story_articles s JOIN articles a ON a.id = s.article_id "
                           "WHERE a.story_id IS NOT s.story_id").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM articles a JOIN articles c ON c.id = a.canonical_id "
                           "WHERE a.story_id IS NOT c.story_id").fetchone()[0] == 0
        # the cached counts agree with the rows
        assert con.execute(
            "SELECT count(*) FROM stories s WHERE n_articles != (SELECT count(*) FROM story_articles x "
            "WHERE x.story_id = s.id) OR n_duplicates != (SELECT count(*) FROM articles a WHERE "
            "a.story_id = s.id AND a.canonical_id IS NOT NULL)").fetchone()[0] == 0
    finally:
        con.close()


def _by_first(corpus):
    return {s.article_ids[0]: s for s in corpus.stories(limit=50)}


def test_without_the_split_the_online_pass_merges_the_fires(tmp_path):
    with Corpus(tmp_path / "c.db", options=_opts(split_ncut=0.0)) as c:
        report = c.ingest_articles(_first_batch())
        assert report.stories_split == 0
        assert [len(s.article_ids) for s in c.stories(limit=50)] == [8]


def test_ingest_splits_a_merged_story_with_its_copies(tmp_path):
    path = tmp_path / "c.db"
    with Corpus(path, options=_opts()) as c:
        report = c.ingest_articles(_first_batch())
        assert (report.added, report.duplicates, report.stories_split) == (8, 2, 1)
        assert "1 split" in report.summary()
        stories = _by_first(c)
        b1, o1 = BRENNICK[0].id, OSTERBY[0].id
        assert set(stories) == {b1, o1}
        brennick, osterby = stories[b1], stories[o1]
        assert sorted(brennick.article_ids) == sorted(a.id for a in BRENNICK)
        assert sorted(osterby.article_ids) == sorted(a.id for a in OSTERBY)
        # the part holding the story's first article keeps the id; the other is named after its own
        assert brennick.id == story_id_of(b1) and osterby.id == story_id_of(o1)
        # COPY_B1 has B1's text, so it is stored under a new id; find copies by outlet
        assert [c.article(x).outlet for x in brennick.duplicate_ids] == ["Lusk Ledger"]
        assert [c.article(x).outlet for x in osterby.duplicate_ids] == ["Coast Relay"]
        assert osterby.label in {a.title for a in OSTERBY}
        assert set(osterby.outlets) == {a.outlet for a in OSTERBY} | {"Coast Relay"}
        assert osterby.first_published.startswith("2024-03-06")
        assert osterby.last_published.startswith("2024-03-08")
        assert "mara lind" in osterby.top_entities and "tomas reyl" not in osterby.top_entities
        assert c.story(osterby.id) == osterby
        assert [a.id for a in c.articles(osterby.id)] == osterby.article_ids
        with_copies = c.articles(osterby.id, include_copies=True)
        assert [a.outlet for a in with_copies][-1] == "Coast Relay"
        assert c.stats()["stories"] == 2 and c.stats()["unclustered"] == 0
    _check_consistent(path)


def test_reingest_adds_and_splits_nothing(tmp_path):
    path = tmp_path / "c.db"
    with Corpus(path, options=_opts()) as c:
        c.ingest_articles(_first_batch())
        before = _snapshot(path)
        report = c.ingest_articles(_first_batch())
        assert (report.added, report.duplicates, report.stories_split) == (0, 0, 0)
        assert report.skipped == len(_first_batch())
    assert _snapshot(path) == before
    _check_consistent(path)


def test_a_later_report_joins_the_right_split_story(tmp_path):
    path = tmp_path / "c.db"
    with Corpus(path, options=_opts()) as c:
        c.ingest_articles(_first_batch())
        report = c.ingest_articles([LATER_OSTERBY])
        assert (report.added, report.stories_new, report.stories_updated) == (1, 0, 1)
        stories = _by_first(c)
        assert set(stories) == {BRENNICK[0].id, OSTERBY[0].id}
        assert LATER_OSTERBY.id in stories[OSTERBY[0].id].article_ids
        assert len(stories[BRENNICK[0].id].article_ids) == 4
        assert stories[OSTERBY[0].id].last_published.startswith("2024-03-09")
    _check_consistent(path)


def test_a_run_killed_before_the_split_check_is_split_by_the_next_run(tmp_path, monkeypatch):
    path = tmp_path / "c.db"
    with Corpus(path, options=_opts()) as c:
        def killed(self, report, cl):
            raise KeyboardInterrupt

        monkeypatch.setattr(Corpus, "_split_stories", killed)
        with pytest.raises(KeyboardInterrupt):
            c.ingest_articles(_first_batch())
        assert [len(s.article_ids) for s in c.stories(limit=50)] == [8]  # assignments were committed
        _check_consistent(path)
        monkeypatch.undo()
        report = c.ingest_articles(_first_batch())
        assert (report.added, report.stories_split) == (0, 1)
        assert sorted(len(s.article_ids) for s in c.stories(limit=50)) == [4, 4]
    _check_consistent(path)


def test_split_is_one_transaction(tmp_path, monkeypatch):
    # a failure while the split is written leaves the merged story as it was, and a rerun splits it
    import storydesk.store.corpus as corpus_mod

    path = tmp_path / "c.db"
    real_refresh, real_split = corpus_mod._refresh_counts, Corpus._split_stories

    def fail(con, story_id):
        raise OSError("disk gone")

    def split_then_fail(self, report, cl):
        # only the split's write fails: the assignment writes before it went through
        monkeypatch.setattr(corpus_mod, "_refresh_counts", fail)
        try:
            return real_split(self, report, cl)
        finally:
            monkeypatch.setattr(corpus_mod, "_refresh_counts", real_refresh)

    with Corpus(path, options=_opts()) as c:
        monkeypatch.setattr(Corpus, "_split_stories", split_then_fail)
        with pytest.raises(OSError, match="disk gone"):
            c.ingest_articles(_first_batch())
        assert [len(s.article_ids) for s in c.stories(limit=50)] == [8]
        assert [len(s.duplicate_ids) for s in c.stories(limit=50)] == [2]
        _check_consistent(path)
        monkeypatch.setattr(Corpus, "_split_stories", real_split)
        report = c.ingest_articles(_first_batch())
        assert report.stories_split == 1
        assert sorted(len(s.article_ids) for s in c.stories(limit=50)) == [4, 4]
    _check_consistent(path)
