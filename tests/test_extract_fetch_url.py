"""A URL given as a source is fetched (the only network use), bounded, and its failures are per-URL
problems. A local HTTP server in a thread stands in for the web."""

from __future__ import annotations

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storydesk.extraction import extract
from storydesk.options import Options

PAGE = ("<html><head><title>Tram depot reopens in Varrow</title></head><body><article>"
        "<h1>Tram depot reopens in Varrow</h1>"
        + "".join(f"<p>The depot on Quay Road reopened on Monday after repairs, the operator Varrow Trams said. "
                  f"Paragraph {i} adds that forty trams will run from the depot by June.</p>" for i in range(6))
        + "</article></body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet test output
        pass

    def _send(self, code, body, ctype="text/html; charset=utf-8", extra=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/page.html":
            self._send(200, PAGE)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/bomb":
            # 20 MB of spaces sent as ~20 KB with Content-Encoding: gzip
            self._send(200, gzip.compress(b" " * 20_000_000), extra={"Content-Encoding": "gzip"})
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_extract_fetch_url_reads_the_page_and_keeps_its_url(server):
    r = extract([f"{server}/moved"])
    assert r.problems == []
    (art,) = r.articles
    assert art.title == "Tram depot reopens in Varrow"
    assert art.url == f"{server}/page.html"  # the URL after the redirect
    assert any("forty trams" in p for p in art.paragraphs)


def test_extract_fetch_url_failures_are_per_url_problems(server, tmp_path):
    local = tmp_path / "local.html"
    local.write_bytes(PAGE)
    r = extract([f"{server}/missing", f"{server}/loop", str(local)])
    assert len(r.articles) == 1  # the batch goes on
    codes = {p.source.rsplit("/", 1)[-1]: (p.code, p.message) for p in r.problems}
    assert codes["missing"][0] == "SD109" and "404" in codes["missing"][1]
    assert codes["loop"][0] == "SD109" and "redirects" in codes["loop"][1]


def test_extract_fetch_url_bounds_the_decoded_body(server):
    opts = Options.default()
    opts.extract.max_file_bytes = 1_000_000
    r = extract([f"{server}/bomb"], options=opts)
    assert r.articles == []
    assert [p.code for p in r.problems] == ["SD103"]


def test_extract_fetch_url_unreachable_host_is_a_problem():
    r = extract(["http://127.0.0.1:9/nothing-listens-here"])
    assert r.articles == [] and [p.code for p in r.problems] == ["SD109"]


def test_extract_fetch_url_ingests_into_a_corpus_once(server, tmp_path):
    from storydesk.store.corpus import Corpus

    url = f"{server}/page.html"
    with Corpus(tmp_path / "c.db") as c:
        first = c.ingest([url], nlp=False)
        again = c.ingest([url], nlp=False)
    assert first.added == 1
    assert again.added == 0
