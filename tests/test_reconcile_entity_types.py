"""Entity types corrected from the story's own evidence when the NER got them wrong: a one-word company
tagged PERSON, a country tagged ORG, an outlet tagged LOC, a mountain pass tagged ORG; and the same
one-word name in several articles as one entity. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import _spells, reconcile_entities


def _labels(*articles):
    index = reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(articles)])
    return {e.name: e.label for e in index.entities}, index


def _art(outlet, text, ents):
    return make_article(outlet, f"{outlet} report", "2026-02-02", [text], entities=ents)


def test_a_company_tagged_person_that_speaks_as_it_is_an_organisation():
    a = _art("Lowen Post", "Bookings fell after the storm, and the travel company Brakkeby said on Monday that it "
             "would refund its customers.", [("Brakkeby", "PERSON")])
    labels, _ = _labels(a)
    assert labels["Brakkeby"] == "ORG"


def test_a_company_word_alone_does_not_make_a_person_an_organisation():
    # "crane operator" is someone's job; "said it was" is no evidence either way
    a = _art("Lowen Post", "The crane operator Brakkeby said it was the worst storm he had seen.",
             [("Brakkeby", "PERSON")])
    b = _art("Fenn Courier", "Brakkeby said he had stopped work at noon.", [("Brakkeby", "PERSON")])
    labels, _ = _labels(a, b)
    assert labels == {"Brakkeby": "PERSON"}


def test_the_same_one_word_name_in_two_articles_is_one_entity_labelled_by_the_majority():
    a = _art("Lowen Post", "Brakkeby cancelled every crossing on Monday.", [("Brakkeby", "PERSON")])
    b = _art("Fenn Courier", "Brakkeby cancelled its crossings and Brakkeby staff stayed home.",
             [("Brakkeby", "ORG")])
    c = _art("Arn Gazette", "The ferries of Brakkeby stayed in port.", [("Brakkeby", "ORG")])
    labels, index = _labels(a, b, c)
    assert labels == {"Brakkeby": "ORG"}
    (ent,) = index.entities
    assert len(ent.articles) == 3


def test_a_one_word_organisation_used_as_a_country_is_a_place():
    a = _art("Lowen Post", "Two Tarvian citizens were hurt. Three Tarvia citizens were on board, the Tarvia "
             "foreign ministry said. Visitors from Tarvia often take the route.", [("Tarvia", "ORG")])
    labels, _ = _labels(a)
    assert labels["Tarvia"] == "GPE"


def test_an_organisation_that_acts_is_not_a_country():
    a = _art("Lowen Post", "Tarvia said it would appeal. Tarvia's chief executive resigned. Staff in Tarvia "
             "offices were told.", [("Tarvia", "ORG")])
    labels, _ = _labels(a)
    assert labels["Tarvia"] == "ORG"


def test_an_outlet_tagged_as_a_place_is_an_organisation_and_a_pass_is_a_place():
    a = _art("Lowen Post", "The Harl Pass was closed, the Fenn Courier reported.",
             [("Harl Pass", "ORG"), ("Fenn Courier", "LOC")])
    b = _art("Fenn Courier", "Snow closed the Harl Pass on Monday.", [("Harl Pass", "ORG")])
    labels, _ = _labels(a, b)
    assert labels["Fenn Courier"] == "ORG"
    assert labels["Harl Pass"] == "LOC"


def test_an_acronym_may_take_letters_from_inside_a_word():
    assert _spells("NGW", "Northgate Wire")
    assert _spells("HSA", "Harbour Safety Authority")
    assert not _spells("NWG", "Northgate Wire")  # out of order
    assert not _spells("NG", "Northgate Wire")  # "Wire" gives no letter
    a = _art("Lowen Post", "The coach rolled over, according to the Northgate Wire (NGW). NGW said 11 were hurt.",
             [("Northgate Wire", "ORG"), ("NGW", "ORG")])
    _, index = _labels(a)
    (wire,) = [e for e in index.entities if e.name == "Northgate Wire"]
    assert "NGW" in wire.acronyms


def test_a_street_tagged_person_that_is_always_a_place_of_something_is_a_place():
    a = _art("Lowen Post", "Ilse Varga, who runs the Lantern Café on Mill Lane, said the water reached her door.",
             [("Ilse Varga", "PERSON"), ("Lantern Café", "ORG"), ("Mill Lane", "PERSON")])
    b = _art("Fenn Courier", "Sandbags were piled along Mill Lane overnight.", [("Mill Lane", "PERSON")])
    labels, _ = _labels(a, b)
    assert labels["Mill Lane"] == "LOC"
    assert labels["Ilse Varga"] == "PERSON"


def test_a_person_whose_surname_is_a_place_word_stays_a_person():
    a = _art("Lowen Post", "The road was closed at noon, Inspector Hana Lane said.", [("Hana Lane", "PERSON")])
    b = _art("Fenn Courier", "Officers spoke to Hana Lane at the scene.", [("Hana Lane", "PERSON")])
    labels, _ = _labels(a, b)
    assert labels["Hana Lane"] == "PERSON"


def test_a_person_mention_the_ner_began_one_word_late_takes_the_first_name_the_story_uses():
    a = _art("Lowen Post", "The captain, Dmitri Olegovich Varsky, turned the ship back.",
             [("Olegovich Varsky", "PERSON")])
    b = _art("Fenn Courier", "Captain Dmitri Varsky ordered the passengers to the lifeboats.",
             [("Dmitri Varsky", "PERSON")])
    _, index = _labels(a, b)
    (ent,) = [e for e in index.entities if "Varsky" in e.name]
    assert "Dmitri Olegovich Varsky" in ent.variants
    assert "Olegovich Varsky" not in ent.variants


def test_a_capitalised_word_that_is_no_first_name_in_the_story_does_not_join_a_name():
    a = _art("Lowen Post", "On Monday Captain Ilse Varga said the crossing was safe.", [("Ilse Varga", "PERSON")])
    _, index = _labels(a)
    (ent,) = index.entities
    assert ent.variants == ["Ilse Varga"]
