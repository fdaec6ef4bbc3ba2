"""Who a source is when a title or a spokesman stands before the name (hand-written fictional text; the
classes found reading BASIL articles): "according to a spokesman for X" keeps the spokesman in the chain,
"Secretary of State X" is X (not "of State X" nor "State X"), and a programme's title in guillemets is a
title like one in English quotation marks (spaCy's ``Token.is_quote`` marks)."""

from __future__ import annotations

import spacy
from model_marks import needs_model
from parsed_docs import tagged_doc

from storydesk.nlp.annotate import add_components
from storydesk.nlp.components.attribution import describe_source


def _sources(doc) -> list[tuple[str, str | None, list[str]]]:
    return [(s.label_, s._.sd_person, list(s._.sd_chain)) for s in doc.spans["sd_sources"]]


@needs_model
def test_attribution_according_to_a_spokesman_for_a_person_keeps_the_spokesman(nlp):
    doc = nlp("The ferry will not sail until June, according to a spokesman for Mayor Ada Lind.")
    assert ("according_to", "Ada Lind", ["spokesman", "Ada Lind"]) in _sources(doc)


@needs_model
def test_attribution_secretary_of_state_without_an_entity_is_the_person(nlp):
    doc = nlp("The review found it impossible to say what motivated the attackers, Secretary of State Margit "
              "Olsen revealed Wednesday.")
    people = {p for _k, p, _c in _sources(doc)}
    assert "Margit Olsen" in people
    assert not any(p and p.startswith(("State", "of ")) for p in people)


# Secretary of State Ada Kroll revealed it .   (the parse hangs the name under the title, with "of")
_KROLL = [("Secretary", "PROPN", "NNP", 5, "nsubj", "Secretary"), ("of", "ADP", "IN", 4, "case", "of"),
          ("State", "PROPN", "NNP", 4, "compound", "State"), ("Ada", "PROPN", "NNP", 4, "compound", "Ada"),
          ("Kroll", "PROPN", "NNP", 0, "nmod", "Kroll"), ("revealed", "VERB", "VBD", 5, "ROOT", "reveal"),
          ("it", "PRON", "PRP", 5, "obj", "it"), (".", "PUNCT", ".", 5, "punct", ".")]


def test_attribution_the_object_of_a_titles_of_is_no_part_of_the_name():
    doc = tagged_doc(add_components(spacy.blank("en")), _KROLL,
                     ents=["O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"], run=False)
    person, _org, chain = describe_source(doc[4])
    assert person == "Ada Kroll"
    assert chain == ["Ada Kroll"]


@needs_model
def test_attribution_a_programme_in_guillemets_is_the_medium(nlp):
    doc = nlp("Senator Ada Kroll said on «Tarsby Sunday» that the ferry deal was dead.")
    assert any(p == "Ada Kroll" and chain[-1] == "Tarsby Sunday" for _k, p, chain in _sources(doc))


@needs_model
def test_attribution_according_to_an_outlet_ends_before_the_clauses_subject(nlp):
    doc = nlp("According to the Times, Mary Chell, who is openly gay, took to Facebook to rebuke her sister's "
              "remarks.")
    (src,) = [s for s in doc.spans["sd_sources"] if s.label_ == "according_to"]
    assert src.text == "According to the Times"
    assert src._.sd_person is None
    assert list(src._.sd_chain) == ["Times"]


@needs_model
def test_attribution_according_to_a_person_keeps_the_name_in_apposition(nlp):
    # guard: after a person noun, the name after the comma is the source's own
    doc = nlp("The ferry will sail, according to the harbour master, Ada Lind.")
    assert ("according_to", "Ada Lind", ["Ada Lind"]) in _sources(doc)


@needs_model
def test_attribution_an_unnamed_teller_stays_in_the_chain(nlp):
    doc = nlp('"I don\'t see how she makes it through the convention," one Democratic lawmaker told Kestle News.')
    assert ("told", None, ["one Democratic lawmaker", "Kestle News"]) in _sources(doc)


@needs_model
def test_attribution_an_interview_with_an_outlet_names_who_gave_it(nlp):
    doc = nlp("Donald Kessler came out in support of the ferry plan on Wednesday in an interview with Kestle "
              "News.")
    assert ("interview", "Donald Kessler", ["Donald Kessler", "Kestle News"]) in _sources(doc)


@needs_model
def test_attribution_an_interview_of_a_body_names_no_person(nlp):
    # guard: a subject that is no named person adds no one
    doc = nlp("The mayor's office confirmed the plan in an interview with Kestle News.")
    assert all(p is None for k, p, _c in _sources(doc) if k == "interview")
