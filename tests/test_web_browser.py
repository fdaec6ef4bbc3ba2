"""End-to-end tests of ``storydesk serve`` in a real browser (Debian's chromium driven by Playwright).

The server runs in a thread (uvicorn on a free loopback port); screenshots go to the test's tmp_path.
Skipped, with the reason, when /usr/bin/chromium or playwright is missing.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_fakes import PAYLOAD, FakeCorpus

from storydesk.options import Options
from storydesk.web.app import create_app

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def serve(app) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread on a free loopback port; yield its base URL."""
    import uvicorn

    # IPPROTO_TCP: asyncio sets TCP_NODELAY only when the proto says TCP (as uvicorn's own sockets do)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # bound here, so no other process can take the port in between
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


class Watch:
    """Everything a page does that a payload could cause: dialogs, console errors, page errors."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def assert_quiet(self) -> None:
        assert self.dialogs == [] and self.page_errors == [] and self.console_errors == []


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


def test_browse_story_and_article(page, tmp_path: Path) -> None:
    corpus = FakeCorpus(extra_stories=40)
    watch = Watch(page)
    with serve(create_app(None, options=Options(), corpus=corpus)) as base:
        page.goto(base + "/")
        assert page.locator("a.story-link").first.inner_text() == "Tarnwick bridge closure"
        assert page.locator("nav.pager").is_visible()
        page.screenshot(path=str(tmp_path / "stories.png"), full_page=True)

        page.fill("input[name=q]", "bridge")
        page.click("form.filters button")
        page.wait_for_url(re.compile(r".*q=bridge.*"))
        assert page.locator("a.story-link").count() == 1

        page.click("text=Tarnwick bridge closure")
        page.wait_for_url(base + "/story/s-tarnwick")
        sides = page.locator("article.contradiction .side .value")
        assert sides.all_inner_texts() == ["40", "60"]
        assert page.locator("#matrix-table tbody tr").count() == 2
        # the matrix filter (app.js) hides rows of other statuses
        page.select_option("#matrix-filter", "hedged")
        assert page.locator("#matrix-table tbody tr:visible").count() == 1
        for img in page.locator("img.plot").all():  # the SVG plots loaded and have a size
            assert img.evaluate("i => i.complete && i.naturalWidth > 0")
        page.screenshot(path=str(tmp_path / "story.png"), full_page=True)

        page.locator("#contradictions a.cite", has_text="Valley Courier").first.click()
        page.wait_for_url(re.compile(r".*/article/.*#s1$"))
        assert page.locator("#article-text .hl-hedge").inner_text() == "although this has not been confirmed"
        assert page.locator("#article-text .hl-quote").count() >= 1
        # highlight toggles (app.js) switch a class on the text
        page.uncheck("input[data-kind=hedge]")
        assert "hide-hedge" in page.locator("#article-text").get_attribute("class")
        page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

        page.click("text=← back to the story")
        page.wait_for_url(base + "/story/s-tarnwick")
    watch.assert_quiet()
    assert (tmp_path / "article.png").stat().st_size > 0


def test_planted_scripts_do_not_run(page, tmp_path: Path) -> None:
    corpus = FakeCorpus(hostile=True)
    evil = corpus.members["s-hostile"][0]
    watch = Watch(page)
    with serve(create_app(None, options=Options(), corpus=corpus)) as base:
        for path in ("/", "/story/s-hostile", f"/article/{evil}", f"/article/{evil}?removed=true",
                     "/story/s-hostile/graph.svg"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)  # let any onerror/onload handler get its chance
            assert page.locator("img[src=x]").count() == 0 and page.locator("svg[onload]").count() == 0
        page.goto(base + f"/article/{evil}?removed=true")
        assert PAYLOAD in page.locator("h1").inner_text()  # shown as text
        assert "<svg onload=" in page.locator("#article-text").inner_text()
        # a javascript: URL is shown, not linked; clicking it does nothing
        unlinked = page.locator(".original-url")
        assert unlinked.evaluate("e => e.tagName") == "SPAN"
        unlinked.click()
        assert page.locator("a[href^='javascript:' i]").count() == 0
        page.goto(base + "/story/s-hostile")
        page.screenshot(path=str(tmp_path / "hostile-story.png"), full_page=True)
        assert page.evaluate("document.querySelectorAll('script').length") == 1
    watch.assert_quiet()


def _pipeline_missing() -> str | None:
    try:
        from storydesk.store.corpus import Corpus  # noqa: F401

        import storydesk

        storydesk.load_pipeline()
    except Exception as exc:  # noqa: BLE001 - any failure here means "cannot run the real pipeline"
        return f"the real ingest/NLP pipeline is not available yet: {type(exc).__name__}: {exc}"
    return None


HOSTILE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Harbour crane collapses in Velmont | The Planted Post</title>
<meta property="og:site_name" content="The Planted Post">
<meta property="article:published_time" content="2026-04-02T10:00:00+00:00">
<meta property="og:url" content="javascript:alert('url')">
</head><body><article><h1>Harbour crane collapses in Velmont</h1>
<p>A crane collapsed at the Velmont harbour on Thursday morning, the port authority said in a statement.
Nobody was hurt, according to the harbour master, Oren Vale. &lt;script&gt;alert("planted")&lt;/script&gt;</p>
<p>"The crane was due for inspection next week," Vale told reporters. &lt;img src=x onerror=alert(2)&gt;
Workers cleared the quay by the afternoon and ships were moved to the northern berths.</p>
<p>The port authority said an investigation would look at the crane's maintenance records, which
&lt;a href="javascript:alert(3)"&gt;were published&lt;/a&gt; last year.</p>
</article></body></html>
"""


