"""A person with a two-word surname ("Enrique Salcedo Ruiz") written by another outlet with the surname
alone ("Salcedo Ruiz") or its first part ("President Salcedo") is one entity; a common word the NER
kept in front of a name does not make a two-word surname of the name after it. Fictional names."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities


def _entities(texts: list[str], names: list[str]):
    ents = [(n, "PERSON") for n in names]
    arts = [make_article(outlet, "Visit", "2026-05-06", [text], entities=ents)
            for outlet, text in zip(["Marl Echo", "Valley Post", "Tolland Daily"], texts)]
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate(arts)]
    return reconcile_entities(views).entities


def _people_with(entities, word: str):
    return [e for e in entities if e.label == "PERSON" and any(word in v for v in [e.name, *e.variants])]


def test_a_two_word_surname_alone_is_the_full_name():
    ents = _entities(["Enrique Salcedo Ruiz met the visitors in Tolland on Tuesday.",
                      "Salcedo Ruiz met the visitors on Tuesday and said little.",
                      "President Salcedo said the talks went well."],
                     ["Enrique Salcedo Ruiz", "Salcedo Ruiz", "President Salcedo"])
    people = _people_with(ents, "Salcedo")
    assert len(people) == 1
    assert people[0].name == "Enrique Salcedo Ruiz"
    assert len(people[0].articles) == 3


def test_another_given_name_before_the_same_surname_is_another_person():
    ents = _entities(["Enrique Salcedo Ruiz met the visitors in Tolland on Tuesday.",
                      "Marta Ruiz met the visitors on Tuesday and said little.",
                      "Nobody else was there."],
                     ["Enrique Salcedo Ruiz", "Marta Ruiz"])
    assert len(_people_with(ents, "Ruiz")) == 2
