"""Two counts in aligned sentences that say what they count, and count different things ("two extra
night shifts", "about 400 of the farm's pickers"), are no disagreement; counts of one thing, or of two
groups of people that may be one group, still are. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.contradictions import ValueFinder, compare_units
from storydesk.reconcile.entities import reconcile_entities
from storydesk.reconcile.statements import build_units
from storydesk.records import Quantity

ENTS = [("Marl Valley Growers union", "ORG")]


def _art(outlet: str, sentence: str, counts: list[tuple[str, float, str | None]]):
    aa = make_article(outlet, "Pickers strike", "2026-05-06", [sentence], entities=ENTS)
    text = aa.article.text
    qs = []
    for number, value, counted in counts:
        at = text.index(number)
        qs.append(Quantity(start=at, end=at + len(number), text=number, kind="count", value=value,
                           counted=counted, sentence=0))
    return aa.model_copy(update={"quantities": qs})


def _numbers_found(a, b):
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate((a, b))]
    entities = reconcile_entities(views)
    ua, ub = build_units(views, entities)
    values = ValueFinder(views)
    found = compare_units(ua, ub, values(0, 0), values(1, 0), views, entities)
    return [(f.a[1], f.b[1]) for f in found if f.kind == "number"]


def test_counts_of_shifts_and_of_pickers_do_not_disagree():
    a = _art("Marl Echo", "The Marl Valley Growers union says the new contract would add two extra night "
             "shifts a month for most pickers.", [("two", 2, "shifts")])
    # the parse does not say what "about 400" counts: the partitive "of the farm's pickers" does
    b = _art("Valley Post", "The Marl Valley Growers union, which represents about 400 of the farm's "
             "pickers, said members had backed the strike.", [("400", 400, None)])
    assert _numbers_found(a, b) == []


def test_counts_of_one_thing_still_disagree():
    a = _art("Marl Echo", "The Marl Valley Growers union says the new contract would add two extra night "
             "shifts a month.", [("two", 2, "shifts")])
    b = _art("Valley Post", "The Marl Valley Growers union says the new contract would add six extra night "
             "shifts a month.", [("six", 6, "shifts")])
    assert _numbers_found(a, b) == [("two", "six")]


def test_counts_of_two_words_for_people_still_disagree():
    a = _art("Marl Echo", "The Marl Valley Growers union said 40 pickers walked out on Monday.",
             [("40", 40, "pickers")])
    b = _art("Valley Post", "The Marl Valley Growers union said 90 workers walked out on Monday.",
             [("90", 90, "workers")])
    assert _numbers_found(a, b) == [("40", "90")]
