"""A question put to a speaker ("Asked whether ..., Varga said ...") is the unnamed reporter's, not the
speaker's words: it is no statement; what the speaker answered is. Fictional sentences, the bundled
pipeline."""

from __future__ import annotations

import pytest
from model_marks import needs_model

CASES = [
    ("Asked whether the pier had been ready for a storm of that size, Varga said it had been.",
     "Varga", "it had been"),
    ("Asked about the delays, Ines Varga said the council would publish its findings in May.",
     "Varga", "the council would publish its findings in May"),
    ("When pressed on the cost, Tomas Brenn said the bridge would be paid for by the county.",
     "Tomas Brenn", "the bridge would be paid for by the county"),
]


@needs_model
@pytest.mark.parametrize(("text", "speaker", "answer"), CASES)
def test_the_question_is_not_the_speakers_statement(nlp, text, speaker, answer):
    doc = nlp(text)
    quotes = list(doc.spans["sd_quotes"])
    assert not any(q._.sd_cue_lemma in {"ask", "press"} for q in quotes)
    (q,) = [q for q in quotes if answer in q.text]
    assert doc.text[slice(*q._.sd_speaker)] in {speaker, speaker.split()[-1]}
    assert "whether" not in q.text and "delays" not in q.text


@needs_model
def test_a_speaker_who_asks_still_speaks(nlp):
    # the asker is named: the question is theirs, reported as they put it
    doc = nlp("Councillor Ada Moss asked whether the pier had been inspected since the storm.")
    q = next(q for q in doc.spans["sd_quotes"] if q._.sd_cue_lemma == "ask")
    assert "the pier had been inspected" in q.text
    assert "Moss" in doc.text[slice(*q._.sd_speaker)]
