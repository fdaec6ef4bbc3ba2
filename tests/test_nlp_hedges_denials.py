"""Status "denied" comes from a source contradicting a claim ("denied that ...", "rejected claims
that ..."), not from a negated or declined denial ("did not deny"), a refusal ("was denied entry"), or
a denial elsewhere in the sentence ("He denied X, saying Y": Y is asserted by him). Fictional sentences."""

from __future__ import annotations

import pytest
from model_marks import needs_model


def _denials(doc) -> list[str]:
    return [h.text for h in doc.spans["sd_hedges"] if h.label_ == "denial"]


def _statuses(doc) -> list[str]:
    return [status for _, _, status, _ in doc._.sd_sentence_status]


def _by_cue(doc) -> dict[str, str]:
    return {doc.text[slice(*q._.sd_cue)]: q._.sd_status for q in doc.spans["sd_quotes"] if q._.sd_cue}


@pytest.mark.parametrize("sentence", [
    "The operator did not deny that the lifeboats were short.",
    "The mayor has never denied that she knew.",
    "Velsund Ferries declined to deny that the engine had failed.",
    "The union did not dispute claims that the drivers had walked out.",
])
def test_negated_or_declined_denial_is_no_denial_without_tags(hedges_blank, sentence):
    doc = hedges_blank(sentence)
    assert _denials(doc) == []
    assert _statuses(doc) != ["denied"]


def test_plain_denial_still_found_without_tags(hedges_blank):
    assert _denials(hedges_blank("Velsund Ferries denied that the engine had failed.")) == ["denied"]


@needs_model
@pytest.mark.parametrize("sentence, cue", [
    ("Velsund Ferries denied that the engine had failed.", "denied"),
    ("The minister denied reports that the ferry had been overloaded.", "denied"),
    ("Brenlow Ferries rejected claims that the ship was unsafe.", "rejected"),
    ("The harbour board flatly denied the report.", "denied"),
    ("The drivers' union disputed that the trains had been empty.", "disputed"),
])
def test_denial_cue_gives_status_denied(nlp, sentence, cue):
    doc = nlp(sentence)
    assert _statuses(doc) == ["denied"]
    assert _by_cue(doc)[cue] == "denied"


@needs_model
@pytest.mark.parametrize("sentence, cue", [
    ("The operator did not deny that the lifeboats were short.", "deny"),
    ("The mayor has never denied that she knew.", "denied"),
    ("The drivers' union did not dispute that the trains had been empty.", "dispute"),
])
def test_negated_denial_is_attributed(nlp, sentence, cue):
    doc = nlp(sentence)
    assert _statuses(doc) == ["attributed"]
    assert _by_cue(doc)[cue] == "attributed"


@needs_model
@pytest.mark.parametrize("sentence", [
    "The captain was denied entry to the port.",
    "No one disputes the claim that the alarm sounded late.",
])
def test_refusal_or_undisputed_claim_is_not_denied(nlp, sentence):
    doc = nlp(sentence)
    assert _denials(doc) == []
    assert "denied" not in _statuses(doc)


@needs_model
def test_statement_after_a_denial_keeps_its_own_status(nlp):
    doc = nlp("He denied that the crew had been slow to raise the alarm, saying the first call was made "
              "within minutes.")
    assert _statuses(doc) == ["denied"]
    by_cue = _by_cue(doc)
    assert by_cue["denied"] == "denied"
    assert by_cue["saying"] == "attributed"


@needs_model
def test_denial_inside_a_direct_quote_does_not_make_the_quote_denied(nlp):
    doc = nlp('"That is simply not true," the harbour master said.')
    assert _by_cue(doc)["said"] == "attributed"
