"""training/README.md's role-tagger commands are the scripts' own: every option the README shows for
attribution_roles.py (train, export), attribution_roles_rescore.py and attribution_heldout.py exists in the
script's --help (the rescorer once stopped being reproducible from its README command)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "training" / "README.md"


def _help(*args: str) -> str:
    out = subprocess.run([sys.executable, *args, "--help"], cwd=ROOT, capture_output=True, text=True,
                         env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"}, check=True)
    return out.stdout


def test_training_readme_roles_commands_use_only_options_the_scripts_have():
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"`([^`]*training/attribution_(?:roles|roles_rescore|heldout)\.py[^`]*)`", text)
    assert len(commands) >= 5
    helps: dict[tuple[str, ...], str] = {}
    for command in commands:
        words = command.split()
        script = next(w for w in words if w.endswith(".py"))
        key = (script, words[words.index(script) + 1]) if script.endswith("attribution_roles.py") else (script,)
        if key not in helps:
            helps[key] = _help(*key)
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", command):
            assert re.search(re.escape(option) + r"(?![\w-])", helps[key]), (command, option)
