"""The extraction benchmark's speed comparison: each extractor runs first on half of the pages, and
repeated passes give one table with the median and each pass's storydesk/trafilatura ratio."""

import gzip
import itertools
import json
import re
from pathlib import Path

from repo_scripts import load_script

FIX = Path(__file__).parent / "fixtures" / "extract"


def _bench():
    return load_script("benchmarks/extraction.py")


def test_each_method_runs_before_each_other_on_half_of_the_pages():
    bench = _bench()
    for a, b in itertools.permutations(bench.METHODS, 2):
        first = sum(bench.method_order(n).index(a) < bench.method_order(n).index(b) for n in range(8))
        assert first == 4, (a, b)
    assert all(sorted(bench.method_order(n)) == sorted(bench.METHODS) for n in range(16))


def test_repeated_passes_print_one_table_with_each_pass_ratio(tmp_path, capsys):
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "p.html.gz").write_bytes(gzip.compress((FIX / "news_page.html").read_bytes()))
    gold = {"file": "p.html", "with": ["Quay Street and the lower end of Mill Lane"], "without": []}
    (tmp_path / "evaldata.json").write_text(json.dumps({"https://x": gold}))
    assert _bench().main(["--data", str(tmp_path), "--repeats", "3"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    assert "3 pass(es)" in header and "DIFFERED" not in header
    assert len(re.findall(r"-?\d+\.\d%", header.split("passes ")[1].split(")")[0])) == 3
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(rows) == 5  # the column names and the four methods: one table
    row = next(line for line in rows if line.startswith("| storydesk html"))
    assert row.split("|")[5].strip() == "1.000"  # F1
