"""The single-file HTML brief in a real browser (Debian's chromium driven by Playwright): nothing runs
from article text, a phone never has to scroll sideways (long words, long URLs, wide tables), a citation
click lands on its sentence, and keyboard focus shows. Skipped, with the reason, when /usr/bin/chromium
or playwright is missing. Hand-built fictional records."""

from __future__ import annotations

from pathlib import Path

import pytest
from reconcile_fixtures import flood_story
from test_render_html_reader import _hostile_brief

from storydesk.reconcile.brief import build_brief
from storydesk.render import render

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("which", ["hostile", "flood"])
def test_phone_width_has_no_sideways_scroll_and_nothing_runs(browser, tmp_path: Path, which: str) -> None:
    brief = _hostile_brief() if which == "hostile" else build_brief(flood_story())
    page_file = tmp_path / "brief.html"
    page_file.write_text(render(brief, "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_file.as_uri())
    page.screenshot(path=str(tmp_path / "phone.png"))
    # the drawings sit in their own scroll boxes; nothing else may be wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert dialogs == []
    page.close()


def test_a_citation_click_lands_on_its_sentence_and_focus_shows(browser, tmp_path: Path) -> None:
    page_file = tmp_path / "brief.html"
    page_file.write_text(render(build_brief(flood_story()), "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(page_file.as_uri())
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    link = page.locator("a.cite").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    box = page.evaluate("""(() => { const el = document.querySelector(':target');
        const r = el.getBoundingClientRect(); return [el.tagName, r.top >= 0 && r.bottom <= innerHeight]; })()""")
    assert box == ["LI", True]
    page.close()
