"""training/attribution_roles.py train: a run stopped and continued from its checkpoint ends with the same
weights as one never stopped (a fold tagger takes hours on a shared machine and may be stopped), and a
checkpoint of another run is refused. A tiny random BERT stands in for the base package; fictional words."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import attribution_roles  # noqa: E402

_SENTENCES = [["the", "mayor", "said", "that", "the", "ferry", "would", "reopen", "on", "monday", "."],
              ["mara", "venn", "told", "reporters", "the", "harbour", "bridge", "was", "safe", "."],
              ["the", "council", "said", "it", "was", "not", "safe", ",", "quill", "said", "."],
              ["corvale", "ferry", "tarnwick", "bridge", "reopen", "monday", "."]]


@pytest.fixture
def tiny_training(tmp_path, monkeypatch):
    pytest.importorskip("torch", reason="needs storydesk[transformer]")
    transformers = pytest.importorskip("transformers", reason="needs storydesk[transformer]")
    from role_tiny import tiny_base

    base = tiny_base(tmp_path / "base")
    rng = np.random.default_rng(0)
    words = [_SENTENCES[i % 4] for i in range(8)]
    labels = [(rng.random((len(w), 7)) < 0.3).astype(np.int8) for w in words]
    monkeypatch.setattr(attribution_roles, "_load_data", lambda args: (words, labels))
    # a fresh encoder on every call: training changes it in place
    monkeypatch.setattr(attribution_roles, "_base_tokenizer_and_encoder", lambda: (
        transformers.AutoTokenizer.from_pretrained(str(base)), transformers.AutoModel.from_pretrained(str(base))))
    return ["train", "--data", str(tmp_path), "--fold", "3", "--freeze", "0", "--epochs", "2", "--bs", "2",
            "--lr", "1e-3", "--threads", "1"]


def _state(path: Path) -> dict:
    import torch

    return torch.load(path, map_location="cpu", weights_only=True)


def test_roles_train_continued_from_its_checkpoint_ends_as_a_run_never_stopped(tiny_training, tmp_path):
    import torch

    assert attribution_roles.main([*tiny_training, "--out", str(tmp_path / "whole.pt")]) == 0
    ckpt = tmp_path / "run.ckpt"
    cmd = [*tiny_training, "--checkpoint", str(ckpt), "--checkpoint-every", "1", "--out", str(tmp_path / "cont.pt")]
    assert attribution_roles.main([*cmd, "--stop-after", "2"]) == 0
    assert ckpt.is_file() and not (tmp_path / "cont.pt").exists()  # stopped: no model yet
    stopped = _state(ckpt)
    assert int(stopped["step"]) == 2
    assert attribution_roles.main(cmd) == 0
    whole, cont = _state(tmp_path / "whole.pt"), _state(tmp_path / "cont.pt")
    assert whole.keys() == cont.keys()
    assert all(torch.equal(whole[k], cont[k]) for k in whole)
    # the weights at the stop are not the final ones: the comparison above can fail
    assert not all(torch.equal(whole[k], stopped["model"][k]) for k in whole)


def test_roles_train_refuses_to_continue_another_runs_checkpoint(tiny_training, tmp_path):
    ckpt = tmp_path / "run.ckpt"
    assert attribution_roles.main([*tiny_training, "--checkpoint", str(ckpt), "--stop-after", "1"]) == 0
    other = [a if a != "1e-3" else "2e-3" for a in tiny_training]  # another learning rate
    with pytest.raises(SystemExit, match="another run's checkpoint"):
        attribution_roles.main([*other, "--checkpoint", str(ckpt)])
    with pytest.raises(SystemExit, match="needs --checkpoint"):
        attribution_roles.main([*tiny_training, "--stop-after", "1"])