@pytest.mark.slow
def test_real_ingest_of_the_example_corpus(page, tmp_path: Path) -> None:
    reason = _pipeline_missing()
    if reason:
        pytest.skip(reason)
    from storydesk.examples import example_corpus_paths
    from storydesk.store.corpus import Corpus

    planted = tmp_path / "planted.html"
    planted.write_text(HOSTILE_HTML, encoding="utf-8")
    db = tmp_path / "corpus.db"
    with Corpus(db) as corpus:
        corpus.ingest([*example_corpus_paths(), str(planted)], nlp=True)
        stories = corpus.stories(limit=100)
    assert stories, "the example corpus produced no story"
    biggest = max(stories, key=lambda s: len(s.article_ids))

    opts = Options()
    opts.web.list_brief_budget_s = 120  # every count on the first load, however slow this machine is
    watch = Watch(page)
    with serve(create_app(db, options=opts)) as base:
        page.goto(base + "/")
        assert page.locator("a.story-link").count() == len(stories)
        row = page.locator("table.stories tr", has=page.locator(f"a[href='/story/{biggest.id}']"))
        assert int(row.locator("td").nth(4).inner_text()) >= 1  # the example story has contradictions
        page.screenshot(path=str(tmp_path / "real-stories.png"), full_page=True)
        page.click(f"a.story-link[href='/story/{biggest.id}']")
        page.wait_for_url(base + f"/story/{biggest.id}")
        assert page.locator("h1").inner_text()
        assert page.locator("section#contradictions article.contradiction").count() >= 1
        page.screenshot(path=str(tmp_path / "real-story.png"), full_page=True)
        page.locator("ul.articles a").first.click()
        page.wait_for_url(re.compile(r".*/article/.*"))
        assert page.locator("#article-text [class*=hl-]").count() > 0
        page.screenshot(path=str(tmp_path / "real-article.png"), full_page=True)

        page.goto(base + "/?q=crane")
        page.locator("a.story-link").first.click()
        page.locator("ul.articles a", has_text="crane").first.click()
        text = page.locator("#article-text").inner_text()
        assert '<script>alert("planted")</script>' in text
        assert page.locator("a[href^='javascript:' i]").count() == 0
    watch.assert_quiet()
