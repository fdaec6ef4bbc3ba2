"""storydesk_presegment: a wire dateline opening a paragraph ("OSWICK, June 2 (VPA) -") is a sentence of
its own, whatever word follows its dash, so that the parser reads the sentence after it whole.
Hand-written fictional texts."""

from __future__ import annotations

import pytest

from storydesk.nlp.components.sentences import DATELINE
from storydesk.nlp.pipeline import BUNDLED_MODEL_PATH as MODEL


def _starts(doc) -> list[str]:
    return [t.text for t in doc if t.is_sent_start]


@pytest.mark.parametrize("text", [
    "OSWICK, June 2 (VPA) - A footbridge collapsed on Sunday.",
    "OSWICK, June 2 (VPA) - Fire broke out on Sunday.",
    "OSWICK (VPA) — Rowers were pulled from the river.",
    "OSWICK, June 2 - The race was stopped.",
])
def test_the_word_after_the_dash_starts_a_sentence(presegment_blank, text):
    doc = presegment_blank(text)
    dash = next(t for t in doc if t.text in {"-", "—"})
    assert doc[dash.i + 1].is_sent_start is True
    assert all(t.is_sent_start is False for t in doc[1:dash.i + 1])  # nothing inside the dateline


def test_a_dateline_after_a_paragraph_break_is_found_too(presegment_blank):
    doc = presegment_blank("Bridge falls.\n\nOSWICK (VPA) - A footbridge collapsed.")
    assert [t.text for t in doc if t.is_sent_start is True] == ["Bridge", "OSWICK", "A"]


def test_a_dateline_alone_in_its_paragraph_leaves_the_next_paragraph_alone(presegment_blank):
    doc = presegment_blank("OSWICK, June 2 (VPA) -\n\nA footbridge collapsed.")
    assert [t.text for t in doc if t.is_sent_start is True] == ["OSWICK", "A"]
    assert [t.is_sent_start for t in doc if t.text in {"June", "-", "\n\n"}] == [False, False, False]


def test_capitals_and_a_dash_inside_a_paragraph_are_no_dateline(presegment_blank):
    doc = presegment_blank("Crowds cheered. OSWICK, June 2 (VPA) - the race went on.")
    assert not [t for t in doc if t.text == "the" and t.is_sent_start]
    assert not DATELINE.match("BREAKING - A footbridge collapsed.")  # no date, no credit
    # a place in title case needs a wire agency's credit
    assert not DATELINE.match("Oswick, June 2 - A footbridge collapsed.")
    assert not DATELINE.match("Ines Varga (Green) - the footbridge was unsafe.")


def test_bundled_pipeline_reads_the_sentence_after_the_dateline_whole():
    if not (MODEL / "meta.json").is_file():
        pytest.skip("the bundled spaCy model is not built yet")
    from storydesk.nlp.pipeline import load_base_pipeline

    nlp = load_base_pipeline()
    for body in ("A footbridge over the river Tarl collapsed on Sunday, injuring 7 people, Oswick Police said.",
                 "Fire broke out in the boathouse on Sunday, forcing 40 rowers into the river, Oswick Police said."):
        sents = [s.text for s in nlp(f"OSWICK, June 2 (VPA) - {body} Nobody died.").sents]
        assert sents == ["OSWICK, June 2 (VPA) -", body, "Nobody died."]
