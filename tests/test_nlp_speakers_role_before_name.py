"""A role word right before a name ("said florist Wenna Corrie", "spokeswoman Ilse Verrin", "Mayor Odile
Brenn") describes the named person, who is the speaker; and a description never starts inside a longer
proper name in front of it. Hand-written fictional sentences: end to end through the bundled pipeline,
and hand-parsed where a test needs one exact parse."""

from __future__ import annotations

import pytest
import spacy
from model_marks import needs_model
from parsed_docs import tagged_doc

from storydesk.nlp.annotate import add_components


def _only_quote(doc):
    (q,) = doc.spans["sd_quotes"]
    return q


@needs_model
@pytest.mark.parametrize(("text", "name", "description"), [
    (('The market hall flooded again on Friday. "We lost everything in one night," said florist Wenna Corrie, '
      "whose stall stood by the door."), "Wenna Corrie", "florist"),
    (('The council met on Monday. "The bridge must stay shut until the water drops," said spokeswoman '
      "Ilse Verrin."), "Ilse Verrin", "spokeswoman"),
    ('"The bridge stays shut," said Mayor Odile Brenn.', "Odile Brenn", "Mayor"),
])
def test_role_word_before_a_name_describes_the_speaker(nlp, text, name, description):
    q = _only_quote(nlp(text))
    assert q._.sd_speaker_name == name
    assert q._.sd_speaker_description == description


@needs_model
def test_source_of_a_titled_speaker_is_the_person(nlp):
    doc = nlp('The council met on Monday. "The bridge must stay shut until the water drops," said spokeswoman '
              "Ilse Verrin.")
    (src,) = doc.spans["sd_sources"]
    assert src._.sd_person == "Ilse Verrin"
    assert "spokeswoman" not in src._.sd_chain


# Ostry Valley Rail chief executive Maren Holt said the timetable would change .
# (with "Valley Rail" tagged a person, as small NER models do with an unfamiliar company in front of a role)
_RAIL = [("Ostry", "PROPN", "NNP", 2, "compound", "Ostry"), ("Valley", "PROPN", "NNP", 2, "compound", "Valley"),
         ("Rail", "PROPN", "NNP", 4, "compound", "Rail"), ("chief", "NOUN", "NN", 4, "compound", "chief"),
         ("executive", "NOUN", "NN", 6, "compound", "executive"), ("Maren", "PROPN", "NNP", 6, "compound", "Maren"),
         ("Holt", "PROPN", "NNP", 7, "nsubj", "Holt"), ("said", "VERB", "VBD", 7, "ROOT", "say"),
         ("the", "DET", "DT", 9, "det", "the"), ("timetable", "NOUN", "NN", 11, "nsubj", "timetable"),
         ("would", "AUX", "MD", 11, "aux", "would"), ("change", "VERB", "VB", 7, "ccomp", "change"),
         (".", "PUNCT", ".", 7, "punct", ".")]
_RAIL_ENTS = ["O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]


def test_company_before_a_role_is_neither_the_speaker_nor_cut_from_the_description():
    doc = tagged_doc(add_components(spacy.blank("en")), _RAIL, ents=_RAIL_ENTS)
    q = _only_quote(doc)
    assert q._.sd_speaker_name == "Maren Holt"
    assert q._.sd_speaker_description == "Ostry Valley Rail chief executive"
