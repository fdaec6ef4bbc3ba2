"""The person a quote was told to is its hearer, never its speaker nor a source in its chain: "Fox told
Ada Brin" is Fox's statement; "told the Courier" (an outlet) stays a link of the chain. Fictional
sentences, the bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model


def _source_of(doc, words: str):
    qi = next(i for i, q in enumerate(doc.spans["sd_quotes"]) if words in q.text)
    return next(s for s in doc.spans["sd_sources"] if s._.sd_quote == qi)


@needs_model
def test_a_person_told_is_no_source(nlp):
    doc = nlp("\"I am not going to pay for that pier!\" Tomas Varga told Ada Brin in an interview for Radio "
              "Kestle.")
    src = _source_of(doc, "pay for that pier")
    assert src._.sd_person == "Tomas Varga"
    assert "Ada Brin" not in (src._.sd_chain or [])
    assert src._.sd_organization != "Ada Brin"
    assert not any(s._.sd_person == "Ada Brin" for s in doc.spans["sd_sources"])


@needs_model
def test_an_outlet_told_stays_in_the_chain(nlp):
    doc = nlp("\"The pier is unsafe,\" Tomas Varga told the Kestle Gazette on Monday.")
    src = next(s for s in doc.spans["sd_sources"] if "Tomas Varga" in s.text)
    assert src._.sd_person == "Tomas Varga"
    assert src._.sd_chain == ["Tomas Varga", "Kestle Gazette"]


@needs_model
def test_a_journalist_of_an_outlet_told_gives_the_outlet(nlp):
    doc = nlp("\"The pier is unsafe,\" Tomas Varga told the Gazette's Ada Brin on Monday.")
    src = next(s for s in doc.spans["sd_sources"] if "Tomas Varga" in s.text)
    assert src._.sd_person == "Tomas Varga"
    assert "Ada Brin" not in src._.sd_chain
    assert src._.sd_organization == "Gazette"


@needs_model
def test_the_person_interviewing_the_speaker_is_no_source(nlp):
    doc = nlp("\"The pier is unsafe,\" Tomas Varga said in an interview with Ada Brin.")
    assert [s._.sd_person for s in doc.spans["sd_sources"]] == ["Tomas Varga"]
