"""`storydesk stories` prints untrusted headlines literally and ids whole, so `brief --story ID` can use them."""

import json

from typer.testing import CliRunner

from storydesk.cli import app

runner = CliRunner()

ODD = ("Harbour row [/] latest [red] update [/red] from Port Lindell council chamber tonight\n\n"
       "May 12, 2026\n\n"
       "The harbour of Port Lindell was closed on Tuesday after the cargo ship Meridian Star ran aground "
       "near the northern breakwater, the Lindell Port Authority said in a statement on its website.\n\n"
       "Harbour master Edda Kvarn said 40 crew members were evacuated and no injuries were reported. Tugs "
       "from Valmo Marine will try to refloat the vessel at high tide on Wednesday, she said.\n")


def test_stories_table_shows_markup_like_headlines_and_whole_ids(tmp_path):
    (tmp_path / "odd.txt").write_text(ODD)
    db = tmp_path / "c.db"
    res = runner.invoke(app, ["ingest", str(tmp_path / "odd.txt"), "--db", str(db), "--no-nlp"])
    assert res.exit_code == 0, res.output
    story_id = json.loads(runner.invoke(app, ["stories", "--db", str(db), "--json"]).stdout.splitlines()[0])["id"]
    res = runner.invoke(app, ["stories", "--db", str(db)], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert story_id in res.stdout
    flat = " ".join(res.stdout.replace("│", " ").split())
    assert "[/]" in flat and "[red] update [/red]" in flat
    assert "2026-05-12" in res.stdout  # the dates whole, not cut to "2026-05-1…"
