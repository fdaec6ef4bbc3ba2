"""The patterns the splitter and the brief share: one list of title abbreviations, one party-state tag
(in brackets or between commas), one wire dateline with its credit; and a lowercase word after a closing
bracket goes on the sentence ("Sen. Ada Orr (R-Wyo.) in next year's primary"). Fictional names."""

from __future__ import annotations

import pytest

from storydesk.nlp.components._common import PARTY_STATE
from storydesk.nlp.components.sentences import DATELINE, TITLE_ABBREVS
from storydesk.reconcile.common import in_party_tag, join_fragments, party_tag_places
from storydesk.reconcile.sources import _dateline_credit, _dateline_place


@pytest.mark.parametrize("text, state", [
    ("Sen. Ole Brisk, R-Neb., met the board.", "Neb."),
    ("Rep. Ida Moss, D-New Mexico, voted no.", "New Mexico"),
    ("Rep. Ida Moss (D-N.Y) voted no.", "N.Y"),
    ("said Rep. Kai Lund, R-Texas.", "Texas"),
])
def test_a_party_tag_between_commas_or_in_brackets_gives_its_state(text, state):
    m = PARTY_STATE.search(text)
    assert m is not None and m.group("state").rstrip(".") == state.rstrip(".")


@pytest.mark.parametrize("text", ["The landing, D-Day, began at dawn.", "The film, R-rated, ran late.",
                                  "Drivers took I-95, the coast road."])
def test_other_hyphenated_words_after_a_comma_are_no_party_tag(text):
    assert PARTY_STATE.search(text) is None


def test_the_brief_reads_states_from_the_same_pattern():
    text = "Rep. Ann Vale (D-Ga.) and Sen. Ole Brisk, R-Neb., met Rep. Ida Moss (I-Vt., 4th District)."
    assert party_tag_places(text) == {"ga", "neb", "vt"}
    at = text.index("Vt")
    assert in_party_tag(text, at, at + 2)  # the window reaches the bracket closing after the district


def test_the_brief_joins_a_cut_after_any_title_the_splitter_knows():
    assert "cmdr" in TITLE_ABBREVS  # a title the brief's own list lacked before it used the splitter's
    text = "The fleet was led by Cmdr. Ada Orr of Varn. She retired."
    cut = text.index("Ada")
    bounds, parts = join_fragments(text, [(0, cut - 1), (cut, text.index(" She")), (text.index("She"), len(text))])
    assert bounds[1] == (0, text.index(" She")) and bounds[0][0] == bounds[0][1]


@pytest.mark.parametrize("text, credit", [
    ("WASHINGTON, D.C. (VPA) — The ferry sank.", "VPA"),
    ("PORT ELLIN, Calder, March 3 (CPA) - The ferry sank.", "CPA"),
    ("Kestle (Reuters) - The pier was closed.", "Reuters"),
])
def test_one_dateline_pattern_gives_the_credit(text, credit):
    assert DATELINE.match(text) is not None
    assert _dateline_credit(text) == credit


def test_a_dateline_place_needs_an_agency_in_title_case():
    text = "Ada Vale (Green) – the councillor – voted no.\nKestle (AP) – The pier was closed."
    assert not _dateline_place(text, 0, len("Ada Vale"))
    at = text.index("Kestle")
    assert _dateline_place(text, at, at + len("Kestle"))


def test_a_lowercase_word_after_a_closing_bracket_goes_on_the_sentence(presegment_blank):
    doc = presegment_blank("The elder Vale daughter is challenging Sen. Mike Orr (R-Wyo.) in next year's primary. "
                           "The race (in June) is open.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["The", "The"]
    assert doc[[t.text for t in doc].index("in")].is_sent_start is False
