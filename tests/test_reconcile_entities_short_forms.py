"""One person written with a short form of the first name ("Dave" / "David", "Bob" / "Robert P.") or
with a letter slipped into it ("Vincente" / "Vicente") is one entity across outlets; names that differ
by a last letter ("Daniel" / "Daniela") stay two people. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities


def _entities(text_a: str, text_b: str, names: list[str]):
    ents = [(n, "PERSON") for n in names]
    arts = [make_article("Marl Echo", "Vote", "2026-05-06", [text_a], entities=ents),
            make_article("Valley Post", "Vote", "2026-05-06", [text_b], entities=ents)]
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate(arts)]
    return reconcile_entities(views).entities


def _people_with(entities, surname: str):
    return [e for e in entities if any(surname in v for v in [e.name, *e.variants])]


def test_a_short_form_of_the_first_name_is_the_same_person():
    ents = _entities("Dave Marlow won the county seat on Tuesday.", "David Marlow won the county seat on Tuesday.",
                     ["Dave Marlow", "David Marlow"])
    assert len(_people_with(ents, "Marlow")) == 1


def test_a_short_form_with_another_first_letter_is_the_same_person():
    ents = _entities("Bob Quint, the county prosecutor, spoke on Tuesday.",
                     "Robert P. Quint, the county prosecutor, spoke on Tuesday.", ["Bob Quint", "Robert P. Quint"])
    assert len(_people_with(ents, "Quint")) == 1


def test_a_letter_slipped_into_a_first_name_is_the_same_person():
    ents = _entities("Vincente Arroyo, a former governor, spoke on Tuesday.",
                     "Vicente Arroyo, a former governor, spoke on Tuesday.", ["Vincente Arroyo", "Vicente Arroyo"])
    assert len(_people_with(ents, "Arroyo")) == 1


def test_a_changed_last_letter_is_another_person():
    ents = _entities("Daniel Ruel, a former governor, spoke on Tuesday.",
                     "Daniela Ruel, a former governor, spoke on Tuesday.", ["Daniel Ruel", "Daniela Ruel"])
    assert len(_people_with(ents, "Ruel")) == 2


def test_the_first_part_of_a_two_word_surname_is_the_full_name():
    ents = _entities("Enrique Salcedo Ruiz met the visitors in Tolland on Tuesday.",
                     "President Salcedo met the visitors on Tuesday and said little.",
                     ["Enrique Salcedo Ruiz", "President Salcedo"])
    assert len(_people_with(ents, "Salcedo")) == 1
