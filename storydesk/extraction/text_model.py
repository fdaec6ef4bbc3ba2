"""The learned half of the plain-text cleaner: gradient-boosted trees over block features, optionally
averaged with a linear-chain CRF over the page's blocks.

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
The CRF (``ChainCRF``: the trees see their neighbours' features, the CRF also the neighbours' labels,
since boilerplate comes in runs) is trained with CRFsuite and likewise shipped as plain weights; its
marginals come from a two-label forward-backward pass here, so CRFsuite is only needed to train.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["MODEL_PATH", "STACK", "ChainCRF", "TextModel", "load_model", "stack_features"]

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
class ChainCRF:
    """A linear-chain CRF over a page's blocks (labels boilerplate/content), trained with CRFsuite on
    the same features, each cut into quantile bins (plus its raw value); only the marginals are
    needed, by forward-backward over the two labels (CRFsuite is only needed to train).

    A block's state score is the sum of its bins' weights (``bin_weights[j][bin of feature j]``), of
    ``raw_weights * x`` and ``bias``, all as content-minus-boilerplate differences (a constant added
    to both labels at a position cancels out); ``transitions[a][b]`` scores label a followed by b."""

    edges: tuple[np.ndarray | None, ...]  # per feature: bin edges, or None for a 0/1 feature
    bin_weights: tuple[np.ndarray, ...]  # per feature: one weight per bin (two for a 0/1 feature)
    raw_weights: np.ndarray
    bias: float
    transitions: np.ndarray  # 2x2

    @classmethod
    def from_dict(cls, d: dict, n_features: int) -> ChainCRF:
        edges = tuple(None if e is None else np.asarray(e, dtype=np.float64) for e in d["edges"])
        weights = tuple(np.asarray(w, dtype=np.float64) for w in d["bin_weights"])
        raw = np.asarray(d["raw_weights"], dtype=np.float64)
        trans = np.asarray(d["transitions"], dtype=np.float64)
        # it may read only the first of the trees' features (the trees can have more)
        if not (len(edges) == len(weights) == len(raw) <= n_features) or trans.shape != (2, 2):
            raise ValueError("CRF section of the text model does not match its features")
        for e, w in zip(edges, weights):
            if len(w) != (2 if e is None else len(e) + 1):
                raise ValueError("CRF section of the text model has a bin without a weight")
        return cls(edges, weights, raw, float(d["bias"]), trans)

    def unary(self, x: np.ndarray) -> np.ndarray:
        """Content-minus-boilerplate state score per block."""
        u = np.full(x.shape[0], self.bias) + x[:, : len(self.raw_weights)] @ self.raw_weights
        for j, (e, w) in enumerate(zip(self.edges, self.bin_weights)):
            col = x[:, j]
            u += w[(col > 0.5).astype(np.intp)] if e is None else w[np.searchsorted(e, col, side="right")]
        return u

    def proba(self, x: np.ndarray) -> np.ndarray:
        """P(content) per block: the CRF's marginals over the page (rows in page order)."""
        n = x.shape[0]
        if n == 0:
            return np.zeros(0)
        u = self.unary(x)
        t = self.transitions
        # forward-backward in log space, two labels: plain floats beat numpy on 2-vectors
        t00, t01, t10, t11 = float(t[0, 0]), float(t[0, 1]), float(t[1, 0]), float(t[1, 1])

        def lae(a: float, b: float) -> float:
            return (a if a > b else b) + math.log1p(math.exp(-abs(a - b)))

        fa0, fa1 = [0.0] * n, [0.0] * n
        a0, a1 = 0.0, float(u[0])
        fa0[0], fa1[0] = a0, a1
        uu = u.tolist()
        for i in range(1, n):
            a0, a1 = (lae(a0 + t00, a1 + t10)), (lae(a0 + t01, a1 + t11)) + uu[i]
            m = max(a0, a1)
            a0, a1 = a0 - m, a1 - m
            fa0[i], fa1[i] = a0, a1
        b0 = b1 = 0.0
        out = np.empty(n)
        for i in range(n - 1, -1, -1):
            s0, s1 = fa0[i] + b0, fa1[i] + b1
            out[i] = 1.0 / (1.0 + math.exp(min(700.0, s0 - s1)))
            if i:
                nb0 = (lae(t00 + b0, t01 + uu[i] + b1))
                nb1 = (lae(t10 + b0, t11 + uu[i] + b1))
                m = max(nb0, nb1)
                b0, b1 = nb0 - m, nb1 - m
        return out


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
    # a CRF over the page's blocks whose marginals are averaged with the trees' P(content), with
    # weight ``crf_weight`` (the two families err on different blocks)
    crf: ChainCRF | None = None
    crf_weight: float = 0.0
    # word -> log-odds of content, for the block features ``text._LEXICON`` (learnt with the trees)
    lexicon: dict[str, float] | None = None

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
        lexicon = d.get("lexicon")
        if lexicon is not None:
            if not isinstance(lexicon, dict):
                raise ValueError("text model lexicon is not a mapping")
            lexicon = {str(w): float(v) for w, v in lexicon.items()}
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
            crf=ChainCRF.from_dict(d["crf"], n_feat) if d.get("crf") else None,
            crf_weight=float(d.get("crf_weight", 0.0)) if d.get("crf") else 0.0,
            lexicon=lexicon,
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
            p = self.stage2.proba(np.hstack([x, stack_features(p)]))
        if self.crf is not None and self.crf_weight > 0:
            # the CRF needs every block of the page, in order (the caller passes all rows)
            p = (1.0 - self.crf_weight) * p + self.crf_weight * self.crf.proba(x)
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
