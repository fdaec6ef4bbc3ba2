"""A description with an organisation named in apposition ("The ferry's operator, Brenlow Ferries, said")
speaks for that organisation; a person named in apposition still speaks as before, and an "apposition"
that runs straight into the clause's verb is no description. Fictional sentences, the bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model


def _quote(doc, content: str):
    return next(q for q in doc.spans["sd_quotes"] if content in q.text)


@needs_model
def test_a_body_named_in_apposition_speaks(nlp):
    doc = nlp("The barge's operator, Brenlow Ferries Ltd, said in a statement that it was cooperating fully "
              "with the harbour board.")
    q = _quote(doc, "cooperating fully")
    assert q._.sd_speaker_name == "Brenlow Ferries Ltd"
    assert q._.sd_speaker_description == "The barge's operator"


@needs_model
def test_a_person_named_in_apposition_still_speaks(nlp):
    doc = nlp("A spokeswoman, Oda Brin, said the pier would reopen on Friday.")
    q = _quote(doc, "reopen")
    assert q._.sd_speaker_name == "Oda Brin"
