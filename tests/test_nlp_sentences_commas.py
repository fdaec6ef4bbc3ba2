"""storydesk_presegment: no sentence starts after a clause-closing comma or inside a speaker's name."""

from __future__ import annotations

import pytest

from storydesk.nlp.components import sentences  # noqa: F401  (registers the factory)
from storydesk.nlp.pipeline import BUNDLED_MODEL_PATH as MODEL


def _flag(doc, text):
    return next(t for t in doc if t.text == text).is_sent_start


def test_attribution_after_a_clause_and_comma_is_not_a_sentence(presegment_blank):
    doc = presegment_blank("The ferry to Oswick was cancelled on Friday, stranding 40 walkers, Tarl Ferries said.")
    assert _flag(doc, "Tarl") is False


def test_capitalised_word_after_a_long_clause_and_comma_is_not_a_start(presegment_blank):
    doc = presegment_blank("When the lights went out in the hall, Brenna ran for the door.")
    assert _flag(doc, "Brenna") is False


def test_short_attribution_after_a_comma_is_not_a_start(presegment_blank):
    doc = presegment_blank("No, Inspector Varro said.")
    assert _flag(doc, "Inspector") is False


def test_greeting_or_sign_off_before_a_comma_decides_nothing(presegment_blank):
    # Unsegmented mail ("Thanks, Rolf Please send ...") has sentences after such commas.
    doc = presegment_blank("Thanks, Rolf Please send the minutes.")
    assert _flag(doc, "Rolf") is None
    doc = presegment_blank("Dear all, We meet on Monday.")
    assert _flag(doc, "We") is None


def test_comma_after_a_sentence_break_counts_the_new_clause_only(presegment_blank):
    doc = presegment_blank("The quay was closed for the whole week. Yes, Tomas did it.")
    assert _flag(doc, "Tomas") is None


def test_a_name_before_a_reporting_verb_is_never_cut(presegment_blank):
    doc = presegment_blank("Harbourmaster Ingrid Sollis told the Varrow Gazette that the quay was safe.")
    assert _flag(doc, "Ingrid") is False
    assert _flag(doc, "Sollis") is False
    doc = presegment_blank("Alderman Piet Korver says the vote will be held.")
    assert _flag(doc, "Piet") is False


def test_capitalised_words_without_a_reporting_verb_decide_nothing(presegment_blank):
    doc = presegment_blank("We waited at Harrow Green Station for an hour")
    assert _flag(doc, "Green") is None
    assert _flag(doc, "Station") is None


def test_a_period_still_ends_the_sentence_before_an_attribution(presegment_blank):
    doc = presegment_blank("It rained all day, the ranger said. Nobody came, Ellis Ward said.")
    assert _flag(doc, "Nobody") is True
    assert _flag(doc, "Ellis") is False


def test_a_line_break_after_a_comma_still_starts_a_sentence(presegment_blank):
    doc = presegment_blank("Best wishes to the whole committee,\nGreta Lind said nothing.")
    assert _flag(doc, "Greta") is True


def test_long_unpunctuated_input_is_handled(presegment_blank):
    doc = presegment_blank(", ".join(["the tide came in and Mara Venn said"] * 2000))
    assert not any(t.is_sent_start for t in doc[1:])
    assert _flag(doc, "Venn") is False


@pytest.fixture(scope="module")
def bundled():
    if not (MODEL / "meta.json").is_file():
        pytest.skip("the bundled spaCy model is not built yet")
    from storydesk.nlp.pipeline import load_base_pipeline

    return load_base_pipeline()


def test_bundled_pipeline_keeps_a_titled_speaker_whole(bundled):
    doc = bundled(
        "Harbourmaster Ingrid Sollis told the Varrow Gazette that the quay had been inspected in June."
    )
    assert len(list(doc.sents)) == 1


def test_bundled_pipeline_keeps_the_attribution_with_its_statement(bundled):
    doc = bundled(
        "OSWICK, June 2 (VPA) - A footbridge over the river Tarl collapsed on Sunday afternoon as a crowd "
        "watched a rowing race from it, injuring 7 people, Oswick Police said.\n\nThe bridge had been "
        "closed in May."
    )
    sents = [s.text.strip() for s in doc.sents]
    assert any(s.endswith("injuring 7 people, Oswick Police said.") and "footbridge" in s for s in sents)
    assert sents[-1] == "The bridge had been closed in May."
