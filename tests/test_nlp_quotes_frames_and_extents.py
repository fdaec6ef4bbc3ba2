"""Speakers and extents of readings the parse frames from outside: a passive verb of belief with a "to"
clause names no speaker ("The fire is believed to have started ..."), a passive verb of saying speaks for
its agent, a participle opening its sentence ("Asked whether ..., Varga was blunt") frames only its own
clause, and ", but <verb>" after reported speech is the speaker's own predicate. Fictional sentences, the
bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model


def _quote(doc, cue: str):
    return next(q for q in doc.spans["sd_quotes"] if q._.sd_cue and doc.text[slice(*q._.sd_cue)] == cue)


@needs_model
def test_what_is_believed_is_no_speaker(nlp):
    doc = nlp("The blaze is believed to have started near one of the barge's two pumps.")
    assert not any(q._.sd_speaker and "blaze" in doc.text[slice(*q._.sd_speaker)] for q in doc.spans["sd_quotes"])
    assert not any("blaze" in s.text for s in doc.spans["sd_sources"])


@needs_model
def test_a_passive_verb_of_saying_speaks_for_its_agent(nlp):
    doc = nlp("As first reported by the Tarsby Gazette, the council will close the old pier in May.")
    q = _quote(doc, "reported")
    assert doc.text[slice(*q._.sd_speaker)] == "the Tarsby Gazette"
    assert "the council will close the old pier" in q.text


@needs_model
def test_opening_participle_frames_only_its_clause(nlp):
    # the question put to Varga is nobody's statement (test_nlp_quotes_put_question.py); what the opening
    # participle still must not do is take the answer into its own clause
    doc = nlp("Asked whether the pier had been ready for a storm of that size, Varga was blunt — \"Nobody was "
              "hurt, and that is down to the crew, not to luck.\"")
    assert not any(q._.sd_cue and doc.text[slice(*q._.sd_cue)] == "Asked" for q in doc.spans["sd_quotes"])
    answer = next(q for q in doc.spans["sd_quotes"] if "Nobody was hurt" in q.text)
    assert "whether" not in answer.text
    assert doc.text[slice(*answer._.sd_speaker)] == "Varga"


@needs_model
def test_but_predicate_is_not_reported_speech(nlp):
    from storydesk.nlp.components.quotes import _but_predicate

    doc = nlp("Ines Varga said the old pier was unsafe, but still did nothing about it.")
    but = next(t.i for t in doc if t.lower_ == "but")
    assert _but_predicate(doc, but, len(doc))
    doc = nlp("Ines Varga said the old pier was unsafe, but the council did nothing about it.")
    but = next(t.i for t in doc if t.lower_ == "but")
    assert not _but_predicate(doc, but, len(doc))


@needs_model
def test_content_starting_on_an_apposition_takes_its_noun(nlp):
    from storydesk.nlp.components.quotes import _Q, _take_appos_head

    doc = nlp("The two Tarsby pilots, a married couple from Brenlow, were flying to the island on holiday, a "
              "council spokesman said.")
    start = doc.text.index("a married couple")
    end = doc.text.index(", a council")
    q = _Q("indirect", [(start, end)])
    q.cue_token = next(t.i for t in doc if t.text == "said")
    _take_appos_head(doc, q)
    assert doc.text[q.start:q.end].startswith("The two Tarsby pilots, a married couple")
    # a content that starts on its own subject stays as it is
    q = _Q("indirect", [(0, end)])
    q.cue_token = next(t.i for t in doc if t.text == "said")
    _take_appos_head(doc, q)
    assert (q.start, q.end) == (0, end)
