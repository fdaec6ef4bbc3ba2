"""Shared test fixtures.

Tests that need the evaluation datasets use ``shared_data``: it points at ``$STORYDESK_SHARED_DATA`` or
``../shared/data`` beside the repository, and skips with a message when that folder is absent (a user's
machine has no such folder; the core tests never need it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def shared_data_dir() -> Path:
    env = os.environ.get("STORYDESK_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"shared evaluation data not found at {path} (set STORYDESK_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def example_corpus() -> Path:
    return EXAMPLES / "corpus"


@pytest.fixture(scope="session")
def annotated_examples():
    """(answer key, annotated articles) of the bundled example corpus, annotated once per test session
    for every test that checks planted quotes, attributions or hedges."""
    import json

    key_path = EXAMPLES / "answer_key.json"
    if not key_path.is_file():
        pytest.skip("examples/answer_key.json not found")
    from storydesk.extraction import extract
    from storydesk.nlp.annotate import annotate

    key = json.loads(key_path.read_text(encoding="utf-8"))
    return key, annotate(extract([str(EXAMPLES / "corpus")]).articles)
