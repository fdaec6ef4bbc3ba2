"""The web app on a phone (390 px, Debian's chromium driven by Playwright): no page scrolls sideways
(wide tables become cards, the source graph scrolls in its own box, long words and URLs wrap), and
planted scripts still do not run. Skipped, with the reason, when chromium or playwright is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_web_browser import Watch, serve
from web_fakes import FakeCorpus

from storydesk.options import Options
from storydesk.web.app import create_app

pytestmark = pytest.mark.browser


def test_no_page_scrolls_sideways_on_a_phone(browser, tmp_path: Path) -> None:
    corpus = FakeCorpus(hostile=True)
    article = next(iter(corpus.briefs["s-tarnwick"].story.articles)).id
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    watch = Watch(page)
    with serve(create_app(None, options=Options(), corpus=corpus)) as base:
        for i, path in enumerate(["/", "/story/s-tarnwick", "/story/s-hostile",
                                  f"/article/{article}?story=s-tarnwick"]):
            page.goto(base + path)
            page.screenshot(path=str(tmp_path / f"phone-{i}.png"), full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        # a table row reads as a card: its cells are labelled
        page.goto(base + "/story/s-tarnwick")
        label = page.locator("#entities td[data-label=type]").first
        assert page.evaluate("el => getComputedStyle(el, '::before').content", label.element_handle()) == '"type: "'
    context.close()
    assert watch.dialogs == [] and watch.page_errors == []
