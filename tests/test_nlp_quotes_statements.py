"""Readings that name no proposition are not quotes: a source's request for anonymity ("who asked not to
be named") and an order that moves people or things to a place ("before ordering passengers to the
muster stations"). Hand-parsed fictional sentences, the packaged components on a blank pipeline."""

from __future__ import annotations

import pytest
import spacy
from parsed_docs import tagged_doc as _doc

from storydesk.nlp.annotate import add_components
from storydesk.nlp.components.quotes import _Q, _not_a_statement


@pytest.fixture(scope="module")
def components():
    return add_components(spacy.blank("en"))


def _quotes(doc) -> list[tuple[str, str]]:
    return [(doc.text[slice(*q._.sd_cue)] if q._.sd_cue else "", q.text) for q in doc.spans["sd_quotes"]]


def _reading(doc, cue: int, start: int, end: int) -> _Q:
    """A proposed reading of ``doc[cue]`` with the content doc[start:end]."""
    q = _Q("indirect", [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))])
    q.cue_token, q.cue_lemma = cue, doc[cue].lemma_
    return q


# Another deckhand , who asked not to be named , said the pumps had failed .
_ANONYMOUS = [("Another", "DET", "DT", 1, "det", "another"), ("deckhand", "NOUN", "NN", 10, "nsubj", "deckhand"),
              (",", "PUNCT", ",", 4, "punct", ","), ("who", "PRON", "WP", 4, "nsubj", "who"),
              ("asked", "VERB", "VBD", 1, "acl:relcl", "ask"), ("not", "PART", "RB", 8, "advmod", "not"),
              ("to", "PART", "TO", 8, "mark", "to"), ("be", "AUX", "VB", 8, "aux:pass", "be"),
              ("named", "VERB", "VBN", 4, "xcomp", "name"), (",", "PUNCT", ",", 1, "punct", ","),
              ("said", "VERB", "VBD", 10, "ROOT", "say"), ("the", "DET", "DT", 12, "det", "the"),
              ("pumps", "NOUN", "NNS", 14, "nsubj", "pump"), ("had", "AUX", "VBD", 14, "aux", "have"),
              ("failed", "VERB", "VBN", 10, "ccomp", "fail"), (".", "PUNCT", ".", 10, "punct", ".")]

# Its pilot , Ana Brandt , turned the boat around before ordering divers to the lifeboats .
_ORDERING = [("Its", "PRON", "PRP$", 1, "nmod:poss", "its"), ("pilot", "NOUN", "NN", 6, "nsubj", "pilot"),
             (",", "PUNCT", ",", 4, "punct", ","), ("Ana", "PROPN", "NNP", 4, "compound", "Ana"),
             ("Brandt", "PROPN", "NNP", 1, "appos", "Brandt"), (",", "PUNCT", ",", 1, "punct", ","),
             ("turned", "VERB", "VBD", 6, "ROOT", "turn"), ("the", "DET", "DT", 8, "det", "the"),
             ("boat", "NOUN", "NN", 6, "obj", "boat"), ("around", "ADV", "RB", 6, "advmod", "around"),
             ("before", "SCONJ", "IN", 11, "mark", "before"), ("ordering", "VERB", "VBG", 6, "advcl", "order"),
             ("divers", "NOUN", "NNS", 11, "obj", "diver"), ("to", "ADP", "IN", 15, "case", "to"),
             ("the", "DET", "DT", 15, "det", "the"), ("lifeboats", "NOUN", "NNS", 11, "obl", "lifeboat"),
             (".", "PUNCT", ".", 6, "punct", ".")]

# Brandt ordered the divers to leave the wreck .
_ORDER_TO_LEAVE = [("Brandt", "PROPN", "NNP", 1, "nsubj", "Brandt"), ("ordered", "VERB", "VBD", 1, "ROOT", "order"),
                   ("the", "DET", "DT", 3, "det", "the"), ("divers", "NOUN", "NNS", 1, "obj", "diver"),
                   ("to", "PART", "TO", 5, "mark", "to"), ("leave", "VERB", "VB", 1, "xcomp", "leave"),
                   ("the", "DET", "DT", 7, "det", "the"), ("wreck", "NOUN", "NN", 5, "obj", "wreck"),
                   (".", "PUNCT", ".", 1, "punct", ".")]


def test_request_for_anonymity_is_not_a_quote_but_the_statement_is(components):
    doc = _doc(components, _ANONYMOUS)
    quotes = _quotes(doc)
    assert not any(cue == "asked" for cue, _ in quotes)
    assert ("said", "the pumps had failed") in quotes


def test_passive_infinitive_alone_names_no_proposition(components):
    doc = _doc(components, _ANONYMOUS, run=False)
    assert _not_a_statement(doc, _reading(doc, 4, 5, 9))  # "not to be named"
    assert not _not_a_statement(doc, _reading(doc, 10, 11, 15))  # "the pumps had failed"


def test_order_moving_people_to_a_place_is_not_a_quote(components):
    doc = _doc(components, _ORDERING, ["O"] * 3 + ["B-PERSON", "I-PERSON"] + ["O"] * 12)
    assert not any(cue == "ordering" for cue, _ in _quotes(doc))
    assert _not_a_statement(doc, _reading(doc, 11, 12, 16))  # "divers to the lifeboats"


def test_order_with_an_action_in_it_stays_a_candidate(components):
    doc = _doc(components, _ORDER_TO_LEAVE, run=False)
    assert not _not_a_statement(doc, _reading(doc, 1, 2, 8))  # "the divers to leave the wreck"
    assert not _not_a_statement(doc, _reading(doc, 1, 4, 8))  # "to leave the wreck"


def test_according_to_is_never_filtered(components):
    doc = _doc(components, _ORDERING, run=False)
    q = _reading(doc, 11, 12, 16)
    q.cue_lemma = "according to"
    assert not _not_a_statement(doc, q)
