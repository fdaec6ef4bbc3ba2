"""Two conflicts the brief missed: the year something began ("has led the party since 2002" / "since
2003": a year is no count and no calendar date), and one count of people worded two ways ("were
winched to safety by helicopter" / "to be lifted off by helicopter"), which joins the conflict over that
count under its name. "Fourteen" and "14" are one value. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Ilka Ostrander", "PERSON"), ("Ostrander", "PERSON"), ("Harl Brackett", "PERSON"),
        ("Unity Party", "ORG"), ("Tamsin Ray", "PRODUCT"), ("Port Varn", "GPE")]


def _brief(*sentences: str):
    outlets = ["Marl Echo", "Valley Post", "Harbour Star"]
    return build_brief([make_article(outlets[k], "Party leader", "2026-05-06", [s], entities=ENTS)
                        for k, s in enumerate(sentences)])


def _slots(brief) -> dict[str, set[str]]:
    return {c.slot: {s.value for s in c.sides} for c in brief.contradictions}


def test_two_years_since_which_one_person_led_disagree():
    b = _brief("Ilka Ostrander has led the Unity Party in the assembly since 2002.",
               "Ilka Ostrander has led the Unity Party in the assembly since 2003, and her critics say so.")
    assert _slots(b).get("since when") == {"since 2002", "since 2003"}


def test_the_same_year_or_two_actors_is_no_conflict():
    same = _brief("Ilka Ostrander has led the Unity Party in the assembly since 2002.",
                  "Ilka Ostrander has led the Unity Party in the assembly since 2002, her critics say.")
    assert "since when" not in _slots(same)
    two = _brief("Ilka Ostrander has led the Unity Party in the assembly since 2002.",
                 "Harl Brackett has sat for the Unity Party in the assembly since 2003.")
    assert "since when" not in _slots(two)


RESCUE = [
    "Sixteen people were airlifted from the burning Tamsin Ray off Port Varn on Monday night.",
    ("Fire broke out on the Tamsin Ray off Port Varn on Monday night, leaving 14 people to be lifted off by "
    "helicopter, the coastguard said."),
    "Fourteen people were winched to safety by helicopter after fire broke out on the Tamsin Ray off Port Varn.",
]


def test_a_count_done_by_the_same_means_joins_the_conflict():
    slots = _slots(_brief(*RESCUE))
    assert slots.get("number of people airlifted") == {"Sixteen", "14"}  # "Fourteen" is listed as 14
    conflict = next(c for c in _brief(*RESCUE).contradictions if c.slot == "number of people airlifted")
    assert {s.citation.outlet for s in conflict.sides} == {"Marl Echo", "Valley Post", "Harbour Star"}


def test_another_means_does_not_join():
    other = [*RESCUE[:2], "Fourteen people were taken to hospital by ambulance after the fire on the Tamsin Ray."]
    conflict = next(c for c in _brief(*other).contradictions if c.slot == "number of people airlifted")
    assert {s.citation.outlet for s in conflict.sides} == {"Marl Echo", "Valley Post"}


def _denial_pair(stated: str):
    from reconcile_fixtures import make_article as art

    a = art("Marl Echo", "Photo", "2026-05-06", [stated], entities=ENTS)
    b = art("Valley Post", "Photo", "2026-05-06", [
        "Harl Brackett denied that he had sent the photograph of the Tamsin Ray to a student."],
        entities=ENTS, hedges=[("denied", "denial")])
    return build_brief([a, b])


def test_a_denial_is_contradicted_only_by_a_sentence_that_says_someone_did_it():
    said = _denial_pair("Harl Brackett sent the photograph of the Tamsin Ray to a student on Friday.")
    assert "whether it happened" in _slots(said)
    for text in ("Reporters asked Harl Brackett whether he sent the photograph of the Tamsin Ray to a student.",
                 "The photograph of the Tamsin Ray was sent to a student on Friday, Harl Brackett's aides said.",
                 "The row is over a photograph of the Tamsin Ray sent from Harl Brackett's account to a student."):
        assert "whether it happened" not in _slots(_denial_pair(text)), text
