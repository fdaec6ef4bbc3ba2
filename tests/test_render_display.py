"""How the brief's text is shown to a reader: dates, statements that stand alone, contradictions grouped
by value, joined sentence fragments in the HTML appendix. Hand-built fictional records."""

from __future__ import annotations

from storydesk.records.brief import (
    ArticleRef,
    Brief,
    Citation,
    Contradiction,
    ContradictionSide,
    StatementGroup,
    StoryInfo,
)
from storydesk.render import render
from storydesk.render.display import sides_by_value, statement, story_span, when


def test_dates_read_as_dates():
    assert when("2026-05-04T06:12:00+00:00") == "2026-05-04 06:12 UTC"
    assert when("2026-05-04T23:40:00+01:00") == "2026-05-04 23:40 +01:00"
    assert when("2026-05-04") == "2026-05-04"
    assert when("last Tuesday") == "last Tuesday" and when(None) == ""
    assert story_span("2026-05-04", "2026-05-05T07:15:00+00:00") == "2026-05-04 to 2026-05-05"
    assert story_span("2026-05-04T01:00:00Z", "2026-05-04T09:00:00Z") == "2026-05-04"


def test_a_statement_stands_alone():
    assert statement("BRANNOCK, May 4 (Tidewire) - The lock gates failed at noon.") == "The lock gates failed at noon."
    # the continuation of a quotation gets its opening mark, a quotation cut after its first sentence
    # its closing one
    assert statement('We will publish what we learn."') == '"We will publish what we learn."'
    assert statement('Osk Tarrow said: "We are sorry.') == 'Osk Tarrow said: "We are sorry."'
    assert statement("We will publish what we learn.\u201d") == "\u201cWe will publish what we learn.\u201d"
    assert statement('"Balanced," she said.') == '"Balanced," she said.'


def _cit(article, sentence, outlet):
    return Citation(article_id=article, outlet=outlet, sentence=sentence)


def _brief():
    text_a = "BRANNOCK, May 4 (Tidewire) - Eleven people were rescued from the lock, the canal trust said."
    arts = [ArticleRef(id="a", outlet="Tidewire", title="Lock rescue", published="2026-05-04T06:12:00+00:00",
                       sentences=[text_a, "", "Lockkeeper Ilsa Varn Osk Tarrow spoke."]),
            ArticleRef(id="b", outlet="Canal Post", title="Lock rescue copy", published="2026-05-04",
                       sentences=["Eleven people were rescued, the trust said."]),
            ArticleRef(id="c", outlet="Brannock Echo", title="Lock drama", published="2026-05-05",
                       sentences=["Twelve people were rescued from the lock on Monday."])]
    sides = [ContradictionSide(value="Eleven", citation=_cit("a", 0, "Tidewire"), text=text_a),
             ContradictionSide(value="Twelve", citation=_cit("c", 0, "Brannock Echo"), text=arts[2].sentences[0]),
             ContradictionSide(value="Eleven", citation=_cit("b", 0, "Canal Post"), text=arts[1].sentences[0])]
    group = StatementGroup(id="s1", text=text_a, citations=[_cit("a", 0, "Tidewire"), _cit("b", 0, "Canal Post")],
                           articles=["a", "b"], outlets=["Tidewire", "Canal Post"], independent_sources=1,
                           original_sources=["canal trust"], status="single-source", score=3.0)
    return Brief(story=StoryInfo(headline="Lock rescue", articles=arts, outlets=["Tidewire", "Canal Post",
                                                                                "Brannock Echo"],
                                 first_published="2026-05-04", last_published="2026-05-05"),
                 statements=[group],
                 contradictions=[Contradiction(slot="number of people rescued", kind="number", sides=sides)])


def test_sides_with_one_value_are_shown_once():
    c = _brief().contradictions[0]
    grouped = sides_by_value(c)
    assert [s.value for s, _ in grouped] == ["Eleven", "Twelve"]
    assert [x.article_id for x in grouped[0][1]] == ["b"]
    md = render(_brief(), "markdown")
    assert md.count("Eleven:") == 1 and "also Canal Post A2.1" in md
    html = render(_brief(), "html")
    assert html.count('<span class="value">Eleven</span>') == 1 and 'href="#a2-s1"' in html


def test_markdown_and_html_show_dates_and_statements_without_datelines():
    md = render(_brief(), "markdown")
    assert "2026-05-04 to 2026-05-05" in md and "2026-05-04 06:12 UTC" in md
    assert "BRANNOCK, May 4" not in md.split("## Sources")[0]
    html = render(_brief(), "html")
    assert "2026-05-04 06:12 UTC" in html and "T06:12:00" not in html


def test_html_appendix_skips_a_joined_fragment_but_keeps_the_numbers():
    html = render(_brief(), "html")
    assert 'id="a1-s1"' in html and 'id="a1-s2"' not in html
    assert '<li value="3" id="a1-s3"' in html
