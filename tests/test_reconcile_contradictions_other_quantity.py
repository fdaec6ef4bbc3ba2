"""A "contradiction" that is two different quantities is a bug: a side that gives both figures, a rank
("the No. 2 post"), counts of one noun said of different things ("seats in the Assembly" / "seats in
this election"), and days of two different people's acts are no disagreement; the same quantity of the
same thing still is. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.contradictions import ValueFinder, compare_units
from storydesk.reconcile.entities import reconcile_entities
from storydesk.reconcile.statements import build_units
from storydesk.records import Quantity, Sentence

ENTS = [("Ostrander", "PERSON"), ("Mr. Brackett", "PERSON"), ("Velez", "PERSON"), ("Ilka Ostrander", "PERSON"),
        ("Harl Brackett", "PERSON")]


def _art(outlet: str, sentence: str, counts: list[tuple[str, float]] = ()):
    aa = make_article(outlet, "Assembly vote", "2026-05-06", [sentence], entities=ENTS)
    text = aa.article.text
    # one sentence, as the NLP stage gives it ("No." and "Mr." do not end it)
    aa = aa.model_copy(update={"sentences": [Sentence(start=0, end=len(text), status="asserted")]})
    qs = []
    for number, value in counts:
        at = text.index(number)
        qs.append(Quantity(start=at, end=at + len(number), text=number, kind="count", value=value, sentence=0))
    return aa.model_copy(update={"quantities": qs})


def _found(a, b, kind: str):
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate((a, b))]
    entities = reconcile_entities(views)
    ua, ub = build_units(views, entities)
    values = ValueFinder(views)
    return [(f.a[1], f.b[1]) for f in compare_units(ua, ub, values(0, 0), values(1, 0), views, entities)
            if f.kind == kind]


def test_a_side_that_gives_both_figures_does_not_contradict_the_one_it_shares():
    a = _art("Marl Echo", "The Greens picked up just six seats in the vote and remain in opposition with 94 seats.",
             [("six", 6), ("94", 94)])
    b = _art("Valley Post", "The Greens picked up just six seats in the vote, far fewer than expected.", [("six", 6)])
    assert _found(a, b, "number") == []


def test_one_figure_against_another_still_disagrees():
    a = _art("Marl Echo", "The Greens picked up just nine seats in the vote, far fewer than expected.", [("nine", 9)])
    b = _art("Valley Post", "The Greens picked up just six seats in the vote, far fewer than expected.", [("six", 6)])
    assert _found(a, b, "number") == [("nine", "six")]


def test_a_rank_is_no_count():
    a = _art("Marl Echo", "Harl Brackett kept the No. 2 post of party whip in the assembly.", [("2", 2)])
    b = _art("Valley Post", "Harl Brackett was re-elected to the No. 3 post of party whip in the assembly.",
             [("3", 3)])
    assert _found(a, b, "number") == []


def test_days_of_two_peoples_acts_do_not_disagree():
    a = _art("Marl Echo", "Ostrander tweeted on Tuesday that he had accepted an invitation to meet Velez in private.")
    b = _art("Valley Post", "On Wednesday, Mr. Brackett expressed disbelief that Velez would invite Ostrander to a "
             "private meeting.")
    assert _found(a, b, "weekday") == []


def test_days_of_one_persons_act_still_disagree():
    a = _art("Marl Echo", "Ostrander tweeted on Tuesday that he had accepted an invitation to meet Velez in private.")
    b = _art("Valley Post", "Ostrander tweeted on Wednesday that he had accepted an invitation to meet Velez.")
    assert _found(a, b, "weekday") == [("Tuesday", "Wednesday")]


def _story(sent_a: str, sent_b: str):
    a = make_article("Marl Echo", "Greens routed", "2026-05-06", [
        "The Greens were routed in the assembly election on Sunday.", sent_a], entities=ENTS)
    b = make_article("Valley Post", "Greens lose", "2026-05-06", [
        "The Greens lost badly in the assembly election on Sunday.", sent_b], entities=ENTS)
    return build_brief([a, b])


def test_seats_in_two_places_are_two_counts():
    brief = _story("The Reds are on track to hold at least 240 seats in the Assembly next year after the election.",
                   "The Greens picked up just six seats in this election after the assembly vote.")
    values = {s.value for c in brief.contradictions for s in c.sides}
    assert not values & {"at least 240", "six"}


def test_one_count_said_of_one_thing_still_disagrees_across_the_story():
    brief = _story("Officials said 14 voters were turned away at the polling station in the assembly election.",
                   "Officials said 11 voters were turned away at the polling station during the assembly vote.")
    values = {s.value for c in brief.contradictions for s in c.sides}
    assert {"14", "11"} <= values
