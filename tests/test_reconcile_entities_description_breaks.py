"""A title read before a name (reconcile/entities.py, _title_run) starts after a preposition, also one
that opens the sentence ("Following President Marl's remarks"), after a verb in -ing before the title
("an ad saying President Marl"), and takes in new role nouns ("Republican presidential nominee"); a title
word in -ing ("acting director") stays. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Ada Marl", "PERSON"), ("Tomas Brandt", "PERSON"), ("Ilse Varga", "PERSON")]


def _descriptions(paragraphs: list[str]) -> dict[str, list[str]]:
    arts = [make_article(outlet, "Marl and Brandt", "2026-05-06", paragraphs, entities=ENTS)
            for outlet in ["Marl Echo", "Valley Post"]]
    return {e.name: e.descriptions for e in build_brief(arts).entities}


def test_descriptions_start_after_a_preposition_or_an_ing_verb():
    descs = _descriptions(["Following President Ada Marl's remarks, the harbour board met on Monday.",
                           "Critics ran an ad saying President Ada Marl had lied about the quay."])
    assert "President" in descs["Ada Marl"]
    assert not any(d.split()[0] in {"Following", "saying"} for d in descs["Ada Marl"])


def test_descriptions_keep_an_ing_title_and_read_a_nominee():
    descs = _descriptions(["The harbour board met on Monday with acting director Tomas Brandt.",
                           "Presumptive Marl party nominee Ilse Varga did not attend."])
    assert "acting director" in descs["Tomas Brandt"]
    assert any(d.endswith("nominee") for d in descs["Ilse Varga"])
