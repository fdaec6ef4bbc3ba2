"""Hedges and epistemic status: cues per sentence and per statement."""

from __future__ import annotations

import pytest
from model_marks import needs_model

from storydesk.nlp.components import hedges  # noqa: F401  (registers the factory)


def _statuses(doc) -> list[str]:
    return [status for _, _, status, _ in doc._.sd_sentence_status]


@pytest.mark.parametrize("sentence, kind", [
    ("The minister allegedly took the money.", "hedge"),
    ("The attack was reportedly planned for weeks.", "hedge"),
    ("The boy is believed to have drowned.", "hedge"),
    ("The ship may have been hit by a missile.", "hedge"),
    ("The video was apparently filmed in May.", "hedge"),
    ("The account is unconfirmed.", "unverified"),
    ("Reuters could not independently verify the claim.", "unverified"),
    ("The report has not been independently verified.", "unverified"),
    ("The company denied any wrongdoing.", "denial"),
    ("The ministry rejected the allegations.", "denial"),
])
def test_cue_is_found_and_labelled(hedges_blank, sentence, kind):
    doc = hedges_blank(sentence)
    assert [h.label_ for h in doc.spans["sd_hedges"]] == [kind]


def test_sentence_status(hedges_blank):
    doc = hedges_blank("The bridge collapsed on Monday. The driver allegedly fled. The firm denied the report.")
    assert _statuses(doc) == ["asserted", "hedged", "denied"]


def test_plain_sentence_has_no_hedge(hedges_blank):
    doc = hedges_blank("The council approved the budget after a long debate.")
    assert len(doc.spans["sd_hedges"]) == 0
    assert _statuses(doc) == ["asserted"]


@needs_model
def test_statement_status_with_model(nlp):
    doc = nlp("Mark Tully, the chief executive, denied that the firm had broken the rules. "
              "Anna Berg claimed that the money had vanished. "
              "Tom Wade said the bridge would reopen on Friday.")
    quotes = sorted(doc.spans["sd_quotes"], key=lambda s: s.start)
    by_cue = {q.doc.text[q._.sd_cue[0]:q._.sd_cue[1]]: q._.sd_status for q in quotes if q._.sd_cue}
    assert by_cue.get("denied") == "denied"
    assert by_cue.get("claimed") == "hedged"
    assert by_cue.get("said") == "attributed"


@needs_model
def test_planted_hedges_are_found(annotated_examples):
    key, annotated = annotated_examples
    by_title = {(aa.article.title or "").strip(): aa for aa in annotated}
    items = [it for it in key["items"] if it["type"] == "hedge"]
    missed = []
    for it in items:
        ev = it["evidence"][0]
        aa = by_title.get(key["articles"][ev["article"]].get("title", "").strip())
        cue = it["expected"]["cue"].lower()
        hit = aa is not None and any(
            h.text.lower() in cue or cue in h.text.lower() for h in aa.hedges
            if aa.article.text.find(ev["text"]) <= h.start < aa.article.text.find(ev["text"]) + len(ev["text"]))
        if not hit:
            missed.append(it["id"])
    assert len(missed) <= len(items) // 10, f"missed hedges: {missed}"
