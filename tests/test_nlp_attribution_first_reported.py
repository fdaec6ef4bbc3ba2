""""As first reported by X" and its relatives attribute the main clause to X: X is the statement's speaker
and a "first_reported" source; the subject of the main clause is what was reported, never a speaker.
Fictional sentences, the bundled pipeline."""

from __future__ import annotations

import pytest
from model_marks import needs_model


def _quote(doc, content: str):
    return next(q for q in doc.spans["sd_quotes"] if content in q.text)


def _sources(doc) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in doc.spans["sd_sources"]]


@needs_model
@pytest.mark.parametrize("text, kind", [
    ("As first reported by the Tarsby Gazette, a fishing boat towed the lifeboat into the harbour.", "first_reported"),
    ("As reported by the Tarsby Gazette, a fishing boat towed the lifeboat into the harbour.", "reported"),
    ("As the Tarsby Gazette first reported, a fishing boat towed the lifeboat into the harbour.", "first_reported"),
])
def test_as_reported_by_gives_the_outlet_not_the_subject(nlp, text, kind):
    doc = nlp(text)
    q = _quote(doc, "towed the lifeboat")
    assert "Tarsby Gazette" in doc.text[slice(*q._.sd_speaker)]
    assert q._.sd_speaker_name == "Tarsby Gazette"
    sources = _sources(doc)
    assert not any("fishing boat" in s for s, _k in sources)
    assert any("Tarsby Gazette" in s and k == kind for s, k in sources)


@needs_model
def test_first_to_report_is_a_first_report(nlp):
    doc = nlp("The Tarsby Gazette was the first to report that a fishing boat towed the lifeboat into the harbour.")
    q = _quote(doc, "towed the lifeboat")
    assert q._.sd_speaker_name == "Tarsby Gazette"
    assert ("The Tarsby Gazette", "first_reported") in _sources(doc)


@needs_model
def test_as_reported_with_no_one_named_has_no_speaker(nlp):
    doc = nlp("As reported earlier, a fishing boat towed the lifeboat into the harbour.")
    assert all(q._.sd_speaker is None for q in doc.spans["sd_quotes"])
    assert not any("fishing boat" in s for s, _k in _sources(doc))


@needs_model
def test_first_reported_by_in_apposition_names_the_outlet(nlp):
    doc = nlp("The tow, first reported by the Tarsby Gazette, took two hours.")
    assert [(k, s._.sd_organization or s._.sd_person) for s in doc.spans["sd_sources"]
            for k in [s.label_]] == [("first_reported", "Tarsby Gazette")]


@needs_model
def test_the_according_to_chain_still_names_reporter_and_paper(nlp):
    # the parse hangs "cafés in the town" on the reporter's name: it is what was said, not part of the source
    doc = nlp("According to Oda Brin of the Tarsby Gazette, cafés in the town stayed open through the night.")
    src = next(s for s in doc.spans["sd_sources"] if s.label_ == "according_to")
    assert src.text == "According to Oda Brin of the Tarsby Gazette"
    assert src._.sd_chain == ["Oda Brin", "Tarsby Gazette"]
    q = _quote(doc, "stayed open")
    assert q.text.startswith("cafés in the town")
    assert q._.sd_speaker_name == "Oda Brin"
    assert q._.sd_speaker_description is None
