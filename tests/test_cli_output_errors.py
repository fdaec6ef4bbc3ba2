"""A bad output path or format is a one-line error with exit code 2, found before the slow work starts."""

from typer.testing import CliRunner

from storydesk.cli import app
from storydesk.group import pick

runner = CliRunner()

PAGE = ("Lantern Gazette\n\nThe Venn river closed the old bridge in Brackwater on Tuesday after flood water "
        "reached its arches, the Brackwater council said in a statement on its website.\n\n"
        "Tomas Quayle, the council's head of roads, said the closure would last at least three days and "
        "that engineers would inspect the arches once the water had gone down.\n")


def _no_pipeline(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the articles were read although the output could never be written")

    monkeypatch.setattr(pick, "select_story", fail)


def test_brief_output_in_a_missing_folder_fails_before_the_work(tmp_path, monkeypatch):
    _no_pipeline(monkeypatch)
    (tmp_path / "page.txt").write_text(PAGE)
    target = tmp_path / "no-such-folder" / "brief.md"
    res = runner.invoke(app, ["brief", str(tmp_path / "page.txt"), "-o", str(target)])
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "cannot write" in res.output and "no-such-folder" in res.output


def test_brief_unknown_format_fails_before_the_work(tmp_path, monkeypatch):
    _no_pipeline(monkeypatch)
    (tmp_path / "page.txt").write_text(PAGE)
    res = runner.invoke(app, ["brief", str(tmp_path / "page.txt"), "--format", "pdf"])
    assert res.exit_code == 2, res.output
    assert "unknown output format 'pdf'" in res.output


def test_extract_output_in_a_missing_folder_is_a_clean_error(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE)
    res = runner.invoke(app, ["extract", str(tmp_path / "page.txt"), "-o", str(tmp_path / "nope" / "a.jsonl")])
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "cannot write" in res.output


def test_demo_output_in_a_missing_folder_fails_before_the_work(tmp_path, monkeypatch):
    from storydesk import api

    monkeypatch.setattr(api, "brief", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    res = runner.invoke(app, ["demo", "-o", str(tmp_path / "nope" / "demo.html")])
    assert res.exit_code == 2, res.output
    assert "cannot write" in res.output
