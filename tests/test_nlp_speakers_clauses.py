"""Speakers of cue verbs the parser hung in the wrong clause: a participle set off by a comma after a
subordinate clause, and a verb of saying coordinated with the reported clause instead of the verb that
reports it. Hand-parsed fictional sentences, the packaged components on a blank pipeline."""

from __future__ import annotations

import pytest
import spacy
from parsed_docs import direct_speaker as _direct_speaker
from parsed_docs import tagged_doc as _doc

from storydesk.nlp.annotate import add_components


@pytest.fixture(scope="module")
def components():
    return add_components(spacy.blank("en"))


# Lind apologised after they came back , saying “ the pumps had failed . ”
_AFTER = [("Lind", "PROPN", "NNP", 1, "nsubj", "Lind"), ("apologised", "VERB", "VBD", 1, "ROOT", "apologise"),
          ("after", "SCONJ", "IN", 4, "mark", "after"), ("they", "PRON", "PRP", 4, "nsubj", "they"),
          ("came", "VERB", "VBD", 1, "advcl", "come"), ("back", "ADV", "RB", 4, "advmod", "back"),
          (",", "PUNCT", ",", 7, "punct", ","), ("saying", "VERB", "VBG", 4, "advcl", "say"),
          ("“", "PUNCT", "``", 12, "punct", "“"), ("the", "DET", "DT", 10, "det", "the"),
          ("pumps", "NOUN", "NNS", 12, "nsubj", "pump"), ("had", "AUX", "VBD", 12, "aux", "have"),
          ("failed", "VERB", "VBN", 7, "ccomp", "fail"), (".", "PUNCT", ".", 12, "punct", "."),
          ("”", "PUNCT", "''", 12, "punct", "”")]

# Brandt said he was not ready , and added “ we will talk again . ”
_ADDED = [("Brandt", "PROPN", "NNP", 1, "nsubj", "Brandt"), ("said", "VERB", "VBD", 1, "ROOT", "say"),
          ("he", "PRON", "PRP", 5, "nsubj", "he"), ("was", "AUX", "VBD", 5, "cop", "be"),
          ("not", "PART", "RB", 5, "advmod", "not"), ("ready", "ADJ", "JJ", 1, "ccomp", "ready"),
          (",", "PUNCT", ",", 8, "punct", ","), ("and", "CCONJ", "CC", 8, "cc", "and"),
          ("added", "VERB", "VBD", 5, "conj", "add"), ("“", "PUNCT", "``", 12, "punct", "“"),
          ("we", "PRON", "PRP", 12, "nsubj", "we"), ("will", "AUX", "MD", 12, "aux", "will"),
          ("talk", "VERB", "VB", 8, "ccomp", "talk"), ("again", "ADV", "RB", 12, "advmod", "again"),
          (".", "PUNCT", ".", 12, "punct", "."), ("”", "PUNCT", "''", 12, "punct", "”")]


def test_participle_after_a_subordinate_clause_speaks_for_the_main_clause(components):
    doc = _doc(components, _AFTER, ["B-PERSON"] + ["O"] * 14)
    assert _direct_speaker(doc) == "Lind"


def test_participle_of_a_plain_sentence_keeps_its_own_subject(components):
    # Lind came back , saying “ the pumps had failed . ”  (no subordinate clause: the subject is Lind's)
    rows = [("Lind", "PROPN", "NNP", 1, "nsubj", "Lind"), ("came", "VERB", "VBD", 1, "ROOT", "come"),
            ("back", "ADV", "RB", 1, "advmod", "back"), (",", "PUNCT", ",", 4, "punct", ","),
            ("saying", "VERB", "VBG", 1, "advcl", "say"), ("“", "PUNCT", "``", 9, "punct", "“"),
            ("the", "DET", "DT", 7, "det", "the"), ("pumps", "NOUN", "NNS", 9, "nsubj", "pump"),
            ("had", "AUX", "VBD", 9, "aux", "have"), ("failed", "VERB", "VBN", 4, "ccomp", "fail"),
            (".", "PUNCT", ".", 9, "punct", "."), ("”", "PUNCT", "''", 9, "punct", "”")]
    assert _direct_speaker(_doc(components, rows, ["B-PERSON"] + ["O"] * 11)) == "Lind"


def test_verb_of_saying_coordinated_with_the_report_speaks_for_the_reporter(components):
    doc = _doc(components, _ADDED, ["B-PERSON"] + ["O"] * 15)
    assert _direct_speaker(doc) == "Brandt"


def test_rules_can_be_switched_off(components, monkeypatch):
    from storydesk.nlp.components import quotes

    monkeypatch.setattr(quotes, "PARTICIPLE_MAIN_CLAUSE", False)
    monkeypatch.setattr(quotes, "CONJ_REPORTED", False)
    # the quote also sits inside Brandt's reported speech, which gives it to him by itself
    monkeypatch.setattr(quotes, "NESTED_QUOTE_SPEAKER", False)
    assert _direct_speaker(_doc(components, _AFTER, ["B-PERSON"] + ["O"] * 14)) == "they"
    assert _direct_speaker(_doc(components, _ADDED, ["B-PERSON"] + ["O"] * 15)) == "he"
