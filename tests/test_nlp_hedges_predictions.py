"""A "may/might (not) be" set in the future by its clause's time modifier ("Next time we might not be so
lucky") is a prediction, not a distance kept from a fact; "may be" about what is, and "may have been",
stay hedges, inside a quote or not. Fictional sentences, the bundled pipeline."""

from __future__ import annotations

import pytest
from model_marks import needs_model

PREDICTIONS = [
    ("He added: \"How many times do we have to tell the council that these piers are past it? Next time we "
    "might not be so lucky.\""),
    "\"Next time we might not be so lucky,\" Ines Varga said.",
    "We may be back next year, Tomas Brenn said.",
    "In future the ferry may be replaced by a bridge.",
]
HEDGES = [
    "The death toll may be higher than reported, officials said.",
    "\"The blaze may have been burning for an hour,\" Ines Varga said.",
    "The fire might be linked to a faulty generator.",
    "The bridge may not be safe, the inspectors warned.",
]


@needs_model
@pytest.mark.parametrize("text", PREDICTIONS)
def test_a_prediction_is_no_hedge(nlp, text):
    doc = nlp(text)
    assert not [h.text for h in doc.spans["sd_hedges"]]
    assert all(status != "hedged" for _, _, status, _ in doc._.sd_sentence_status)
    assert all(q._.sd_status != "hedged" for q in doc.spans["sd_quotes"])


@needs_model
@pytest.mark.parametrize("text", HEDGES)
def test_possibility_about_what_is_stays_a_hedge(nlp, text):
    doc = nlp(text)
    assert any(h.text.split()[0] in {"may", "might"} for h in doc.spans["sd_hedges"])
    assert doc._.sd_sentence_status[-1][2] == "hedged"
