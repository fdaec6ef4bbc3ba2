"""The skip mark for tests that need a trained spaCy pipeline: the bundled one, or the one named by
``STORYDESK_MODEL``."""

from __future__ import annotations

import os

import pytest

from storydesk.nlp.pipeline import BUNDLED_MODEL_PATH

HAVE_MODEL = bool(os.environ.get("STORYDESK_MODEL")) or (BUNDLED_MODEL_PATH / "meta.json").is_file()
needs_model = pytest.mark.skipif(not HAVE_MODEL, reason=f"bundled spaCy pipeline not found at {BUNDLED_MODEL_PATH}")
