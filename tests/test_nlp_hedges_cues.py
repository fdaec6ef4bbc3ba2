"""Each hedge, unverified and denial cue marks its sentence, with the full pipeline's tags and without."""

from __future__ import annotations

import pytest
from model_marks import needs_model

from storydesk.nlp.components import hedges  # noqa: F401  (registers the factory)

# fictional sentences, one per cue; the cue is in the statement's own sentence
CUES = [
    ("One deckhand, who asked not to be named, alleged that the pumps had failed twice.", "hedged"),
    # the tagger reads "alleged" here as an adjective (ROOT or conj): the cue must be found anyway
    (("One guest, who asked not to be named, alleged that hotel staff had at first told people to return "
      "to their rooms."), "hedged"),
    (("One deckhand, who asked not to be named, alleged that crew members had at first told people to "
      "return to their cabins."), "hedged"),
    ("Two passengers alleged that the lifeboat drill was skipped.", "hedged"),
    ("The alleged bribe was handed over in a car park in Varnholm.", "hedged"),
    ("The warehouse manager allegedly sold the seized fuel to a rival firm.", "hedged"),
    ("A recording purportedly made on the bridge shows the officers arguing.", "hedged"),
    ("The trawler's skipper was reportedly the last to leave the wheelhouse.", "hedged"),
    ("The blaze is believed to have started in the laundry room.", "hedged"),
    ("The photographs could not be independently verified.", "hedged"),
    ("Unconfirmed reports said a second tanker had run aground.", "hedged"),
    ("The figures from the mill remain unconfirmed.", "hedged"),
    ("Orvel Shipping denied that its crew had ignored the alarm.", "denied"),
    ("The harbour board denied any knowledge of the leak.", "denied"),
]


def _status(doc) -> str:
    statuses = [status for _, _, status, _ in doc._.sd_sentence_status]
    assert len(statuses) == 1, statuses
    return statuses[0]


@needs_model
@pytest.mark.parametrize("sentence, status", CUES)
def test_cue_sets_sentence_status_with_model(nlp, sentence, status):
    assert _status(nlp(sentence)) == status


@pytest.mark.parametrize("sentence, status", CUES)
def test_cue_sets_sentence_status_without_tags(hedges_blank, sentence, status):
    assert _status(hedges_blank(sentence)) == status


@needs_model
@pytest.mark.parametrize("sentence", [
    "The ferry left Varnholm at noon with ninety passengers aboard.",
    "The claims office on Dock Road opens at nine.",
    "Inspectors said the engine room was clean.",
])
def test_plain_or_attributed_sentence_is_not_hedged(nlp, sentence):
    assert _status(nlp(sentence)) in {"asserted", "attributed"}


@needs_model
def test_alleged_as_clause_head_is_a_hedge_cue(nlp):
    # the tagger may call a clause-heading "alleged" an adjective; the cue must be found anyway
    doc = nlp("One guest, who asked not to be named, alleged that hotel staff had at first told people to "
              "return to their rooms.")
    assert any(h.text.lower().startswith("alleged") and h.label_ == "hedge" for h in doc.spans["sd_hedges"])
