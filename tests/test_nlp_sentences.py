"""storydesk_presegment: punctuation and line breaks constrain the parser's sentence boundaries."""

from __future__ import annotations

import pytest

from storydesk.nlp.components import sentences  # noqa: F401  (registers the factory)
from storydesk.nlp.pipeline import BUNDLED_MODEL_PATH as MODEL


def _flags(doc):
    return {t.text: t.is_sent_start for t in doc}


def test_closing_quote_after_the_period_stays_in_its_sentence(presegment_blank):
    doc = presegment_blank('"We heard a bang." Then it went dark.')
    closing, then = doc[6], doc[7]
    assert closing.text == '"' and closing.is_sent_start is False
    assert then.text == "Then" and then.is_sent_start is True


def test_line_break_starts_a_sentence(presegment_blank):
    doc = presegment_blank("Ferry fire off Port Ellin\nFourteen people were airlifted")
    assert _flags(doc)["Fourteen"] is True


def test_lowercase_word_inside_a_clause_is_never_a_start(presegment_blank):
    doc = presegment_blank("The ferry was three miles out on its crossing.")
    assert _flags(doc)["on"] is False


def test_abbreviation_with_its_own_period_decides_nothing(presegment_blank):
    doc = presegment_blank("The alarm sounded at 11:40 p.m. Police said nothing.")
    police = next(t for t in doc if t.text == "Police")
    assert police.is_sent_start is None


def test_parsed_docs_are_left_alone(presegment_blank):
    doc = presegment_blank.make_doc("One. Two.")
    doc[2].is_sent_start = False
    presegment_blank.get_pipe("storydesk_presegment")(doc)
    assert doc[2].is_sent_start is False


def test_bundled_pipeline_keeps_a_clause_in_one_sentence():
    if not (MODEL / "meta.json").is_file():
        pytest.skip("the bundled spaCy model is not built yet")
    from storydesk.nlp.pipeline import load_base_pipeline

    nlp = load_base_pipeline()
    assert nlp.pipe_names.index("storydesk_presegment") < nlp.pipe_names.index("parser")
    doc = nlp("The ferry, operated by Skerra Line, was about three nautical miles out on its regular "
              "evening crossing to Skerra Island when the crew raised the alarm at 11:40 p.m., the "
              'authority said. "We heard a bang," she said. "Then it went dark." Quill said she waited.')
    sents = [s.text for s in doc.sents]
    assert sents[0].endswith("the authority said.")
    assert '"Then it went dark."' in sents
    assert sents[-1] == "Quill said she waited."
