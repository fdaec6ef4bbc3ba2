"""With the transformer role tagger's probabilities and its rescorer, the quote finder also proposes the
tagger's own content runs, cued by the word they hang on (``QuoteFinder._role_proposals``). Hand-parsed
fictional sentences with hand-set probabilities and a hand-made rescorer, so no transformer is needed."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from parsed_docs import tagged_doc

from storydesk.nlp.components import quotes
from storydesk.nlp.components._common import set_doc_ext
from storydesk.nlp.components.cue_lexicon import ROLE_FEATURES, RoleRescorer, role_features
from storydesk.nlp.components.quotes import QuoteFinder
from storydesk.nlp.components.role_readings import BEGIN, CON_I, CUE_I, END, SRC

# Councillor Ilse Brandvold fumed over the toll increase .
_FUMED = [("Councillor", "PROPN", "NNP", 2, "compound", "Councillor"), ("Ilse", "PROPN", "NNP", 2, "compound", "Ilse"),
          ("Brandvold", "PROPN", "NNP", 3, "nsubj", "Brandvold"), ("fumed", "VERB", "VBD", 3, "ROOT", "fume"),
          ("over", "ADP", "IN", 7, "case", "over"), ("the", "DET", "DT", 7, "det", "the"),
          ("toll", "NOUN", "NN", 7, "compound", "toll"), ("increase", "NOUN", "NN", 3, "obl", "increase"),
          (".", "PUNCT", ".", 3, "punct", ".")]
_ROLE_RUN = ROLE_FEATURES.index("role_run")


@pytest.fixture(scope="module")
def blank():
    set_doc_ext(["sd_role_probs"])  # storydesk_role_tagger's; registered here as the tagger is not loaded
    return spacy.blank("en")


def _doc(blank, with_probs: bool = True):
    doc = tagged_doc(blank, _FUMED, run=False)
    if not with_probs:
        doc._.sd_role_probs = None
        return doc
    p = np.zeros((len(doc), 7), dtype=np.float32)
    p[2, SRC] = 0.9
    p[3, CUE_I] = 0.8
    # the tagger's run, "over the toll increase", is no extent the finder's rules or frames propose for
    # "fumed" (its unseen-frame reading is "the toll increase")
    p[4:8, CON_I] = 0.9
    p[4, BEGIN], p[7, END] = 0.9, 0.9
    doc._.sd_role_probs = p
    return doc


def _keeps_role_runs() -> RoleRescorer:
    """One tree: a proposal from the tagger's runs passes, every other one fails."""
    tree = {"f": [_ROLE_RUN, -1, -1], "t": [0.5, 0.0, 0.0], "l": [1, -1, -1], "r": [2, -1, -1], "v": [0.0, -5.0, 5.0]}
    return RoleRescorer([tree], 0.0, 0.5)


def _readings(doc) -> list[tuple[str, str | None]]:
    return [(doc.text[slice(*q._.sd_parts[0])], doc.text[slice(*q._.sd_speaker)] if q._.sd_speaker else None)
            for q in doc.spans["sd_quotes"] if q.label_ == "indirect"]


def test_tagger_run_becomes_a_reading_of_the_word_it_hangs_on(blank):
    finder = QuoteFinder()
    finder.rescorer = _keeps_role_runs()
    doc = finder(_doc(blank))
    ((content, speaker),) = _readings(doc)
    assert content == "over the toll increase"
    assert speaker is not None and "Brandvold" in speaker
    (q,) = [q for q in doc.spans["sd_quotes"] if q.label_ == "indirect"]
    assert doc.text[slice(*q._.sd_cue)] == "fumed"


def test_run_proposals_carry_their_own_rescorer_feature(blank):
    finder = QuoteFinder()
    finder.rescorer = _keeps_role_runs()
    finder.keep_candidates = True
    finder(_doc(blank))
    runs = [q for _f, q in finder.candidates if q.origin == "role_run"]
    assert runs and all(q.role_feats[_ROLE_RUN] == 1.0 for q in runs)
    assert all(q.role_feats[_ROLE_RUN] == 0.0 for _f, q in finder.candidates if q.origin != "role_run")


def test_no_run_proposals_without_the_tagger_or_when_switched_off(blank, monkeypatch):
    finder = QuoteFinder()
    finder.rescorer = _keeps_role_runs()
    assert _readings(finder(_doc(blank, with_probs=False))) == []  # the finder alone: nothing changes
    off = QuoteFinder(roles_rescore="none")
    assert _readings(off(_doc(blank))) == []  # no rescorer to judge them: no run proposals either
    monkeypatch.setattr(quotes, "ROLE_PROPOSALS", False)
    assert _readings(finder(_doc(blank))) == []


def test_role_run_feature_is_the_last_and_defaults_to_off():
    p = np.zeros((4, 7), dtype=np.float32)
    assert len(role_features(p, [1, 2], 0, None, 0.5, ([], []))) == len(ROLE_FEATURES)
    assert role_features(p, [1, 2], 0, None, 0.5, ([], []))[_ROLE_RUN] == 0.0
    assert role_features(p, [1, 2], 0, None, 0.5, ([], []), role_run=True)[_ROLE_RUN] == 1.0
