"""File names and messages are printed safely: a newline or an ESC sequence in a file name, or in the
content a message quotes, is shown as an escape, never passed to the terminal; a file with thousands of
bad records is counted after the first problems instead of flooding the terminal."""

import json

from typer.testing import CliRunner

from storydesk.cli import _PER_FILE, app

runner = CliRunner()

STORY = ("Ostra ferry keeps its winter timetable\n\n"
         "The Ostra ferry will keep its winter timetable, the operator Brenvik Sound Lines said on Monday, "
         "after the council agreed to pay for the extra crossings until the end of March.\n\n"
         "Ferry captain Ilse Varga said passengers had asked for the late crossing to stay, and that the "
         "crew were glad the decision had come before the first storms of the season.\n")


def test_escape_codes_and_newlines_in_file_names_are_escaped(tmp_path):
    evil = tmp_path / "bad\nname\x1b[31mRED\x1b]0;owned\x07.html"
    evil.write_bytes(b"")
    for cmd in (["extract", str(evil)], ["ingest", str(evil), "--db", str(tmp_path / "c.db"), "--no-nlp"]):
        res = runner.invoke(app, cmd)
        assert res.exit_code == 2, res.output
        assert "\x1b" not in res.output and "\x07" not in res.output
        line = next(ln for ln in res.output.splitlines() if ln.startswith("error"))
        assert "bad\\nname\\x1b[31mRED" in line and "[SD101]" in line


def test_problems_of_one_file_are_capped_and_counted(tmp_path):
    f = tmp_path / "export.jsonl"
    f.write_text("\n".join(json.dumps(n) for n in range(300)) + "\n" + json.dumps({"text": STORY}) + "\n")
    res = runner.invoke(app, ["extract", str(f), "-o", str(tmp_path / "out.jsonl")])
    assert res.exit_code == 2
    lines = res.output.splitlines()
    assert sum(1 for ln in lines if ln.startswith("error")) == _PER_FILE
    assert any(f"{300 - _PER_FILE} more problem(s)" in ln for ln in lines), res.output
    assert lines[-1].startswith("1 article(s), 0 warning(s), 300 error(s)")
