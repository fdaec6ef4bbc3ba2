"""A surname alone as a speaker ("Fairlie said ...") is the person named in full before, also where the
NER missed the surname on its own. Fictional sentences, the bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model


@needs_model
def test_a_surname_alone_is_the_person_named_before(nlp):
    doc = nlp("Brenlow Ferries denied that the barge's pumps had failed any check. A spokeswoman, Anouk Fairlie, "
              "said the barge had been fully certified in November.\n\nThe Gazette understands that inspectors "
              "raised concerns about two doors. The board would neither confirm nor deny that. Fairlie said any "
              "issues raised in past checks had been \"dealt with in full\".")
    # as the NER sometimes does at a sentence start: the surname alone is no entity
    doc.ents = [e for e in doc.ents if e.text != "Fairlie"]
    nlp.get_pipe("storydesk_speakers")(doc)
    q = next(q for q in doc.spans["sd_quotes"] if "past checks" in q.text)
    assert doc.text[slice(*q._.sd_speaker)] == "Fairlie"
    assert q._.sd_speaker_name == "Anouk Fairlie"
