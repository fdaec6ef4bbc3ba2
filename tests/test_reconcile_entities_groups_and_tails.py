"""Two NER slips the story's own texts correct. A one-word "person" the texts also write as a group's
word ("Odrenites", "Odrenite voters") is a group, no person and no source. An organisation's name
without the place it starts with ("Press Herald" of "Tarrow Press Herald") is the same organisation,
when every article that writes the short one writes both. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView, fold
from storydesk.reconcile.entities import reconcile_entities


def _index(texts, ents):
    arts = [make_article(f"Outlet {i}", "Election report", "2026-04-02", [t], entities=ents)
            for i, t in enumerate(texts)]
    return reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(arts)])


def _persons(index):
    return {e.name for e in index.entities if e.label == "PERSON"}


def test_word_also_written_in_the_plural_is_a_group_not_a_person():
    index = _index(["Turnout rose in Vessa County on Tuesday. Odrenite turnout was the highest in a decade.",
                    "Odrenites make up a third of the county, and most backed the levy."],
                   [("Odrenite", "PERSON"), ("Vessa County", "GPE")])
    assert "Odrenite" not in _persons(index)
    assert fold("Odrenite") in index.not_names


def test_english_word_used_before_common_nouns_is_a_group_not_a_person():
    # a group's word of English (the dictionary's), used as a modifier twice and never as a person's
    index = _index(["Mennonite voters queued for hours in Vessa County.",
                    "The Mennonite church opened its hall to voters, and Mennonite leaders urged calm."],
                   [("Mennonite", "PERSON"), ("Vessa County", "GPE")])
    assert "Mennonite" not in _persons(index)
    assert fold("Mennonite") in index.not_names


def test_made_up_name_before_common_nouns_stays():
    # an outlet's or a firm's name before a noun ("a Dravnik reporter") is no evidence of a group
    index = _index(["A Dravnik reporter was at the count in Vessa County.",
                    "The Dravnik story ran on Tuesday, and Dravnik editors stood by it."],
                   [("Dravnik", "PERSON"), ("Vessa County", "GPE")])
    assert fold("Dravnik") not in index.not_names


def test_surname_of_a_family_and_a_speaker_stays_a_person():
    # "the Brannaghs" is a family, and "Brannagh said" writes him as a person
    index = _index(["Brannagh said the count was fair. The Brannaghs have farmed near Vessa for a century.",
                    "Brannagh told reporters he would not contest the result."],
                   [("Brannagh", "PERSON")])
    assert "Brannagh" in _persons(index)
    assert fold("Brannagh") not in index.not_names


def test_name_before_administration_stays_a_person():
    # no "the" before it either: a name written "the X" most of the time is taken for a thing's
    index = _index(["Harlow administration officials defended the levy.",
                    "Critics called Harlow administration policy unfair."],
                   [("Harlow", "PERSON")])
    assert "Harlow" in _persons(index)


def test_one_word_person_without_group_use_stays():
    index = _index(["Quennell, a retired teacher, counted the ballots.", "Quennell counted ballots until dawn."],
                   [("Quennell", "PERSON")])
    assert "Quennell" in _persons(index)


def test_outlet_name_without_its_place_joins_the_full_name():
    index = _index([("The Tarrow Press Herald first reported the levy vote in Tarrow on Monday. The Press "
                     "Herald said turnout was high."),
                    "The Tarrow Press Herald ran a second story. The Press Herald's editor declined to comment."],
                   [("Tarrow Press Herald", "ORG"), ("Press Herald", "ORG"), ("Tarrow", "GPE")])
    orgs = [e for e in index.entities if e.label == "ORG" and "Herald" in e.name]
    assert len(orgs) == 1
    assert set(orgs[0].variants) == {"Tarrow Press Herald", "Press Herald"}
    assert orgs[0].name == "Tarrow Press Herald"


def test_short_court_name_in_another_article_is_kept_apart():
    # one article writes "Supreme Court" without "Vessa Supreme Court": it may be another court
    index = _index(["The Vessa Supreme Court heard the levy case on Monday. The Supreme Court sat late.",
                    "The Supreme Court has yet to rule on a similar case from Orland."],
                   [("Vessa Supreme Court", "ORG"), ("Supreme Court", "ORG"), ("Vessa", "GPE"), ("Orland", "GPE")])
    names = {e.name for e in index.entities if e.label == "ORG"}
    assert {"Vessa Supreme Court", "Supreme Court"} <= names


def test_short_name_fitting_two_long_names_joins_neither():
    index = _index([("The Vessa Supreme Court and the Orland Supreme Court split on the levy. The Supreme Court "
                     "of each state will hear appeals.")],
                   [("Vessa Supreme Court", "ORG"), ("Orland Supreme Court", "ORG"), ("Supreme Court", "ORG"),
                    ("Vessa", "GPE"), ("Orland", "GPE")])
    names = {e.name for e in index.entities if e.label == "ORG"}
    assert {"Vessa Supreme Court", "Orland Supreme Court", "Supreme Court"} <= names


def test_short_court_name_beside_the_long_one_joins_it():
    index = _index(["The Vessa Supreme Court heard the levy case on Monday. The Supreme Court will rule in May."],
                   [("Vessa Supreme Court", "ORG"), ("Supreme Court", "ORG"), ("Vessa", "GPE")])
    (court,) = [e for e in index.entities if "Court" in e.name]
    assert court.name == "Vessa Supreme Court"


def test_surname_written_with_a_first_name_keeps_its_plural_a_family():
    # "both Vargases" is a family; "Odell Varga" names him with a first name, so "Varga" is a surname
    index = _index(["Odell Varga conceded on Tuesday night in Vessa County.",
                    "Varga thanked volunteers. Both Vargas voted early."],
                   [("Odell Varga", "PERSON"), ("Varga", "PERSON"), ("Vessa County", "GPE")])
    assert fold("Varga") not in index.not_names
    assert any(e.label == "PERSON" and "Varga" in e.variants for e in index.entities)


def test_english_word_heading_a_name_is_no_place_prefix():
    # "Fellow Kessmark Riders": "Fellow" is a word of the sentence, not a place
    index = _index(["Members of the Fellow Kessmark Riders and the Kessmark Riders marched."],
                   [("Fellow Kessmark Riders", "ORG"), ("Kessmark Riders", "ORG")])
    names = {e.name for e in index.entities if e.label == "ORG"}
    assert "Kessmark Riders" in names


def test_one_phrase_said_again_is_no_group_use():
    # "the Bush tax cuts"-like: one noun after the name, however often, says nothing of a group
    index = _index(["Talks stalled over the Rook tax cuts in Vessa County.",
                    "Extending the Rook tax cuts would cost billions."],
                   [("Rook", "PERSON"), ("Vessa County", "GPE")])
    assert fold("Rook") not in index.not_names
