"""A legislator's party-state tag ("Rep. Ada House (D-Ga.)") belongs to the person before it: the state
is no person or entity of its own, no antecedent for a later pronoun, and no part of the speaker's name.
Fictional people, the bundled pipeline."""

from __future__ import annotations

import pytest
from model_marks import needs_model

from storydesk.nlp.components._common import PARTY_STATE


@pytest.mark.parametrize("tag", ["(D-Ga.)", "(R-Neb.)", "(R-N.Y.)", "(D-W.Va.)", "(I-Vt., 4th District)",
                                 "(R-TX)", "(D - Calif.)", "(R-Texas)", "(D-N.H.)"])
def test_party_state_tags_are_recognised(tag):
    assert PARTY_STATE.fullmatch(tag)


@pytest.mark.parametrize("text", ["(AP)", "(Reuters)", "(R)", "(see below)", "(2-1)", "(D-Day)", "(R-rated)"])
def test_other_brackets_are_not(text):
    assert not PARTY_STATE.fullmatch(text)


@needs_model
def test_the_state_is_no_entity_and_no_antecedent(nlp):
    doc = nlp("\"You can't blame the harbour board for this,\" Rep. Tomas Varga (D-Ga.) told reporters. "
              "Sen. Ada Lindqvist (R-Neb.) said the vote was close. He added that the pier would reopen.")
    assert not [e.text for e in doc.ents if e.text.rstrip(".") in {"Ga", "Neb"}]
    names = {q._.sd_speaker_name for q in doc.spans["sd_quotes"]}
    assert not names & {"Ga", "Neb", "Ga.", "Neb."}
    assert not any(s._.sd_person in {"Ga", "Neb"} for s in doc.spans["sd_sources"])


@needs_model
def test_the_speaker_mention_stops_before_the_tag(nlp):
    doc = nlp("\"We will win,\" said Sen. Mara Lindqvist (D-Ore.), who chairs the panel.")
    q = next(q for q in doc.spans["sd_quotes"] if "We will win" in q.text)
    assert "(" not in doc.text[slice(*q._.sd_speaker)]
    assert q._.sd_speaker_name == "Mara Lindqvist"
