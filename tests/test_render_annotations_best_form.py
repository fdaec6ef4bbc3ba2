"""The speaker line of ``extract --annotate`` gives the speaker once, in its best form (the name if
resolved, else the fullest description), and the mention in the text only when it adds something.
Wordings compare without case or article ("a ministry spokesman" = "ministry spokesman"). Hand-built
fictional records."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.render.annotations import render_annotations


def _lines(sentences, quotes, entities=()):
    aa = make_article("Orrin Post", "Quay closed", "2026-05-12T08:00:00", sentences,
                      entities=list(entities), quotes=quotes)
    return [line for line in render_annotations(aa).splitlines() if line.startswith("- **")]


def test_unnamed_speaker_whose_name_is_its_description_is_shown_once():
    (line,) = _lines(["A harbour spokesman said the quay would stay shut."], [
        {"content": "the quay would stay shut", "kind": "indirect", "speaker": "A harbour spokesman",
         "speaker_name": "harbour spokesman", "description": "A harbour spokesman"}])
    assert line.startswith("- **A harbour spokesman** ")
    assert line.lower().count("spokesman") == 1


def test_pronoun_of_a_described_speaker_follows_the_description():
    (line,) = _lines(["Another fisherman, who gave no name, was angry. He said the nets were lost."], [
        {"content": "the nets were lost", "kind": "indirect", "speaker": "He", "speaker_name": None,
         "description": "Another fisherman"}])
    assert line.startswith("- **Another fisherman (“He”)** ")


def test_pronoun_of_an_unnamed_spokesman_named_by_his_description():
    (line,) = _lines(["A quay spokeswoman spoke first. She said boats would be moved."], [
        {"content": "boats would be moved", "kind": "indirect", "speaker": "She",
         "speaker_name": "quay spokeswoman", "description": "a quay spokeswoman"}])
    assert line.startswith("- **a quay spokeswoman (“She”)** ")
    assert line.lower().count("spokeswoman") == 1


def test_mention_that_is_the_description_and_the_name_is_no_alias():
    (line,) = _lines(["Orrin Ports chief engineer Marta Selvik said the crane was safe."], [
        {"content": "the crane was safe", "kind": "indirect",
         "speaker": "Orrin Ports chief engineer Marta Selvik", "speaker_name": "Marta Selvik",
         "description": "Orrin Ports chief engineer"}], entities=[("Marta Selvik", "PERSON")])
    assert line.startswith("- **Marta Selvik, Orrin Ports chief engineer** ")
    assert line.count("Orrin Ports") == 1


def test_title_and_name_mention_is_no_alias_when_the_title_is_the_description():
    (line,) = _lines(["Councillor Ivo Brandt claimed the quay was unsafe."], [
        {"content": "the quay was unsafe", "kind": "indirect", "speaker": "Councillor Ivo Brandt",
         "speaker_name": "Ivo Brandt", "description": "Councillor"}], entities=[("Ivo Brandt", "PERSON")])
    assert line.startswith("- **Ivo Brandt, Councillor** ")


def test_mention_covered_by_the_description_is_no_alias():
    (line,) = _lines(["Lene Haug is a spokeswoman for the port. The spokeswoman said nobody was hurt."], [
        {"content": "nobody was hurt", "kind": "indirect", "speaker": "The spokeswoman",
         "speaker_name": "Lene Haug", "description": "a spokeswoman for the port"}],
        entities=[("Lene Haug", "PERSON")])
    assert line.startswith("- **Lene Haug, a spokeswoman for the port** ")


def test_a_real_name_inside_the_description_stays_the_head():
    (line,) = _lines(["Orrin Ports, the Orrin Ports harbour company, said the quay was closed."], [
        {"content": "the quay was closed", "kind": "indirect", "speaker": "Orrin Ports",
         "speaker_name": "Orrin Ports", "description": "the Orrin Ports harbour company"}],
        entities=[("Orrin Ports", "ORG")])
    assert line.startswith("- **Orrin Ports, the Orrin Ports harbour company** ")


def test_mention_with_more_than_the_description_is_the_head():
    (line,) = _lines(["A spokeswoman for the port said nobody was hurt."], [
        {"content": "nobody was hurt", "kind": "indirect", "speaker": "A spokeswoman for the port",
         "speaker_name": None, "description": "spokeswoman"}])
    assert line.startswith("- **A spokeswoman for the port** ")
    assert line.lower().count("spokeswoman") == 1


def test_possessive_description_reads_in_lower_case_after_the_name():
    (line,) = _lines(["Her skipper, Aksel Ruud, said the boat was sound."], [
        {"content": "the boat was sound", "kind": "indirect", "speaker": "Aksel Ruud",
         "speaker_name": "Aksel Ruud", "description": "Her skipper"}], entities=[("Aksel Ruud", "PERSON")])
    assert line.startswith("- **Aksel Ruud, her skipper** ")
