"""A video or photo shows, it does not say: a statement cued by what footage "showed" is credited to whoever
released or posted it when the text names them (with the medium recorded), and is no one's statement
otherwise (the outlet describes what it saw). A report still speaks. Fictional sentences, the bundled
pipeline."""

from __future__ import annotations

from model_marks import needs_model


def _speakers(doc) -> list[str]:
    return [doc.text[slice(*q._.sd_speaker)] for q in doc.spans["sd_quotes"] if q._.sd_speaker]


@needs_model
def test_footage_is_credited_to_who_released_it(nlp):
    doc = nlp("Footage posted by the Tarsby Gazette on Friday showed water pouring through the roof of the "
              "Brannock Hotel.")
    (q,) = list(doc.spans["sd_quotes"])
    assert doc.text[slice(*q._.sd_speaker)] == "the Tarsby Gazette"
    assert q._.sd_medium == "video"
    assert "water pouring through the roof" in q.text
    assert [s.text for s in doc.spans["sd_sources"]] == ["the Tarsby Gazette"]


@needs_model
def test_an_owned_video_is_its_owners(nlp):
    doc = nlp("The Tarsby Gazette's video showed water pouring through the roof.")
    assert _speakers(doc) == ["The Tarsby Gazette"]


@needs_model
def test_a_video_nobody_is_named_for_is_no_speaker(nlp):
    doc = nlp("Footage of the blaze showed thick smoke over the Varnholm docks. A second video, purportedly "
              "filmed by a guest on the roof, appeared to show flames at a window near the stairs.")
    assert _speakers(doc) == []
    assert not any(s.text.lower().endswith(("footage", "video")) for s in doc.spans["sd_sources"])
    # the hedges of the outlet's own description stay
    assert doc._.sd_sentence_status[1][2] == "hedged"


@needs_model
def test_a_report_still_speaks(nlp):
    doc = nlp("The inspectorate's report said that the pier had not been repaired since 2019.")
    assert any("inspectorate" in s for s in _speakers(doc))
