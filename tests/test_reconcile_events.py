"""The main event's who and why (reconcile/events.py) over hand-written fictional articles."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.events import _NO_CAUSE, _restates

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


def _how_story(extra_a: list[str], extra_b: list[str]):
    lead = "Fire broke out on the ferry Tamsin Ray off Kessel on Friday night, the Kessel Port Authority said."
    a = make_article("Kessel Wire", "Fire on ferry Tamsin Ray", "2025-11-07", [lead, *extra_a],
                     entities=ENTS, sources=SAID)
    b = make_article("Harbour Times", "Tamsin Ray fire", "2025-11-08", [lead, *extra_b], entities=ENTS, sources=SAID)
    return build_brief([a, b])


def test_how_never_restates_what():
    # the only sentences with a How cue say again what the main statement says (its "broke out", or
    # its words: the ferry, the fire, Kessel, Friday): no How rather than What a second time
    brief = _how_story([("Two Ostrel nationals were among those on the ferry Tamsin Ray after fire broke out on "
                         "it off Kessel on Friday, the Ostrel foreign ministry said.")],
                       ["The Tamsin Ray was towed off Kessel by boat after the fire on Friday night."])
    assert "how" not in brief.main_event
    what = brief.main_event["what"].text
    assert all(a.text != what for k, a in brief.main_event.items() if k != "what")


def test_how_is_a_sentence_that_adds_the_means():
    brief = _how_story(["All 80 passengers were taken off by lifeboat and brought to the quay at Orrin."],
                       ["Crew members fought the flames using hoses from the engine room."])
    how = brief.main_event["how"].text
    assert "lifeboat" in how or "hoses" in how


def test_how_is_not_a_place_or_a_phrasal_through():
    brief = _how_story(["Smoke swept through the lower decks as the crew pushed through the crowd."], [])
    assert "how" not in brief.main_event


def test_due_to_a_time_is_no_cause():
    brief = _how_story(["Talks between the port and the operator are due to resume on Monday."],
                       ["Inspectors are due to board the ship on Tuesday."])
    assert "why" not in brief.main_event
    brief = _how_story(["The fire was due to a faulty heater in the galley, the operator said."], [])
    assert "heater" in brief.main_event["why"].text


def test_a_how_whose_means_what_already_gives_restates_it():
    what = "Twelve people were lifted off the Tamsin Ray by helicopter on Friday."
    assert _restates("Rescuers reached the burning ship by helicopter within the hour.", "by helicopter", what)
    assert not _restates("The crew fought the flames using hoses from the engine room.", "using", what)


def test_why_can_be_the_cause_the_main_statement_gives():
    lead = "Dock workers at Kessel began a two-day strike on Monday in a dispute over new shift patterns, the union said."
    a = make_article("Kessel Wire", "Dock strike", "2025-11-07", [lead, "Ships queued outside the harbour."],
                     entities=ENTS)
    b = make_article("Harbour Times", "Kessel dock strike", "2025-11-07", [lead], entities=ENTS)
    why = build_brief([a, b]).main_event["why"]
    assert why.text == "a dispute over new shift patterns"
    assert why.citation is not None and why.citation.sentence == 0
