"""A reading never names its speaker inside its own content: "Footage of the fire, released by Skerra Line
on Tuesday morning, shows flames ..." is not Skerra Line saying "Footage of the fire, released by Skerra
Line". Fictional sentences, the bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model


def _inside(doc, q) -> bool:
    s, e = q._.sd_speaker
    return any(a <= s and e <= b for a, b in (q._.sd_parts or []))


@needs_model
def test_no_reading_holds_its_own_speaker(nlp):
    doc = nlp("Footage of the fire, released by Skerra Line on Tuesday morning, shows flames and thick smoke "
              "rising from the stern.\n\nMeenakshi Orlov of the Harbour Watch, who observed the rescue, said "
              "the crew acted fast.")
    assert not [q.text for q in doc.spans["sd_quotes"] if q._.sd_speaker and _inside(doc, q)]
    assert not any(q.text.startswith("Footage") for q in doc.spans["sd_quotes"])


@needs_model
def test_a_parenthetical_speaker_between_the_parts_is_kept(nlp):
    doc = nlp("The ferry, Skerra Line said on Tuesday, will not sail again this year.")
    q = next(q for q in doc.spans["sd_quotes"] if "will not sail" in q.text)
    assert doc.text[slice(*q._.sd_speaker)] == "Skerra Line"
    assert not _inside(doc, q)
