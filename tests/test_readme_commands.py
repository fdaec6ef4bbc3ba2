"""The README's commands are the CLI's: every `storydesk CMD --option` it shows exists, and it tells a new
user where the `storydesk` command is after `python3 make.py demo` (it is not on PATH)."""

import re
from pathlib import Path

from typer.testing import CliRunner

from storydesk.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
runner = CliRunner()


def test_readme_says_where_the_command_is():
    text = README.read_text(encoding="utf-8")
    assert ".venv/bin/storydesk" in text or "source .venv/bin/activate" in text


def test_every_command_and_option_in_the_readme_exists():
    text = README.read_text(encoding="utf-8")
    blocks = "\n".join(re.findall(r"^```sh\n(.*?)^```", text, re.MULTILINE | re.DOTALL))
    lines = [ln.split("#")[0] for ln in re.findall(r"^storydesk [a-z].*$", blocks, re.MULTILINE)]
    assert len(lines) >= 8
    for line in lines:
        command = line.split()[1]
        res = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert res.exit_code == 0, (line, res.output)
        for option in re.findall(r"(?<!\S)(--?[a-z][a-z-]*)", line):
            assert option in res.output, (line, option)
