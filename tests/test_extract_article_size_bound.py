"""A page that is one endless paragraph is cut to the article bound with a warning, not kept whole."""

from __future__ import annotations

from storydesk.extraction.readers import extract_document
from storydesk.options import ExtractOptions
from storydesk.records import Article, Problem


def _one_line_page(words: int) -> bytes:
    return ("The harbour board of Tollin Bay met again on Thursday to discuss the ferry timetable. " * words).encode()


def test_extract_cuts_an_overlong_text_to_the_article_bound_with_a_warning():
    opts = ExtractOptions(max_article_chars=5_000, language=None)
    items = extract_document(_one_line_page(400), source="dump.txt", kind="txt", opts=opts)
    art = next(i for i in items if isinstance(i, Article))
    body = sum(len(p) for p in art.paragraphs)
    assert 2_500 < body <= 5_000
    assert not art.paragraphs[-1].endswith(("Tol", "ferr"))  # cut at a space, not mid-word
    warnings = [i for i in items if isinstance(i, Problem) and i.level == "warning"]
    assert any("cut at 5,000 characters" in w.message for w in warnings)
    assert any("cut at" in w for w in art.warnings)


def test_extract_keeps_an_article_under_the_bound_whole():
    opts = ExtractOptions(max_article_chars=50_000, language=None)
    items = extract_document(_one_line_page(40), source="ok.txt", kind="txt", opts=opts)
    art = next(i for i in items if isinstance(i, Article))
    assert not any("cut at" in w for w in art.warnings)
    assert sum(len(p) for p in art.paragraphs) > 3_000
