"""The speaker line of ``extract --annotate`` says each wording once: a description that is the speaker's
own words ("A spokeswoman for the service, Ines Marlow, said"; "a spokeswoman said") is not repeated as an
alias or after itself. Hand-built fictional records."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.render.annotations import render_annotations


def _speaker_lines(aa) -> list[str]:
    return [line for line in render_annotations(aa).splitlines() if line.startswith("- **")]


def test_description_equal_to_the_speaker_words_is_shown_once():
    aa = make_article("Orrin Post", "Bridge shut", "2026-05-12T08:00:00", [
        "A spokeswoman for the service, Ilse Verrin, said nobody had been hurt.",
        "Later a spokeswoman said the road would reopen on Friday.",
    ], entities=[("Ilse Verrin", "PERSON")], quotes=[
        {"content": "nobody had been hurt", "kind": "indirect", "speaker": "A spokeswoman for the service",
         "speaker_name": "Ilse Verrin", "description": "A spokeswoman for the service"},
        {"content": "the road would reopen on Friday", "kind": "indirect", "speaker": "a spokeswoman",
         "speaker_name": None, "description": "a spokeswoman"},
    ])
    named, unnamed = _speaker_lines(aa)
    assert named.startswith("- **Ilse Verrin, a spokeswoman for the service** ")
    assert unnamed.startswith("- **a spokeswoman** ")
    for line in (named, unnamed):
        assert line.lower().count("spokeswoman") == 1


def test_alias_and_a_different_description_are_both_shown():
    aa = make_article("Orrin Post", "Bridge shut", "2026-05-12T08:00:00", [
        "Tomas Reyl, the council's head of roads, spoke on Monday. He said the closure would last three days.",
    ], entities=[("Tomas Reyl", "PERSON")], quotes=[
        {"content": "the closure would last three days", "kind": "indirect", "speaker": "He",
         "speaker_name": "Tomas Reyl", "description": "the council's head of roads"},
    ])
    (line,) = _speaker_lines(aa)
    assert line.startswith("- **Tomas Reyl (“He”), the council's head of roads** ")


def test_name_with_its_article_is_no_alias():
    aa = make_article("Orrin Post", "Bridge shut", "2026-05-12T08:00:00", [
        "The bridge was closed on Tuesday, the Orrin council said.",
    ], quotes=[{"content": "The bridge was closed on Tuesday", "kind": "indirect", "speaker": "the Orrin council",
                "speaker_name": "Orrin council"}])
    (line,) = _speaker_lines(aa)
    assert line.startswith("- **Orrin council** ")
