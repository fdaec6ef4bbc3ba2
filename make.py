#!/usr/bin/env python3
"""Set up and run storydesk with nothing but Python 3.11+: `python3 make.py demo` / `python3 make.py test`.

Creates .venv, installs storydesk and the tested dependency versions (constraints.txt), then runs the
command. Re-running skips the install when nothing changed. ``STORYDESK_EXTRAS=transformer`` also
installs the optional transformer role tagger's dependencies (torch, CPU build; about 1 GB), so that its
tests run instead of skipping; CI sets it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".storydesk-installed"


def _extras() -> list[str]:
    wanted = [e.strip() for e in os.environ.get("STORYDESK_EXTRAS", "").split(",") if e.strip()]
    return ["dev", *sorted(set(wanted) - {"dev"})]


def _fingerprint() -> str:
    h = hashlib.sha256(",".join(_extras()).encode())
    for name in ("pyproject.toml", "constraints.txt"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def setup() -> None:
    if sys.version_info < (3, 11):
        sys.exit("storydesk needs Python 3.11 or newer")
    if not PY.exists():
        print("creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    print("installing storydesk and its dependencies into .venv (first run takes a few minutes)", flush=True)
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-c", "constraints.txt", "-e", f".[{','.join(_extras())}]"], check=True, cwd=ROOT)
    STAMP.write_text(_fingerprint())


def run(*args: str) -> int:
    return subprocess.call([str(PY), *args], cwd=ROOT)


def main(argv: list[str]) -> int:
    target = argv[0] if argv else "help"
    if target == "setup":
        setup()
        return 0
    if target == "demo":
        setup()
        return run("-m", "storydesk", "demo", "-o", "storydesk-demo.html")
    if target == "test":
        setup()
        return run("-m", "pytest", "-q", *argv[1:])
    print(__doc__)
    return 0 if target == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
