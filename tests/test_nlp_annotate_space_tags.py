"""Whitespace tokens ("\n\n", "  ") are tagged ``_SP`` / ``SPACE`` as in spaCy's English pipelines, never
as words: rules that look for nouns must not take a paragraph break for one."""

from __future__ import annotations

import spacy
from model_marks import needs_model

from storydesk.nlp.annotate import SPACE_TAGS, add_space_tags

_TEXT = "The pier at Velsund closed at noon.\n\nHarbour master Ines Varga said it  would reopen.\n"


@needs_model
def test_every_whitespace_token_is_tagged_space(nlp):
    doc = nlp(_TEXT)
    spaces = [t for t in doc if t.is_space]
    assert len(spaces) >= 2
    for tok in spaces:
        assert (tok.tag_, tok.pos_, str(tok.morph)) == ("_SP", "SPACE", "")


@needs_model
def test_words_keep_their_tags_and_no_noun_is_whitespace(nlp):
    doc = nlp(_TEXT)
    assert {t.text for t in doc if t.pos_ == "NOUN"} >= {"pier", "noon"}
    assert not any(t.is_space for t in doc if t.pos_ in {"NOUN", "PROPN", "VERB"})
    assert next(t for t in doc if t.text == "said").pos_ == "VERB"


@needs_model
def test_space_tags_run_after_the_tagging_steps_and_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index(SPACE_TAGS) > names.index("morphologizer")
    assert names.index(SPACE_TAGS) < names.index("parser")


def test_pipeline_without_a_tagger_gets_no_space_tags():
    nlp = add_space_tags(spacy.blank("en"))
    assert not nlp.has_pipe(SPACE_TAGS)
    assert not nlp("One.\n\nTwo.").has_annotation("TAG")


def test_space_tags_follow_a_tagger_once():
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger")
    add_space_tags(add_space_tags(nlp))
    assert nlp.pipe_names == ["tagger", SPACE_TAGS]
    doc = nlp.make_doc("Dusk fell.\n\nThe ferry left.")
    doc = nlp.get_pipe(SPACE_TAGS)(doc)
    assert [(t.tag_, t.pos_) for t in doc if t.is_space] == [("_SP", "SPACE")]
    assert all(t.tag_ == "" for t in doc if not t.is_space)
