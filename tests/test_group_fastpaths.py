"""The clusterer's speed-ups compute exactly what the plain formulas compute (fictional terms)."""

import math
import random
from collections import Counter

import numpy as np
import scipy.sparse

from storydesk.group import stories as S
from storydesk.group.stories import ArticleFeatures, StoryClusterer, _MemberVectors
from storydesk.options import GroupOptions


def _plain_vectors(cl, f):
    # vectors() before its log tables: math.log per term, nothing cached
    lg = math.log(1 + cl.n_docs) + 1.0
    tv = {t: (1.0 + math.log(c)) * (lg - math.log(1 + cl.df_terms.get(t, 0)))
          for t, c in f.terms.items() if c > 0}
    tv = dict(sorted(tv.items(), key=lambda kv: kv[1], reverse=True)[:S._MAX_ARTICLE_TERMS])
    n = math.sqrt(sum(v * v for v in tv.values()))
    tv = {k: v / n for k, v in tv.items()} if n else {}
    ev = {e: cl._idf(cl.df_ents.get(e, 0)) for e in f.entities}
    n = math.sqrt(sum(v * v for v in ev.values()))
    ev = {k: v / n for k, v in ev.items()} if n else {}
    return tv, ev


def _random_feats(rng, i):
    words = [f"w{rng.randrange(400)}" for _ in range(rng.randrange(0, 120))]
    terms = dict(Counter(words))
    for w in words[:5]:
        terms[w] = terms[w] * 3.0 + rng.choice([0, 1, 2])  # title words weigh more
    ents = list(dict.fromkeys(f"name {rng.randrange(50)}" for _ in range(rng.randrange(0, 8))))
    return ArticleFeatures(id=f"a{i}", time=19000.0 + i, terms=terms, entities=ents)


def test_vectors_equal_the_plain_formula_bit_for_bit():
    rng = random.Random(3)
    cl = StoryClusterer(GroupOptions())
    feats = [_random_feats(rng, i) for i in range(300)]
    for f in feats:
        cl.observe(f)
    for f in feats:
        got, want = cl.vectors(f), _plain_vectors(cl, f)
        assert list(got[0].items()) == list(want[0].items())  # values and order
        assert list(got[1].items()) == list(want[1].items())


def test_vectors_with_a_frequency_past_the_document_count_do_not_fail():
    # a loaded state can disagree with itself (frequencies above n_docs, or stored as floats)
    cl = StoryClusterer(GroupOptions())
    cl.n_docs = 3
    cl.df_terms.update({"harbour": 50, "quay": 2.0})
    f = ArticleFeatures(id="x", terms={"harbour": 2, "quay": 1, "lantern": 3.0}, entities=["oskar quay"])
    assert list(cl.vectors(f)[0].items()) == list(_plain_vectors(cl, f)[0].items())


def test_candidates_rank_as_most_common_cut_at_the_floor():
    rng = random.Random(5)
    cl = StoryClusterer(GroupOptions())
    for i in range(400):
        sid = f"s{i}"
        cl.stories[sid] = S._StoryState(id=sid)
        for _ in range(rng.randrange(1, 6)):
            cl._index[f"t:k{rng.randrange(40)}"][sid] = None
    del cl.stories["s7"]  # an id left in a posting list after eviction is skipped
    for trial in range(50):
        keys = rng.sample(range(40), 12)
        tv = {f"k{k}": 1.0 for k in keys}
        hits = Counter()
        for k in keys:
            hits.update(list(cl._index.get(f"t:k{k}", {})))
        ranked = hits.most_common(S._MAX_CANDIDATES)
        floor = max(1, ranked[0][1] // S._FLOOR_DIV) if ranked else 1
        want = [sid for sid, n in ranked if n >= floor and sid in cl.stories]
        assert cl._candidates(tv, {}) == want


def test_member_matrix_equals_the_entry_by_entry_build():
    rng = random.Random(9)
    for _ in range(10):
        vecs = [{f"w{rng.randrange(300)}": rng.random() for _ in range(rng.randrange(0, 40))}
                for _ in range(rng.randrange(0, 60))]
        vocab, rows, cols, vals = {}, [], [], []
        for i, v in enumerate(vecs):
            for k, x in v.items():
                rows.append(i)
                cols.append(vocab.setdefault(k, len(vocab)))
                vals.append(x)
        want = scipy.sparse.csr_matrix((vals, (rows, cols)), shape=(len(vecs), max(1, len(vocab))))
        got = _MemberVectors._matrix(vecs)
        assert got.shape == want.shape
        assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data)


def test_story_norms_follow_the_added_vectors():
    acc, norm = {}, 0.0
    rng = random.Random(2)
    for _ in range(200):
        vec = {f"w{rng.randrange(30)}": rng.random() for _ in range(rng.randrange(1, 10))}
        norm = S._add_into(acc, vec, norm)
    assert math.isclose(norm, math.sqrt(sum(v * v for v in acc.values())), rel_tol=1e-12)
