"""A bad options file is a one-line error with the config exit code, never a traceback from deep inside
a reader: wrong types, negative bounds, bytes that are not UTF-8."""

import pytest
from typer.testing import CliRunner

from storydesk.cli import app
from storydesk.errors import ConfigError
from storydesk.options import Options

runner = CliRunner()


@pytest.mark.parametrize("content, words", [
    (b'[extract]\nmax_file_bytes = "lots"\n', "must be a whole number"),
    (b"[extract]\nmax_records_per_file = -5\n", "must not be negative"),
    (b"[extract]\ninclude_tables = 1\n", "must be true or false"),
    (b"[group]\nstory_threshold = \"high\"\n", "must be a number"),
    (b"\xff\xfe[extract]\n", "cannot read options file"),
])
def test_bad_options_file_is_a_message(tmp_path, content, words):
    cfg = tmp_path / "bad.toml"
    cfg.write_bytes(content)
    page = tmp_path / "p.txt"
    page.write_text("A short text.\n")
    res = runner.invoke(app, ["extract", str(page), "--config", str(cfg)])
    assert res.exit_code == ConfigError.exit_code, res.output
    assert words in res.output and "[SD301]" in res.output
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)


def test_options_round_trip_through_a_dict_still_accepts_none_and_ints_for_floats():
    opts = Options()
    opts.nlp.model = None
    opts.extract.language = None
    again = Options.from_dict(opts.to_dict())
    assert again.extract.language is None
    assert Options.from_dict({"group": {"story_threshold": 1}}).group.story_threshold == 1
