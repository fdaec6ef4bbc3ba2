"""The extraction benchmark recognises both layouts and prints one table (tiny hand-made folders)."""

import gzip
import json
from pathlib import Path

from repo_scripts import load_script

FIX = Path(__file__).parent / "fixtures" / "extract"


def _bench():
    return load_script("benchmarks/extraction.py")


def test_article_extraction_benchmark_layout(tmp_path, capsys):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress((FIX / "news_page.html").read_bytes()))
    body = "The lantern festival at Oskar Quay will return this month for the first time in four years."
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body, "url": "u"}}))
    assert _bench().main(["--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "article-extraction-benchmark: 1 pages" in out
    rows = [line for line in out.splitlines() if line.startswith("| storydesk html")]
    recall = float(rows[0].split("|")[3])
    assert recall == 1.0


def test_trafilatura_eval_layout(tmp_path, capsys):
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "p.html.gz").write_bytes(gzip.compress((FIX / "news_page.html").read_bytes()))
    (tmp_path / "evaldata.json").write_text(
        json.dumps(
            {
                "https://x": {
                    "file": "p.html",
                    "with": ["Quay Street and the lower end of Mill Lane"],
                    "without": ["All rights reserved", "Hope they sort out the parking"],
                }
            }
        )
    )
    assert _bench().main(["--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| storydesk html"))
    assert row.split("|")[5].strip() == "1.000"  # F1


def test_the_scraper_decodes_pages_without_a_declared_charset():
    page = "<html><body><p>Die Fähre über den Hafen fährt seit März nicht mehr.</p></body></html>"
    assert (
        _bench().scrape_text(page.encode("utf-8")) == "Die Fähre über den Hafen fährt seit März nicht mehr."
    )
    declared = '<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><meta charset="iso-8859-1"></head>'
    flat = _bench().scrape_text((declared + "<body><p>Fähre</p></body></html>").encode("latin-1"))
    assert flat == "Fähre"
