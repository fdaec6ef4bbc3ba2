"""``extract --annotate`` tells a reader what kind of statement each quote is, its epistemic status with
the cue words, and where each quote, source and hedged statement is (paragraph and character offsets
into the article text). Hand-built fictional records."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.render.annotations import render_annotations


def _article():
    aa = make_article("Tarsby Courier", "Crane fails again", "2026-05-12T08:00:00", [
        "The harbour crane failed on Monday.",
        "It may have been hit by lightning, according to two dock workers. Harbour master Ivo Brandt said "
        "the crane had allegedly been repaired in March.",
    ], entities=[("Ivo Brandt", "PERSON")], quotes=[
        {"content": "the crane had allegedly been repaired in March", "kind": "indirect",
         "speaker": "Harbour master Ivo Brandt", "speaker_name": "Ivo Brandt", "description": "Harbour master"},
    ], sources=[{"text": "according to two dock workers", "kind": "according_to", "chain": ["two dock workers"]}],
        hedges=[("may have been", "hedge"), ("allegedly", "hedge")])
    q = aa.quotes[0].model_copy(update={"status": "hedged", "hedges": [1]})
    sents = [s.model_copy(update={"hedges": [i for i, h in enumerate(aa.hedges) if s.start <= h.start < s.end]})
             for s in aa.sentences]
    return aa.model_copy(update={"quotes": [q], "sentences": sents})


def test_annotations_quote_line_says_kind_status_cue_and_place():
    aa = _article()
    out = render_annotations(aa)
    (line,) = [ln for ln in out.splitlines() if ln.startswith("- **Ivo Brandt")]
    q = aa.quotes[0]
    assert "reported speech" in line
    assert "hedged: allegedly" in line
    assert f"¶2, chars {q.content.start}–{q.content.end}" in line
    assert aa.article.text[q.content.start:q.content.end] == q.content.text


def test_annotations_source_and_hedged_statement_lines_give_their_place():
    aa = _article()
    out = render_annotations(aa)
    src = aa.sources[0]
    (line,) = [ln for ln in out.splitlines() if ln.startswith("- two dock workers")]
    assert "according to; ¶2" in line and f"chars {src.span.start}–{src.span.end}" in line
    hedged = out.split("### Hedged or denied statements")[1]
    first = aa.sentences[1]
    assert f"- hedged: may have been (¶2, chars {first.start}–{first.end}): It may have been hit" in hedged
