"""A wire dateline in title case ("Kestle (CPA) – ...", "Port Ellin, Calder (Reuters) - ...") is a dateline
like one in capitals: its own sentence, no speaker, trimmed from the quote it opens; a title-case word and
a dash without an agency's credit ("Kestle - the town") or a person's party in brackets is not.
Fictional places and agencies."""

from __future__ import annotations

import pytest
from model_marks import needs_model

from storydesk.nlp.components.sentences import DATELINE


@pytest.mark.parametrize("text,dateline", [
    ("Kestle (CPA) – Calder's top law officer promises to fight the ruling.", "Kestle (CPA) – "),
    ("Port Ellin, Calder (CPA) — The ferry sank.", "Port Ellin, Calder (CPA) — "),
    ("St. Ives, Calder (Reuters) - The ferry sank.", "St. Ives, Calder (Reuters) - "),
    ("Oswick, June 2 (VPA) - A footbridge collapsed.", "Oswick, June 2 (VPA) - "),
])
def test_title_case_datelines(text, dateline):
    m = DATELINE.match(text)
    assert m is not None and m.group(0) == dateline


@pytest.mark.parametrize("text", [
    "Kestle - the town by the sea - lost its ferry.",
    "Ines Varga (Green) - who chairs the board - said no.",
    "Oswick (pictured) - a town of 3,000 - lost its ferry.",
    "Kestle, Calder - The ferry sank.",
])
def test_ordinary_sentences_are_no_datelines(text):
    assert DATELINE.match(text) is None


def test_the_word_after_a_title_case_dateline_starts_a_sentence(presegment_blank):
    doc = presegment_blank("Kestle (CPA) – Calder's top law officer promises to fight the ruling.")
    dash = next(t for t in doc if t.text == "–")
    assert doc[dash.i + 1].is_sent_start is True
    assert all(t.is_sent_start is False for t in doc[1:dash.i + 1])


@needs_model
def test_the_place_of_a_title_case_dateline_is_no_speaker(nlp):
    doc = nlp("Kestle (CPA) – Calder's top law officer promises to fight the ruling, saying the ferry "
              "law is sound.\n\nThe ruling came on Monday.")
    assert next(s.text for s in doc.sents) == "Kestle (CPA) –"
    spoken = [doc.text[slice(*q._.sd_speaker)] for q in doc.spans["sd_quotes"] if q._.sd_speaker]
    assert "Kestle" not in spoken
