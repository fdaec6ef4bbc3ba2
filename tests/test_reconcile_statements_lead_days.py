"""Leads of two outlets that tell of the same weekday (reconcile/statements.py, LEAD_DAY_BONUS) are read
as the same main event even when each words it its own way; leads of different days, or a later sentence
naming the day, or articles published weeks apart (two different Tuesdays), get no such help. Fictional
outlets and people."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Ada Marl", "PERSON"), ("Marl", "PERSON"), ("Tarn", "GPE"), ("Dorn", "GPE")]
MORE_A = ["The filing fee was paid in cash at the county office.", "Her husband stood beside her at the podium."]
MORE_B = ["Her rivals have yet to file their own papers.", "Polls show a close race in the northern counties."]


def _aligned(lead_a: str, lead_b: str, published_b: str = "2026-03-04") -> bool:
    arts = [make_article("Marl Echo", "Marl runs", "2026-03-04", [lead_a, *MORE_A], entities=ENTS),
            make_article("Valley Post", "Marl runs", published_b, [lead_b, *MORE_B], entities=ENTS)]
    brief = build_brief(arts)
    return any(len(g.articles) == 2 and "Marl" in g.text for g in brief.statements)


A = "Tarn Gov. Ada Marl announced on Tuesday that she is running for president."
B = "Marl, a former judge from Dorn, declared an uphill candidacy for the nomination on Tuesday."


def test_leads_of_the_same_day_align_though_worded_apart():
    assert _aligned(A, B)


def test_leads_of_different_days_get_no_help():
    assert not _aligned(A, B.replace("Tuesday", "Friday"))


def test_leads_without_a_day_get_no_help():
    assert not _aligned(A.replace(" on Tuesday", ""), B.replace(" on Tuesday", ""))


def test_leads_published_weeks_apart_get_no_help():
    assert not _aligned(A, B, published_b="2026-03-25")


def test_the_first_day_a_lead_names_is_its_event_day():
    first_tuesday = "On Tuesday Marl, a former judge from Dorn, declared an uphill candidacy for the nomination Monday."
    first_monday = "On Monday Marl, a former judge from Dorn, declared an uphill candidacy for the nomination Tuesday."
    assert _aligned(A, first_tuesday)
    assert not _aligned(A, first_monday)
