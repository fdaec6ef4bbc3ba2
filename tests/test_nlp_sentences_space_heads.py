"""``storydesk_space_heads``: after the parser, whitespace tokens hang from the sentence root and head no
word; a word the parser hung under whitespace goes up to the nearest word, or becomes the root of its
sentence.
Hand-parsed fictional sentences (the parse the bundled model gives whitespace it never saw in training)."""

from __future__ import annotations

import spacy
from model_marks import needs_model
from spacy.tokens import Doc

from storydesk.nlp.components.sentences import SpaceHeads


def _doc(words, spaces, heads, deps):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)


def _parse(doc):
    return [(t.text, t.dep_, doc[t.head.i].text) for t in doc]


def test_paragraph_break_parsed_as_root_gives_the_root_back_to_the_verb():
    # “ Kelp grows fast . ” \n\n   (the break the root, "grows" a ccomp under it)
    words = ["“", "Kelp", "grows", "fast", ".", "”", "\n\n"]
    spaces = [False, True, True, False, False, False, False]
    doc = _doc(words, spaces, [2, 2, 6, 2, 2, 2, 6], ["punct", "nsubj", "ccomp", "advmod", "punct", "punct", "ROOT"])
    SpaceHeads()(doc)
    assert doc[2].dep_ == "ROOT" and doc[2].head.i == 2
    assert (doc[6].dep_, doc[6].head.text) == ("punct", "grows")
    assert [s.text for s in doc.sents] == ["“Kelp grows fast.”\n\n"]


def test_whitespace_subject_passes_its_label_to_the_word_under_it():
    # Tova   Renn said it .  (the double space parsed as the subject, the name under it)
    words = ["Tova", "  ", "Renn", "said", "it", "."]
    spaces = [False, False, True, True, False, False]
    doc = _doc(words, spaces, [2, 3, 1, 3, 3, 3], ["compound", "nsubj", "flat", "ROOT", "obj", "punct"])
    SpaceHeads()(doc)
    assert _parse(doc) == [("Tova", "compound", "Renn"), ("  ", "punct", "said"), ("Renn", "nsubj", "said"),
                           ("said", "ROOT", "said"), ("it", "obj", "said"), (".", "punct", "said")]


def test_sentence_boundaries_do_not_change():
    # Dusk fell . \n\n The ferry left .  (the break the root of the first sentence)
    words = ["Dusk", "fell", ".", "\n\n", "The", "ferry", "left", "."]
    spaces = [True, False, False, False, True, True, False, False]
    doc = _doc(words, spaces, [1, 3, 1, 3, 5, 6, 6, 6], ["nsubj", "ccomp", "punct", "ROOT", "det", "nsubj", "ROOT", "punct"])
    before = [s.text for s in doc.sents]
    SpaceHeads()(doc)
    assert [s.text for s in doc.sents] == before
    assert [s.root.text for s in doc.sents] == ["fell", "left"]


def test_doc_without_whitespace_or_parse_is_left_alone():
    doc = _doc(["Kelp", "grows", "."], [True, False, False], [1, 1, 1], ["nsubj", "ROOT", "punct"])
    assert _parse(SpaceHeads()(doc)) == [("Kelp", "nsubj", "grows"), ("grows", "ROOT", "grows"), (".", "punct", "grows")]
    unparsed = spacy.blank("en")("Kelp grows.\n\nFast.")
    assert not SpaceHeads()(unparsed).has_annotation("DEP")


@needs_model
def test_no_sentence_of_the_bundled_pipeline_has_a_whitespace_root(nlp):
    doc = nlp("\"The harbour at Velsund was quiet, and the boats stayed in.\"\n\nThe ferry left at dusk.  "
              "Then   it turned back.\n\nInes Varga said the crossing was rough.\n")
    assert not any(t.is_space and any(not k.is_space for k in t.children) for t in doc)
    assert not any(s.root.is_space for s in doc.sents if s.text.strip())
