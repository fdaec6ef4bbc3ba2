"""HTML pages: trafilatura's body, storydesk's metadata and tidy-up, encodings, the flattener."""

from pathlib import Path

from storydesk.extraction import extract
from storydesk.extraction.html import visible_text

FIX = Path(__file__).parent / "fixtures" / "extract"


def test_news_page_body_keeps_paragraphs_and_drops_boilerplate():
    a = extract(FIX / "news_page.html").articles[0]
    assert a.paragraphs[0].startswith("The lantern festival at Oskar Quay will return this month")
    assert "Road closures" in a.paragraphs  # a subheading stays a paragraph of its own
    assert a.paragraphs[-1].startswith("Volunteers are still needed")
    text = a.text
    for gone in (
        "We use cookies",
        "Brindle council approves new cycle lanes",
        "morning briefing",
        "Hope they sort out the parking",
        "All rights reserved",
        "Share this article",
        "Photo: Lanterns on the water",
    ):
        assert gone not in text, gone


def test_latin1_page_is_decoded_by_its_declared_charset():
    a = extract(FIX / "latin1_page.html").articles[0]
    assert "Jonas Fäldt" in a.text
    assert "(à la carte)" in a.text


def test_visible_text_one_block_per_line_without_scripts():
    html = (
        "<html><head><title>T</title><style>p{}</style><script>var x=1;</script></head><body>"
        "<div>Menu <a href='#'>Home</a></div><p>First <b>bold</b> para.</p><ul><li>One</li><li>Two</li></ul>"
        "<p hidden>secret</p><noscript>no</noscript></body></html>"
    )
    assert visible_text(html).split("\n") == ["T", "Menu Home", "First bold para.", "One", "Two"]


def test_page_without_article_text_falls_back_and_reports():
    html = "<html><body><nav><a href='/'>Home</a><a href='/x'>News</a></nav><p>Log in</p></body></html>"
    r = extract_one(html)
    assert r.articles == [] and r.problems[0].code == "SD107"


def extract_one(html: str):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(html)
    return extract(f.name)
