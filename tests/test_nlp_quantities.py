"""Quantities: numbers, counts, ages, money, percentages, dates, weekdays and vague amounts."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from storydesk.nlp.components.quantities import find_quantities, parse_number


def _by_text(text: str, published: dt.date | None = None) -> dict[str, object]:
    return {text[q.start:q.end]: q for q in find_quantities(text, published)}


@pytest.mark.parametrize("raw, value", [("1,200", 1200), ("2.5 million", 2.5e6), ("twenty-five", 25),
                                        ("a hundred", 100), ("three thousand", 3000), ("$", None)])
def test_parse_number(raw, value):
    assert parse_number(raw) == value


def test_counts_and_vague_amounts():
    found = _by_text("Police said 14 people were hurt, about 200 marched and dozens of officers came; "
                     "more than 1,200 signed, up to 30 left.")
    assert found["14"].kind == "count" and found["14"].value == 14
    assert found["about 200"].kind == "vague" and (found["about 200"].low, found["about 200"].high) == (180, 220)
    assert found["dozens"].kind == "vague" and found["dozens"].low == 24
    assert found["more than 1,200"].low == 1200 and found["more than 1,200"].high is None
    assert found["up to 30"].high == 30 and found["up to 30"].low is None


def test_ages_in_three_forms():
    found = _by_text("A boy aged 10, a 12-year-old girl and a man in his early thirties were named.")
    assert found["aged 10"].kind == "age" and found["aged 10"].value == 10
    assert found["12-year-old"].value == 12
    age = found["in his early thirties"]
    assert (age.low, age.high) == (30, 33)


def test_money_and_percent():
    found = _by_text("The fund lost $2.5 million, or 35% of its value, and 40 euros per share.")
    assert found["$2.5 million"].kind == "money" and found["$2.5 million"].value == 2.5e6
    assert found["$2.5 million"].unit == "USD"
    assert found["35%"].kind == "percent" and found["35%"].value == 35
    assert found["40 euros"].unit == "EUR"


def test_dates_and_weekdays_resolve_against_publication_date():
    found = _by_text("It happened on Monday, not on March 3, 2024, nor on 5 April, and began in 2019.",
                     dt.date(2024, 3, 6))  # a Wednesday
    assert found["Monday"].kind == "weekday" and found["Monday"].iso == "2024-03-04"
    assert found["March 3, 2024"].iso == "2024-03-03"
    assert found["5 April"].iso == "2024-04-05"
    assert found["2019"].kind == "date" and found["2019"].iso == "2019"


def test_weekday_without_publication_date_has_no_iso():
    assert _by_text("They met on Friday.")["Friday"].iso is None


def test_modal_may_is_not_a_month():
    assert not any(q.kind == "date" for q in find_quantities("The plan may 3 times fail."))


def test_component_sets_counted_noun_on_blank_pipeline():
    from storydesk.nlp.components import quantities  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("storydesk_quantities")
    doc = nlp("Officials said 14 people and dozens of soldiers were hurt.")
    spans = {s.text: s for s in doc.spans["sd_quantities"]}
    assert spans["14"]._.sd_counted == "people"
    assert spans["dozens"]._.sd_counted == "soldiers"
    assert spans["14"].label_ == "count"
