"""Story selection behind `storydesk brief PATHS`, `storydesk demo` and `storydesk.brief(pick=N)`
(group/pick.py), over hand-written fictional articles: no NLP model needed."""

from __future__ import annotations

import json

import pytest

from storydesk.errors import ConfigError, EmptyInputError
from storydesk.group.pick import select_story
from storydesk.records import Article, Problem

SHIP = [
    ("Cargo ship Tamsin Ray runs aground at Port Oddvar",
     ("The cargo ship Tamsin Ray ran aground near the northern breakwater of Port Oddvar on Tuesday. "
     "Harbour master Ilse Brenner said 40 crew were evacuated."), "Oddvar Gazette", "2025-06-03T08:00:00Z"),
    ("Port Oddvar closed after Tamsin Ray grounding",
     ("Port Oddvar was closed after the Tamsin Ray grounded. Ilse Brenner said tugs from Kessel Marine "
     "would try to refloat the cargo ship."), "Shore Wire", "2025-06-03T11:00:00Z"),
    ("Tugs refloat Tamsin Ray, Port Oddvar reopens",
     ("Kessel Marine tugs refloated the cargo ship Tamsin Ray on Thursday and Port Oddvar reopened, "
     "harbour master Ilse Brenner said."), "Fell Times", "2025-06-05T09:00:00Z"),
]
BUDGET = [
    ("Mayor Dora Vance unveils Brackwater budget",
     ("Brackwater mayor Dora Vance presented a city budget on Monday, raising spending on schools and "
     "buses. The council will vote next month."), "Brackwater Post", "2025-06-02T07:00:00Z"),
    ("Brackwater council to vote on Vance budget",
     ("The Brackwater city council will vote on the budget of mayor Dora Vance, which adds money for "
     "schools and bus routes."), "Moor Echo", "2025-06-04T07:00:00Z"),
]


def make(rows):
    return [Article(source=f"{o}-{i}", title=t, paragraphs=[b], outlet=o, published=p)
            for i, (t, b, o, p) in enumerate(rows)]


def test_largest_story_is_kept_in_input_order_and_the_split_is_told():
    ship, budget = make(SHIP), make(BUDGET)
    mixed = [budget[0], ship[2], ship[0], budget[1], ship[1]]
    sel = select_story(mixed, pick=1)
    assert [a.id for a in sel.items] == [ship[2].id, ship[0].id, ship[1].id]  # as given, not re-sorted
    assert len(sel.stories) == 2 and sel.total == 5
    (note,) = sel.warnings()
    assert "5 input articles form 2 stories" in note and "story 1 (3 articles" in note


def test_pick_two_and_pick_none():
    ship, budget = make(SHIP), make(BUDGET)
    assert {a.id for a in select_story(ship + budget, pick=2).items} == {a.id for a in budget}
    together = select_story(ship + budget, pick=None)
    assert len(together.items) == 5 and together.stories == [] and together.warnings() == []


def test_one_story_needs_no_note():
    sel = select_story(make(SHIP), pick=1)
    assert len(sel.items) == 3 and sel.chosen is None and sel.warnings() == []


def test_pick_beyond_the_stories_or_below_one_is_a_config_error():
    arts = make(SHIP) + make(BUDGET)
    with pytest.raises(ConfigError, match="only 2 stories"):
        select_story(arts, pick=3)
    with pytest.raises(ConfigError, match="only 1 story$"):
        select_story(make(SHIP), pick=2)
    with pytest.raises(ConfigError):
        select_story(arts, pick=0)


def test_paths_are_read_and_bad_sources_become_warnings(tmp_path):
    for i, (t, b, o, p) in enumerate(SHIP):
        text = b + "\n\nThe Tamsin Ray, a cargo ship, had sailed from Port Oddvar many times without trouble before."
        (tmp_path / f"ship{i}.json").write_text(json.dumps({"title": t, "text": text, "outlet": o, "date": p}))
    (tmp_path / "broken.json").write_text("{not json")
    sel = select_story([str(tmp_path)], pick=1)
    assert len(sel.items) == 3
    assert len(sel.problems) == 1 and sel.warnings() == [sel.problems[0].line()]
    assert sel.problems[0].line().startswith(str(tmp_path / "broken.json") + ": [SD")


def test_nothing_readable_is_an_empty_input_error_naming_the_problems(tmp_path):
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(EmptyInputError, match="broken.json"):
        select_story([str(tmp_path / "broken.json")])


def test_problem_line_format():
    p = Problem(source="pages/a[1].html", level="error", code="SD107", message="no article text found")
    assert p.line() == "pages/a[1].html: [SD107] no article text found"
