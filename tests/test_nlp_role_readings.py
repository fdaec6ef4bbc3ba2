"""storydesk_role_readings: the quote finder's speakers checked, and missed readings added, from the role
tagger's per-word probabilities. Hand-parsed fictional sentences with hand-set probabilities, so no
transformer is needed."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from parsed_docs import tagged_doc

from storydesk.nlp.components.role_readings import CON_D, CON_I, CUE_I, SRC, RoleReadings


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def readings():
    return RoleReadings()


# Harbour critics called for a new bridge over the Venn .
_CALLED = [("Harbour", "PROPN", "NNP", 1, "compound", "Harbour"), ("critics", "NOUN", "NNS", 2, "nsubj", "critic"),
           ("called", "VERB", "VBD", 2, "ROOT", "call"), ("for", "ADP", "IN", 2, "prep", "for"),
           ("a", "DET", "DT", 6, "det", "a"), ("new", "ADJ", "JJ", 6, "amod", "new"),
           ("bridge", "NOUN", "NN", 3, "pobj", "bridge"), ("over", "ADP", "IN", 6, "prep", "over"),
           ("the", "DET", "DT", 9, "det", "the"), ("Venn", "PROPN", "NNP", 7, "pobj", "Venn"),
           (".", "PUNCT", ".", 2, "punct", ".")]

# Officials in Brackwater said on Tuesday the road would reopen .
_SAID = [("Officials", "NOUN", "NNS", 3, "nsubj", "official"), ("in", "ADP", "IN", 0, "prep", "in"),
         ("Brackwater", "PROPN", "NNP", 1, "pobj", "Brackwater"), ("said", "VERB", "VBD", 3, "ROOT", "say"),
         ("on", "ADP", "IN", 3, "prep", "on"), ("Tuesday", "PROPN", "NNP", 4, "pobj", "Tuesday"),
         ("the", "DET", "DT", 7, "det", "the"), ("road", "NOUN", "NN", 9, "nsubj", "road"),
         ("would", "AUX", "MD", 9, "aux", "would"), ("reopen", "VERB", "VB", 3, "ccomp", "reopen"),
         (".", "PUNCT", ".", 3, "punct", ".")]


def _called(blank, content_col: int = CON_I, subject: bool = True):
    rows = list(_CALLED)
    if not subject:  # "critics" no longer the subject, and nothing looks like a source
        rows[1] = ("critics", "NOUN", "NNS", 2, "dobj", "critic")
    doc = tagged_doc(blank, rows, run=False)
    p = np.zeros((len(doc), 7), dtype=np.float32)
    p[4:10, content_col] = 0.9
    p[2, CUE_I] = 0.6
    if subject:
        p[1, SRC] = 0.8
    doc._.sd_role_probs = p
    doc.spans["sd_quotes"] = []
    return doc


def _quote(doc, start: int, end: int, speaker: tuple[int, int], label: str = "indirect"):
    span = doc[start:end]
    span = doc.char_span(span.start_char, span.end_char, label=label)
    span._.sd_parts = [[span.start_char, span.end_char]]
    spk = doc[speaker[0]:speaker[1]]
    span._.sd_speaker = [spk.start_char, spk.end_char]
    span._.sd_speaker_from = "cue"
    doc.spans["sd_quotes"] = [span]
    return span


def test_role_readings_add_a_confident_run_with_its_cue_and_the_cues_subject(blank, readings):
    doc = readings(_called(blank))
    [q] = doc.spans["sd_quotes"]
    assert q.label_ == "indirect"
    assert doc.text[slice(*q._.sd_parts[0])] == "a new bridge over the Venn"
    assert doc.text[slice(*q._.sd_cue)] == "called"
    assert q._.sd_cue_lemma == "call"
    assert doc.text[slice(*q._.sd_speaker)] == "Harbour critics"
    assert q._.sd_speaker_from == "roles"


def test_role_readings_leave_direct_content_and_speakerless_runs_alone(blank, readings):
    assert list(readings(_called(blank, content_col=CON_D)).spans["sd_quotes"]) == []
    assert list(readings(_called(blank, subject=False)).spans["sd_quotes"]) == []


def test_role_readings_add_nothing_over_a_reading_the_finder_made(blank, readings):
    doc = _called(blank)
    mine = _quote(doc, 5, 10, (0, 2))  # "new bridge over the Venn": most of the run
    doc = readings(doc)
    assert list(doc.spans["sd_quotes"]) == [mine]


def test_role_readings_add_nothing_below_the_threshold(blank):
    doc = _called(blank)
    doc._.sd_role_probs[4:10, CON_I] = 0.6
    assert list(RoleReadings(add_threshold=0.7)(doc).spans["sd_quotes"]) == []
    assert len(RoleReadings(add_threshold=0.5)(doc).spans["sd_quotes"]) == 1


def _said(blank, tuesday: float):
    doc = tagged_doc(blank, _SAID, run=False)
    p = np.zeros((len(doc), 7), dtype=np.float32)
    p[0, SRC], p[5, SRC] = 0.9, tuesday
    p[6:10, CON_I] = 0.3  # not confident enough to be read again
    doc._.sd_role_probs = p
    q = _quote(doc, 6, 10, (5, 6))  # the finder took "Tuesday" for the speaker
    return doc, q


def test_role_readings_replace_a_speaker_the_tagger_rules_out(blank, readings):
    doc, q = _said(blank, tuesday=0.01)
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)].startswith("Officials")
    assert q._.sd_speaker_from == "roles"


def test_role_readings_keep_a_speaker_the_tagger_finds_plausible(blank, readings):
    doc, q = _said(blank, tuesday=0.3)
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)] == "Tuesday"
    assert q._.sd_speaker_from == "cue"


def test_role_readings_do_nothing_without_probabilities(blank, readings):
    doc, q = _said(blank, tuesday=0.01)
    doc._.sd_role_probs = None
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)] == "Tuesday"
    doc._.sd_role_probs = np.zeros((3, 7), dtype=np.float32)  # not this Doc's: ignored
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)] == "Tuesday"
