"""build_brief and the renderers never crash on odd input (untrusted text, broken offsets)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storydesk.reconcile.brief import build_brief
from storydesk.records import AnnotatedArticle, Article, EntityMention, Quote, SourceRef, Span
from storydesk.render import render

WORDS = st.sampled_from(["The", "minister", "said", "14", "people", "Monday", "Port", "Ellin", "(HSA)",
                         "Harbour", "Safety", "Authority", "aged", "10", "12-year-old", "denied", "<zz>",
                         "“quote”", "dozens", "in", "his", "thirties", ".", ",", "\n", "Dr.", "Anna",
                         "Smith", "according", "to", "Reuters", "é", "🙂"])
TEXT = st.lists(WORDS, min_size=0, max_size=60).map(" ".join)


@st.composite
def articles(draw):
    paras = draw(st.lists(TEXT, min_size=0, max_size=4))
    art = Article(source="x.txt", outlet=draw(st.sampled_from([None, "A", "B <zz>", "Reuters"])),
                  title=draw(st.one_of(st.none(), TEXT)), paragraphs=paras,
                  published=draw(st.sampled_from([None, "2026-03-02", "bad-date", "2026"])))
    n = len(art.text)
    offs = st.integers(min_value=-5, max_value=n + 5)
    ents = [EntityMention(start=a, end=a + 3, text=art.text[max(0, a):a + 3] or "X",
                          label=draw(st.sampled_from(["PERSON", "ORG", "GPE", "DATE"])))
            for a in draw(st.lists(offs, max_size=5))]
    quotes = [Quote(kind="direct", content=Span(start=a, end=a + 5, text="words"), speaker_name="Anna Smith")
              for a in draw(st.lists(offs, max_size=2))]
    refs = [SourceRef(kind="according_to", span=Span(start=a, end=a + 4, text="acc"), organization="Reuters")
            for a in draw(st.lists(offs, max_size=2))]
    return AnnotatedArticle(article=art, entities=ents, quotes=quotes, sources=refs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), min_size=0, max_size=4))
def test_odd_input_never_crashes(items):
    brief = build_brief(items)
    for fmt in ("markdown", "json", "html"):
        out = render(brief, fmt)
        assert isinstance(out, str)
        if fmt == "html":
            assert "<zz>" not in out  # input markup is always escaped
