"""The main event's who and why (reconcile/events.py) over hand-written fictional articles."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.events import _NO_CAUSE

ENTS = [("Tamsin Ray", "ORG"), ("Kessel Port Authority", "ORG"), ("Kessel", "GPE")]
SAID = [{"text": "the Kessel Port Authority said", "kind": "according_to", "organization": "Kessel Port Authority"}]


def _story():
    a = make_article("Kessel Wire", "Fire on ferry Tamsin Ray", "2025-11-07", [
        "Fire broke out on the ferry Tamsin Ray off Kessel on Friday night, the Kessel Port Authority said.",
        "The Kessel Port Authority would not speculate on the cause of the fire.",
        "All 80 passengers were taken off the ferry Tamsin Ray by lifeboat."], entities=ENTS, sources=SAID)
    b = make_article("Harbour Times", "Tamsin Ray fire", "2025-11-08", [
        "Fire broke out on the ferry Tamsin Ray off Kessel on Friday night, the Kessel Port Authority said.",
        "The Kessel Port Authority would not speculate on the cause of the fire.",
        "The fire is believed to have started in the galley of the Tamsin Ray."], entities=ENTS, sources=SAID)
    return build_brief([a, b])


def test_who_is_not_the_source_the_event_is_attributed_to():
    brief = _story()
    who = brief.main_event["who"].text
    # the main sentence names only the ferry (a thing: "the ferry Tamsin Ray") and the authority that
    # told of the fire; the people it happened to are in the next statement
    assert "Kessel Port Authority" not in who and "Tamsin Ray" not in who
    assert who == "All 80 passengers"


def test_why_is_not_a_sentence_saying_the_cause_is_unknown():
    brief = _story()
    assert "galley" in brief.main_event["why"].text
    assert _NO_CAUSE.search("The authority would not speculate on the cause until divers had been down.")
    assert _NO_CAUSE.search("The cause of the fire is not yet known.")
    assert not _NO_CAUSE.search("The fire was caused by a faulty heater.")
