"""One builder puts every Article together (extraction/readers.py ``_article``): a JSON record's own
fields win over what the page says, whichever extractor (trafilatura or the text cleaner) read it."""

from __future__ import annotations

import json

from storydesk.extraction import extract_bytes

BODY = ("The Lorrimer Bridge over the river Hask was closed on Friday after inspectors found cracks in two "
        "of its piers, the county roads office said. Engineer Sabine Oort said repairs would take at least "
        "a month and that a ferry would run in the meantime. Traders in Hask Market said the closure would "
        "cost them customers during the busiest weeks of the year.")

PAGE = f"""<!doctype html><html lang="en"><head><title>Page title from the site</title>
<meta property="og:site_name" content="Hask Valley Echo">
<meta name="author" content="Page Author"></head>
<body><article><h1>Page title from the site</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"""


def _one(record: dict, kind: str = "json"):
    arts, problems = extract_bytes(json.dumps(record).encode(), source="rec.json", kind=kind)
    assert not [p for p in problems if p.level == "error"], problems
    (art,) = arts
    return art


def test_record_fields_win_over_the_page_html():
    art = _one({"html": PAGE, "title": "Record title", "outlet": "Record Outlet", "author": "Ana Reyes",
                "date": "2025-02-07", "url": "https://echo.example/bridge"})
    assert art.method == "json-html"
    assert (art.title, art.outlet, art.byline, art.authors) == ("Record title", "Record Outlet", "Ana Reyes",
                                                                ["Ana Reyes"])
    assert art.published.startswith("2025-02-07") and art.url == "https://echo.example/bridge"
    assert art.dateline is None


def test_page_fields_fill_what_the_record_lacks():
    art = _one({"html": PAGE, "url": "https://echo.example/bridge"})
    assert art.title == "Page title from the site"
    assert art.outlet  # from the page's site name or the URL's host, never empty
    assert art.paragraphs and "Lorrimer Bridge" in art.paragraphs[0]


def test_text_record_keeps_dateline_and_derives_authors_from_the_byline():
    text = "HASK, Feb 7 (Valley Wire) - " + BODY + "\n\n" + BODY
    art = _one({"text": text, "title": "Bridge shut", "author": "By Ana Reyes and Tom Ilves",
                "url": "https://wire.example/a"})
    assert art.method == "json-text"
    assert art.authors == ["Ana Reyes", "Tom Ilves"]
    assert art.outlet == "wire.example"  # no outlet field: the URL's host
    assert art.title == "Bridge shut"
