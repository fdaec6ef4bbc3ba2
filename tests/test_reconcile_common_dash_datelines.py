"""One dateline test for the whole brief (reconcile/common.py dateline_length): the splitter's DATELINE and
a place in capitals before a dash ("KESSEL --", "DORN, Vy. –-"), used alike by trim_dateline, the
statements' wording, the main event's where and the quotes. Fictional places."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import dateline_length, trim_dateline


def test_datelines_a_capital_place_and_a_dash_is_a_dateline():
    for text, rest in [("KESSEL -- The council voted.", "The council voted."),
                       ("KESSEL ― The council voted.", "The council voted."),
                       ("DORN, Vy. –- The council voted.", "The council voted."),
                       ("PORT ELLIN, March 3 (CPA) - The council voted.", "The council voted.")]:
        assert text[dateline_length(text):] == rest
        assert trim_dateline(text) == rest


def test_datelines_a_short_capital_word_before_a_dash_is_no_dateline():
    for text in ["US -- The council voted.", "The council -- all of it -- voted."]:
        assert dateline_length(text) == 0 and trim_dateline(text) == text


def test_datelines_the_main_event_reads_any_dash_dateline():
    lead = "DORN ― The Kessel council voted on Monday to close the old harbour bridge for repairs."
    arts = [make_article(outlet, "Bridge closed", "2026-03-04", [lead, "Traffic will go by the ferry."],
                         entities=[("DORN", "GPE"), ("Kessel", "GPE")])
            for outlet in ["Marl Echo", "Valley Post"]]
    brief = build_brief(arts)
    assert brief.main_event["what"].text.startswith("The Kessel council voted")
    assert brief.main_event["where"].text.lower() == "dorn"
