"""Scraped text stores its byline the way the HTML path does: the names, without "By" or a role."""

from pathlib import Path

from storydesk.extraction import extract
from storydesk.extraction.text import clean_text

BODY = (
    "The Dunmore ferry terminal reopened on Thursday after a week of repairs to the landing ramp, the "
    "harbour board said in a short statement to local reporters.\n\n"
    "Passengers queued from early morning and the first crossing left twenty minutes late, according to "
    "the operator, which blamed the wind rather than the ramp.\n\n"
    "The board said the repairs cost less than planned and that a second ramp would be checked next "
    "month before the summer timetable begins.\n"
)


def _scrape(byline: str) -> str:
    return f"Dunmore Gazette\nHome | News\nFerry terminal reopens after repairs\n{byline}\nJune 4, 2026\n{BODY}"


def test_byline_line_loses_lead_word_and_role():
    r = clean_text(_scrape("By Isolde Brannagh, Senior Correspondent"))
    assert r.byline == "Isolde Brannagh"
    assert r.authors == ["Isolde Brannagh"]
    assert all("Isolde" not in p for p in r.paragraphs)


def test_two_authors_keep_their_names_joined():
    r = clean_text(_scrape("By Isolde Brannagh and Corwin Mabry"))
    assert r.byline == "Isolde Brannagh and Corwin Mabry"
    assert r.authors == ["Isolde Brannagh", "Corwin Mabry"]


def test_byline_with_no_name_keeps_its_text_without_the_lead_word():
    r = clean_text(_scrape("By Staff Reporter"))
    assert r.byline == "Staff Reporter"
    assert r.authors == []


def test_byline_in_the_date_line():
    text = f"Ferry terminal reopens after repairs\nPublished June 4, 2026 by Corwin Mabry\n{BODY}"
    r = clean_text(text)
    assert r.byline == "Corwin Mabry"
    assert r.authors == ["Corwin Mabry"]


def test_text_and_html_pages_give_the_same_byline(tmp_path: Path):
    paras = "".join(f"<p>{p}</p>" for p in BODY.strip().split("\n\n"))
    html = ("<html><head><title>Ferry terminal reopens after repairs</title>"
            '<meta name="author" content="Isolde Brannagh"></head><body><article>'
            "<h1>Ferry terminal reopens after repairs</h1>"
            f'<div class="byline">By Isolde Brannagh, Senior Correspondent</div>{paras}</article></body></html>')
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (tmp_path / "page.txt").write_text(_scrape("By Isolde Brannagh, Senior Correspondent"), encoding="utf-8")
    arts = {Path(a.source).suffix: a for a in extract([tmp_path / "page.html", tmp_path / "page.txt"]).articles}
    assert arts[".html"].byline == arts[".txt"].byline == "Isolde Brannagh"
    assert arts[".html"].authors == arts[".txt"].authors == ["Isolde Brannagh"]
