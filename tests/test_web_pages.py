"""The web app's pages and JSON API over a hand-built corpus (FastAPI TestClient, no browser)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from web_fakes import FakeCorpus

from storydesk.options import Options
from storydesk.web.app import create_app


@pytest.fixture()
def corpus() -> FakeCorpus:
    return FakeCorpus(extra_stories=30)


@pytest.fixture()
def client(corpus: FakeCorpus) -> TestClient:
    return TestClient(create_app(None, corpus=corpus), base_url="http://127.0.0.1")


def _ids(corpus: FakeCorpus) -> tuple[str, str]:
    gazette, courier = corpus.members["s-tarnwick"]
    return gazette, courier


def test_stories_page_lists_newest_first_with_counts(client: TestClient) -> None:
    html = client.get("/").text
    assert html.index("Tarnwick bridge closure") < html.index("Filler story")
    row = re.search(r'<tr>\s*<td><a class="story-link" href="/story/s-tarnwick">.*?</tr>', html,
                    re.DOTALL).group(0)
    assert "Tarnwick Gazette, Valley Courier" in row
    # two articles and a syndicated copy: the story page counts three, so the list says where the third is
    assert re.search(r'data-label="articles">2 <span class="copies"[^>]*>\+ 1 copy</span></td>', row)
    assert '<span class="disputed">1</span>' in row  # one contradiction
    assert "31 stories" in html


def test_stories_pagination_and_page_size(client: TestClient) -> None:
    first = client.get("/?per_page=10").text
    assert first.count('class="story-link"') == 10
    assert 'href="/?per_page=10&amp;page=2"' in first
    last = client.get("/?per_page=10&page=4").text
    assert last.count('class="story-link"') == 1
    assert "page 4 / 4" in last and 'rel="next"' not in last


def test_stories_filters_by_date_and_search(client: TestClient) -> None:
    assert client.get("/?since=2026-05-01").text.count('class="story-link"') == 1
    only_filler = client.get("/?until=2026-02-01&per_page=100").text
    assert "Tarnwick" not in only_filler and only_filler.count('class="story-link"') == 30
    found = client.get("/?q=bridge").text
    assert "Tarnwick bridge closure" in found and "Filler" not in found
    assert "No stories match." in client.get("/?q=volcano").text


def test_api_stories_matches_records(client: TestClient, corpus: FakeCorpus) -> None:
    data = client.get("/api/stories?per_page=5&page=1").json()
    assert data["total"] == 31 and data["pages"] == 7 and len(data["items"]) == 5
    first = data["items"][0]
    assert first["story"] == corpus.story("s-tarnwick").to_dict()
    assert first["contradictions"] == 1 and first["article_count"] == 2


def test_story_page_shows_brief(client: TestClient, corpus: FakeCorpus) -> None:
    gazette, courier = _ids(corpus)
    html = client.get("/story/s-tarnwick").text
    # summary with citations to the sentence anchors of the articles
    assert f'href="/article/{gazette}?story=s-tarnwick#s0"' in html
    assert f'href="/article/{courier}?story=s-tarnwick#s0"' in html
    # contradiction side by side
    sides = re.search(r'<article class="contradiction">.*?</article>', html, re.DOTALL).group(0)
    assert "number of residents evacuated" in sides
    assert '<p class="value">40</p>' in sides and '<p class="value">60</p>' in sides
    # matrix: the hedged statement has a mark for the Courier only
    row = re.search(r'<tr data-status="hedged">.*?</tr>', html, re.DOTALL).group(0)
    assert row.count("✓") == 1 and courier in row
    # entities with variants, source graph edges, quotes by speaker, plots
    assert "Mayor Ivo Brandt, the mayor" in html
    assert "fire service" in html and '<td data-label="how">according to</td>' in html
    assert "<h3>Mara Quill</h3>" in html and "<span class=\"q\">“We could not take the risk,”</span>" in html
    assert 'src="/story/s-tarnwick/graph.svg"' in html and 'src="/story/s-tarnwick/timeline.svg"' in html


def test_plots_are_svg_documents(client: TestClient) -> None:
    for name in ("graph", "timeline"):
        r = client.get(f"/story/s-tarnwick/{name}.svg")
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
        assert r.text.lstrip().startswith("<svg") and "sandbox" in r.headers["content-security-policy"]


def test_article_page_highlights(client: TestClient, corpus: FakeCorpus) -> None:
    gazette, courier = _ids(corpus)
    html = client.get(f"/article/{gazette}?story=s-tarnwick").text
    assert re.search(r'<span class="hl-quote[^"]*"[^>]*>&#34;We could not take the risk,', html) or \
        re.search(r'<span class="hl-quote[^"]*"[^>]*>We could not take the risk,', html)
    assert re.search(r'<span class="hl-speaker hl-entity[^"]*"[^>]*>Mara Quill</span>', html)
    assert re.search(r'<span class="hl-source[^"]*"[^>]*>according to the fire service</span>', html)
    assert 'href="/story/s-tarnwick"' in html
    assert '<span class="anchor" id="s2"></span>' in html
    hedged = client.get(f"/article/{courier}").text
    assert re.search(r'<span class="hl-hedge[^"]*"[^>]*>although this has not been confirmed</span>', hedged)


def test_article_page_writes_its_time_as_the_brief_does(client: TestClient, corpus: FakeCorpus) -> None:
    gazette, _ = _ids(corpus)
    html = client.get(f"/article/{gazette}").text
    assert '<time datetime="2026-05-12T09:00:00+00:00">2026-05-12 09:00 UTC</time>' in html


def test_article_original_link_and_removed_boilerplate(client: TestClient, corpus: FakeCorpus) -> None:
    gazette, _ = _ids(corpus)
    html = client.get(f"/article/{gazette}").text
    assert ('<a class="original-url" href="https://gazette.example/tarnwick-bridge" '
            'rel="noopener noreferrer nofollow"') in html
    assert "Subscribe to our newsletter" not in html and "Show the 1 removed block" in html
    shown = client.get(f"/article/{gazette}?removed=true").text
    assert "Subscribe to our newsletter for more" in shown and "newsletter-prompt" in shown


def test_api_twins_return_the_records(client: TestClient, corpus: FakeCorpus) -> None:
    gazette, _ = _ids(corpus)
    from storydesk.render import render

    brief_json = json.loads(render(corpus.brief("s-tarnwick"), "json"))  # what `--format json` prints
    assert client.get("/api/stories/s-tarnwick/brief").json() == brief_json
    assert client.get("/api/stories/s-tarnwick").json() == corpus.story("s-tarnwick").to_dict()
    assert client.get(f"/api/articles/{gazette}").json() == corpus.article(gazette).to_dict()
    assert client.get(f"/api/articles/{gazette}/annotations").json() == corpus.annotated(gazette).to_dict()
    arts = client.get("/api/stories/s-tarnwick/articles").json()
    assert [a["id"] for a in arts] == corpus.members["s-tarnwick"]
    assert client.get("/api/search?q=girder").json()["items"][0]["id"] == gazette
    assert client.get("/api/stats").json() == {"articles": 3, "stories": 31}


def test_openapi_schema_lists_every_api_route(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/brief",
            "/api/stories/{story_id}/articles", "/api/articles/{article_id}",
            "/api/articles/{article_id}/annotations", "/api/search", "/api/stats"} <= set(schema["paths"])
    assert "Brief" in schema["components"]["schemas"]
    assert "/api/openapi.json" in client.get("/api").text
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_missing_database_is_a_store_error(tmp_path) -> None:
    from storydesk.errors import StoreError

    with pytest.raises(StoreError, match="no corpus database"):
        create_app(tmp_path / "absent.db", options=Options())


def test_article_page_links_syndicated_copies(client: TestClient, corpus: FakeCorpus) -> None:
    gazette, _ = _ids(corpus)
    assert '<a href="/article/northpost-copy">North Post (copy)</a>' in client.get(f"/article/{gazette}").text
    assert f'<a href="/article/{gazette}">Tarnwick Gazette (original)</a>' in \
        client.get("/article/northpost-copy").text


def test_unknown_contradiction_counts_are_built_within_a_budget(corpus: FakeCorpus) -> None:
    corpus.story_list[0] = corpus.story_list[0].model_copy(update={"contradictions": None})
    lazy = Options()
    lazy.web.list_brief_budget_s = 0  # never build on the list page
    client = TestClient(create_app(None, options=lazy, corpus=corpus), base_url="http://127.0.0.1")
    assert client.get("/api/stories").json()["items"][0]["contradictions"] is None  # unknown, not 0
    assert '<td class="num" data-label="contradictions">–</td>' in client.get("/?q=Tarnwick").text
    client.get("/story/s-tarnwick")  # building the brief makes the count known
    assert client.get("/api/stories").json()["items"][0]["contradictions"] == 1

    eager = TestClient(create_app(None, options=Options(), corpus=corpus), base_url="http://127.0.0.1")
    assert eager.get("/api/stories").json()["items"][0]["contradictions"] == 1
