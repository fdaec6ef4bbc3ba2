"""An unnamed source cited with "according to" ("according to a spokeswoman") is named by its own words:
the name never carries the cue. Hand-written fictional text through the bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model

pytestmark = needs_model


def _according(doc):
    (src,) = [s for s in doc.spans["sd_sources"] if s.label_ == "according_to"]
    return src


def test_unnamed_according_to_source_is_named_without_the_cue(nlp):
    doc = nlp("About 30 homes were evacuated overnight, the Orrin Rescue Service said. Nobody was hurt, "
              "according to a spokeswoman.")
    src = _according(doc)
    assert src.text == "according to a spokeswoman"  # the span is still the whole attribution
    names = [n for n in [src._.sd_person, src._.sd_organization, *src._.sd_chain] if n]
    assert names == ["a spokeswoman"]


def test_named_according_to_source_keeps_its_name(nlp):
    src = _according(nlp("The river peaked at 4.1 metres, according to the Orrin Rescue Service."))
    assert src._.sd_organization == "Orrin Rescue Service"
    assert not any("according" in n.lower() for n in src._.sd_chain)


def test_according_to_a_pronoun_names_the_person_it_resolves_to(nlp):
    src = _according(nlp("Anna Berg runs the bakery. The flood was the worst in years, according to her."))
    assert src._.sd_person == "Anna Berg"
    assert src._.sd_chain == ["Anna Berg"]
