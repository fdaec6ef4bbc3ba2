"""The learned half of the plain-text cleaner: a small gradient-boosted tree model over block features.

The rules in ``text.py`` judge each block by shape, position, topic and cue phrases; their weights were
set by hand. The model here weighs the same evidence (plus the rules' own decisions and the neighbouring
blocks') with weights learnt from pages flattened to plain text exactly as a scraper does: each block
was labelled by whether trafilatura, reading the *HTML* of the same page, kept it (distillation: the
DOM evidence trafilatura uses is gone from the text, but how the blocks it keeps look is learnable),
and blocks holding one of the trafilatura benchmark's hand-picked must/must-not snippets by that
snippet, with a higher weight.
``training/text_cleaner.py`` builds the model; it ships as ``text_model.json`` (trees as flat arrays).

Prediction runs the trees with numpy, all blocks of a page at once (scikit-learn is only needed to
train; a pickled estimator would tie the package to one scikit-learn version and is unsafe to load).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["MODEL_PATH", "STACK", "TextModel", "load_model", "stack_features"]

MODEL_PATH = Path(__file__).with_name("text_model.json")


# What a second stage sees besides the block features: the first stage's verdicts on the block and
# around it (content comes in runs; a lone "content" block among boilerplate is suspect, and so is a
# lone gap in the body).
STACK = (
    "p1_logit",
    "p1_prev",
    "p1_next",
    "p1_prev2",
    "p1_next2",
    "p1_near3",
    "p1_near10",
    "p1_page_mean",
    "p1_between",
    "p1_dist",
)


def stack_features(p1: np.ndarray) -> np.ndarray:
    """``STACK`` columns for blocks whose first-stage P(content) is ``p1`` (in page order)."""
    n = len(p1)
    if n == 0:
        return np.zeros((0, len(STACK)))
    p = np.clip(p1, 1e-6, 1 - 1e-6)
    idx = np.arange(n)

    def shift(k: int) -> np.ndarray:
        out = np.zeros(n)
        if k > 0:
            out[k:] = p[:-k] if k < n else 0
        else:
            out[:k] = p[-k:] if -k < n else 0
        return out

    cs = np.concatenate([[0.0], np.cumsum(p)])
    near = []
    for w in (3, 10):
        lo, hi = np.maximum(0, idx - w), np.minimum(n, idx + w + 1)
        near.append((cs[hi] - cs[lo] - p) / np.maximum(1, hi - lo - 1))
    on = np.flatnonzero(p >= 0.5)
    if len(on):
        between = ((idx >= on[0]) & (idx <= on[-1])).astype(float)
        pos = np.searchsorted(on, idx)
        d_next = np.abs(on[np.minimum(pos, len(on) - 1)] - idx)
        d_prev = np.abs(idx - on[np.maximum(pos - 1, 0)])
        dist = np.minimum(np.minimum(d_next, d_prev), 20) / 20.0
    else:
        between, dist = np.zeros(n), np.ones(n)
    return np.stack(
        [
            np.log(p / (1 - p)),
            shift(1),
            shift(-1),
            shift(2),
            shift(-2),
            near[0],
            near[1],
            np.full(n, p.mean()),
            between,
            dist,
        ],
        axis=1,
    )


@dataclass(frozen=True)
class TextModel:
    """Boosted trees concatenated into flat node arrays; ``roots[t]`` is tree t's first node."""

    features: tuple[str, ...]
    baseline: float
    threshold: float  # keep a block when P(content) >= threshold
    margin: float  # ...but overturn the rules' verdict only beyond threshold +/- margin
    min_blocks: int  # and only on pages of at least this many blocks (whole scraped pages)
    feature: np.ndarray  # int32 per node (-1 at leaves)
    split: np.ndarray  # float64 per node: go left when x <= split
    left: np.ndarray  # int32 per node (self at leaves)
    right: np.ndarray
    value: np.ndarray  # float64 per node (leaf values, 0 elsewhere)
    roots: np.ndarray
    depth: int
    info: dict
    stage2: TextModel | None = None  # sees features + STACK (the first stage's verdicts around it)
    # which of the rules' verdicts the model may overturn: "weak" (drop kept blocks, restore blocks
    # dropped only for their position) or "all" (every block but the header lines)
    overturn: str = "weak"
    # with "all": how much surer than ``threshold`` it must be to bring back a block the rules dropped
    # as an off-topic paragraph or a teaser (the rules' topical evidence against it)
    strong_margin: float = 0.0

    @classmethod
    def from_dict(cls, d: dict) -> TextModel:
        feature, split, left, right, value, roots = [], [], [], [], [], []
        depth = 0
        for tree in d["trees"]:
            off = len(feature)
            roots.append(off)
            is_leaf = tree["leaf"]
            for k in range(len(is_leaf)):
                if is_leaf[k]:
                    feature.append(-1)
                    split.append(0.0)
                    left.append(off + k)
                    right.append(off + k)
                    value.append(float(tree["value"][k]))
                else:
                    feature.append(int(tree["feature"][k]))
                    split.append(float(tree["split"][k]))
                    left.append(off + int(tree["left"][k]))
                    right.append(off + int(tree["right"][k]))
                    value.append(0.0)
            depth = max(depth, int(tree.get("depth", 32)))
        stage2 = cls.from_dict(d["stage2"]) if d.get("stage2") else None
        if stage2 is not None and stage2.features != tuple(d["features"]) + STACK:
            raise ValueError("second stage of the text model does not extend the first's features")
        n_feat = len(d["features"])
        if any(f >= n_feat for f in feature):
            raise ValueError("text model refers to a feature it does not declare")
        return cls(
            features=tuple(d["features"]),
            baseline=float(d["baseline"]),
            threshold=float(d.get("threshold", 0.5)),
            margin=float(d.get("margin", 0.0)),
            min_blocks=int(d.get("min_blocks", 0)),
            feature=np.asarray(feature, dtype=np.int32),
            split=np.asarray(split, dtype=np.float64),
            left=np.asarray(left, dtype=np.int32),
            right=np.asarray(right, dtype=np.int32),
            value=np.asarray(value, dtype=np.float64),
            roots=np.asarray(roots, dtype=np.int32),
            depth=depth,
            info=dict(d.get("info", {})),
            stage2=stage2,
            overturn="all" if d.get("overturn") == "all" else "weak",
            strong_margin=float(d.get("strong_margin", 0.0)),
        )

    def decision(self, x: np.ndarray) -> np.ndarray:
        """Raw log-odds of "content" per row of ``x`` (rows = blocks, columns = ``self.features``)."""
        n = x.shape[0]
        if n == 0 or len(self.roots) == 0:
            return np.full(n, self.baseline)
        rows = np.arange(n)[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        for _ in range(self.depth):
            f = self.feature[node]
            leaf = f < 0
            if leaf.all():
                break
            go_left = x[rows, np.where(leaf, 0, f)] <= self.split[node]
            node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
        return self.baseline + self.value[node].sum(axis=1)

    def proba(self, x: np.ndarray) -> np.ndarray:
        """P(content) per block, through the second stage when there is one."""
        p = 1.0 / (1.0 + np.exp(-self.decision(x)))
        if self.stage2 is not None:
            return self.stage2.proba(np.hstack([x, stack_features(p)]))
        return p


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> TextModel | None:
    """The packaged model (or the one at ``path``); None when the file is missing or unreadable, in
    which case the cleaner runs on its rules alone."""
    p = Path(path) if path else MODEL_PATH
    try:
        return TextModel.from_dict(json.loads(p.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
