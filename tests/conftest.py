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


BUNDLED_MODEL = REPO / "storydesk" / "models" / "en_storydesk_news"


def _bundled_model() -> None:
    if not (BUNDLED_MODEL / "meta.json").is_file():
        pytest.skip("the bundled spaCy model is not built yet")


@pytest.fixture(scope="session")
def example_brief():
    """The brief of the example corpus's largest story through the bundled pipeline, as ``storydesk demo``
    makes it; built once per test session for the test modules that read it."""
    _bundled_model()
    from storydesk.examples import example_corpus_paths
    from storydesk.reconcile.brief import brief

    return brief(example_corpus_paths(), pick=1)


@pytest.fixture(scope="session")
def coach_brief():
    """The brief of the coach-crash fixture (tests/coach_fixture.py) through the bundled pipeline, once
    per test session."""
    _bundled_model()
    from coach_fixture import coach_articles

    from storydesk.api import brief

    return brief(coach_articles())


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline (loaded once per process by ``load_pipeline``); modules that use it mark their
    tests with their own ``needs_model`` skip."""
    from storydesk.nlp.annotate import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def hedges_blank():
    """A blank English pipeline with only a sentencizer and the hedges component: the hedge cues must be
    found without tags, parses or entities too."""
    import spacy

    from storydesk.nlp.components import hedges  # noqa: F401  (registers the factory)

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.add_pipe("storydesk_hedges")
    return blank


@pytest.fixture(scope="session")
def presegment_blank():
    """A blank English pipeline with only ``storydesk_presegment``: the sentence-start rules alone."""
    import spacy

    from storydesk.nlp.components import sentences  # noqa: F401  (registers the factory)

    blank = spacy.blank("en")
    blank.add_pipe("storydesk_presegment")
    return blank


CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium, driven by Playwright, for the browser tests; skips without them."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()
