"""Sources of cue words that are not verbs, and names that are things: one rule each, shared by the
places that decide them. Hand-parsed fictional sentences on a blank pipeline."""

from __future__ import annotations

import pytest
import spacy
from parsed_docs import tagged_doc
from spacy.tokens import Doc

from storydesk.nlp.components.quotes import _noun_cue_source
from storydesk.nlp.components.speakers import is_thing_name


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _parts(doc: Doc, i: int, j: int) -> list[tuple[int, int]]:
    return [(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text))]


# Orla Brenn repeated her promise to close the depot .
_PROMISE = [("Orla", "PROPN", "NNP", 1, "compound", "Orla"), ("Brenn", "PROPN", "NNP", 2, "nsubj", "Brenn"),
            ("repeated", "VERB", "VBD", 2, "ROOT", "repeat"), ("her", "PRON", "PRP$", 4, "poss", "her"),
            ("promise", "NOUN", "NN", 2, "dobj", "promise"), ("to", "PART", "TO", 6, "aux", "to"),
            ("close", "VERB", "VB", 4, "acl", "close"), ("the", "DET", "DT", 8, "det", "the"),
            ("depot", "NOUN", "NN", 6, "dobj", "depot"), (".", "PUNCT", ".", 2, "punct", ".")]

# Orla Brenn voiced concern about the depot .
_CONCERN = [("Orla", "PROPN", "NNP", 1, "compound", "Orla"), ("Brenn", "PROPN", "NNP", 2, "nsubj", "Brenn"),
            ("voiced", "VERB", "VBD", 2, "ROOT", "voice"), ("concern", "NOUN", "NN", 2, "dobj", "concern"),
            ("about", "ADP", "IN", 3, "prep", "about"), ("the", "DET", "DT", 6, "det", "the"),
            ("depot", "NOUN", "NN", 4, "pobj", "depot"), (".", "PUNCT", ".", 2, "punct", ".")]

# The concern of residents grew .
_GREW = [("The", "DET", "DT", 1, "det", "the"), ("concern", "NOUN", "NN", 4, "nsubj", "concern"),
         ("of", "ADP", "IN", 1, "prep", "of"), ("residents", "NOUN", "NNS", 2, "pobj", "resident"),
         ("grew", "VERB", "VBD", 4, "ROOT", "grow"), (".", "PUNCT", ".", 4, "punct", ".")]


def test_possessive_pronoun_gives_way_to_the_governing_subject(blank):
    doc = tagged_doc(blank, _PROMISE, run=False)
    spk = _noun_cue_source(doc[4], _parts(doc, 5, 9), doc[3])
    assert spk is not None and spk.text == "Brenn"


def test_noun_cue_without_an_owner_takes_the_governing_subject(blank):
    doc = tagged_doc(blank, _CONCERN, run=False)
    spk = _noun_cue_source(doc[3], _parts(doc, 5, 7), None)
    assert spk is not None and spk.text == "Brenn"


def test_noun_cue_that_is_its_own_subject_has_no_source(blank):
    doc = tagged_doc(blank, _GREW, run=False)
    assert _noun_cue_source(doc[1], _parts(doc, 3, 4), None) is None


def test_named_owner_is_kept(blank):
    # Orla Brenn repeated Tam Ridley's promise ...: a name that owns the noun is its source
    doc = tagged_doc(blank, _PROMISE, run=False)
    assert _noun_cue_source(doc[4], _parts(doc, 5, 9), doc[0]).text == "Orla"


@pytest.mark.parametrize(("with_article", "mentions", "thing"), [(2, 3, True), (1, 2, True), (1, 3, False),
                                                                  (0, 4, False), (0, 0, False)])
def test_a_name_is_a_thing_when_half_its_mentions_have_an_article(with_article, mentions, thing):
    assert is_thing_name(with_article, mentions) is thing
