"""One disagreement found by two passes under two slot names is listed once, under the more specific name."""

from __future__ import annotations

from storydesk.reconcile.contradictions import _without_repeats
from storydesk.records.brief import Citation, Contradiction, ContradictionSide


def _side(article: str, sentence: int, value: str) -> ContradictionSide:
    return ContradictionSide(value=value, citation=Citation(article_id=article, sentence=sentence),
                             text=f"{value} homes were evacuated in Tollin Bay.")


def test_the_same_sides_under_two_slot_names_are_listed_once_under_the_longer_name():
    sides = [_side("a1", 3, "About 50"), _side("a2", 0, "about 40")]
    found = [Contradiction(slot="number of homes", kind="number", sides=sides),
             Contradiction(slot="number of homes evacuated", kind="number", sides=list(sides))]
    kept = _without_repeats(found)
    assert [c.slot for c in kept] == ["number of homes evacuated"]


def test_an_entry_whose_sides_another_lists_with_more_is_dropped_but_different_disagreements_stay():
    pair = [_side("a1", 3, "About 50"), _side("a2", 0, "about 40")]
    wider = Contradiction(slot="number of homes", kind="number", sides=[*pair, _side("a3", 2, "60")])
    narrow = Contradiction(slot="number of homes evacuated", kind="number", sides=list(pair))
    other = Contradiction(slot="number of people", kind="number",
                          sides=[_side("a1", 4, "12"), _side("a2", 5, "14")])
    age = Contradiction(slot="age of the boy", kind="age", sides=list(pair))  # another kind: kept
    kept = _without_repeats([narrow, wider, other, age])
    assert [c.slot for c in kept] == ["number of homes", "number of people", "age of the boy"]
