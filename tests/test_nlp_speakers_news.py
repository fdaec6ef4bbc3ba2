"""Speakers and sources in hand-written fictional news text: a possessor is not the speaker, "he" never
goes to a ship, "according to" an agency whose phrase the parser hung on the verb, and a noun of saying
that a subject only faced is no statement. Each test runs the bundled pipeline end to end."""

from __future__ import annotations

import pytest
from model_marks import needs_model

from storydesk.nlp.components import quotes as quotes_mod

pytestmark = needs_model


@pytest.fixture(scope="module")
def nlp():
    from storydesk.nlp.annotate import load_pipeline

    return load_pipeline()


def _quote(doc, content_word: str):
    (q,) = [q for q in doc.spans["sd_quotes"] if content_word in q.text]
    return q


def _source(doc, text: str):
    (s,) = [s for s in doc.spans["sd_sources"] if s.text == text]
    return s


def test_possessor_is_not_the_speaker_the_appositive_name_is(nlp):
    doc = nlp("Ansel Brodie was arrested on Monday. Brodie's lawyer, Corin Malte, said the charges were baseless.")
    q = _quote(doc, "baseless")
    assert q._.sd_speaker_name == "Corin Malte"
    assert q._.sd_speaker_description == "Brodie's lawyer"
    src = _source(doc, "Brodie's lawyer")
    assert src._.sd_person == "Corin Malte"
    assert "Ansel Brodie" not in src._.sd_chain


def test_unnamed_lawyer_of_a_named_person_is_not_that_person(nlp):
    doc = nlp("Ansel Brodie was arrested on Monday. Brodie's lawyer said the charges were baseless.")
    q = _quote(doc, "baseless")
    assert q._.sd_speaker_name is None
    assert q._.sd_speaker_description == "Brodie's lawyer"
    assert _source(doc, "Brodie's lawyer")._.sd_person is None


def test_a_possessor_of_a_thing_still_speaks(nlp):
    doc = nlp("Ansel Brodie was arrested on Monday. Brodie's statement said the charges were baseless.")
    assert _quote(doc, "baseless")._.sd_speaker_name == "Ansel Brodie"


def test_he_goes_to_the_spokesman_not_to_the_ship(nlp):
    doc = nlp("The ferry is operated by Skerrow Line. A company spokesman told the Ellin Courier that the Merrow Bell had "
              "passed its inspection in November. He denied that the crew had been slow to raise the alarm.")
    q = _quote(doc, "slow to raise")
    assert q._.sd_speaker_name != "Merrow Bell"
    assert q._.sd_speaker_description == "A company spokesman"
    assert "Merrow Bell" not in doc._.sd_people
    (he,) = [s for s in doc.spans["sd_sources"] if s.text == "He"]
    assert he._.sd_person is None and "Merrow Bell" not in he._.sd_chain


def test_a_name_used_with_an_article_is_never_a_person_antecedent(nlp):
    doc = nlp("The Merrow Bell ran aground near the harbour on Tuesday. Its owner was questioned. "
              "He denied that the crew had been drinking.")
    q = _quote(doc, "drinking")
    assert q._.sd_speaker_name is None
    assert "Merrow Bell" not in doc._.sd_people


def test_according_to_an_agency_hung_on_the_verb_names_the_agency(nlp):
    doc = nlp("Both were unhurt.\n\nAccording to the Coastline Press Agency (CPA), 14 people were lifted off by "
              "helicopter and about 200 passengers left the ship in lifeboats.")
    (src,) = [s for s in doc.spans["sd_sources"] if s.label_ == "according_to"]
    assert src.text == "According to the Coastline Press Agency (CPA)"
    assert src._.sd_organization == "Coastline Press Agency"
    q = _quote(doc, "lifted off")
    assert q._.sd_speaker_name == "Coastline Press Agency"


def test_acronym_source_resolves_to_the_agency(nlp):
    doc = nlp("The Coastline Press Agency (CPA) opened a bureau in Port Ellin. According to CPA, the bridge will "
              "close for three weeks.")
    q = _quote(doc, "bridge will close")
    assert q._.sd_speaker_name == "Coastline Press Agency"


@pytest.mark.parametrize("text", ["The council has faced complaints about the road for years.",
                                  "The mayor received questions over the budget on Monday."])
def test_noun_of_saying_faced_with_only_a_topic_is_no_statement(nlp, text):
    doc = nlp(text)
    assert list(doc.spans["sd_quotes"]) == []


def test_noun_of_saying_with_a_that_clause_is_still_a_statement(nlp):
    doc = nlp("The council has faced complaints that the road is unsafe.")
    assert [q.text for q in doc.spans["sd_quotes"]] == ["that the road is unsafe"]


def test_topic_rule_switch(nlp, monkeypatch):
    monkeypatch.setattr(quotes_mod, "TOPIC_ONLY_NOUN", False)
    doc = nlp("The council has faced complaints about the road for years.")
    # the switch is what removes the reading: off, the learned frames read "about the road" as content
    assert [q.text for q in doc.spans["sd_quotes"]] != []
