"""Words the NER takes for names do not become people in the brief: a capitalised common word opening a
sentence, a demonym, a ship the texts call "the X". Real one-word names stay. Fictional story."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities


def _entities(*articles):
    index = reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(articles)])
    return {e.name: e.label for e in index.entities}


def _story():
    a = make_article("Drennick Gazette", "Barge sinks", "2025-09-14", [
        "The cargo barge Kestrel Dawn sank in the Drennick canal on Sunday.",
        "Footage released by the Drennick Water Board showed the Kestrel Dawn listing before dawn.",
        "Hero lockkeeper Oskar Brell, 41, pulled two crew from the water.",
        "Consular staff from Velmark visited the injured crew, a ministry official said.",
        "The skipper, a Varnholm Islander, was unhurt. Nordpress said the Kestrel Dawn had been overloaded.",
        "The agency Nordpress also quoted Sarkanov, a lock engineer, who blamed the weather.",
        "Sarkanov said the gates had held. The Rev Ilse Marten led prayers at the quay.",
    ], entities=[("Kestrel Dawn", "PERSON"), ("Footage", "PERSON"), ("Drennick Water Board", "ORG"),
                 ("Hero", "PERSON"), ("Oskar Brell", "PERSON"), ("Consular", "ORG"), ("Velmark", "GPE"),
                 ("Varnholm Islander", "PERSON"), ("Varnholm Island", "LOC"), ("Nordpress", "ORG"),
                 ("Sarkanov", "PERSON"), ("Rev Ilse Marten", "PERSON"), ("Drennick", "GPE")])
    b = make_article("Varnholm Courier", "Islanders return", "2025-09-15", [
        "Ferries to Varnholm Island resumed on Monday.",
        "Brell said he had only done his job.",
    ], entities=[("Varnholm Island", "LOC"), ("Brell", "PERSON")])
    return a, b


def test_sentence_opening_common_words_are_not_entities():
    names = _entities(*_story())
    for word in ("Footage", "Hero", "Consular"):
        assert word not in names


def test_demonym_is_not_a_person():
    names = _entities(*_story())
    assert "Varnholm Islander" not in names
    assert names.get("Varnholm Island") == "LOC"


def test_a_ship_called_the_x_is_not_a_person():
    names = _entities(*_story())
    assert names.get("Kestrel Dawn") not in {None, "PERSON"}


def test_real_one_word_names_and_titled_people_stay():
    names = _entities(*_story())
    assert names.get("Nordpress") == "ORG"
    assert names.get("Sarkanov") == "PERSON"
    assert names.get("Oskar Brell") == "PERSON"
    assert any(n.endswith("Ilse Marten") and label == "PERSON" for n, label in names.items())


def test_common_word_surname_inside_a_sentence_is_kept():
    a = make_article("Drennick Gazette", "Lock report", "2025-09-16", [
        "The report was written by inspector Marsh for the canal trust.",
        "Marsh said the gates were sound.",
    ], entities=[("Marsh", "PERSON")])
    assert _entities(a).get("Marsh") == "PERSON"


def test_sentence_opening_noun_organisation_is_kept():
    a = make_article("Drennick Gazette", "Store closes", "2025-09-17", [
        "Harbour shops closed early on Friday.",
        "Juniper declined to comment on the closures.",
    ], entities=[("Juniper", "ORG")])
    assert _entities(a).get("Juniper") == "ORG"


def test_person_word_written_in_lowercase_elsewhere_is_dropped():
    a = make_article("Drennick Gazette", "Lock report", "2025-09-18", [
        "Quillon was the word on everyone's lips.",
        "Nobody could explain what a quillon was doing on the lock gate.",
    ], entities=[("Quillon", "PERSON")])
    assert "Quillon" not in _entities(a)
