"""The main event's "who" when a group of people is named by the organisation they work for ("Train drivers
at Varrow Coastal Rail began a strike"): the group at the organisation, not the organisation alone, and
an organisation the NER took for a place or a person still counts as one. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief


def test_who_is_the_group_at_the_organisation():
    lead = "Train drivers at Varrow Coastal Rail began a two-day strike on Wednesday over new rosters."
    a = make_article("Orrin Courier", "Drivers strike", "2026-03-04", [
        lead, "Only a few trains ran between Varrow and Hesk."],
        entities=[("Varrow Coastal Rail", "LOC"), ("Varrow", "LOC"), ("Hesk", "LOC")])
    b = make_article("Hesk Gazette", "Rail strike begins", "2026-03-04", [
        lead, "Coastal Rail said it was ready to talk."],
        entities=[("Varrow Coastal Rail", "ORG"), ("Coastal Rail", "PERSON")])
    brief = build_brief([a, b])
    who = brief.main_event["who"]
    assert who.text == "Train drivers at Varrow Coastal Rail"
    assert who.citation is not None and who.citation.sentence == 0
