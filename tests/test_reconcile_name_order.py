"""Cross-article linking of person names written in the other order ("Vlasko Teodor" in one outlet for
"Teodor Vlasko" elsewhere), and the cases where it must not link. Fictional people and outlets."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import names_swapped, person_tokens, persons_compatible, reconcile_entities


def _people(*articles):
    index = reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(articles)])
    return {e.name: set(e.variants) for e in index.entities if e.label == "PERSON"}


def _art(outlet, text, names):
    return make_article(outlet, f"{outlet} report", "2025-10-02", [text], entities=[(n, "PERSON") for n in names])


def test_swapped_order_needs_both_names_to_match():
    assert names_swapped(person_tokens("Anka Morel"), person_tokens("Morel Anka"))
    assert names_swapped(person_tokens("Dmitri Orlan"), person_tokens("Orlan Dmitry"))  # a transliteration
    assert not names_swapped(person_tokens("Anka Morel"), person_tokens("Morell Anke"))  # only alike
    assert not names_swapped(person_tokens("Anka Morel"), person_tokens("Morel Petra"))
    assert persons_compatible(person_tokens("Anka Morel"), person_tokens("Morel Anka"))
    assert not persons_compatible(person_tokens("Anka Morel"), person_tokens("Morel Anka"), swapped=False)


def test_family_name_first_in_one_outlet_links_across_articles():
    a = _art("Tarn Gazette", "Pier warden Anka Morel said the boats were safe. Morel later left the quay.",
             ["Anka Morel", "Morel"])
    b = _art("Oster Bladet", "Pier warden Morel Anka told the agency the boats were safe.", ["Morel Anka"])
    people = _people(a, b)
    assert people == {"Anka Morel": {"Anka Morel", "Morel", "Morel Anka"}}


def test_look_alike_names_in_the_other_order_stay_apart():
    a = _art("Tarn Gazette", "Pier warden Anka Morel said the boats were safe.", ["Anka Morel"])
    b = _art("Oster Bladet", "Fisherman Morell Anke said the boats had been late.", ["Morell Anke"])
    assert len(_people(a, b)) == 2


def test_two_people_named_in_both_orders_in_one_article_are_not_merged():
    a = _art("Tarn Gazette", "Lin Arvo, a ferry pilot, said the crossing was calm. Her cousin Arvo Lin, a "
             "deckhand, said it was not.", ["Lin Arvo", "Arvo Lin"])
    b = _art("Oster Bladet", "Deckhand Arvo Lin said the crossing had been rough.", ["Arvo Lin"])
    people = _people(a, b)
    assert set(people) == {"Lin Arvo", "Arvo Lin"}
    assert people["Lin Arvo"] == {"Lin Arvo"}


def test_a_name_that_fits_two_people_in_the_other_order_links_to_neither():
    # two pilots the middle initials tell apart; a third outlet's "Arvo Lin" could be either
    a = _art("Tarn Gazette", "Ferry pilot Lin K. Arvo said the crossing was calm.", ["Lin K. Arvo"])
    b = _art("Oster Bladet", "Harbour pilot Lin M. Arvo said the crossing was rough.", ["Lin M. Arvo"])
    c = _art("Fjord Courant", "Pilot Arvo Lin said the crossing had been slow.", ["Arvo Lin"])
    people = _people(a, b, c)
    assert people == {"Lin K. Arvo": {"Lin K. Arvo"}, "Lin M. Arvo": {"Lin M. Arvo"}, "Arvo Lin": {"Arvo Lin"}}
    # without the second pilot the swapped name links
    assert _people(a, c) == {"Lin K. Arvo": {"Lin K. Arvo", "Arvo Lin"}}


def test_a_speaker_named_in_the_other_order_resolves_to_the_one_person():
    a = _art("Tarn Gazette", "Pier warden Anka Morel said the boats were safe.", ["Anka Morel"])
    b = _art("Oster Bladet", "The boats were safe, the warden told the agency.", [])
    index = reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate([a, b])])
    (anka,) = [e.id for e in index.entities if e.name == "Anka Morel"]
    assert index.resolve("Morel Anka", 1) == anka
    assert index.resolve("Morell Anke", 1) is None
