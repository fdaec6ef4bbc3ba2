"""The plain-text cleaner's CRF over a page's blocks and the page-relative features: marginals, how the
CRF's verdict joins the trees', and the export of a CRFsuite model (hand-made weights; no shipped
model or shared data needed)."""

import itertools

import numpy as np
import pytest
from repo_scripts import load_script
from test_extract_text_model import ARTICLE, BODY, _constant

from storydesk.extraction import text as T
from storydesk.extraction.text_model import ChainCRF, TextModel


def _crf(n_features: int, *, bias: float = 0.0, transitions=((0.0, 0.0), (0.0, 0.0)), raw=None) -> dict:
    """A CRF section with every feature a 0/1 feature of weight 0 (only bias, raw weights and
    transitions matter)."""
    return {
        "edges": [None] * n_features,
        "bin_weights": [[0.0, 0.0]] * n_features,
        "raw_weights": list(raw if raw is not None else [0.0] * n_features),
        "bias": bias,
        "transitions": [list(t) for t in transitions],
    }


def _brute_force(u: np.ndarray, t: np.ndarray) -> np.ndarray:
    """P(label 1) per position by enumerating every label sequence."""
    n = len(u)
    z = 0.0
    on = np.zeros(n)
    for labels in itertools.product((0, 1), repeat=n):
        s = sum(u[i] for i in range(n) if labels[i]) + sum(t[labels[i - 1], labels[i]] for i in range(1, n))
        z += np.exp(s)
        on += np.exp(s) * np.array(labels)
    return on / z


def test_crf_marginals_match_enumeration():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(6, 2))
    d = _crf(2, bias=0.3, transitions=((0.8, -1.1), (-0.6, 1.4)), raw=[1.5, -0.7])
    d["edges"][1] = [-0.5, 0.5]  # feature 1 in three bins as well as raw
    d["bin_weights"][1] = [0.4, 0.0, -0.9]
    crf = ChainCRF.from_dict(d, 2)
    u = crf.unary(x)
    expected = 0.3 + 1.5 * x[:, 0] - 0.7 * x[:, 1] + np.array([0.4, 0.0, -0.9])[np.searchsorted([-0.5, 0.5], x[:, 1], side="right")]
    assert u == pytest.approx(expected)
    assert crf.proba(x) == pytest.approx(_brute_force(u, np.array(d["transitions"])), abs=1e-9)


def test_crf_neighbours_pull_an_uncertain_block_towards_their_label():
    # runs are likely (staying costs nothing, switching costs 2): an undecided block between two
    # confident content blocks leans to content, between two boilerplate blocks to boilerplate
    d = _crf(1, transitions=((0.0, -2.0), (-2.0, 0.0)), raw=[1.0])
    crf = ChainCRF.from_dict(d, 1)
    assert crf.proba(np.array([[4.0], [0.0], [4.0]]))[1] > 0.8
    assert crf.proba(np.array([[-4.0], [0.0], [-4.0]]))[1] < 0.2
    assert crf.proba(np.zeros((1, 1)))[0] == pytest.approx(0.5)
    assert crf.proba(np.zeros((0, 1))).shape == (0,)


def test_crf_section_must_match_its_bins():
    d = _crf(2)
    d["bin_weights"][0] = [0.0, 0.0, 0.0]  # three weights for a 0/1 feature
    with pytest.raises(ValueError):
        ChainCRF.from_dict(d, 2)
    with pytest.raises(ValueError):
        ChainCRF.from_dict(_crf(3), 2)  # more CRF features than the model has


def test_crf_verdict_is_averaged_with_the_trees():
    d = _constant(-5.0)  # the trees drop every block
    d["crf"] = _crf(len(T._BASE), bias=8.0)  # the CRF keeps every block
    x = np.zeros((4, len(T.FEATURES)))
    trees = 1 / (1 + np.exp(5.0))
    for w in (0.0, 0.5, 1.0):
        d["crf_weight"] = w
        p = TextModel.from_dict(d).proba(x)
        crf = 1 / (1 + np.exp(-8.0))
        assert p == pytest.approx((1 - w) * trees + w * crf, abs=1e-6)
    # through the cleaner: with the CRF's weight the body is kept, without it the trees drop it
    d["crf_weight"] = 0.7
    kept = T.clean_text(ARTICLE, model=TextModel.from_dict(d)).paragraphs
    assert all(p in kept for p in BODY)


def test_page_relative_features_compare_each_block_with_its_page():
    page = T._rule_pass(ARTICLE)
    x = T._features(page)
    assert x.shape == (len(page.blocks), len(T.FEATURES))
    col = {name: x[:, T.FEATURES.index(name)] for name in T.FEATURES}
    assert col["vs_page_log_words"] == pytest.approx(col["log_words"] - np.median(col["log_words"]))
    kept = col["rule_keep"] > 0.5
    assert col["vs_kept_topic"] == pytest.approx(col["topic"] - col["topic"][kept].mean())
    longest = int(np.argmax(col["log_words"]))
    assert col["length_rank"][longest] == 0.0 and col["length_rank"].max() == 1.0
    assert col["nb_prev_digit_frac"][1:] == pytest.approx(col["digit_frac"][:-1])
    assert col["nb_next_digit_frac"][-1] == 0.0


def _training_script():
    return load_script("training/text_cleaner.py")


def test_exported_crfsuite_model_gives_crfsuites_marginals(tmp_path):
    pycrfsuite = pytest.importorskip("pycrfsuite")
    tc = _training_script()
    rng = np.random.default_rng(0)
    names = ("a", "b", "c")
    seqs = []
    for _ in range(30):
        x = np.column_stack([rng.normal(size=12), rng.integers(0, 2, 12), rng.normal(size=12)])
        y = ((x[:, 0] + x[:, 1] > 0.5) | (np.roll(x[:, 0], 1) > 1.2)).astype(int)
        seqs.append((x, y))
    edges = tc.crf_edges(np.vstack([x for x, _ in seqs]), bins=4)
    assert edges[1] is None and len(edges[0]) == 3
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in seqs:
        trainer.append(pycrfsuite.ItemSequence(tc.crf_items(x, edges, names)), [str(v) for v in y])
    trainer.set_params({"c2": 0.1, "max_iterations": 50, "feature.possible_transitions": True})
    path = tmp_path / "m.crfsuite"
    trainer.train(str(path))
    crf = ChainCRF.from_dict(tc.export_crf(path, edges, names), 3)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    x = seqs[0][0]
    tagger.set(pycrfsuite.ItemSequence(tc.crf_items(x, edges, names)))
    expected = [tagger.marginal("1", i) for i in range(len(x))]
    assert crf.proba(x) == pytest.approx(expected, abs=1e-4)
