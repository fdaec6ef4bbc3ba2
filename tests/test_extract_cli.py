"""`storydesk extract` through typer's CliRunner."""

import json
from pathlib import Path

from typer.testing import CliRunner

from storydesk.cli import app

FIX = Path(__file__).parent / "fixtures" / "extract"
runner = CliRunner()


def test_extract_writes_jsonl(tmp_path):
    out = tmp_path / "articles.jsonl"
    res = runner.invoke(
        app, ["extract", str(FIX / "news_page.html"), str(FIX / "hardwrapped.txt"), "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["method"] for r in rows] == ["trafilatura", "text-cleaner"]
    assert rows[1]["dateline"] == "CALLOWAY, May 9 (Tideline News)"
    assert rows[1]["removed"][0]["reason"]


def test_extract_reports_problems_and_exits_2(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    res = runner.invoke(app, ["extract", str(empty), str(FIX / "clean_article.txt")])
    assert res.exit_code == 2
    assert "SD101" in res.output
    assert '"method":"text-cleaner"' in res.output


def test_extract_reads_stdin():
    res = runner.invoke(app, ["extract", "-"], input=(FIX / "hardwrapped.txt").read_bytes())
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout.strip().splitlines()[0])
    assert row["source"] == "<stdin>" and row["authors"] == ["Nadia Ferrant"]
