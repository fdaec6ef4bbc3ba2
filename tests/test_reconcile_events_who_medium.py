"""The main event's "who" leaves out an organisation named as the place or medium of the act ("noting
on Quillfeed", "a lawsuit in the High Court") and any news outlet, and keeps the people who acted.
Hand-written fictional articles."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Ilka Varn", "PERSON"), ("Varn", "PERSON"), ("Quillfeed", "ORG"), ("High Court", "ORG"),
        ("Tolland", "GPE"), ("Reuters", "ORG")]


def _who(lead: str) -> str:
    a = make_article("Marl Echo", "Varn sues", "2026-05-06", [lead, "Varn spoke in Tolland on Monday."],
                     entities=ENTS)
    b = make_article("Valley Post", "Varn sues", "2026-05-06", [lead, "The hearing is set for June."],
                     entities=ENTS)
    return build_brief([a, b]).main_event["who"].text


def test_an_organisation_as_the_medium_is_not_who():
    assert _who("Ilka Varn filed a lawsuit in the High Court on Monday, noting on Quillfeed that the "
                "port deal broke the law.") == "Ilka Varn"


def test_a_news_outlet_is_not_who():
    assert _who("Ilka Varn and Reuters filed a lawsuit on Monday over the port deal.") == "Ilka Varn"
