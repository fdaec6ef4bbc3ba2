"""A phrase near a name that describes someone else, or something else, is no description of the name
(hand-written fictional text; the classes found reading BASIL articles, seed 10): the object of "of"
("a friend of Ivo Brandt"), the object of an earlier clause ("finished his report, Grimm"), a time noun
("the day Lind won"). And a description the parser cut at "and" inside a name or before another person's
party tag is read whole or trimmed. Each test runs the bundled pipeline end to end."""

from __future__ import annotations

import pytest
from model_marks import needs_model

pytestmark = needs_model


@pytest.mark.parametrize(("text", "name"), [
    ('Lloyd Benton was a friend of Joe Bidwell\'s. "We won," Mr. Bidwell said.', "Joe Bidwell"),
    ("Vicente Moral, an outspoken critic of Donald Kessler, started the fight on Monday. Kessler said he was "
     "not worried.", "Donald Kessler"),
])
def test_speakers_name_after_of_is_not_described_by_the_phrase_before_it(nlp, text, name):
    doc = nlp(text)
    assert not (doc._.sd_people.get(name) or "").endswith(" of")


def test_speakers_a_name_with_a_title_after_of_keeps_its_own_title(nlp):
    doc = nlp("Mara Chell, the younger sister of Wyoming Senate candidate Lise Chell (R) and daughter of former "
              "Vice President Rick Chell, criticized her sister.")
    assert doc._.sd_people["Rick Chell"] == "former Vice President"
    assert doc._.sd_people["Lise Chell"] == "Wyoming Senate candidate"


def test_speakers_object_of_an_earlier_clause_is_no_description(nlp):
    doc = nlp('After reporter Mark Olin finished his report, Tom Grell stormed back and said, "Let me be clear."')
    (q,) = doc.spans["sd_quotes"]
    assert q._.sd_speaker_name == "Tom Grell"
    assert q._.sd_speaker_description != "his report"


def test_speakers_time_noun_before_a_name_is_no_role(nlp):
    doc = nlp("The council said the mayor recorded the video on Tuesday, the day Kessler effectively wrapped up "
              "the nomination. Kessler said she was glad.")
    assert "Kessler" in doc._.sd_people
    assert doc._.sd_people["Kessler"] != "day"


def test_speakers_description_runs_through_and_inside_a_name(nlp):
    doc = nlp("Representative Daniel Isser of Ohio, the senior Republican on the House Oversight and "
              "Government Reform Committee, said the interactions were illegal.")
    assert doc._.sd_people["Daniel Isser"] == ("the senior Republican on the House Oversight and Government "
                                            "Reform Committee")


def test_speakers_role_before_a_name_starts_at_its_name_not_after_and(nlp):
    doc = nlp('"The hearing goes on," Oversight and Government Reform Committee spokesman Alin Ahmar said.')
    (q,) = doc.spans["sd_quotes"]
    assert q._.sd_speaker_description == "Oversight and Government Reform Committee spokesman"
