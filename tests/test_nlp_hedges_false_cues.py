"""Hedge cues that only look like hedges, and plain ones that were missed (hand-written fictional text;
the error classes found by reading BASIL articles). Each test runs the bundled pipeline end to end."""

from __future__ import annotations

from doc_reading import hedge_texts as _hedges
from doc_reading import sentence_status as _status
from model_marks import needs_model

pytestmark = needs_model


def test_hedges_can_confirm_is_a_confirmation_not_unverified(nlp):
    doc = nlp("“We can confirm that the Tarsby campaign received subpoenas,” the lawyer said. The harbour "
              "police could not confirm the report.")
    assert "can confirm" not in _hedges(doc)
    assert "could not confirm" in _hedges(doc)
    assert _status(doc, "received subpoenas") == "attributed"


def test_hedges_likely_voters_are_a_class_not_a_doubt(nlp):
    doc = nlp("Ada Kroll won just six percent among likely Republican caucus-goers. Turnout will likely rise.")
    assert _status(doc, "caucus-goers") == "asserted"
    assert _status(doc, "Turnout") == "hedged"


def test_hedges_you_may_have_heard_addresses_the_hearer(nlp):
    doc = nlp("“You may have heard that Governor Ruud chose his running mate,” Mayor Ilsa Venn said.")
    assert _status(doc, "running mate") != "hedged"


def test_hedges_negated_counterfactual_is_no_doubt(nlp):
    doc = nlp("No ferry rule could have saved the crew, the harbour master said. The fire could have been "
              "started by a cigarette.")
    assert _status(doc, "saved the crew") != "hedged"
    assert _status(doc, "cigarette") == "hedged"


def test_hedges_free_choice_modal_is_no_doubt(nlp):
    doc = nlp("The ministry asked former ministers to return any documents they may have had in their "
              "possession. We want the alliance to stay strong regardless of which party may be in charge.")
    assert _status(doc, "documents") != "hedged"
    assert _status(doc, "alliance") != "hedged"


def test_hedges_conditional_expectation_of_the_speaker_is_not_the_statement_s(nlp):
    doc = nlp("Deputy Mayor Ilka Strand, who as council chair would be expected to attend, has said she will "
              "be traveling abroad.")
    (q,) = [q for q in doc.spans["sd_quotes"] if "traveling abroad" in q.text]
    assert q._.sd_status == "attributed"


def test_hedges_claim_of_another_source_inside_the_content_is_not_the_statement_s(nlp):
    doc = nlp("Verhoek says this is to preserve the ferry line, not “end” it, as Marsh’s campaign claims.")
    assert "claims" in _hedges(doc)  # the sentence keeps its distance from the campaign's claim ...
    (q,) = [q for q in doc.spans["sd_quotes"] if "preserve the ferry line" in q.text]
    assert q._.sd_status == "attributed"  # ... but Verhoek's statement is his own


def test_hedges_unclear_with_any_subject_and_remains_to_be_seen(nlp):
    doc = nlp("The fate of the cargo is unclear. It remains to be seen how much the new crane will help. It is "
              "clear that the harbour reopened.")
    assert _status(doc, "cargo") == "hedged"
    assert _status(doc, "new crane") == "hedged"
    assert _status(doc, "reopened") == "asserted"
