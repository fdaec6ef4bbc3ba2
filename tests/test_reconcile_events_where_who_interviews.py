"""The main event's where and who (reconcile/events.py): a place after a noun for people ("attorneys
general in Norland") is where they are from, not where the event happened; the interviewer of "in a phone
interview with X" asked, and is no actor. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Ilse Varga", "PERSON"), ("Norland", "GPE"), ("Kessel", "GPE"), ("Tomas Brandt", "PERSON"),
        ("Wren Radio", "ORG")]


def _story(lead: str, more: list[str]):
    arts = [make_article(outlet, "Varga and the vote", "2026-05-06", [lead, *more], entities=ENTS)
            for outlet in ["Marl Echo", "Valley Post"]]
    return build_brief(arts)


def test_where_is_not_the_home_of_the_people_who_act():
    brief = _story("The lawsuit was brought by attorneys general in Norland on Thursday against Judge Ilse Varga.",
                   ["Tomas Brandt called the suit a stunt."])
    where = brief.main_event.get("where")
    assert where is None or where.text != "Norland"


def test_where_is_the_place_of_a_happening_named_by_a_noun():
    brief = _story("Judge Ilse Varga condemned the shooting in Kessel on Thursday.",
                   ["Tomas Brandt called the remark late."])
    assert brief.main_event["where"].text == "Kessel"


def test_who_leaves_out_the_interviewer():
    ents = ENTS + [("Dana Kovac", "PERSON")]
    for lead in ["Tomas Brandt celebrated his victory over Ilse Varga on Tuesday night in a phone interview "
                 "with Dana Kovac.",
                 "Tomas Brandt celebrated his victory over Judge Ilse Varga on Tuesday night in a phone "
                 "interview with Wren Radio host Dana Kovac."]:
        arts = [make_article(outlet, "Brandt wins", "2026-05-06", [lead, "Varga conceded on Wednesday."],
                             entities=ents) for outlet in ["Marl Echo", "Valley Post"]]
        who = build_brief(arts).main_event["who"].text
        assert "Tomas Brandt" in who and "Ilse Varga" in who
        assert "Dana Kovac" not in who and "Wren Radio" not in who


def _who_of(lead: str, quote: dict, ents) -> str:
    arts = [make_article(outlet, "The vote", "2026-05-06", [lead, "Varga conceded on Thursday."], entities=ents,
                         quotes=[quote]) for outlet in ["Marl Echo", "Valley Post"]]
    return build_brief(arts).main_event["who"].text


def test_who_is_the_body_a_sentence_opens_with_that_acts_by_voting():
    ents = [("Kessel council", "ORG"), ("Ilse Varga", "PERSON")]
    lead = "In a blow to Mayor Ilse Varga, the Kessel council voted on Wednesday to override her veto of the harbour bill."
    quote = {"content": "on Wednesday to override her veto of the harbour bill", "kind": "indirect",
             "speaker": "the Kessel council", "speaker_name": "Kessel council"}
    assert "Kessel council" in _who_of(lead, quote, ents)


def test_who_is_the_person_named_right_after_a_speaker_span_cut_short():
    ents = [("Tomas Brandt", "PERSON"), ("Ilse Varga", "PERSON")]
    lead = ("Presumptive Marl party nominee Tomas Brandt issued a call for Judge Ilse Varga to resign on Sunday "
            "over her handling of the harbour fire that left the old quay in ruins.")
    quote = {"content": "a call for Judge Ilse Varga to resign on Sunday over her handling of the harbour fire "
                        "that left the old quay in ruins", "kind": "indirect",
             "speaker": "Presumptive Marl party", "speaker_name": None}
    assert _who_of(lead, quote, ents).startswith("Tomas Brandt")


def test_where_is_a_court_the_lead_puts_a_filing_in():
    ents = [("Kessel High Court", "ORG"), ("Marl Party", "ORG"), *ENTS]  # the longer name is tagged first
    arts = [make_article(outlet, "Suit filed", "2026-05-06",
                         ["Norland filed a lawsuit in the Kessel High Court on Thursday against Judge Ilse Varga.",
                          "Tomas Brandt called the suit a stunt."], entities=ents)
            for outlet in ["Marl Echo", "Valley Post"]]
    assert build_brief(arts).main_event["where"].text == "Kessel High Court"
    arts = [make_article(outlet, "Suit filed", "2026-05-06",
                         ["Tomas Brandt filed his papers in the Marl Party on Thursday.", "Varga said nothing."],
                         entities=ents) for outlet in ["Marl Echo", "Valley Post"]]
    assert build_brief(arts).main_event.get("where") is None


def test_who_is_the_person_a_sentence_opens_with_who_speaks_later_as_he():
    ents = [("Tomas Brandt", "PERSON"), ("Ilse Varga", "PERSON"), ("Harbour Board", "ORG")]
    # the fixture places the speaker at the first "he" of the text: the pronoun, here
    lead = ("Harbour Board chairman Tomas Brandt will meet members on Monday, and he is expected to announce "
            "whether to run again.")
    quote = {"content": "whether to run again", "kind": "indirect", "speaker": "he", "speaker_name": "Tomas Brandt"}
    arts = [make_article(outlet, "Brandt to decide", "2026-05-06", [lead, "Ilse Varga wants it."],
                         entities=ents, quotes=[quote]) for outlet in ["Marl Echo", "Valley Post"]]
    assert "Tomas Brandt" in build_brief(arts).main_event["who"].text
