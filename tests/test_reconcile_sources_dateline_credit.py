"""The agency credited in a wire dateline, for an article whose outlet is unknown: upper-case places
("PORT ELLIN, March 3 (CPA) -", "KESTLE (AP) —") and title-case ones ("Tarrow (AP) –"), where only an
agency's initials or name count as a credit. Fictional places and agencies."""

from __future__ import annotations

import pytest

from storydesk.reconcile.sources import _dateline_credit


@pytest.mark.parametrize("text, credit", [
    ("PORT ELLIN, March 3 (CPA) - The ferry sank.", "CPA"),
    ("KESTLE (AP) — The pier was closed.", "AP"),
    ("Tarrow (AP) – Colorado's top law officer promised a review.", "AP"),
    ("Port Ellin, Mar. 3 (CPA) - The ferry sank.", "CPA"),
    ("Kestle (Reuters) - The pier was closed.", "Reuters"),
])
def test_a_dateline_credit_is_read(text, credit):
    assert _dateline_credit(text) == credit


@pytest.mark.parametrize("text", [
    "Ada Vale (Green) – the councillor – voted no.",
    "Ann Vale (D-Ga.) - who chairs the panel - voted no.",
    "The mayor (left) - said little.",
    "Kestle - the town on the coast - was flooded.",
])
def test_a_name_with_a_bracket_is_no_dateline(text):
    assert _dateline_credit(text) is None
