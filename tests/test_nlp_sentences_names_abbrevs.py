"""storydesk_presegment: no sentence starts inside a speaker's name before an adverb or a comma and its
reporting verb ("Ines Varga reportedly said"), inside a short name the NER found when the sentence goes on
in lower case ("Reps. Kurt Halloran and ..."), after a title abbreviation the tokenizer split from its
period ("Reps" "."), or after "No." before a number. Fictional sentences."""

from __future__ import annotations

import pytest
from model_marks import needs_model


def _starts(doc) -> list[str]:
    return [t.text for t in doc if t.is_sent_start]


@pytest.mark.parametrize("text", [
    "Ines Varga reportedly said the pier was unsafe.",
    "The mayor, Ines Varga, reportedly said the pier was unsafe.",
    "Ines Varga has also said the pier was unsafe.",
])
def test_no_start_inside_a_name_before_its_reporting_verb(presegment_blank, text):
    doc = presegment_blank(text)
    varga = next(t for t in doc if t.text == "Varga")
    assert varga.is_sent_start is False


def test_a_title_abbreviation_ends_no_sentence(presegment_blank):
    doc = presegment_blank("The group includes Reps. Kurt Halloran and Ines Varga.")
    kurt = next(t for t in doc if t.text == "Kurt")
    assert doc[kurt.i - 1].text == "."  # the tokenizer splits "Reps" from its period
    assert kurt.is_sent_start is False


def test_no_before_a_number_ends_no_sentence(presegment_blank):
    doc = presegment_blank("Ines Varga kept the No. 2 job. 4 people left.")
    assert next(t for t in doc if t.text == "2").is_sent_start is False
    assert next(t for t in doc if t.text == "4").is_sent_start is True


def test_ordinary_sentence_ends_are_kept(presegment_blank):
    doc = presegment_blank("The ferry left at noon. Kurt Halloran waved. He said no. 4 boats followed.")
    assert [t.text for t in doc if t.is_sent_start is True] == ["The", "Kurt", "He", "4"]


@needs_model
@pytest.mark.parametrize("text", [
    "Ines Varga reportedly said the pier was unsafe.",
    "The mayor, Ines Varga, reportedly said the pier was unsafe.",
    "The group includes Reps. Kurt Halloran and Ines Varga, who said the pier was unsafe.",
    "Kurt Halloran, Kestle, kept the No. 2 job in the harbour board.",
])
def test_bundled_pipeline_keeps_the_sentence_whole(nlp, text):
    assert [s.text for s in nlp(text).sents] == [text]


@needs_model
def test_the_speaker_is_the_whole_name(nlp):
    doc = nlp("Ines Varga reportedly said the pier was unsafe.")
    q = next(q for q in doc.spans["sd_quotes"] if "pier was unsafe" in q.text)
    assert doc.text[slice(*q._.sd_speaker)] == "Ines Varga"
