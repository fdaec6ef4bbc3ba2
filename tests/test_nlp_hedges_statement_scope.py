"""A hedge inside one statement's content qualifies that statement, not a second statement the same
speaker makes in the same sentence. Fictional sentences, the bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model


@needs_model
def test_hedge_stays_with_its_own_statement(nlp):
    doc = nlp("The engineer cautioned that the blaze may have been burning for an hour before it was seen, and "
              "said inspectors would look closely at the Varnholm depot's sprinklers.")
    status = {q.text: q._.sd_status for q in doc.spans["sd_quotes"]}
    hedged = next(t for t in status if "may have been burning" in t)
    plain = next(t for t in status if "inspectors would look closely" in t)
    assert status[hedged] == "hedged"
    assert status[plain] == "attributed"
    # the sentence holds a hedged statement: it stays hedged
    assert doc._.sd_sentence_status[0][2] == "hedged"


@needs_model
def test_hedge_before_the_cue_is_still_the_statements(nlp):
    doc = nlp("Tomas Brenn reportedly said the pier was unsafe.")
    (q,) = list(doc.spans["sd_quotes"])
    assert q._.sd_status == "hedged"
