"""A body cited with a lowercase word for its kind after its name ("the Ferrow Signal Workers union") is
the entity of that name (and of its acronym), in the entities list and the sources list alike; a place
with such a word ("the Brenlow council") is not the place. And the one test both the entity step and
the main event's Who use, whether a name goes on with a place word. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView, names_a_place
from storydesk.reconcile.entities import reconcile_entities

ENTS = [("Ferrow Signal Workers", "ORG"), ("FSW", "ORG"), ("Orla Denn", "PERSON"), ("Brenlow", "GPE")]


def _story():
    a = make_article("Hesk Gazette", "Signal staff strike", "2026-03-04", [
        "The Ferrow Signal Workers (FSW) union says the new shifts are unsafe.",
        "Orla Denn, the FSW general secretary, said talks had failed.",
    ], entities=ENTS, sources=[{"text": "The Ferrow Signal Workers (FSW) union says", "kind": "quote",
                                "organization": "Ferrow Signal Workers", "chain": ["Ferrow Signal Workers"]}])
    b = make_article("Orrin Courier", "Signal strike", "2026-03-04", [
        "The Ferrow Signal Workers union, which represents 400 staff, said 90% had backed the action.",
        "The Brenlow council said buses would replace trains.",
    ], entities=ENTS, sources=[
        {"text": "The Ferrow Signal Workers union", "kind": "quote", "organization": "Ferrow Signal Workers union",
         "chain": ["Ferrow Signal Workers union"]},
        {"text": "The Brenlow council", "kind": "quote", "organization": "Brenlow council",
         "chain": ["Brenlow council"]}],
        quotes=[{"content": "90% had backed the action", "kind": "indirect", "speaker": "The Ferrow Signal Workers union",
                 "speaker_name": "Ferrow Signal Workers union"}])
    return [a, b]


def test_name_with_a_kind_noun_resolves_to_the_named_body():
    index = reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(_story())])
    (union,) = [e for e in index.entities if e.name == "Ferrow Signal Workers"]
    assert index.resolve("Ferrow Signal Workers union", 1) == union.id
    assert index.resolve("FSW trade union", 1) == union.id
    # a town with a council is not the town, and no word of another kind is stripped
    assert index.resolve("Brenlow council", 1) is None
    assert index.resolve("Ferrow Signal Workers spokesman", 1) != union.id


def test_sources_list_the_union_once_and_its_quote_goes_to_it():
    brief = build_brief(_story())
    labels = sorted(n.label for n in brief.source_nodes if n.kind != "article")
    assert labels == ["Brenlow council", "Ferrow Signal Workers"]
    (union,) = [e for e in brief.entities if e.name == "Ferrow Signal Workers"]
    assert any("90% had backed the action" in q.text for q in union.quotes)


def test_a_name_goes_on_with_a_place_word_on_its_own_line_only():
    text = "The Venn river rose. Tollin Bay was shut. Near Tollin\nRoad closures followed. Ostrel Bayé"
    assert names_a_place(text, text.index(" river"))
    assert names_a_place(text, text.index(" Bay was"))
    assert not names_a_place(text, text.index("\nRoad"))  # the next paragraph is no part of the name
    assert not names_a_place(text, len(text) - len(" Bayé"))  # "Bayé" is not "Bay"
    assert names_a_place("Tollin\u00a0Bay", len("Tollin"))  # a no-break space is a space

