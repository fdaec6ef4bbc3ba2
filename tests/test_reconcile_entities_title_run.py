"""A title written before a name is a description of that person; the clause in front of the title is
not ("Varn ripped President Okafor" does not describe Okafor as "Ilka Varn ripped President").
Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities

ENTS = [("Ilka Varn", "PERSON"), ("Varn", "PERSON"), ("Femi Okafor", "PERSON"), ("Okafor", "PERSON"),
        ("Tolland", "GPE")]


def _descriptions(text: str) -> list[str]:
    aa = make_article("Marl Echo", "Row", "2026-05-06", ["Femi Okafor spoke in Tolland on Monday. " + text],
                      entities=ENTS)
    ents = reconcile_entities([ArticleView(index=0, aa=aa)]).entities
    return next(e for e in ents if e.name == "Femi Okafor").descriptions


def test_the_clause_before_a_title_is_left_out():
    assert _descriptions("On Tuesday Ilka Varn ripped President Okafor over the port deal.") == ["President"]
    assert _descriptions("Varn met with current President Okafor in Tolland.") == ["current President"]
    assert _descriptions("Varn criticized current President Okafor in Tolland.") == ["current President"]


def test_a_title_with_a_participle_keeps_it():
    assert _descriptions("Crowds cheered retired judge Okafor in Tolland.") == ["retired judge"]


def test_an_abbreviation_does_not_cut_an_apposition():
    ents = [("Femi Okafor", "PERSON"), ("Tolland", "GPE")]
    aa = make_article("Marl Echo", "Row", "2026-05-06", [
        ("Protesters gathered outside the office of Femi Okafor, the prosecuting attorney for St. Ansel County, "
         "on Wednesday.")], entities=ents)
    ent = next(e for e in reconcile_entities([ArticleView(index=0, aa=aa)]).entities if e.name == "Femi Okafor")
    assert ent.descriptions == ["the prosecuting attorney for St. Ansel County"]
