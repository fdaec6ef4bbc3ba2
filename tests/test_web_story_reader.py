"""The web app's story page as a reader uses it: each main-event answer links to the sentence it rests
on, the entity and source tables read as cards on a phone (every cell says what it is), the source graph
opens full size, the stylesheet shows keyboard focus and wraps long words; hostile text stays escaped.
Hand-built fictional records (web_fakes)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_fakes import FakeCorpus

from storydesk.records.brief import Answer, Citation
from storydesk.web.app import create_app

CSS = Path(__file__).resolve().parents[1] / "storydesk" / "web" / "static" / "app.css"


def _page(corpus: FakeCorpus) -> str:
    client = TestClient(create_app(None, corpus=corpus), base_url="http://127.0.0.1")
    return client.get("/story/s-tarnwick").text


def _with_main_event(corpus: FakeCorpus, who: str) -> FakeCorpus:
    brief = corpus.briefs["s-tarnwick"]
    art = brief.story.articles[0]
    cit = Citation(article_id=art.id, outlet=art.outlet, sentence=1)
    corpus.briefs["s-tarnwick"] = brief.model_copy(update={"main_event": {
        "who": Answer(text=who, citation=cit), "when": Answer(text="Tuesday")}})
    return corpus


def test_main_event_answers_link_to_their_sentence():
    corpus = _with_main_event(FakeCorpus(), "Tarnwick engineers")
    art = corpus.briefs["s-tarnwick"].story.articles[0]
    html = _page(corpus)
    dl = re.search(r'<dl class="main-event">.*?</dl>', html, re.DOTALL).group(0)
    link = re.search(r'<dt>who</dt><dd>Tarnwick engineers <a class="cite" href="([^"]+)">([^<]+)</a>', dl)
    assert link is not None
    assert link.group(1) == f"/article/{art.id}?story=s-tarnwick#s1" and link.group(2) == art.outlet
    assert "<dt>when</dt><dd>Tuesday</dd>" in dl  # no citation, no link


def test_tables_carry_labels_for_the_phone_layout_and_the_graph_opens_full_size():
    html = _page(FakeCorpus())
    ents = html.split('id="entities"')[1].split("</table>")[0]
    assert 'class="grid stack"' in ents
    for label in ("type", "also written", "outlets", "mentions"):
        assert f'data-label="{label}"' in ents
    edges = html.split('class="grid edges stack"')[1].split("</table>")[0]
    for label in ("relies on", "how", "citations", "example"):
        assert f'data-label="{label}"' in edges
    assert re.search(r'<div class="scroll plot-box"><a href="/story/s-tarnwick/graph.svg"', html)
    css = CSS.read_text()
    assert "a:focus-visible" in css and "@media (max-width: 42rem)" in css
    assert "td[data-label]::before" in css and "overflow-wrap: anywhere" in css


def test_hostile_main_event_text_is_escaped():
    html = _page(_with_main_event(FakeCorpus(hostile=True), "<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
