"""A place name that only says which body speaks ("the Tessby council said") is not the speaker: the body
is. A possessor of a thing still speaks ("Brodie's statement said"). Hand-written fictional sentences
through the bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model

pytestmark = needs_model


def test_the_named_council_speaks_not_the_place(nlp):
    doc = nlp("The Tessby council said the road would reopen on Friday.")
    (q,) = doc.spans["sd_quotes"]
    assert q._.sd_speaker_name == "Tessby council"
    (src,) = doc.spans["sd_sources"]
    assert src._.sd_person is None
    assert src._.sd_chain == ["Tessby council"]


def test_the_possessor_of_a_statement_still_speaks(nlp):
    doc = nlp("Ansel Brodie was arrested on Monday. Brodie's statement said the charges were baseless.")
    (q,) = doc.spans["sd_quotes"]
    assert q._.sd_speaker_name == "Ansel Brodie"
