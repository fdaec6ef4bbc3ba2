"""Sources described, not named ("a company spokesman", "a spokeswoman for the authority", "her office"):
the source graph shows whom they speak for, and a spokesman's word is not independent of his employer's.
Also: an outlet's own reporting is no citation, and an outlet's acronym is that outlet. Fictional
outlets, people and places throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.render.markdown import render_markdown

ENTS = [("Velka Ferries", "ORG"), ("Grenmoor Port Authority", "ORG"), ("Ivo Tamsin", "PERSON"),
        ("Ostrel", "GPE"), ("Tarn Wire", "ORG"), ("TW", "ORG"), ("Brisk Lane", "PERSON")]


def _sources(brief):
    """article id -> {node label: node kind} of what it cites directly."""
    node = {n.id: n for n in brief.source_nodes}
    out: dict[str, dict[str, str]] = {}
    for e in brief.source_edges:
        if e.source.startswith("a:") and e.target in node and e.kind != "copy_of":
            out.setdefault(e.source[2:], {})[node[e.target].label] = node[e.target].kind
    return out


def _story():
    a = make_article("Tarn Wire", "Ferry grounded off Ostrel", "2026-06-01T08:00:00", [
        ("OSTREL, June 1 (TW) - A ferry run by Velka Ferries ran aground off Ostrel on Sunday, the Grenmoor "
         "Port Authority said."),
        "A company spokesman told TW that the ferry had been fully inspected in May and had passed every check.",
        "A spokeswoman for the authority said divers would examine the hull on Monday.",
    ], entities=ENTS, sources=[
        {"text": "the Grenmoor Port Authority said", "kind": "quote", "organization": "Grenmoor Port Authority",
         "chain": ["Grenmoor Port Authority"]},
        {"text": "A company spokesman told TW", "kind": "told", "organization": "TW",
         "chain": ["company spokesman", "TW"]},
        {"text": "A spokeswoman for the authority", "kind": "quote", "organization": "authority",
         "chain": ["spokeswoman", "authority"]},
    ], quotes=[
        {"content": "the ferry had been fully inspected in May and had passed every check", "kind": "indirect", "speaker": "A company spokesman",
         "speaker_name": "company spokesman", "via": ["TW"]},
        {"content": "divers would examine the hull on Monday", "kind": "indirect",
         "speaker": "A spokeswoman for the authority", "speaker_name": "spokeswoman for the authority"},
    ])
    b = make_article("Ostrel Beacon", "Grounded ferry: minister acts", "2026-06-01T18:00:00", [
        "Transport minister Ivo Tamsin visited the quay at Ostrel on Sunday evening.",
        "Her office said she would meet the crew on Monday.",
        "Velka Ferries told the Beacon on Sunday that the ferry had been fully inspected in May and had passed every check.",
        "The Beacon can reveal that the ferry's radar had failed twice this year.",
    ], entities=ENTS, sources=[
        {"text": "Her office", "kind": "quote", "organization": "Her office", "chain": ["Her office"]},
        {"text": "Velka Ferries told the Beacon", "kind": "told", "organization": "Velka Ferries",
         "chain": ["Velka Ferries", "Beacon"]},
        {"text": "The Beacon can reveal", "kind": "reported", "organization": "Beacon", "chain": ["Beacon"]},
    ], quotes=[
        {"content": "she would meet the crew on Monday", "kind": "indirect", "speaker": "Her office",
         "speaker_name": "Her office"},
        {"content": "the ferry had been fully inspected in May and had passed every check", "kind": "indirect", "speaker": "Velka Ferries",
         "speaker_name": "Velka Ferries", "via": ["Beacon"]},
        {"content": "the ferry's radar had failed twice this year", "kind": "indirect", "speaker": "The Beacon",
         "speaker_name": "Beacon"},
    ])
    return [a, b]


def test_unnamed_spokespeople_are_shown_as_speaking_for_their_body():
    brief = build_brief(_story())
    wire, beacon = (a.id for a in brief.story.articles)
    cited = _sources(brief)
    labels = set(cited[wire])
    assert "an unnamed spokesman for Velka Ferries" in labels  # "company" -> the company the story names
    assert "an unnamed spokeswoman for the Grenmoor Port Authority" in labels  # "the authority"
    # never a bare description listed as if it were someone's name
    assert not any(lbl.lower() in {"company spokesman", "spokeswoman", "spokeswoman for the authority"}
                   for lbl in labels)
    # "Her office" is the office of the person the article named before it
    assert "Ivo Tamsin's office" in cited[beacon]


def test_an_unnamed_spokesman_is_not_independent_of_his_employer():
    brief = build_brief(_story())
    (inspected,) = [s for s in brief.statements if "inspected in May" in s.text]
    assert len(inspected.articles) == 2
    # the spokesman (via the wire) and the company's own statement rest on one source: the company
    assert inspected.independent_sources == 1
    assert inspected.status == "single-source"
    # and the label names the spokesman once, with the outlet that relayed him, not "X / X's company"
    assert not any("Velka Ferries / Velka Ferries" in o for o in inspected.original_sources)


def test_own_outlet_and_its_acronym_are_not_cited_sources():
    brief = build_brief(_story())
    wire, beacon = (a.id for a in brief.story.articles)
    cited = _sources(brief)
    assert not any(k == "outlet" and "Beacon" in lbl for lbl, k in cited[beacon].items())
    assert not any(lbl in {"TW", "Tarn Wire"} for lbl in cited[wire])


def test_a_description_with_no_body_in_the_story_stays_a_description():
    a = make_article("Quiet Gazette", "Road closed", "2026-01-03", [
        "The road over the moor was closed on Friday.",
        "A company spokesman said the works would last a week.",
    ], entities=[], sources=[{"text": "A company spokesman", "kind": "quote", "organization": "company spokesman",
                              "chain": ["company spokesman"]}],
        quotes=[{"content": "the works would last a week", "kind": "indirect", "speaker": "A company spokesman",
                 "speaker_name": "company spokesman"}])
    brief = build_brief([a])
    labels = set(_sources(brief)[brief.story.articles[0].id])
    assert labels == {"an unnamed company spokesman"}


def test_sources_list_has_no_article_titles_and_says_which_article_is_a_copy():
    story = _story()
    copy = make_article("Fell Online", "Ferry aground", "2026-06-01T09:00:00", story[0].article.paragraphs,
                        entities=ENTS, sources=[{"text": "the Grenmoor Port Authority said", "kind": "quote",
                                                 "organization": "Grenmoor Port Authority",
                                                 "chain": ["Grenmoor Port Authority"]}])
    brief = build_brief(story + [copy])
    md = render_markdown(brief)
    sources = md.split("## Sources")[1]
    assert "(article)" not in sources
    assert "Ferry grounded off Ostrel" not in sources  # the original's title is not a source
    assert "A3 Fell Online (copy of A1) cites:" in " ".join(sources.split())


def test_a_description_that_names_itself_as_its_body_does_not_loop():
    # the NLP stage may give a description as its own organisation ("an administration official"):
    # resolving "administration" must not come back to the same description for ever
    a = make_article("Quiet Gazette", "Talks stall", "2026-01-03", [
        "The talks stalled on Friday, an administration official said.",
        "An administration official said a new round would start in March.",
    ], entities=[], sources=[
        {"text": "an administration official said", "kind": "quote", "organization": "an administration official",
         "chain": ["an administration official"]},
        {"text": "An administration official said", "kind": "quote", "organization": "administration official",
         "chain": ["administration official"]},
    ], quotes=[{"content": "a new round would start in March", "kind": "indirect",
                "speaker": "An administration official", "speaker_name": "administration official"}])
    brief = build_brief([a])
    labels = set(_sources(brief)[brief.story.articles[0].id])
    assert labels == {"an unnamed administration official"}
