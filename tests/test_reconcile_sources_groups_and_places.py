"""Sources as a reader of the brief names them: a counted group of people ("two deckhands") is people; a
group cited with a place ("officials in Brenlow") is that group, not the town; a body cited by its kind
("the operator said", "The ferry's operator, Velka Ferries, said") is the body the article means, and a
body's description next to its name ("Velka Ferries" and "company") is not a second source. Fictional
outlets, people and places throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import is_people_group


def _cited(brief, article_index: int = 0) -> dict[str, str]:
    """{node label: node kind} of what one article cites directly."""
    node = {n.id: n for n in brief.source_nodes}
    aid = f"a:{brief.story.articles[article_index].id}"
    return {node[e.target].label: node[e.target].kind for e in brief.source_edges
            if e.source == aid and e.target in node and e.kind != "copy_of"}


def test_counted_people_are_people():
    for name in ("two crew members", "Two firefighters", "14 passengers", "several senior officials",
                 "two of the passengers", "three Ostrel residents", "two sources familiar with the talks",
                 "two crew members who spoke to the Gazette on condition of anonymity"):
        assert is_people_group(name), name
    for name in ("two companies", "crew members", "the two sides", "two authorities", "Velka Ferries"):
        assert not is_people_group(name), name


def test_a_counted_group_cited_as_a_source_is_a_person_source():
    a = make_article("Ostrel Beacon", "Ferry fire", "2026-06-01", [
        "The fire may have started in a fuse box, according to two crew members who spoke to the Beacon.",
    ], sources=[{"text": "according to two crew members who spoke to the Beacon", "kind": "according_to",
                 "chain": ["two crew members"]}])
    assert _cited(build_brief([a])) == {"two crew members": "person"}


def test_officials_in_a_town_are_the_source_not_the_town():
    ents = [("Brenlow", "GPE")]
    a = make_article("Varrow Post", "Brenlow flood", "2026-05-01", [
        "Floodwater cut the main road into Brenlow on Friday, officials in Brenlow said.",
        "Residents of Brenlow said the water rose within an hour.",
    ], entities=ents, sources=[
        {"text": "officials in Brenlow", "kind": "quote", "chain": ["officials", "Brenlow"]},
        {"text": "Residents of Brenlow", "kind": "quote", "person": "Brenlow", "chain": ["Brenlow"]},
    ])
    cited = _cited(build_brief([a]))
    # the officials speak for a body; residents are people; the town itself is no one's source
    assert cited == {"officials in Brenlow": "organization", "residents of Brenlow": "person"}


def test_a_council_named_by_its_town_is_not_the_town():
    ents = [("Brenlow", "GPE")]
    a = make_article("Varrow Post", "Brenlow flood", "2026-05-01", [
        "The bridge at Brenlow will stay shut until Monday, the Brenlow council said.",
    ], entities=ents, sources=[{"text": "the Brenlow council said", "kind": "quote",
                                "organization": "Brenlow council", "chain": ["Brenlow council"]}])
    assert _cited(build_brief([a])) == {"Brenlow council": "organization"}


def test_a_body_cited_by_its_kind_is_the_body_the_article_means():
    ents = [("Velka Ferries", "ORG"), ("Ostrel", "GPE")]
    a = make_article("Ostrel Beacon", "Ferry grounded", "2026-06-01", [
        "A ferry run by Velka Ferries ran aground off Ostrel on Sunday.",
        "All crossings were cancelled for the day, the operator said.",
    ], entities=ents, sources=[{"text": "the operator", "kind": "quote"}],
        quotes=[{"content": "All crossings were cancelled for the day", "kind": "indirect",
                 "speaker": "the operator"}])
    b = make_article("Tarn Wire", "Ferry aground off Ostrel", "2026-06-01", [
        "A ferry ran aground off Ostrel on Sunday.",
        "The ferry's operator, Velka Ferries, said divers would inspect the hull.",
    ], entities=ents, sources=[{"text": "The ferry's operator", "kind": "quote"}])
    brief = build_brief([a, b])
    assert _cited(brief, 0) == {"Velka Ferries": "organization"}
    assert _cited(brief, 1) == {"Velka Ferries": "organization"}


def test_a_description_beside_the_bodys_name_is_not_a_second_source():
    ents = [("Velka Ferries", "ORG")]
    a = make_article("Ostrel Beacon", "Ferry grounded", "2026-06-01", [
        "Velka Ferries chief Ivo Brand said the company would pay for hotels.",
    ], entities=ents + [("Ivo Brand", "PERSON")], sources=[
        {"text": "the company", "kind": "quote", "person": "Velka Ferries", "organization": "company",
         "chain": ["Velka Ferries", "company"]}])
    brief = build_brief([a])
    labels = {n.label for n in brief.source_nodes if n.kind != "article"}
    assert labels == {"Velka Ferries"}


def test_a_counted_group_speaking_is_a_source_though_no_name_is_given():
    a = make_article("Varrow Post", "Brenlow flood", "2026-05-01", [
        "Three residents said they had been warned on Thursday.",
    ], sources=[{"text": "Three residents", "kind": "quote"}],
        quotes=[{"content": "they had been warned on Thursday", "kind": "indirect", "speaker": "Three residents"}])
    brief = build_brief([a])
    assert _cited(brief) == {"three residents": "person"}  # not capitalised as a name
    (said,) = [s for s in brief.statements if "warned" in s.text]
    assert any("three residents" in o for o in said.original_sources)
