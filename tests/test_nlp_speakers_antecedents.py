"""Whom a pronoun or a description speaker stands for (hand-written fictional text; the classes found
reading BASIL articles): never a name the text uses only as a place ("in Fergus"), never a man when the
text calls him "father" before his title, the subject a bad parse hung on an outlet ("According to the
Times, Mary Chell, who ..."), and a definite description opening its sentence carries on the previous
sentence's subject. Each test runs the bundled pipeline end to end."""

from __future__ import annotations

from model_marks import needs_model

pytestmark = needs_model


def _speakers(doc) -> list[tuple[str, str | None]]:
    return [(doc.text[q._.sd_speaker[0]:q._.sd_speaker[1]], q._.sd_speaker_name) for q in doc.spans["sd_quotes"]
            if q._.sd_speaker]


def test_speakers_a_title_speaker_is_never_a_place_said_on(nlp):
    doc = nlp("Piet Vance said on Sunday that he would veto the bill. Ada Kroll said on Capitol Hill that she "
              "would not. The president called on Congress to pass the ferry bill.")
    assert ("The president", "Capitol Hill") not in _speakers(doc)


def test_speakers_a_pronoun_is_never_a_name_used_only_as_a_place(nlp):
    # "Harmon" is tagged a person; "in Harmon" is the only way the text uses it
    doc = nlp("Norm Stabler said the wrong tone was set in Harmon from the first day. \"That response ignited "
              "it.\" He reserved his harshest criticism for the tear gas, a mistake he said he made in Seattle.")
    assert ("he", "Norm Stabler") in _speakers(doc)
    assert "Harmon" not in {name for _m, name in _speakers(doc)}


def test_speakers_father_before_a_title_tells_the_gender(nlp):
    doc = nlp("Their father, former Vice President Rick Chell, backs the bill, and Mara Chell echoed him when "
              "she added, \"Freedom means freedom for everyone.\"")
    assert ("she", "Rick Chell") not in _speakers(doc)


def test_speakers_person_parsed_as_an_outlets_apposition_is_the_subject(nlp):
    doc = nlp("According to the Times, Mary Chell, who is openly gay and married her partner, Hedda Poll, in "
              "Washington last year, took to Facebook to rebuke her sister's remarks. \"For the record, I love "
              "my sister,\" she wrote.")
    assert ("she", "Mary Chell") in _speakers(doc)


def test_speakers_a_definite_description_opening_a_sentence_is_the_previous_subject(nlp):
    doc = nlp("Dave Brell celebrated his victory over the majority leader on Tuesday night in a phone interview "
              "with Radio Kestle host Sean Hallow.\n\nThe tea party-backed candidate attributed his victory to "
              "grassroots efforts, calling the win a \"miracle.\"")
    assert ("The tea party-backed candidate", "Dave Brell") in _speakers(doc)


def test_speakers_secretary_of_state_without_an_entity_is_not_named_state(nlp):
    doc = nlp("The review found that it was impossible to say what motivated the attackers, Secretary of State "
              "Margit Olsen revealed Wednesday. Olsen said the review was done.")
    assert "State Margit Olsen" not in doc._.sd_people
    assert "Margit Olsen" in doc._.sd_people


def test_speakers_a_plural_group_is_not_the_person_named_in_its_phrase(nlp):
    doc = nlp("Grell acknowledged receiving money from followers of an Israeli rabbi, Ivo Pinter. Some members of "
              "Pinter's congregation subsequently said they made tens of thousands of dollars in illegal "
              "contributions.")
    assert all(name not in {"Pinter", "Ivo Pinter"} for _m, name in _speakers(doc))


def test_speakers_a_persons_campaign_is_not_the_person(nlp):
    doc = nlp("Democratic Attorney General Donald Kessler finds himself on the ropes. Kessler's campaign disputed "
              "a report in the Tarsby Times as an \"outrageous distortion\" of his service in the Marines.")
    assert ("Kessler's campaign", "Donald Kessler") not in _speakers(doc)
