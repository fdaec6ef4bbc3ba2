"""`storydesk ingest` / `stories` / `brief --story` through typer's CliRunner, and Dask workers."""

import json

import pytest
from typer.testing import CliRunner

from storydesk.cli import app
from storydesk.store.corpus import Corpus

runner = CliRunner()

SHIP = ("Cargo ship runs aground at Port Lindell\n\n"
        "The harbour of Port Lindell was closed on Tuesday after the cargo ship Meridian Star ran aground "
        "near the northern breakwater, the Lindell Port Authority said in a statement on its website.\n\n"
        "Harbour master Edda Kvarn said 40 crew members were evacuated and no injuries were reported. Tugs "
        "from Valmo Marine will try to refloat the vessel at high tide on Wednesday, she said.\n\n"
        "The Meridian Star was carrying timber from Norrbay to Castelmar when it lost engine power in "
        "heavy winds shortly after midnight, and drifted onto the rocks before its anchor could hold.\n")
SHIP2 = ("Meridian Star stuck off Lindell breakwater\n\n"
         "A timber freighter, the Meridian Star, has been stranded off Port Lindell since Tuesday night and "
         "the harbour is shut to all traffic until further notice, port officials in Lindell said.\n\n"
         "Edda Kvarn, the harbour master, told reporters that the 40 sailors aboard were safe and ashore. "
         "Valmo Marine salvage crews hope to pull the ship free when the tide turns.\n\n"
         "Fishermen in Lindell said the northern breakwater has been a hazard for years, and that the "
         "port had been warned about the lights at the harbour mouth after a smaller grounding in 2019.\n")
BUDGET = ("Mayor Lucia Orsini unveils Castelmar budget\n\n"
          "Castelmar mayor Lucia Orsini presented the city budget on Monday, raising spending on schools "
          "and buses by a fifth and freezing the parking charges that shop owners had complained about.\n\n"
          "The Castelmar city council will vote on the Orsini budget next month, council speaker Tomas "
          "Brenn said, adding that he expected a narrow majority in favour of the plan.\n")


@pytest.fixture()
def inbox(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "ship.txt").write_text(SHIP)
    (d / "ship2.txt").write_text(SHIP2)
    (d / "budget.txt").write_text(BUDGET)
    (d / "broken.txt").write_bytes(b"\x00\x01\x02 not text")
    return d


def test_ingest_reports_problems_and_is_idempotent(tmp_path, inbox):
    db = tmp_path / "c.db"
    res = runner.invoke(app, ["ingest", str(inbox), "--db", str(db), "--no-nlp"])
    assert res.exit_code == 2, res.output  # the broken file is an error; the rest is stored
    assert "broken.txt" in res.output and "3 article(s) added" in res.output
    res = runner.invoke(app, ["ingest", str(inbox), "--db", str(db), "--no-nlp"])
    assert "0 article(s) added" in res.output and "4 already done" in res.output
    with Corpus(db, readonly=True) as c:
        assert c.stats()["articles"] == 3
        assert c.stats()["stories"] == 2


def test_stories_json_and_query(tmp_path, inbox):
    db = tmp_path / "c.db"
    runner.invoke(app, ["ingest", str(inbox), "--db", str(db), "--no-nlp"])
    res = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    stories = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert sorted(len(s["article_ids"]) for s in stories) == [1, 2]
    res = runner.invoke(app, ["stories", "--db", str(db), "--json", "--query", "Orsini"])
    assert [json.loads(x)["label"] for x in res.output.splitlines() if x.startswith("{")] == [
        "Mayor Lucia Orsini unveils Castelmar budget"]


def test_stories_on_missing_db_is_a_clean_error(tmp_path):
    res = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 4 and "SD401" in res.output


def test_brief_story_unknown_id(tmp_path, inbox):
    db = tmp_path / "c.db"
    runner.invoke(app, ["ingest", str(inbox), "--db", str(db), "--no-nlp"])
    res = runner.invoke(app, ["brief", "--story", "s-unknown", "--db", str(db)])
    assert res.exit_code == 5 and "SD501" in res.output


def test_ingest_with_two_dask_workers(tmp_path, inbox):
    pytest.importorskip("dask.distributed")
    db = tmp_path / "c.db"
    with Corpus(db) as c:
        report = c.ingest([str(inbox)], workers=2, nlp=False)
    assert report.added == 3 and len(report.errors) == 1
    with Corpus(db, readonly=True) as c:
        assert c.stats()["stories"] == 2


def test_ingest_through_an_existing_scheduler(tmp_path, inbox):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with Corpus(tmp_path / "c.db") as c:
            report = c.ingest([str(inbox)], scheduler=cluster.scheduler_address, nlp=False)
    assert report.added == 3 and report.sources == 4


def test_missing_nlp_pipeline_stops_ingest_with_a_model_error(tmp_path, inbox, monkeypatch):
    from storydesk.errors import ModelError
    from storydesk.store import workers

    def no_pipeline(articles, opts):
        raise ModelError("no pipeline here")

    monkeypatch.setattr(workers, "_annotate", no_pipeline)
    res = runner.invoke(app, ["ingest", str(inbox), "--db", str(tmp_path / "c.db")])
    assert res.exit_code == 3 and "SD201" in res.output
    with Corpus(tmp_path / "c.db", readonly=True) as c:
        assert c.stats()["articles"] == 0
