"""The web views' pure helpers: which URLs become links, how overlapping highlights are cut."""

from __future__ import annotations

import pytest

from storydesk.records import AnnotatedArticle, Article
from storydesk.records.annotation import EntityMention, Hedge, Quote
from storydesk.records.base import Span
from storydesk.web.views import highlight, parse_day, safe_link


@pytest.mark.parametrize("url", ["https://news.example/a?b=1#c", "http://news.example", "HTTPS://X.EXAMPLE/"])
def test_http_urls_are_links(url: str) -> None:
    assert safe_link(url) == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x", "/relative",
    "https://", "http:///path", "file:///etc/passwd", "https://a.example/\x00", "", None,
    "https://a.example/" + "x" * 3000,
])
def test_other_urls_are_not(url: str | None) -> None:
    assert safe_link(url) is None


def test_parse_day() -> None:
    assert parse_day(" 2026-05-01 ") == "2026-05-01" and parse_day("") is None and parse_day(None) is None
    for bad in ("2026-5-1", "2026-02-30", "yesterday", "2026-05-01T10:00"):
        with pytest.raises(ValueError):
            parse_day(bad)


def _article() -> Article:
    return Article(source="t.txt", paragraphs=['Mayor Ada Fenn said "the dam is safe" on Friday.',
                                               "It may reopen soon."])


def test_overlapping_highlights_become_flat_segments() -> None:
    art = _article()
    text = art.text
    q_start = text.index('"the dam')
    aa = AnnotatedArticle(
        article=art,
        quotes=[Quote(kind="direct", content=Span(start=q_start, end=q_start + 17, text='"the dam is safe"'),
                      speaker=Span(start=6, end=14, text="Ada Fenn"), speaker_name="Ada Fenn")],
        entities=[EntityMention(start=0, end=14, text="Mayor Ada Fenn", label="PERSON"),
                  EntityMention(start=q_start + 5, end=q_start + 8, text="dam", label="FAC")],
        hedges=[Hedge(start=text.index("may"), end=text.index("may") + 3, text="may")],
    )
    paras = highlight(aa, art)
    assert ["".join(s.text for s in p) for p in paras] == art.paragraphs  # nothing lost or duplicated
    first = paras[0]
    assert [(s.text, s.classes) for s in first[:3]] == [
        ("Mayor ", ("entity",)), ("Ada Fenn", ("speaker", "entity")), (" said ", ())]
    dam = next(s for s in first if s.text == "dam")
    assert dam.classes == ("quote", "entity") and "Ada Fenn" in dam.title
    # entity kinds in a reader's words, not NER codes
    assert "entity: place" in dam.title and "FAC" not in dam.title
    assert [s.classes for s in paras[1] if s.text == "may"] == [("hedge",)]


def test_offsets_out_of_range_are_ignored() -> None:
    art = _article()
    n = len(art.text)
    aa = AnnotatedArticle(article=art, entities=[
        EntityMention(start=n + 10, end=n + 20, text="x", label="ORG"),
        EntityMention(start=30, end=10, text="x", label="ORG"),
        EntityMention(start=-5, end=5, text="Mayor", label="PERSON")])
    paras = highlight(aa, art)
    assert ["".join(s.text for s in p) for p in paras] == art.paragraphs
    assert (paras[0][0].text, paras[0][0].classes) == ("Mayor", ("entity",))  # clipped at 0
    assert all(s.classes == () for s in paras[0][1:])
    assert highlight(None, art)[1][0].text == "It may reopen soon."
