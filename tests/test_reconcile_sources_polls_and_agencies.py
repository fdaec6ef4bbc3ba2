"""A poll named after the outlet that ran it is a document, not the outlet; a known agency the NER tags
as a person in one article and a place in another is one news outlet; a clause after a name is no
description of it. Fictional names (the agency is from the known-agency list)."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import NEUTRAL_REPORTING_VERBS, REPORTING_VERBS, SAY_VERBS, outlet_initials


def _story():
    a = make_article("Tallow Beacon", "Fares to rise", "2026-06-01", [
        "Ferry fares to Hesk Island will rise by 8 per cent in May, Brisk Line said on Monday.",
        "A Gull News poll found that 62 per cent of islanders opposed the rise.",
        "Brisk Line is considering a sale of its two oldest ships, Bloomberg reported.",
    ], entities=[("Brisk Line", "ORG"), ("Gull News", "ORG"), ("Bloomberg", "PERSON"), ("Hesk Island", "LOC")],
        sources=[{"text": "A Gull News poll", "kind": "according_to", "organization": "A Gull News poll",
                  "chain": ["A Gull News poll"]},
                 {"text": "Bloomberg reported", "kind": "reported", "organization": "Bloomberg",
                  "chain": ["Bloomberg"]}])
    b = make_article("Hesk Herald", "Brisk Line raises fares", "2026-06-01", [
        "Brisk Line will raise fares to Hesk Island by 8 per cent from May, the company said on Monday.",
        "According to Bloomberg, the operator may sell two of its oldest ships.",
    ], entities=[("Brisk Line", "ORG"), ("Bloomberg", "LOC"), ("Hesk Island", "LOC")],
        sources=[{"text": "According to Bloomberg", "kind": "according_to", "organization": "Bloomberg",
                  "chain": ["Bloomberg"]}])
    return build_brief([a, b])


def test_a_poll_named_after_an_outlet_is_a_document():
    brief = _story()
    nodes = [n for n in brief.source_nodes if "poll" in n.label.lower()]
    assert [(n.label, n.kind) for n in nodes] == [("Gull News poll", "document")]
    assert not any(n.kind == "outlet" and "Gull" in n.label for n in brief.source_nodes)


def test_a_known_agency_tagged_person_and_place_is_one_news_outlet():
    brief = _story()
    agency = [e for e in brief.entities if e.name == "Bloomberg"]
    assert len(agency) == 1
    assert agency[0].label == "ORG" and agency[0].news_outlet
    assert len(agency[0].articles) == 2
    assert [n.kind for n in brief.source_nodes if n.label == "Bloomberg"] == ["outlet"]


def test_a_clause_after_a_name_is_no_description():
    brief = _story()
    agency = next(e for e in brief.entities if e.name == "Bloomberg")
    assert not any("may sell" in d for d in agency.descriptions)


def test_reporting_verb_tiers_and_outlet_initials():
    assert set(SAY_VERBS) <= set(NEUTRAL_REPORTING_VERBS) <= set(REPORTING_VERBS)
    # every form is one the quote finder's lexicon knows: one vocabulary across the stages
    from storydesk.nlp.components._common import VERB_FORMS
    assert [v for v in REPORTING_VERBS if v not in VERB_FORMS] == []
    assert outlet_initials("The Gull Morning Post") == "GMP"


def test_a_wire_credit_by_initials_leaves_the_article_out():
    from storydesk.reconcile.common import ArticleView
    from storydesk.reconcile.sources import _credits

    art = make_article("Hesk Herald", "Quay closed", "2026-06-01", [
        "TALLOW, June 1 (GMP) - The quay was closed on Monday after a crane collapsed.",
    ])
    view = ArticleView(index=0, aa=art)
    # "The Gull Morning Post" goes by "GMP", as common.outlet_initials reads it ("The" left out)
    assert _credits(view, "The Gull Morning Post")
    assert not _credits(view, "The Gull Evening Post")


def test_a_document_named_at_the_start_of_a_sentence_is_written_in_lower_case():
    art = make_article("Tallow Beacon", "Ferry lost steering", "2026-06-01", [
        "Unconfirmed reports on social media said the ferry had lost steering before the fire.",
        "A Tallow Chamber report found the route lost money.",
    ], entities=[("Tallow Chamber", "ORG")], sources=[
        {"text": "Unconfirmed reports on social media", "kind": "quote",
         "organization": "Unconfirmed reports on social media", "chain": ["Unconfirmed reports on social media"]},
        {"text": "A Tallow Chamber report", "kind": "quote", "organization": "A Tallow Chamber report",
         "chain": ["A Tallow Chamber report"]}])
    labels = {n.label: n.kind for n in build_brief([art]).source_nodes if n.kind != "article"}
    assert labels.get("unconfirmed reports on social media") == "document"
    assert labels.get("Tallow Chamber report") == "document"  # a name keeps its capital


def test_an_outlet_of_the_story_is_listed_under_its_own_name():
    a = make_article("The Hesk Herald", "Fares to rise", "2026-06-01", [
        "Ferry fares to Hesk Island will rise by 8 per cent in May, Brisk Line said on Monday.",
    ], entities=[("Brisk Line", "ORG"), ("Hesk Island", "LOC")])
    b = make_article("Tallow Beacon", "Fares", "2026-06-01", [
        "Brisk Line will raise fares to Hesk Island in May, the Hesk Herald reported.",
    ], entities=[("Brisk Line", "ORG"), ("Hesk Herald", "ORG"), ("Hesk Island", "LOC")], sources=[
        {"text": "the Hesk Herald reported", "kind": "reported", "organization": "Hesk Herald",
         "chain": ["Hesk Herald"]}])
    ents = {e.name: e for e in build_brief([a, b]).entities}
    assert "The Hesk Herald" in ents and "Hesk Herald" not in ents
    assert ents["The Hesk Herald"].news_outlet and "Hesk Herald" in ents["The Hesk Herald"].variants
