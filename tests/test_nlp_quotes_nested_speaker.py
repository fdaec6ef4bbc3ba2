"""A direct quote inside someone's reported speech: with no cue of its own, or with a cue that only borrows
a subject inside that speech, it is the reported speaker's words; with a cue that has its own subject it
keeps its own speaker. Hand-parsed fictional sentences (the parse the bundled model gives such
sentences), the packaged components on a blank pipeline."""

from __future__ import annotations

import pytest
import spacy
from parsed_docs import tagged_doc

from storydesk.nlp.annotate import add_components

PERSON2 = ["B-PERSON", "I-PERSON"]


@pytest.fixture(scope="module")
def components():
    return add_components(spacy.blank("en"))


def _direct(doc):
    return next(q for q in doc.spans["sd_quotes"] if q.label_ == "direct")


def test_quote_under_a_coordinated_cue_is_the_reporting_speakers(components):
    # "described" hangs from "offered" (subject "the board") in the parse; the quoted words are Varga's
    rows = [("Harbour", "NOUN", "NN", 1, "compound", "harbour"), ("chief", "NOUN", "NN", 3, "compound", "chief"),
            ("Ines", "PROPN", "NNP", 3, "compound", "Ines"), ("Varga", "PROPN", "NNP", 4, "nsubj", "Varga"),
            ("said", "VERB", "VBD", 4, "ROOT", "say"), ("the", "DET", "DT", 6, "det", "the"),
            ("board", "NOUN", "NN", 8, "nsubj", "board"), ("had", "AUX", "VBD", 8, "aux", "have"),
            ("offered", "VERB", "VBN", 4, "ccomp", "offer"), ("talks", "NOUN", "NNS", 8, "obj", "talk"),
            ("and", "CCONJ", "CC", 11, "cc", "and"), ("described", "VERB", "VBD", 8, "conj", "describe"),
            ("the", "DET", "DT", 13, "det", "the"), ("walkout", "NOUN", "NN", 11, "obj", "walkout"),
            ("as", "ADP", "IN", 17, "mark", "as"), ("“", "PUNCT", "``", 17, "punct", "“"),
            ("deeply", "ADV", "RB", 17, "advmod", "deeply"), ("unfair", "ADJ", "JJ", 11, "advcl", "unfair"),
            ("”", "PUNCT", "''", 17, "punct", "”"), (".", "PUNCT", ".", 4, "punct", ".")]
    doc = tagged_doc(components, rows, ents=["O", "O"] + PERSON2 + ["O"] * 16)
    q = _direct(doc)
    assert "deeply unfair" in q.text
    assert "Varga" in doc.text[slice(*q._.sd_speaker)]
    assert q._.sd_speaker_name == "Ines Varga"


def test_quote_under_a_cue_with_its_own_subject_keeps_its_speaker(components):
    rows = [("Varga", "PROPN", "NNP", 1, "nsubj", "Varga"), ("said", "VERB", "VBD", 1, "ROOT", "say"),
            ("the", "DET", "DT", 3, "det", "the"), ("union", "NOUN", "NN", 4, "nsubj", "union"),
            ("told", "VERB", "VBD", 1, "ccomp", "tell"), ("its", "PRON", "PRP$", 6, "nmod:poss", "its"),
            ("members", "NOUN", "NNS", 4, "iobj", "member"), ("“", "PUNCT", "``", 10, "punct", "“"),
            ("we", "PRON", "PRP", 10, "nsubj", "we"), ("will", "AUX", "MD", 10, "aux", "will"),
            ("walk", "VERB", "VB", 4, "ccomp", "walk"), ("out", "ADP", "RP", 10, "compound:prt", "out"),
            ("”", "PUNCT", "''", 10, "punct", "”"), (".", "PUNCT", ".", 1, "punct", ".")]
    doc = tagged_doc(components, rows, ents=["B-PERSON"] + ["O"] * 13)
    q = _direct(doc)
    assert "we will walk out" in q.text
    assert doc.text[slice(*q._.sd_speaker)] == "the union"
