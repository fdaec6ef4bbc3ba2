"""The brief of a second hand-written story (tests/fixtures/briefqa/coach_crash.jsonl: a fictional coach
crash told by a wire, a syndicated copy, a local paper and a paper leaning on the wire), through the
bundled pipeline, read as a journalist would read it. It writes the example corpus's constructions
differently, so that the brief's fixes are not tuned to one story.

The records are built from the fixture's fields directly: this checks the brief, not the extraction."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def brief(coach_brief):
    return coach_brief


def _outlet_ids(brief):
    return {a.outlet: a.id for a in brief.story.articles}


def _cited(brief, article_id):
    node = {n.id: n for n in brief.source_nodes}
    return {node[e.target].label: node[e.target].kind for e in brief.source_edges
            if e.source == f"a:{article_id}" and e.target in node and e.kind != "copy_of"}


def test_unnamed_sources_say_whom_they_speak_for(brief):
    ids = _outlet_ids(brief)
    wire = _cited(brief, ids["Northgate Wire"])
    star = _cited(brief, ids["Harbrook Evening Star"])
    lantern = _cited(brief, ids["The Kestle Lantern"])
    assert "an unnamed spokeswoman for Ostravik" in wire  # "A company spokeswoman told NGW"
    assert "an unnamed spokesman for Kestle Police" in wire  # "A police spokesman"
    assert "an unnamed spokeswoman for Kestle General Hospital" in star  # "A hospital spokeswoman"
    assert "an unnamed spokesperson for Kestle District Council" in lantern  # "... for the council"
    every = {lbl for a in brief.story.articles for lbl in _cited(brief, a.id)}
    bare = {"company spokeswoman", "police spokesman", "hospital spokeswoman", "spokesperson"}
    assert not every & bare
    # the wire's own name and acronym ("told NGW") are not sources of the wire
    assert not {"NGW", "Northgate Wire"} & set(wire)


def test_company_tagged_as_a_person_is_an_organisation(brief):
    (ostravik,) = [e for e in brief.entities if e.name == "Ostravik"]
    assert ostravik.label == "ORG"
    kinds = {lbl: k for a in brief.story.articles for lbl, k in _cited(brief, a.id).items()}
    assert kinds.get("Ostravik") == "organization"


def test_outlet_and_place_labels(brief):
    labels = {e.name: e.label for e in brief.entities}
    assert labels.get("Northgate Wire") == "ORG"
    assert labels.get("Brannock Pass") in {"LOC", "GPE", "FAC"}


def test_no_article_title_among_sources_and_the_copy_is_said(brief):
    from storydesk.render.markdown import render_markdown

    sources = render_markdown(brief).split("## Sources")[1]
    assert "(article)" not in sources
    assert "(copy of A1)" in sources


def test_a_sentence_cut_at_a_comma_is_read_whole(brief):
    # the parser ends a sentence at "injuring 11 people," and starts another at "Kestle Police said."
    assert not any(s.text.strip() == "Kestle Police said." for s in brief.statements)
    assert any("injuring 11 people, Kestle Police said" in s.text for s in brief.statements)


def test_two_different_counts_of_passengers_are_no_contradiction(brief):
    # "carrying 31 passengers" and "Eleven passengers were injured" count different things
    assert not any(c.kind == "number" and {s.value for s in c.sides} >= {"31", "Eleven"}
                   for c in brief.contradictions)


def test_one_fact_in_words_and_in_figures_is_one_statement(brief):
    ids = _outlet_ids(brief)
    (lead,) = [s for s in brief.statements if "injuring 11 people" in s.text]
    assert ids["Harbrook Evening Star"] in lead.articles  # "Eleven passengers were injured"
    # the wire, its copy, the local paper that cites the police and the paper relaying the wire all
    # rest on one source: the police
    assert lead.independent_sources == 1


def test_a_lawyer_speaks_for_his_client_not_as_him(brief):
    ids = _outlet_ids(brief)
    people = {e.name: e for e in brief.entities if e.label == "PERSON"}
    assert any("his client" in q.text for q in people["Corin Malte"].quotes)  # "Brodie's lawyer, Corin Malte,"
    assert not any("his client" in q.text for q in people["Ansel Brodie"].quotes)
    wire = _cited(brief, ids["Northgate Wire"])
    assert "Corin Malte" in wire and "Ansel Brodie" not in wire
