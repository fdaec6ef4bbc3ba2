"""Every rendering shows an entity's label and a source's kind in a reader's words, the same words in
Markdown, HTML, the source-graph drawing and the web app ("organisation", not ORG; "ship, vehicle or
thing", not PRODUCT), and marks unnamed and anonymous sources. The JSON keeps the codes. Hand-built
fictional records."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient
from web_fakes import FakeCorpus

from storydesk.records.brief import (
    ENTITY_KIND_WORDS,
    ArticleRef,
    Brief,
    Citation,
    Entity,
    SourceEdge,
    SourceNode,
    StoryInfo,
)
from storydesk.render import render
from storydesk.render.svg import source_graph_svg
from storydesk.web.app import create_app

CODES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT")


def _brief() -> Brief:
    art = ArticleRef(id="x1", outlet="Tallow Beacon", title="Ferry fire", sentences=["Passengers fled.", "A source said so."])
    cit = Citation(article_id="x1", outlet="Tallow Beacon", sentence=0)
    ents = [Entity(id=f"e{i}", name=name, label=label, outlets=["Tallow Beacon"], articles=["x1"], mentions=1)
            for i, (name, label) in enumerate([("Orla Venn", "PERSON"), ("Brisk Line", "ORG"), ("Tallow", "GPE"),
                                                ("Gull Sound", "LOC"), ("Tallow Quay", "FAC"),
                                                ("Sea Lark", "PRODUCT")], start=1)]
    nodes = [SourceNode(id="a:x1", label="Ferry fire", kind="article", article_id="x1", outlet="Tallow Beacon"),
             SourceNode(id="src:x1:passengers", label="passengers", kind="person", naming="unnamed"),
             SourceNode(id="src:x1:source", label="a source close to the crew", kind="person", naming="anonymous"),
             SourceNode(id="src:spokesman", label="an unnamed spokesman for Brisk Line", kind="person",
                        naming="unnamed"),
             SourceNode(id="src:e2", label="Brisk Line", kind="organization")]
    edges = [SourceEdge(source="a:x1", target=n.id, kind="quote", citations=[cit]) for n in nodes[1:]]
    return Brief(story=StoryInfo(headline="Ferry fire", articles=[art], outlets=["Tallow Beacon"]),
                 entities=ents, source_nodes=nodes, source_edges=edges)


def test_markdown_shows_kinds_in_words():
    md = render(_brief(), "markdown")
    for name, word in [("Orla Venn", "person"), ("Brisk Line", "organisation"), ("Tallow", "place"),
                       ("Gull Sound", "place"), ("Tallow Quay", "place"), ("Sea Lark", "ship, vehicle or thing")]:
        assert f"**{name}** ({word};" in md
    assert not re.search(r"\((?:" + "|".join(CODES) + r")[;)]", md)
    sources = " ".join(md[md.index("## Sources"):].split())
    assert "passengers (person, unnamed)" in sources
    assert "a source close to the crew (person, anonymous)" in sources
    # the label already says it: not "unnamed" twice
    assert "an unnamed spokesman for Brisk Line (person)" in sources
    assert "Brisk Line (organisation)" in sources and "(organization)" not in sources


def test_html_and_the_graph_use_the_same_words():
    page = render(_brief(), "html")
    assert '<td><b>Sea Lark</b></td><td data-label="type">ship, vehicle or thing</td>' in page
    assert '<td><b>Brisk Line</b></td><td data-label="type">organisation</td>' in page
    assert "a source close to the crew (person, anonymous)" in page
    assert not re.search(r"<td[^>]*>(?:" + "|".join(CODES) + r")</td>", page)
    svg = source_graph_svg(_brief())
    assert "<title>person, anonymous: a source close to the crew</title>" in svg
    assert "<title>organisation: Brisk Line</title>" in svg


def test_json_keeps_the_codes():
    data = json.loads(render(_brief(), "json"))
    assert [e["label"] for e in data["entities"]] == list(CODES)
    assert {n["naming"] for n in data["source_nodes"]} == {"named", "unnamed", "anonymous"}
    assert "kind_word" not in json.dumps(data)
    assert set(ENTITY_KIND_WORDS) == set(CODES)


def test_the_web_story_page_shows_words():
    client = TestClient(create_app(None, corpus=FakeCorpus()), base_url="http://127.0.0.1")
    html = client.get("/story/s-tarnwick").text
    entities = html[html.index('id="entities"'):html.index('id="sources"')]
    assert '<td data-label="type">person</td>' in entities and "PERSON" not in entities
    edges = html[html.index('id="sources"'):]
    assert '<span class="kind">organisation</span>' in edges and ">organization<" not in edges
