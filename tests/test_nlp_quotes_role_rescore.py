"""The quote finder revises its scorer's verdict with the transformer role tagger's probabilities, when the
pipeline has them (``attribution_roles_rescore.json``). Hand-parsed fictional sentences with hand-set
probabilities, so no transformer is needed."""

from __future__ import annotations

import json

import numpy as np
import pytest
import spacy
from parsed_docs import tagged_doc

from storydesk.nlp.components._common import set_doc_ext
from storydesk.nlp.components.cue_lexicon import ROLE_FEATURES, RoleRescorer, load_rescorer, role_features
from storydesk.nlp.components.quotes import QuoteFinder
from storydesk.nlp.components.role_readings import BEGIN, CON_I, CUE_I, END, SRC

# Officials in Brackwater said on Tuesday the road would reopen .
_SAID = [("Officials", "NOUN", "NNS", 3, "nsubj", "official"), ("in", "ADP", "IN", 0, "prep", "in"),
         ("Brackwater", "PROPN", "NNP", 1, "pobj", "Brackwater"), ("said", "VERB", "VBD", 3, "ROOT", "say"),
         ("on", "ADP", "IN", 3, "prep", "on"), ("Tuesday", "PROPN", "NNP", 4, "pobj", "Tuesday"),
         ("the", "DET", "DT", 7, "det", "the"), ("road", "NOUN", "NN", 9, "nsubj", "road"),
         ("would", "AUX", "MD", 9, "aux", "would"), ("reopen", "VERB", "VB", 3, "ccomp", "reopen"),
         (".", "PUNCT", ".", 3, "punct", ".")]


@pytest.fixture(scope="module")
def blank():
    set_doc_ext(["sd_role_probs"])  # storydesk_role_tagger's; registered here as the tagger is not loaded
    return spacy.blank("en")


def _doc(blank, probs: str | None):
    doc = tagged_doc(blank, _SAID, run=False)
    if probs is None:
        doc._.sd_role_probs = None
        return doc
    p = np.zeros((len(doc), 7), dtype=np.float32)
    if probs == "agree":  # the tagger reads the same attribution as the finder
        p[0, SRC] = 0.95
        p[3, CUE_I] = 0.95
        p[6:10, CON_I] = 0.97
        p[6, BEGIN], p[9, END] = 0.9, 0.9
    doc._.sd_role_probs = p
    return doc


def _indirect(doc) -> list[str]:
    return [doc.text[slice(*q._.sd_parts[0])] for q in doc.spans["sd_quotes"] if q.label_ == "indirect"]


def test_shipped_rescorer_loads_with_the_features_the_finder_computes():
    r = load_rescorer()
    assert r is not None and r.trees
    assert 0.0 < r.threshold < 1.0


def test_finder_takes_the_extent_the_role_tagger_agrees_with(blank):
    finder = QuoteFinder()
    # alone, the finder's scorer prefers the content tagger's longer reading, with the date in it
    assert _indirect(finder(_doc(blank, None))) == ["Tuesday the road would reopen"]
    # the role tagger sees "Tuesday" outside the content: the clause as parsed wins
    assert _indirect(finder(_doc(blank, "agree"))) == ["the road would reopen"]


def test_finder_drops_a_reading_the_role_tagger_sees_no_content_in(blank):
    # the tagger gives no word any role: the proposal is no attribution, whatever the finder's scorer says
    assert _indirect(QuoteFinder()(_doc(blank, "none"))) == []
    # switched off, or without the tagger's probabilities, the finder decides alone
    assert _indirect(QuoteFinder(roles_rescore="none")(_doc(blank, "none"))) == ["Tuesday the road would reopen"]
    doc = _doc(blank, "none")
    doc._.sd_role_probs = np.zeros((3, 7), dtype=np.float32)  # not this Doc's: ignored
    assert _indirect(QuoteFinder()(doc)) == ["Tuesday the road would reopen"]


def test_role_features_read_inside_outside_and_edges():
    p = np.zeros((8, 7), dtype=np.float32)
    p[3:6, CON_I] = [0.9, 0.6, 0.3]
    p[2, CON_I] = 0.4  # the word right before the proposal
    p[1, CUE_I], p[0, SRC] = 0.8, 0.7
    x = dict(zip(ROLE_FEATURES, role_features(p, [3, 4, 5], 1, 0, 0.5, ([2, 1], [6, 7]))))
    assert x["logit"] == pytest.approx(0.0)
    assert x["con_mean"] == pytest.approx(0.6)
    assert x["con_min"] == pytest.approx(0.3)
    assert x["con_share"] == pytest.approx(2 / 3)
    assert x["out_before"] == pytest.approx(0.4) and x["out_after"] == 0.0
    assert x["cue"] == pytest.approx(0.8) and x["src"] == pytest.approx(0.7) and x["no_src"] == 0.0
    assert dict(zip(ROLE_FEATURES, role_features(p, [3], None, None, 0.9, ([], []))))["no_src"] == 1.0


def test_rescorer_walks_its_trees_and_rejects_malformed_files(tmp_path):
    i = ROLE_FEATURES.index("con_mean")
    tree = {"f": [i, -1, -1], "t": [0.5, 0, 0], "l": [1, -1, -1], "r": [2, -1, -1], "v": [0, -2.0, 2.0]}
    r = RoleRescorer([tree], 0.0, 0.5)
    low, high = [0.0] * len(ROLE_FEATURES), [0.0] * len(ROLE_FEATURES)
    high[i] = 0.9
    assert r.score(low) < 0.5 < r.score(high)
    bad = dict(tree, l=[7, -1, -1])  # a child that is not there
    with pytest.raises(ValueError):
        RoleRescorer([bad], 0.0, 0.5)
    path = tmp_path / "rescore.json"
    path.write_text(json.dumps({"features": list(ROLE_FEATURES), "threshold": 0.5, "base": 0.0, "trees": [bad]}))
    assert load_rescorer(str(path)) is None
    path.write_text(json.dumps({"features": ["other"], "threshold": 0.5, "base": 0.0, "trees": [tree]}))
    assert load_rescorer(str(path)) is None
