"""The quote finder's cheaper scoring machinery gives exactly what the direct readings give: the content
tagger's log-odds without feature names, the agreement features from one table per cue word, the Doc's
word arrays read through ``Doc.to_array``, the candidate features with the per-Doc cache. Exact float
equality: the attribution scorer compares scores with thresholds, so a last-bit difference could change
an annotation."""

from __future__ import annotations

import pytest
from model_marks import needs_model

from storydesk.nlp.components._common import forget_sentences, sigmoid
from storydesk.nlp.components.content_tagger import (
    agreement,
    agreement_from,
    agreement_table,
    doc_arrays,
    load_content_model,
    window,
)
from storydesk.nlp.components.cue_lexicon import candidate_features

# fictional people, places and outlets
TEXT = (
    "PORT ELLIN (NGW) - Harbour master Teodor Vlasko said on Tuesday that the ferry would not sail "
    "until the inspectors, who arrived late, had signed off. \"We will not take risks,\" he told the "
    "Kestle Lantern, adding that the council had promised a new quay by spring.\n\n"
    "According to Mabel Hurst of the passengers' association, many travellers | stranded overnight "
    "were never told why. The company, which denied the claims, blamed \"a tangle of paperwork\" and "
    "warned that delays could last for weeks, a spokeswoman said."
)


@pytest.fixture(scope="module")
def parsed():
    from storydesk.nlp.annotate import load_pipeline

    nlp = load_pipeline()
    with nlp.select_pipes(enable=[n for n in nlp.pipe_names if not n.startswith("storydesk_")
                                  or n in {"storydesk_presegment", "storydesk_release_tensor"}]):
        doc = nlp(TEXT)
    yield doc
    forget_sentences()


def _reference_arrays(doc):
    cols = ([], [], [], [], [], [])
    for t in doc:
        for col, value in zip(cols, (t.lower_, t.pos_, t.dep_, t.head.i, t.is_punct, t.text)):
            col.append(value)
    return cols


def _reference_agreement(scanned, parts):
    toks, lg = scanned
    inside = total = n_in = 0.0
    for t, x in zip(toks, lg):
        if t.is_punct or t.is_space:
            continue
        p = sigmoid(x)
        total += p
        if any(a <= t.idx < b for a, b in parts):
            inside += p
            n_in += 1
    return (2 * inside / (n_in + total) if n_in + total else 0.0), (inside / n_in if n_in else 0.0)


@needs_model
def test_doc_arrays_are_the_words_attributes(parsed):
    assert doc_arrays(parsed) == tuple(_reference_arrays(parsed))
    assert doc_arrays(parsed[:0].as_doc()) == ([], [], [], [], [], [])


@needs_model
def test_tagger_log_odds_equal_the_sum_over_feature_names(parsed):
    tagger = load_content_model()
    assert tagger is not None
    arrays = doc_arrays(parsed)
    quoted = {t.i for t in parsed if 20 <= t.i < 30}
    words = 0
    for cue in parsed:
        if cue.is_punct or cue.is_space or "|" in cue.text:  # "|" in a cue's key: neither reading takes it
            continue
        toks = window(cue)
        for q in (None, quoted):
            fast = tagger.logits(cue, toks, q, arrays)
            assert fast == tagger.logits_by_name(cue, toks, q, arrays)
            assert fast == tagger.logits(cue, toks, q)  # the memo of the first call gives the same
        assert window(cue, list(parsed)) == toks
        words += len(toks)
    assert words > 500


@needs_model
def test_agreement_table_gives_the_agreement_of_each_reading(parsed):
    tagger = load_content_model()
    cue = next(t for t in parsed if t.lower_ == "said")
    scanned = tagger.scan(cue)
    table = agreement_table(scanned)
    start, end = scanned[0][0].idx, scanned[0][-1].idx + len(scanned[0][-1].text)
    mid = (start + end) // 2
    for parts in ([(cue.idx + 5, end)], [(start, mid), (mid + 10, end)], [(mid, end), (start, mid + 20)],
                  [(end, start)], [(0, 1)], []):
        assert agreement_from(table, parts) == _reference_agreement(scanned, parts)
        assert agreement(scanned, parts) == _reference_agreement(scanned, parts)


@needs_model
def test_candidate_features_are_the_same_with_the_doc_cache(parsed):
    cache: dict = {}
    speakers = [t for t in parsed if t.dep_.startswith("nsubj")]
    n = 0
    for cue in parsed:
        if cue.pos_ not in {"VERB", "NOUN"}:
            continue
        sent = cue.sent
        for parts in ([(cue.idx + len(cue.text) + 1, sent.end_char)], [(sent.start_char, cue.idx - 1)]):
            if parts[0][1] <= parts[0][0]:
                continue
            for spk in (None, *speakers[:2]):
                args = (cue, parts, spk, "ccomp", "say|VERB|ccomp", 0.4, 0.0)
                plain = candidate_features(*args)
                cached = candidate_features(*args, cache=cache)
                again = candidate_features(*args, cache=cache)
                assert list(cached.items()) == list(plain.items()) == list(again.items())
                n += 1
    assert n > 20
