"""A statement a source denies is shown as denied, not hedged; a hedge alone stays hedged; a statement
corroborated by two independent sources keeps its corroboration. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

DENIED = "Skellig Ferries denied that the crew had been slow to raise the alarm."
HEDGED = "The fire may have been caused by a faulty pump in the engine room."


def _status_of(brief, words: str) -> str:
    return next(g.status for g in brief.statements if words in g.text)


def test_a_denied_statement_has_status_denied_and_a_hedged_one_hedged():
    a = make_article("Tallow Beacon", "Ferry fire", "2026-06-01", [DENIED, HEDGED],
                     hedges=[("denied", "denial"), ("may have been", "hedge")])
    brief = build_brief([a])
    assert _status_of(brief, "slow to raise the alarm") == "denied"
    assert _status_of(brief, "faulty pump") == "hedged"
    doc = brief.to_dict()
    assert {g["status"] for g in doc["statements"]} <= {"denied", "hedged"}
