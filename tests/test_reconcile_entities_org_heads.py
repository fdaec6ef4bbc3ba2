"""A name ending in an organisation's head noun ("... Rail", "... Hospital") is an organisation, whatever
the NER called its mentions, and the entities list and the sources list give it the same type.
Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities
from storydesk.reconcile.sources import analyse_sources


def _views(*articles):
    return [ArticleView(index=i, aa=aa) for i, aa in enumerate(articles)]


def _rail_story():
    a = make_article("Orrin Courier", "Drivers strike", "2026-03-04", [
        "Train drivers at Varrow Coastal Rail began a strike on Wednesday across the Varrow valley.",
        "Coastal Rail chief executive Ilse Marven said the company was ready to talk.",
        "Only a few trains ran between Varrow and Hesk.",
    ], entities=[("Varrow Coastal Rail", "LOC"), ("Coastal Rail", "PERSON"), ("Ilse Marven", "PERSON"),
                 ("Varrow", "LOC"), ("Hesk", "LOC")])
    b = make_article("Hesk Gazette", "Rail strike begins", "2026-03-04", [
        "Drivers at Varrow Coastal Rail walked out on Wednesday.",
        "Ilse Marven, the chief executive of Varrow Coastal Rail, said the rosters were needed.",
    ], entities=[("Varrow Coastal Rail", "ORG"), ("Ilse Marven", "PERSON")])
    return a, b


def test_a_rail_company_tagged_as_a_place_and_a_person_is_one_organisation():
    index = reconcile_entities(_views(*_rail_story()))
    by_name = {e.name: e for e in index.entities}
    rail = by_name["Varrow Coastal Rail"]
    assert rail.label == "ORG"
    assert "Coastal Rail" in rail.variants
    assert "Coastal Rail" not in by_name
    assert by_name["Ilse Marven"].label == "PERSON"
    assert by_name["Varrow"].label in {"LOC", "GPE"}


def test_a_hospital_that_speaks_is_an_organisation_in_both_lists():
    a = make_article("Orrin Courier", "Ferry fire", "2026-03-04", [
        "Seven people were treated for smoke, Saint Osric Hospital said on Tuesday.",
    ], entities=[("Saint Osric Hospital", "LOC")],
        quotes=[{"content": "Seven people were treated for smoke", "kind": "indirect",
                 "speaker": "Saint Osric Hospital", "speaker_name": "Saint Osric Hospital"}])
    views = _views(a)
    index = reconcile_entities(views)
    (hospital,) = [e for e in index.entities if e.name == "Saint Osric Hospital"]
    assert hospital.label == "ORG"
    nodes = {n.label: n.kind for n in analyse_sources(views, index, []).nodes if n.kind != "article"}
    assert nodes == {"Saint Osric Hospital": "organization"}


def test_a_group_in_a_place_is_the_source_not_the_place():
    # the NLP stage may give the place as the speaker's name ("Business groups in Varrow" -> "Varrow")
    a = make_article("Hesk Gazette", "Rail strike begins", "2026-03-04", [
        "Business groups in Varrow said the strike would cost shops several million.",
        "Trains between Varrow and Hesk were cancelled.",
    ], entities=[("Varrow", "LOC"), ("Hesk", "LOC")],
        quotes=[{"content": "the strike would cost shops several million", "kind": "indirect",
                 "speaker": "Business groups in Varrow"}],
        sources=[{"text": "Business groups in Varrow", "kind": "quote", "person": "Varrow", "chain": ["Varrow"]}])
    views = _views(a)
    index = reconcile_entities(views)
    nodes = {n.label: n.kind for n in analyse_sources(views, index, []).nodes if n.kind != "article"}
    assert "Varrow" not in nodes
    assert nodes == {"business groups in Varrow": "organization"}


def test_the_first_word_of_a_rail_company_used_alone_is_that_company():
    # "Varrow said it would ..." tagged ORG, while the company's full name was tagged as a place
    a = make_article("Orrin Courier", "Drivers strike", "2026-03-04", [
        "Train drivers at Varrow Coastal Rail began a strike on Wednesday.",
        "Varrow said it would keep talking to the union.",
    ], entities=[("Varrow Coastal Rail", "LOC"), ("Varrow", "ORG")])
    b = make_article("Hesk Gazette", "Rail strike begins", "2026-03-04", [
        "Drivers at Varrow Coastal Rail walked out on Wednesday.",
    ], entities=[("Varrow Coastal Rail", "LOC")])
    index = reconcile_entities(_views(a, b))
    orgs = [e for e in index.entities if e.label == "ORG"]
    assert [e.name for e in orgs] == ["Varrow Coastal Rail"]
    assert "Varrow" in orgs[0].variants


def test_people_in_a_place_are_a_source_of_their_own_counted_as_people():
    # "residents" name people: the source is "residents of Varrow" (a person kind), not the town
    a = make_article("Hesk Gazette", "Rail strike begins", "2026-03-04", [
        "On Monday residents of Varrow said the strike would cost shops several million.",
    ], entities=[("Varrow", "LOC")],
        quotes=[{"content": "the strike would cost shops several million", "kind": "indirect",
                 "speaker": "residents of Varrow"}],
        sources=[{"text": "residents of Varrow", "kind": "quote", "person": "Varrow", "chain": ["Varrow"]}])
    views = _views(a)
    index = reconcile_entities(views)
    nodes = {n.label: n.kind for n in analyse_sources(views, index, []).nodes if n.kind != "article"}
    assert nodes == {"residents of Varrow": "person"}


def test_a_person_whose_surname_is_an_organisation_head_stays_a_person():
    # "Tobias Service" ends in "Service" as "Varrow Rescue Service" does, but the texts write him as a
    # person: the bare surname, "he"
    a = make_article("Orrin Courier", "Lifeboat launched", "2026-03-04", [
        "Tobias Service, a volunteer, said on Monday that he had seen the flares first.",
        "Service said the crew launched within minutes.",
    ], entities=[("Tobias Service", "PERSON"), ("Service", "PERSON")])
    b = make_article("Hesk Gazette", "Rescue at sea", "2026-03-04", [
        "Tobias Service said the lifeboat reached the yacht before dark.",
    ], entities=[("Tobias Service", "PERSON")])
    index = reconcile_entities(_views(a, b))
    (tobias,) = [e for e in index.entities if e.name == "Tobias Service"]
    assert tobias.label == "PERSON"
    # an organisation's name tagged PERSON is still an organisation
    c = make_article("Orrin Courier", "Rescue", "2026-03-04", [
        "Varrow Rescue Service said it had sent two boats.",
    ], entities=[("Varrow Rescue Service", "PERSON")])
    (rescue,) = reconcile_entities(_views(c)).entities
    assert rescue.label == "ORG"
