"""Per-file errors on stderr stay one line each when stderr is not a terminal, so logs can be grepped."""

from typer.testing import CliRunner

from storydesk.cli import app

runner = CliRunner()


def test_ingest_problem_lines_are_not_wrapped(tmp_path):
    missing = tmp_path / ("a-rather-long-folder-name-for-the-saved-pages-of-this-week" + "-x" * 10) / "page.html"
    res = runner.invoke(app, ["ingest", str(missing), "--db", str(tmp_path / "c.db"), "--no-nlp"],
                        env={"COLUMNS": "80"})
    assert res.exit_code == 2, res.output
    line = next(ln for ln in res.output.splitlines() if ln.startswith("error"))
    assert line.endswith("no such file or directory"), res.output


def test_schema_help_has_no_rst_markup():
    res = runner.invoke(app, ["schema", "--help"], env={"COLUMNS": "120"})
    assert res.exit_code == 0
    assert "``" not in res.output
