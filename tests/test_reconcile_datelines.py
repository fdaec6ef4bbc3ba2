"""A wire dateline ("OSWICK, June 2 (VPA) -") in the brief: never a sentence or statement of its own, the
lead keeps the same sentence number whether or not the NLP stage cut the dateline off, and no quote
starts with it (offsets stay those of the article text). Hand-written fictional articles."""

from __future__ import annotations

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import (
    ArticleView,
    dateline_length,
    is_dateline,
    join_fragments,
    quote_content,
)
from storydesk.records import AnnotatedArticle, Article, EntityMention, Quote, Sentence, Span

DATELINE = "OSWICK, June 2 (VPA) -"
LEAD = ("A footbridge over the river Tarl collapsed on Sunday afternoon, injuring 7 people, "
        "the Oswick Harbour Board said.")
REST = ["Rowers pulled the injured from the water.",
        "The Oswick Harbour Board said the bridge had been inspected in March."]


def _article(outlet: str, *, cut: bool, own_paragraph: bool = False) -> AnnotatedArticle:
    """The wire story as the NLP stage records it: with the dateline cut off as a sentence (``cut``) or
    left in the lead; with the quote of the lead starting at the sentence start, dateline included."""
    if own_paragraph:
        paragraphs = [DATELINE, LEAD, " ".join(REST)]
    else:
        paragraphs = [f"{DATELINE} {LEAD}", " ".join(REST)]
    art = Article(source=f"{outlet}.txt", outlet=outlet, title="Footbridge falls into the Tarl",
                  published="2026-06-02", paragraphs=paragraphs, language="en")
    text = art.text
    d, lead = text.index(DATELINE), text.index(LEAD)
    pieces = ([(d, d + len(DATELINE)), (lead, lead + len(LEAD))] if cut else [(d, lead + len(LEAD))])
    pieces += [(text.index(r), text.index(r) + len(r)) for r in REST]
    sentences = [Sentence(start=a, end=b, status="attributed") for a, b in pieces]
    content_start = pieces[1][0] if cut else d
    content_end = text.index(", the Oswick Harbour Board said.")
    speaker = text.index("the Oswick Harbour Board")
    quote = Quote(kind="indirect", content=Span(start=content_start, end=content_end,
                                                text=text[content_start:content_end]),
                  speaker=Span(start=speaker, end=speaker + 24, text=text[speaker:speaker + 24]),
                  speaker_name="Oswick Harbour Board", sentence=1 if cut else 0)
    ents = []
    for name, label in (("Oswick Harbour Board", "ORG"), ("Tarl", "LOC")):
        i = text.find(name)
        while i >= 0:
            ents.append(EntityMention(start=i, end=i + len(name), text=name, label=label))
            i = text.find(name, i + 1)
    return AnnotatedArticle(article=art, sentences=sentences, quotes=[quote],
                            entities=sorted(ents, key=lambda e: e.start))


def test_what_is_a_dateline():
    assert is_dateline("OSWICK, June 2 (VPA) -") and is_dateline("OSWICK (VPA) —") and is_dateline("OSWICK, June 2 -")
    assert not is_dateline(f"{DATELINE} {LEAD}") and not is_dateline("BREAKING -")
    assert dateline_length(f"{DATELINE} {LEAD}") == len(DATELINE) + 1


def test_a_dateline_cut_off_joins_the_lead_and_keeps_its_index():
    text = f"{DATELINE} {LEAD} Nobody died."
    n = len(DATELINE)
    bounds, parts = join_fragments(text, [(0, n), (n + 1, n + 1 + len(LEAD)), (len(text) - 12, len(text))])
    assert bounds[0] == (0, n + 1 + len(LEAD)) and bounds[1][0] == bounds[1][1]
    assert parts == {0: [0, 1]}


def test_a_dateline_in_a_paragraph_of_its_own_still_joins_the_lead():
    v = ArticleView(index=0, aa=_article("Varrow Wire", cut=True, own_paragraph=True))
    assert v.sentences[0].startswith(DATELINE) and v.sentences[0].endswith("Harbour Board said.")
    assert v.sentences[1] == ""
    assert v.sentence_of(v.text.index("injuring")) == 0  # an offset inside the old lead finds the joined one


def test_a_lead_cut_at_a_comma_after_the_dateline_is_joined_whole():
    text = f"{DATELINE} {LEAD}"
    n, cut = len(DATELINE), text.index(" the Oswick")
    bounds, parts = join_fragments(text, [(0, n), (n + 1, cut), (cut + 1, len(text))])
    assert bounds[0] == (0, len(text)) and parts == {0: [0, 1, 2]}


def test_the_lead_has_one_number_whether_or_not_the_dateline_was_cut_off():
    cut, whole = _article("Varrow Wire", cut=True), _article("Tarl Valley News", cut=False)
    brief = build_brief([cut, whole])
    lead = next(s for s in brief.statements if "footbridge" in s.text)
    assert sorted(c.sentence for c in lead.citations) == [0, 0]
    assert not any(s.text.strip().startswith("OSWICK") and len(s.text) < 40 for s in brief.statements)
    for ref in brief.story.articles:
        assert ref.sentences[0].startswith(DATELINE) and "footbridge" in ref.sentences[0]


def test_no_quote_starts_with_the_dateline_and_its_offsets_fit_the_text():
    aa = _article("Tarl Valley News", cut=False)
    q = aa.quotes[0]
    assert q.content.text.startswith(DATELINE)
    span = quote_content(q)
    assert span.text.startswith("A footbridge") and aa.article.text[span.start:span.end] == span.text
    brief = build_brief([aa, _article("Varrow Wire", cut=True)])
    board = next(e for e in brief.entities if e.name == "Oswick Harbour Board")
    texts = {aa.article.id: aa.article.text}
    assert any(eq.citation.article_id == aa.article.id for eq in board.quotes)
    for eq in board.quotes:
        assert not eq.text.startswith("OSWICK")
        if eq.citation.article_id in texts and eq.citation.span is not None:
            sp = eq.citation.span
            assert texts[eq.citation.article_id][sp.start:sp.end] == sp.text
            assert not sp.text.startswith("OSWICK")
