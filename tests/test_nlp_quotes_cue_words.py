"""The cue of a reading is the verb that frames it, not a preposition or a noun of the frame: "complained
about X" is cued by "complained", "said in a statement that X" by "said". Fictional sentences, the bundled
pipeline."""

from __future__ import annotations

from model_marks import needs_model


def _reading(doc, words: str):
    return next(q for q in doc.spans["sd_quotes"] if words in q.text)


def _cue(doc, q) -> str:
    return doc.text[slice(*q._.sd_cue)]


@needs_model
def test_a_preposition_is_no_cue(nlp):
    doc = nlp("Villagers have long complained about delays and closures on the bridge, which is the only "
              "road between Oskarby and the coast.")
    q = _reading(doc, "delays and closures")
    assert _cue(doc, q).split()[0] == "complained"
    assert q._.sd_cue_lemma == "complain"
    assert doc.text[slice(*q._.sd_speaker)] == "Villagers"


@needs_model
def test_the_noun_of_a_said_frame_is_no_cue(nlp):
    doc = nlp("The bridge's owner, Halvik Roads, said in a statement that it was working closely with the "
              "county engineers.")
    q = _reading(doc, "working closely with the county engineers")
    assert _cue(doc, q) == "said"
    assert q._.sd_cue_lemma == "say"
    assert "statement" not in q.text


@needs_model
def test_according_to_stays_the_cue(nlp):
    doc = nlp("According to the Brisk Ledger, the bridge will reopen in June.")
    q = _reading(doc, "the bridge will reopen in June")
    assert _cue(doc, q) == "According to"
