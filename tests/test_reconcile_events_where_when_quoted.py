"""The main event's where, when, why and how (reconcile/events.py) over hand-written fictional articles:
a place is where the event happened only when a sentence puts the event there ("in Kessel"), not a
destination someone jokes about; a year far from publication is no "when"; someone's own words, quoted or
set off as a block after a colon, give no why or how."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.events import _far_year

ENTS = [("Ilse Varga", "PERSON"), ("Norland", "GPE"), ("KESSEL", "GPE"), ("Kessel", "GPE"), ("Tomas Brandt", "PERSON")]


def _story(lead: str, more: list[str], published: str = "2026-05-06", quotes=()):
    arts = [make_article(outlet, "Varga and the vote", published, [lead, *more], entities=ENTS,
                         quotes=list(quotes))
            for k, outlet in enumerate(["Marl Echo", "Valley Post"])]
    return build_brief(arts)


def test_where_is_not_a_place_someone_jokes_about_moving_to():
    brief = _story("Judge Ilse Varga has not been shy about the vote, joking that she might move to Norland "
                   "if Tomas Brandt wins.", ["Tomas Brandt called the remark a disgrace."])
    assert brief.main_event.get("where") is None or brief.main_event["where"].text != "Norland"


def test_where_is_the_place_the_lead_puts_the_event_in():
    brief = _story("Judge Ilse Varga joked about the vote at a dinner in Kessel on Sunday.",
                   ["Tomas Brandt called the remark a disgrace."])
    assert brief.main_event["where"].text == "Kessel"


def test_when_is_no_year_far_from_publication():
    # the value finder's dates come from the NLP stage, which hand-made articles lack: the rule itself
    assert _far_year("January 1967", "2026-05-06")
    assert not _far_year("May 2026", "2026-05-06") and not _far_year("December 2025", "2026-01-02")
    assert not _far_year("Wednesday", "2026-05-06") and not _far_year("1967", None)


def test_how_is_not_a_block_quotation_after_a_colon():
    brief = _story("Tomas Brandt lashed out at Judge Ilse Varga on Wednesday in Kessel.",
                   ["Brandt wrote on his page, saying:",
                    "Judge Varga has embarrassed all by making very dumb statements about me"])
    how = brief.main_event.get("how")
    assert how is None or "embarrassed" not in how.text


def test_why_is_not_a_direct_quotation():
    quote = "I am not here because of my party, but because the voters chose me"
    brief = _story("Tomas Brandt took his seat in Kessel on Wednesday.",
                   [f"\u201c{quote},\u201d said Brandt."],
                   quotes=[{"content": quote, "speaker": "Brandt", "speaker_name": "Tomas Brandt"}])
    why = brief.main_event.get("why")
    assert why is None or "voters chose me" not in why.text


def test_where_is_the_dateline_place_of_the_lead():
    brief = _story("KESSEL -- Judge Ilse Varga joked about the vote on Sunday.",
                   ["Tomas Brandt called the remark a disgrace."])
    assert brief.main_event["where"].text.lower() == "kessel"
