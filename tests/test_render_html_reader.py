"""The single-file HTML brief as a reader uses it: every citation link lands on a sentence (also one the
appendix does not show), tables read as cards on a phone, keyboard focus is visible, long words and URLs
wrap, and hostile article text stays escaped. Hand-built fictional records."""

from __future__ import annotations

import re

from reconcile_fixtures import flood_story, script_story

from storydesk.reconcile.brief import build_brief
from storydesk.records.brief import (
    ArticleRef,
    Brief,
    Citation,
    Entity,
    EntityQuote,
    SourceEdge,
    SourceNode,
    StatementGroup,
    StoryInfo,
)
from storydesk.render import render
from storydesk.render.html import anchor
from storydesk.render.svg import source_graph_svg

LONG_WORD = "Tallowquayharbourmasterscommitteeannualreportsupplement" * 3
EVIL_URL = "javascript:alert(1)//" + "x" * 300


def _ids_and_links(html: str) -> tuple[set[str], list[str]]:
    return set(re.findall(r'\bid="([^"]+)"', html)), re.findall(r'href="#([^"]*)"', html)


def _hostile_brief() -> Brief:
    sents = ["Orla Venn said <img src=x onerror=alert(1)> the quay flooded.", "", LONG_WORD + " was filed."]
    art = ArticleRef(id="x1", outlet="Tallow <b>Beacon</b>", title="Flood </title><script>alert(2)</script>",
                     url=EVIL_URL, sentences=sents)
    art2 = ArticleRef(id="x2", outlet="Gull Gazette", title="Quay flood", sentences=["The quay flooded."])
    c1 = Citation(article_id="x1", outlet=art.outlet, sentence=0)
    empty = Citation(article_id="x1", outlet=art.outlet, sentence=1)  # a fragment the appendix skips
    past = Citation(article_id="x1", outlet=art.outlet, sentence=9)  # past the end
    c2 = Citation(article_id="x2", outlet="Gull Gazette", sentence=0)
    groups = [StatementGroup(id="s1", text="The quay flooded.", articles=["x1", "x2"], outlets=[art.outlet, "Gull Gazette"],
                             citations=[c1, c2], independent_sources=2, status="corroborated"),
              StatementGroup(id="s2", text="A report was filed.", articles=["x1"], outlets=[art.outlet],
                             citations=[empty, past], independent_sources=1, status="single-source")]
    ents = [Entity(id="e1", name="Orla Venn", label="PERSON", variants=["Orla Venn", "Venn"], outlets=[art.outlet],
                   articles=["x1"], quotes=[EntityQuote(text="the quay <i>flooded</i>", kind="indirect", citation=c1),
                                            EntityQuote(text="a report", kind="indirect", citation=empty)],
                   mentions=2),
            Entity(id="e2", name="Tallow Harbour Board", label="ORG", variants=["Tallow Harbour Board", "THB"],
                   acronyms=["THB"], outlets=[art.outlet], articles=["x1"], mentions=2)]
    nodes = [SourceNode(id="a:x1", label=art.title or "", kind="article", article_id="x1", outlet=art.outlet),
             SourceNode(id="src:e1", label="Orla Venn <script>", kind="person")]
    return Brief(story=StoryInfo(headline=art.title or "", articles=[art, art2], outlets=[art.outlet, "Gull Gazette"]),
                 entities=ents, source_nodes=nodes, source_edges=[SourceEdge(source="a:x1", target="src:e1", kind="quote")],
                 statements=groups, single_outlet={art.outlet: ["s2"]})


def test_every_in_page_link_has_a_target():
    for brief in (build_brief(flood_story()), build_brief(script_story()), _hostile_brief()):
        html = render(brief, "html")
        ids, links = _ids_and_links(html)
        assert links and not [h for h in links if h not in ids]


def test_a_citation_of_a_sentence_the_appendix_skips_points_at_its_neighbour():
    brief = _hostile_brief()
    index = {"x1": 1, "x2": 2}
    sentences = {a.id: a.sentences for a in brief.story.articles}
    assert anchor(Citation(article_id="x1", sentence=1), index, sentences) == "a1-s1"  # the fragment's neighbour
    assert anchor(Citation(article_id="x1", sentence=9), index, sentences) == "a1-s3"  # the last shown sentence
    assert anchor(Citation(article_id="x1", sentence=None), index, sentences) == "a1"
    assert anchor(Citation(article_id="x1", sentence=2), index, sentences) == "a1-s3"
    html = render(brief, "html")
    assert 'id="a1-s2"' not in html and 'href="#a1-s2"' not in html
    # every citation of the entity table links to a sentence of the appendix
    table = html.split('id="entities"')[1].split('id="sources"')[0]
    assert re.findall(r'href="#(a\d+-s\d+)"', table) == ["a1-s1", "a1-s1"]


def test_hostile_text_stays_escaped():
    html = render(_hostile_brief(), "html")
    assert "<script>" not in html and "<img" not in html and "<b>Beacon" not in html and "<i>flooded" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;" in html
    # the article's URL is shown as text, never a link, whatever its scheme
    assert 'href="javascript' not in html and "javascript:alert(1)//" in html


def test_tables_read_as_cards_on_a_phone_and_focus_is_visible():
    html = render(_hostile_brief(), "html")
    assert "@media (max-width:" in html and "a:focus-visible" in html and "overflow-wrap: anywhere" in html
    ents = html.split('id="entities"')[1].split("</table>")[0]
    assert '<table class="stack">' in ents and "<thead>" in ents
    for label in ("type", "also written", "named by", "described as", "said"):
        assert f'data-label="{label}"' in ents
    # an acronym that is also a variant is listed once
    assert "<td data-label=\"also written\">THB</td>" in ents
    matrix = html.split('id="corroboration"')[1].split("</table>")[0]
    assert 'class="stack matrix"' in matrix
    # a tick says which outlet it stands for, also to a screen reader
    assert 'data-label="Gull Gazette"' in matrix and 'aria-label="Gull Gazette A2.1"' in matrix
    # the section list at the top leads to every section shown
    nav = re.search(r'<nav class="toc".*?</nav>', html, re.DOTALL).group(0)
    ids, _ = _ids_and_links(html)
    assert all(h in ids for h in re.findall(r'href="#([^"]+)"', nav))


def test_source_graph_labels_stay_in_their_boxes_and_have_a_key():
    svg = source_graph_svg(_hostile_brief())
    # each label is clipped to its box, whatever a font draws wider; still one drawing
    assert '<clipPath id="sd-clip"><rect x="0" y="0" width="226" height="26"/></clipPath>' in svg
    assert svg.count('clip-path="url(#sd-clip)"') == 2 and svg.count("<svg") == 1
    assert ">article</text>" in svg and ">person</text>" in svg and ">document</text>" not in svg
    assert "<script>" not in svg
