"""training/attribution_roles_rescore.py (the role-tagger rescorer's fit) and the held-out probabilities that
training/attribution_roles.py writes for it. Synthetic feature rows; no transformer is needed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import attribution_roles  # noqa: E402
import attribution_roles_rescore as rescore  # noqa: E402

from storydesk.nlp.components.cue_lexicon import ROLE_FEATURES  # noqa: E402


def test_roles_train_probabilities_split_back_into_the_held_out_articles(tmp_path):
    P = np.arange(5 * 7, dtype=np.float32).reshape(5, 7) / 100
    path = tmp_path / "fold3.npz"
    attribution_roles._save_probs(path, P, [2, 3], [3, 7])
    per_article = rescore.held_out_probs(path, ["ab", "cde"])  # anything with a length stands for a Doc
    assert [a.shape for a in per_article] == [(2, 7), (3, 7)]
    assert np.array_equal(per_article[1], P[2:])


def test_roles_rescore_refuses_probabilities_of_other_articles(tmp_path):
    path = tmp_path / "fold3.npz"
    attribution_roles._save_probs(path, np.zeros((5, 7)), [2, 3], [3, 7])
    with pytest.raises(ValueError, match="other articles"):
        rescore.held_out_probs(path, ["abc", "de"])  # the same number of words, cut elsewhere
    np.savez(tmp_path / "old.npz", P=np.zeros((5, 7)))  # an older file without lengths: rows counted only
    with pytest.raises(ValueError, match="rows"):
        rescore.held_out_probs(tmp_path / "old.npz", ["abc", "de", "f"])


def test_roles_rescore_cv_model_of_a_fold_is_fitted_without_that_fold():
    rng = np.random.default_rng(0)
    n = 400
    X = np.zeros((n, len(ROLE_FEATURES)))
    X[:, 1] = rng.random(n)
    pos = np.arange(n) % 10  # ten articles, fold = position % 2
    # the two folds disagree: in fold 0 a high value is right, in fold 1 a low one
    y = np.where(pos % 2 == 0, X[:, 1] > 0.5, X[:, 1] <= 0.5).astype(int)
    models = rescore.cv_rescorers(X, y, pos, 2, iters=30)
    low, high = [0.0, 0.1] + [0.0] * (len(ROLE_FEATURES) - 2), [0.0, 0.9] + [0.0] * (len(ROLE_FEATURES) - 2)
    assert models[0].score(low) > 0.5 > models[0].score(high)  # learned from fold 1 alone
    assert models[1].score(high) > 0.5 > models[1].score(low)  # learned from fold 0 alone


def test_roles_rescore_reads_the_fold_scorer_as_attribution_model_writes_it(tmp_path):
    new = tmp_path / "model_fold.json"
    new.write_text(json.dumps({"threshold": 0.5, "bias": -1.0, "weights": {"cue=say": 3.0}}))
    old = tmp_path / "weights.json"
    old.write_text(json.dumps({"w": {"cue=say": 3.0}, "b": -1.0}))
    for path in (new, old):
        model = rescore.load_finder_weights(str(path))
        assert model.score({"cue=say": 1.0}) > 0.5 > model.score({"cue=tell": 1.0})
    junk = tmp_path / "junk.json"
    junk.write_text(json.dumps({"trees": []}))
    with pytest.raises(ValueError):
        rescore.load_finder_weights(str(junk))
