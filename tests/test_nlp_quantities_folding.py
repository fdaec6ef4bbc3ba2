"""Keywords that IGNORECASE matches but lower() does not fold ("ſ" for "s", "İ" for "i") are read
like their plain spelling instead of failing the article."""

import datetime as dt

from storydesk.nlp.components.quantities import find_quantities


def _kinds(text):
    return [(text[f.start:f.end], f.kind, f.unit, f.iso) for f in find_quantities(text, dt.date(2024, 3, 5))]


def test_long_s_and_dotted_i_keywords_do_not_crash():
    for text in ["It cost 3 uſd.", "Paid Uſ$ 40 on ſunday.", "She is in her ſixties.", "Met on Frİday.",
                 "ſeveral boats sank.", "He is in his fİfties."]:
        find_quantities(text, dt.date(2024, 3, 5))  # no KeyError / ValueError


def test_folded_keywords_read_as_plain_ones():
    assert _kinds("It cost 3 uſd.") == [("3 uſd", "money", "USD", None)]
    assert _kinds("Met on Frİday.")[0][1:] == ("weekday", None, "2024-03-01")


def test_gated_scans_still_find_money_percent_and_ages():
    found = {k for _, k, _, _ in _kinds("About $5 million, 40 PERCENT of a 10-year-old's 3 Euros.")}
    assert {"money", "percent", "age"} <= found
    assert [k for _, k, _, _ in _kinds("No currency or share here, 12 boats.")] == ["count"]
