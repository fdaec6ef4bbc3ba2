"""storydesk_quotes: proposals the trained scorer weighs for stances that are not verbs of saying (PolNeAR
counts beliefs, support and opposition as attributions): one-word contents of learned frames, and frames
whose source is not the cue's own subject. Fictional sentences through the bundled pipeline; the tests
read the finder's proposals (``keep_candidates``), not the scorer's verdict."""

from __future__ import annotations

from storydesk.nlp.components import quotes


def _proposals(nlp, text: str) -> list[tuple[str, str, str | None]]:
    finder = nlp.get_pipe("storydesk_quotes")
    finder.keep_candidates = True
    try:
        doc = nlp(text)
        return [(doc.text[q.parts[0][0]:q.parts[-1][1]], doc.text[slice(*q.cue)],
                 doc.text[slice(*q.speaker)] if q.speaker else None)
                for _f, q in finder.candidates if q.cue]
    finally:
        finder.keep_candidates = False


def test_quotes_frame_proposal_may_be_one_word(nlp):
    text = "Mayor Ilse Brandvold endorsed Ruiz on Tuesday after the harbour debate in Tollen."
    props = _proposals(nlp, text)
    assert any(content == "Ruiz" and cue.startswith("endorsed") and spk and "Brandvold" in spk
               for content, cue, spk in props), props
    finder = nlp.get_pipe("storydesk_quotes")
    finder.frame_min_tokens = 2
    try:
        assert not any(content == "Ruiz" for content, _c, _s in _proposals(nlp, text))
    finally:
        finder.frame_min_tokens = 1


def test_quotes_unseen_frame_is_proposed_for_the_subject_of_the_first_conjunct(nlp):
    # "boycotted" heads no learned frame and has no subject of its own: the coordinated verb's subject
    # is its source
    text = "Councillor Petra Solvik criticised the ferry contract and boycotted the harbour debate in Tollen."
    props = _proposals(nlp, text)
    assert any("harbour debate" in content and cue.startswith("boycotted") and spk and "Solvik" in spk
               for content, cue, spk in props), props
    old = quotes.WIDE_UNSEEN
    quotes.WIDE_UNSEEN = False
    try:
        assert not any(cue.startswith("boycotted") for _c, cue, _s in _proposals(nlp, text))
    finally:
        quotes.WIDE_UNSEEN = old


def test_quotes_verb_hanging_from_a_speaking_noun_speaks_for_it(nlp):
    doc = nlp("The Tollen union, backing the ferry plan, met the mayor.")
    [pushing] = [t for t in doc if t.text == "backing"]
    assert pushing.dep_ == "acl"  # the parse this rule is for
    assert quotes._frame_source(pushing).text == "union"
    old = quotes.ACL_SOURCE
    quotes.ACL_SOURCE = False
    try:
        assert quotes._frame_source(pushing) is None
    finally:
        quotes.ACL_SOURCE = old


def test_quotes_agentless_passive_is_proposed_without_a_source(nlp):
    # the one asked is no speaker: PolNeAR leaves such a source empty, and so must the reading
    text = "Councillor Petra Solvik was asked about the ferry contract at the harbour meeting."
    props = [(c, s) for c, cue, s in _proposals(nlp, text) if cue.startswith("asked")]
    assert any("ferry contract" in c for c, _s in props), props
    assert all(s is None for _c, s in props), props
    old = quotes.SOURCELESS_PASSIVE
    quotes.SOURCELESS_PASSIVE = False
    try:
        assert not any(cue.startswith("asked") and s is None for _c, cue, s in _proposals(nlp, text))
    finally:
        quotes.SOURCELESS_PASSIVE = old


def test_quotes_passive_with_an_agent_keeps_its_source(nlp):
    assert not quotes._agentless_passive(nlp("The ferry plan was praised by the union.")[4])
    assert quotes._agentless_passive(nlp("The ferry plan was praised at the meeting.")[4])


def test_quotes_noun_cue_speaks_for_its_subject_or_the_name_before_it(nlp):
    doc = nlp("Mayor Lind is an outspoken supporter of the ferry plan.")
    [supporter] = [t for t in doc if t.text == "supporter"]
    assert supporter.pos_ == "NOUN" and quotes._frame_source(supporter).text == "Mayor"
    # the small tagger's "Ruiz pledges to ...": a verb taken for a plural noun with the name as a compound
    doc2 = nlp("Ruiz pledges to rebuild the harbour pier.")
    [pledges] = [t for t in doc2 if t.text == "pledges"]
    assert pledges.pos_ == "NOUN" and quotes._frame_source(pledges).text == "Ruiz"
    old = quotes.NOUN_SUBJECT_SOURCE
    quotes.NOUN_SUBJECT_SOURCE = False
    try:
        assert quotes._frame_source(supporter) is None and quotes._frame_source(pledges) is None
    finally:
        quotes.NOUN_SUBJECT_SOURCE = old


def test_quotes_seem_reading_keeps_its_content_but_names_no_speaker(nlp):
    text = "Mayor Ilse Brandvold seemed eager to leave the Tollen council before the ferry vote."
    props = [(c, s) for c, cue, s in _proposals(nlp, text) if cue.startswith("seemed")]
    assert props and all(s is None for _c, s in props), props
    old = quotes.APPEARANCE_NO_SOURCE
    quotes.APPEARANCE_NO_SOURCE = False
    try:
        assert any(s and "Brandvold" in s for c, cue, s in _proposals(nlp, text) if cue.startswith("seemed"))
    finally:
        quotes.APPEARANCE_NO_SOURCE = old



def test_quotes_auxiliary_is_never_a_cue_word(nlp):
    text = "The Tollen council has faced complaints about the harbour road for years."
    assert not [c for c, cue, _s in _proposals(nlp, text) if cue == "has"]
    old = quotes.AUX_NO_CUE
    quotes.AUX_NO_CUE = False
    try:
        assert [c for c, cue, _s in _proposals(nlp, text) if cue == "has"]
    finally:
        quotes.AUX_NO_CUE = old


def test_quotes_agentless_passive_of_a_word_that_is_no_cue_proposes_nothing(nlp):
    # a passive without "by" licenses a sourceless proposal only for a word known as a cue: in a story,
    # most passives are events ("were airlifted"), not attributions of nobody
    text = "Sixteen passengers were airlifted from the burning Tollen ferry on Monday night."
    doc = nlp(text)
    [verb] = [t for t in doc if t.text == "airlifted"]
    assert quotes._agentless_passive(verb)
    assert not any(cue.startswith("airlifted") for _c, cue, _s in _proposals(nlp, text))
    finder = nlp.get_pipe("storydesk_quotes")
    assert not finder._known_cue("airlift|v|obj") and finder._known_cue("ask|v|prep:about")
