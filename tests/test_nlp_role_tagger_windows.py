"""storydesk_role_tagger's windows: cut between tokens, overlapping; each token scored in the window where
it is most central; whitespace tokens take the previous token's scores. A tiny random BERT stands in for
the real encoder."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from storydesk.nlp.components.role_tagger import windows


def test_windows_are_cut_between_tokens_and_never_exceed_the_piece_budget():
    counts = [3, 1, 4, 2, 2, 5, 1, 1, 3, 2, 4, 1]
    for stride in (None, 4, 6):
        ws = windows(counts, max_pieces=8, stride=stride)
        assert ws[0][0] == 0 and ws[-1][1] == len(counts)
        for s, e in ws:
            assert s < e and sum(counts[s:e]) <= 8
        covered = set().union(*(range(s, e) for s, e in ws))
        assert covered == set(range(len(counts)))
        if stride is None:
            assert all(a[1] == b[0] for a, b in pairwise(ws))
        else:
            assert all(a[0] < b[0] <= a[1] for a, b in pairwise(ws))  # no gap; overlapping where they can


def test_windows_give_a_token_longer_than_a_window_a_window_of_its_own():
    assert windows([2, 20, 2], max_pieces=8) == [(0, 1), (1, 2), (2, 3)]


def test_windows_with_a_regular_stride():
    assert windows([1] * 20, max_pieces=8, stride=4) == [(0, 8), (4, 12), (8, 16), (12, 20)]


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    from role_tiny import tiny_base

    base = tiny_base(tmp_path_factory.mktemp("tinybase"))
    import torch
    import transformers

    from storydesk.nlp.components.role_tagger import RoleModel

    torch.manual_seed(3)
    encoder = transformers.AutoModel.from_pretrained(str(base)).float().eval()
    head = torch.nn.Linear(32, 7).eval()
    tok = transformers.AutoTokenizer.from_pretrained(str(base))
    # small windows so that a short text spans several
    return RoleModel(encoder, head, tok, {"windows": {"max_pieces": 12, "stride": 6}}, batch_size=3)


WORDS = ["the", "mayor", "said", "that", "the", "ferry", "would", "reopen", "on", "monday", ",", "and", "the",
         "harbour", "council", "told", "reporters", "it", "was", "safe", ".", "tarnwick", "bridge", "was", "not",
         "safe", ",", "venn", "said"]


def test_each_token_takes_the_scores_of_the_window_where_it_is_most_central(small_model):
    counts = [len(p) for p in small_model.pieces(WORDS)]
    ws = windows(counts, small_model.max_pieces, small_model.stride)
    assert len(ws) >= 4
    probs = small_model.predict([WORDS])[0]
    alone = [small_model.predict([WORDS[s:e]])[0] for s, e in ws]  # each window scored on its own
    differs = 0
    for w in range(len(WORDS)):
        inside = [(min(w - s, e - 1 - w), -j, j) for j, (s, e) in enumerate(ws) if s <= w < e]
        _c, _, j = max(inside)  # most central; on a tie the earlier window
        np.testing.assert_allclose(probs[w], alone[j][w - ws[j][0]], atol=1e-5)
        others = [alone[k][w - ws[k][0]] for _c2, _, k in inside if k != j]
        differs += any(np.abs(o - probs[w]).max() > 1e-4 for o in others)
    assert differs  # the window matters, so picking the wrong one would be seen


def test_batching_several_docs_gives_the_same_scores_as_one_by_one(small_model):
    texts = [WORDS, WORDS[:5], WORDS[3:17], []]
    together = small_model.predict(texts)
    for words, got in zip(texts, together):
        assert got.shape == (len(words), 7) and got.dtype == np.float32
        np.testing.assert_allclose(got, small_model.predict([words])[0], atol=1e-5)


def test_whitespace_tokens_take_the_previous_tokens_scores(small_model):
    words = ["\n\n", "the", "mayor", "said", "\n", " ", "the", "ferry", "\n"]
    probs = small_model.predict([words])[0]
    assert not probs[0].any()  # nothing before it: zeros
    np.testing.assert_array_equal(probs[4], probs[3])
    np.testing.assert_array_equal(probs[5], probs[3])
    np.testing.assert_array_equal(probs[8], probs[7])
    assert probs[1:4].min() > 0


def test_a_doc_of_whitespace_alone_scores_zeros(small_model):
    probs = small_model.predict([["\n", "  "]])[0]
    assert probs.shape == (2, 7) and not probs.any()


def test_a_forked_worker_scores_with_one_thread(small_model):
    import torch

    before = torch.get_num_threads()
    small_model._pid = -1  # as if this process were a fork of the one that loaded the model
    try:
        torch.set_num_threads(2)
        small_model.predict([["the", "mayor", "said"]])
        assert torch.get_num_threads() == 1  # OpenMP's pool does not survive fork: 2 threads would hang
    finally:
        torch.set_num_threads(before)
