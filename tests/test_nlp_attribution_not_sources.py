"""Phrases that look like sources but name none (hand-written fictional text; the error classes found
by reading BASIL articles): "citing" a reason, a negated verb of disclosing, "reporting on" a matter.
Each test runs the bundled pipeline end to end."""

from __future__ import annotations

from model_marks import needs_model

pytestmark = needs_model


def _kinds(doc) -> list[tuple[str, str]]:
    return [(s.label_, s.text) for s in doc.spans["sd_sources"]]


def test_attribution_citing_a_reason_is_no_source(nlp):
    doc = nlp("After the vote, the harbour master resigned, citing his health and the inquiry into the "
              "crane. The Tarsby Courier, citing the Brackwater Gazette, reported that the crane had failed.")
    kinds = _kinds(doc)
    assert not any(k == "citing" and "health" in t for k, t in kinds)
    assert any(k == "citing" and "Gazette" in t for k, t in kinds)


def test_attribution_citing_a_document_is_a_source(nlp):
    doc = nlp("The mayor resigned, citing a report by the Tarsby Courier.")
    assert any(k == "citing" and "report" in t for k, t in _kinds(doc))


def test_attribution_negated_disclosure_is_no_report(nlp):
    doc = nlp("Ada Kroll claims great wealth, but won’t disclose her real net worth.")
    assert not any(k == "reported" for k, _t in _kinds(doc))


def test_attribution_reporting_on_a_matter_is_no_report(nlp):
    doc = nlp("Deputy Mayor Ilka Strand resumed the ferry campaign on Tuesday by reporting on action taken by "
              "the council.")
    assert not any(k == "reported" for k, _t in _kinds(doc))
