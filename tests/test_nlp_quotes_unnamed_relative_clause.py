"""An unnamed source set off by a relative clause ("One guest, who asked not to be named, alleged that
...") is the speaker of what follows, also where the small tagger reads the verb of saying as an adjective
(as the conjunct or modifier of the noun before it). Fictional sentences, the bundled pipeline."""

from __future__ import annotations

import pytest
from model_marks import needs_model

SENTENCES = [
    # the parse hangs "alleged" (JJ) as a modifier of "guest"
    (("One guest, who asked not to be named, alleged that staff had locked the fire exits at the Brannock "
     "Hotel."), "One guest", "staff had locked the fire exits"),
    # here as a conjunct of "driver"
    ("A driver, who asked not to be identified, alleged that managers had ignored the warnings for months.",
     "A driver", "managers had ignored the warnings"),
    (("One resident, who asked not to be named, alleged that the council had at first told families to stay "
     "indoors."), "One resident", "the council had at first told families to stay indoors"),
]


def _cued(doc, cue: str):
    return [q for q in doc.spans["sd_quotes"] if q._.sd_cue and doc.text[slice(*q._.sd_cue)] == cue]


@needs_model
@pytest.mark.parametrize(("text", "speaker", "content"), SENTENCES)
def test_unnamed_source_after_relative_clause_speaks(nlp, text, speaker, content):
    doc = nlp(text)
    (q,) = _cued(doc, "alleged")
    assert doc.text[slice(*q._.sd_speaker)] == speaker
    assert content in q.text
    assert q._.sd_status == "hedged"
    assert any(s.text == speaker for s in doc.spans["sd_sources"])


@needs_model
def test_in_a_paragraph_after_other_statements(nlp):
    # after other sentences the parser makes the noun the root and "alleged" an adjective conjunct
    doc = nlp("The Tarsby Gazette understands that inspectors raised concerns about two doors in 2024. The "
              "board would neither confirm nor deny that. Marlow said any issues had been \"dealt with\".\n\n"
              "One passenger, who asked not to be named, alleged that crew members had at first told people "
              "to return to their cabins. Orvel Shipping said it had no record of any such instruction.")
    (q,) = _cued(doc, "alleged")
    assert doc.text[slice(*q._.sd_speaker)] == "One passenger"
    assert q.text.endswith("told people to return to their cabins")


@needs_model
def test_adjective_reading_needs_a_that_clause(nlp):
    from storydesk.nlp.components._common import verb_lemma

    doc = nlp("The alleged bribe was handed over in a car park in Varnholm.")
    alleged = next(t for t in doc if t.lower_ == "alleged")
    assert verb_lemma(alleged) is None
    assert not _cued(doc, "alleged")
