"""``int8``: the role tagger's encoder with 8-bit linear layers (torch's dynamic quantisation) scores like
the float model, and the pipeline keeps the two apart. A tiny random BERT stands in for the base package."""

from __future__ import annotations

import numpy as np
import pytest

from storydesk.nlp.components import role_tagger

WORDS = ["the", "mayor", "said", "that", "the", "ferry", "would", "reopen", "on", "monday", "."]


@pytest.fixture(scope="module")
def roles(tmp_path_factory):
    from role_tiny import tiny_base, tiny_state

    base = tiny_base(tmp_path_factory.mktemp("tinybase"))
    out = tmp_path_factory.mktemp("roles")
    role_tagger.write_role_model(tiny_state(base, change=("encoder.layer.0.", "encoder.layer.1.")), out,
                                 freeze=0, freeze_embeddings=True, base_model=base)
    return out, base


def test_role_tagger_int8_quantises_the_encoder_and_scores_close_to_float(roles):
    out, base = roles
    f32 = role_tagger.load_role_model(out, base_model=base)
    q8 = role_tagger.load_role_model(out, base_model=base, int8=True)
    linear = [type(m).__module__ for m in q8.encoder.modules() if type(m).__name__ == "Linear"]
    assert linear and all(".quantized." in kind for kind in linear)
    [a] = f32.predict([WORDS])
    [b] = q8.predict([WORDS])
    assert a.shape == b.shape == (len(WORDS), 7)
    assert float(np.abs(a - b).max()) < 0.1
    assert not np.array_equal(a, b)  # it is not the float model under another name


def test_role_tagger_int8_is_its_own_pipeline(roles, monkeypatch):
    from storydesk.nlp import annotate

    out, base = roles
    assert annotate._pipeline_key(None, str(out), True) != annotate._pipeline_key(None, str(out), False)
    import spacy

    monkeypatch.setattr(role_tagger, "base_model_dir", lambda: base)
    nlp = annotate.add_components(spacy.blank("en"), roles_model=str(out), roles_int8=True)
    assert nlp.get_pipe_config("storydesk_role_tagger")["int8"] is True
