"""The demo brief (the bundled example corpus, story 1) read as a journalist reads it: who the sources
are, what type each entity is, and what the summary cites. The planted items themselves are checked in
test_brief_example_corpus.py."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def brief(example_brief):
    return example_brief


@pytest.fixture(scope="module")
def markdown(brief):
    from storydesk.render.markdown import render_markdown

    return render_markdown(brief)


def _sources_section(markdown: str) -> str:
    return " ".join(markdown.split("## Sources")[1].split("\n## ")[0].split())


def test_no_bare_description_or_article_title_among_sources(markdown):
    sources = _sources_section(markdown)
    assert "company spokesman (person)" not in sources
    assert "ministry spokesman (person)" not in sources
    assert "spokeswoman (person)" not in sources.replace("unnamed spokeswoman", "")
    assert "(article)" not in sources
    assert "an unnamed spokesman for Skerra Line (person)" in sources
    assert "Helena Rusk's office" in sources  # "Her office said ..."


def test_an_outlet_does_not_cite_itself(brief):
    node = {n.id: n for n in brief.source_nodes}
    for a in brief.story.articles:
        for e in brief.source_edges:
            if e.source == f"a:{a.id}" and e.target in node and node[e.target].kind == "outlet":
                assert node[e.target].label.removeprefix("The ") != (a.outlet or "").removeprefix("The ")


def test_entity_types_from_the_story(brief):
    labels = {e.name: e.label for e in brief.entities}
    assert labels["Fjellreiser"] == "ORG"  # "the Lerberg tour operator Fjellreiser said ... that it ... its"
    assert labels["Nordvik"] in {"GPE", "LOC"}  # "Nordvik citizens", "the Nordvik foreign ministry"
    assert labels["Teodor Vlasko"] == "PERSON"
    assert labels["Ben Hadley"] == "PERSON"


def test_summary_does_not_cite_an_article_that_gives_another_value(brief):
    for sent in brief.summary:
        cited = {(c.article_id, c.sentence) for c in sent.citations}
        for c in brief.contradictions:
            values = {s.value for s in c.sides if (s.citation.article_id, s.citation.sentence) in cited}
            assert len(values) <= 1, (sent.text, c.slot, values)
    (boy,) = [s for s in brief.summary if "boy aged 10" in s.text]
    courier = next(a.id for a in brief.story.articles if a.outlet == "Ellin Courier")
    assert courier not in {c.article_id for c in boy.citations}  # the Courier says he was 12


def test_entity_quotes_do_not_carry_the_dateline(brief):
    hsa = next(e for e in brief.entities if e.name == "Harbour Safety Authority")
    assert not any(q.text.startswith("PORT ELLIN") for q in hsa.quotes)  # the dateline is the wire's


def test_every_statement_line_carries_its_json_id(brief, markdown):
    """A reader can look any listed statement up in the JSON output by its id, also those listed under
    'Reported by one outlet only'."""
    single = markdown.split("## Reported by one outlet only")[1].split("\n## ")[0]
    shown = [line.split()[1] for line in single.splitlines() if line.startswith("  - ")]
    assert shown
    ids = {g.id for g in brief.statements}
    assert all(sid in ids for sid in shown)
