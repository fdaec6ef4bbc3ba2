"""Security properties of the web app: headers, escaping, links, bounds, read-only (TestClient)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fakes import JS_URL, PAYLOAD, FakeCorpus

from storydesk.options import Options
from storydesk.web.app import create_app


def _client(corpus: FakeCorpus | None = None, **web) -> TestClient:
    opts = Options()
    for key, value in web.items():
        setattr(opts.web, key, value)
    return TestClient(create_app(None, options=opts, corpus=corpus or FakeCorpus(hostile=True)),
                      base_url="http://127.0.0.1")


@pytest.fixture()
def client() -> TestClient:
    return _client()


def _hostile_pages(corpus: FakeCorpus) -> list[str]:
    evil = corpus.members["s-hostile"][0]
    return ["/", "/?q=Hostile", "/story/s-hostile", f"/article/{evil}", f"/article/{evil}?removed=true"]


def test_csp_and_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/story/s-tarnwick", "/api/stories", "/static/app.js", "/no/such/page"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    corpus = FakeCorpus(hostile=True)
    c = _client(corpus)
    for path in _hostile_pages(corpus) + ["/api", "/story/s-tarnwick"]:
        html = c.get(path).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html
        assert html.count("<script") == 1 and '<script src="/static/app.js" defer></script>' in html


def test_untrusted_text_is_escaped_everywhere() -> None:
    corpus = FakeCorpus(hostile=True)
    c = _client(corpus)
    for path in _hostile_pages(corpus):
        html = c.get(path).text
        assert "<img src=x" not in html and "onerror=\"" not in html and "<svg onload" not in html
        assert PAYLOAD.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in html


def test_javascript_urls_never_become_links() -> None:
    corpus = FakeCorpus(hostile=True)
    c = _client(corpus)
    for path in _hostile_pages(corpus):
        html = c.get(path).text
        assert 'href="javascript:' not in html.lower() and "href='javascript:" not in html.lower()
    evil = corpus.members["s-hostile"][0]
    html = c.get(f"/article/{evil}").text
    assert f'<span class="original-url unlinked" title="not an http(s) address: shown, not linked">{JS_URL}' \
        in html


def test_svg_plots_escape_labels() -> None:
    c = _client()
    for name in ("graph", "timeline"):
        svg = c.get(f"/story/s-hostile/{name}.svg").text
        assert "<script" not in svg and "onerror=" not in svg.replace("onerror=&quot;", "")


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/story/nope").status_code == 404
    assert client.get("/article/nope").status_code == 404
    assert client.get("/api/stories/nope/brief").json() == {"detail": "no story nope"}
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/story/..%2F..%2Fetc").status_code in (404, 422)
    assert client.get("/story/" + "a" * 500).status_code == 422


def test_bounded_page_size_and_query(client: TestClient) -> None:
    web = Options().web
    assert client.get(f"/api/stories?per_page={web.max_page_size}").status_code == 200
    r = client.get(f"/api/stories?per_page={web.max_page_size + 1}")
    assert r.status_code == 422 and "per_page" in r.json()["detail"]
    assert client.get("/api/stories?q=" + "x" * (web.max_query_chars + 1)).status_code == 422
    assert client.get("/?q=" + "x" * (web.max_query_chars + 1)).status_code == 422
    assert client.get("/api/stories?page=0").status_code == 422
    assert client.get("/api/stories?since=yesterday").status_code == 422
    assert client.get("/api/stories?since=2026-02-30").status_code == 422


def test_bad_search_syntax_is_a_400_not_a_crash(client: TestClient) -> None:
    r = client.get('/?q="unbalanced')
    assert r.status_code == 400 and "cannot search" in r.text


def test_read_only_without_allow_ingest() -> None:
    corpus = FakeCorpus()
    c = _client(corpus)
    for method in ("post", "put", "delete", "patch"):
        r = c.request(method, "/api/ingest", json={"documents": [{"name": "a.txt", "content": "x"}]})
        assert r.status_code == 405 and "read-only" in r.text
    assert c.post("/", data={"q": "x"}).status_code == 405
    assert "/api/ingest" not in c.get("/api/openapi.json").json()["paths"]
    assert corpus.ingested == []


def test_allow_ingest_accepts_json_only() -> None:
    corpus = FakeCorpus()
    c = _client(corpus, allow_ingest=True)
    body = {"documents": [{"name": "../../etc/passwd", "content": "Some text."}], "nlp": False}
    r = c.post("/api/ingest", json=body)
    assert r.status_code == 200 and r.json()["summary"] == "1 file(s) ingested"
    (path,) = corpus.ingested[0]
    assert path.endswith("-passwd") and "/etc/" not in path  # the name cannot leave the upload folder
    assert c.post("/api/ingest", data={"documents": "x"}).status_code == 415  # no cross-site form posts
    assert c.post("/api/ingest", json={"documents": []}).status_code == 422
    assert c.put("/api/ingest", json=body).status_code == 405
    assert c.post("/api/stories", json={}).status_code == 405


def test_ingest_body_is_bounded() -> None:
    corpus = FakeCorpus()
    c = _client(corpus, allow_ingest=True, max_ingest_bytes=1000)
    r = c.post("/api/ingest", json={"documents": [{"name": "a.txt", "content": "x" * 5000}]})
    assert r.status_code == 413 and corpus.ingested == []


def test_foreign_host_header_is_refused() -> None:
    c = TestClient(create_app(None, corpus=FakeCorpus()), base_url="http://attacker.example")
    assert c.get("/").status_code == 400
    assert TestClient(create_app(None, corpus=FakeCorpus()), base_url="http://localhost:8000").get("/") \
        .status_code == 200
