"""A claim verb hedges the statement it introduces ("claimed that ..."), not a thing claimed as one's due
("will be able to claim compensation", "can claim a full refund"). Fictional sentences, the bundled pipeline."""

from __future__ import annotations

import pytest
from model_marks import needs_model


def _hedges(doc) -> list[str]:
    return [h.text for h in doc.spans["sd_hedges"] if h.label_ == "hedge"]


@needs_model
@pytest.mark.parametrize("text", [
    "Passengers with season tickets will be able to claim compensation for both days, the operator said.",
    "Islanders who missed the crossing can claim a full refund from the operator.",
])
def test_claiming_a_thing_is_no_hedge(nlp, text):
    doc = nlp(text)
    assert _hedges(doc) == []
    assert all(q._.sd_status != "hedged" for q in doc.spans["sd_quotes"])


@needs_model
@pytest.mark.parametrize("text", [
    "Councillor Oda Brin claimed that the operator had been warned about the pier.",
    "Oda Brin claimed the operator had been warned about the pier.",
])
def test_claiming_a_statement_is_a_hedge(nlp, text):
    doc = nlp(text)
    assert any(h.startswith("claimed") for h in _hedges(doc))
    assert any(q._.sd_status == "hedged" for q in doc.spans["sd_quotes"])
