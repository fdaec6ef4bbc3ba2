"""The main event and the wire datelines of two hand-written fictional stories through the bundled
pipeline, as a reader sees them: the demo (examples/corpus, a ferry fire told by a wire, its syndicated
copy and four papers) and the coach crash (tests/fixtures/briefqa/coach_crash.jsonl)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def demo(example_brief):
    return example_brief


@pytest.fixture(scope="module")
def coach(coach_brief):
    return coach_brief


def _names(brief, label):
    return {e.name for e in brief.entities if e.label == label}


def test_demo_who_is_the_people_on_board_not_the_ship(demo):
    who = demo.main_event["who"].text
    assert "Merrow Bell" not in who and "Harbour Safety Authority" not in who
    assert "passengers" in who or "people" in who


def test_coach_who_is_not_the_police_who_reported_it(coach):
    who = coach.main_event["who"].text
    assert "Kestle Police" not in who and "coach" not in who.lower().split()
    assert "passengers" in who or "people" in who


@pytest.mark.parametrize("story", ["demo", "coach"])
def test_a_dateline_is_never_a_sentence_or_statement_of_its_own(story, request):
    from storydesk.reconcile.common import dateline_length, is_dateline

    brief = request.getfixturevalue(story)
    wire_leads = 0
    for ref in brief.story.articles:
        assert not any(is_dateline(s) for s in ref.sentences)
        if ref.sentences and dateline_length(ref.sentences[0]):
            wire_leads += 1  # the lead keeps its dateline and is sentence 0
            assert len(ref.sentences[0]) - dateline_length(ref.sentences[0]) > 60
    assert wire_leads >= 1  # the wire (the demo's copy keeps the dateline too)
    assert not any(is_dateline(st.text) for st in brief.statements)


def test_the_copy_cites_the_lead_as_its_original_does(demo):
    # the wire (dateline, then "Fire broke out ...") and its copy (dateline, then "A fire ...")
    # were split differently before: the same lead must have the same sentence number in both
    refs = {a.outlet: a for a in demo.story.articles}
    wire, copy = refs["Coastline Press Agency"], refs["Westmark Online"]
    assert wire.sentences[0].startswith("PORT ELLIN") and copy.sentences[0].startswith("PORT ELLIN")
    assert "Merrow Bell" in wire.sentences[0] and "Merrow Bell" in copy.sentences[0]


def test_no_entity_quote_starts_with_a_dateline(demo, coach):
    from storydesk.reconcile.common import dateline_length

    for brief in (demo, coach):
        quotes = [q for e in brief.entities for q in e.quotes]
        assert quotes
        for q in quotes:
            assert not dateline_length(q.text), q.text
            assert q.citation.span is None or not dateline_length(q.citation.span.text)
