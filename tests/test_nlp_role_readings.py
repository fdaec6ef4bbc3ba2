"""storydesk_role_readings: the quote finder's speakers checked, and missed readings added, from the role
tagger's per-word probabilities. Hand-parsed fictional sentences with hand-set probabilities, so no
transformer is needed."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from parsed_docs import tagged_doc

from storydesk.nlp.components.role_readings import CON_D, CON_I, CUE_I, SRC, RoleReadings


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def readings():
    return RoleReadings()


# Harbour critics called for a new bridge over the Venn .
_CALLED = [("Harbour", "PROPN", "NNP", 1, "compound", "Harbour"), ("critics", "NOUN", "NNS", 2, "nsubj", "critic"),
           ("called", "VERB", "VBD", 2, "ROOT", "call"), ("for", "ADP", "IN", 2, "prep", "for"),
           ("a", "DET", "DT", 6, "det", "a"), ("new", "ADJ", "JJ", 6, "amod", "new"),
           ("bridge", "NOUN", "NN", 3, "pobj", "bridge"), ("over", "ADP", "IN", 6, "prep", "over"),
           ("the", "DET", "DT", 9, "det", "the"), ("Venn", "PROPN", "NNP", 7, "pobj", "Venn"),
           (".", "PUNCT", ".", 2, "punct", ".")]

# Officials in Brackwater said on Tuesday the road would reopen .
_SAID = [("Officials", "NOUN", "NNS", 3, "nsubj", "official"), ("in", "ADP", "IN", 0, "prep", "in"),
         ("Brackwater", "PROPN", "NNP", 1, "pobj", "Brackwater"), ("said", "VERB", "VBD", 3, "ROOT", "say"),
         ("on", "ADP", "IN", 3, "prep", "on"), ("Tuesday", "PROPN", "NNP", 4, "pobj", "Tuesday"),
         ("the", "DET", "DT", 7, "det", "the"), ("road", "NOUN", "NN", 9, "nsubj", "road"),
         ("would", "AUX", "MD", 9, "aux", "would"), ("reopen", "VERB", "VB", 3, "ccomp", "reopen"),
         (".", "PUNCT", ".", 3, "punct", ".")]


def _called(blank, content_col: int = CON_I, subject: bool = True):
    rows = list(_CALLED)
    if not subject:  # "critics" no longer the subject, and nothing looks like a source
        rows[1] = ("critics", "NOUN", "NNS", 2, "dobj", "critic")
    doc = tagged_doc(blank, rows, run=False)
    p = np.zeros((len(doc), 7), dtype=np.float32)
    p[4:10, content_col] = 0.9
    p[2, CUE_I] = 0.6
    if subject:
        p[1, SRC] = 0.8
    doc._.sd_role_probs = p
    doc.spans["sd_quotes"] = []
    return doc


def _quote(doc, start: int, end: int, speaker: tuple[int, int], label: str = "indirect"):
    span = doc[start:end]
    span = doc.char_span(span.start_char, span.end_char, label=label)
    span._.sd_parts = [[span.start_char, span.end_char]]
    spk = doc[speaker[0]:speaker[1]]
    span._.sd_speaker = [spk.start_char, spk.end_char]
    span._.sd_speaker_from = "cue"
    doc.spans["sd_quotes"] = [span]
    return span


def test_role_readings_add_a_confident_run_with_its_cue_and_the_cues_subject(blank, readings):
    doc = readings(_called(blank))
    [q] = doc.spans["sd_quotes"]
    assert q.label_ == "indirect"
    assert doc.text[slice(*q._.sd_parts[0])] == "a new bridge over the Venn"
    assert doc.text[slice(*q._.sd_cue)] == "called"
    assert q._.sd_cue_lemma == "call"
    assert doc.text[slice(*q._.sd_speaker)] == "Harbour critics"
    assert q._.sd_speaker_from == "roles"


def test_role_readings_leave_direct_content_and_speakerless_runs_alone(blank, readings):
    assert list(readings(_called(blank, content_col=CON_D)).spans["sd_quotes"]) == []
    assert list(readings(_called(blank, subject=False)).spans["sd_quotes"]) == []


def test_role_readings_add_nothing_over_a_reading_the_finder_made(blank, readings):
    doc = _called(blank)
    mine = _quote(doc, 5, 10, (0, 2))  # "new bridge over the Venn": most of the run
    doc = readings(doc)
    assert list(doc.spans["sd_quotes"]) == [mine]


def test_role_readings_add_nothing_below_the_threshold(blank):
    doc = _called(blank)
    doc._.sd_role_probs[4:10, CON_I] = 0.6
    assert list(RoleReadings(add_threshold=0.7)(doc).spans["sd_quotes"]) == []
    assert len(RoleReadings(add_threshold=0.5)(doc).spans["sd_quotes"]) == 1


def _said(blank, tuesday: float):
    doc = tagged_doc(blank, _SAID, run=False)
    p = np.zeros((len(doc), 7), dtype=np.float32)
    p[0, SRC], p[5, SRC] = 0.9, tuesday
    p[6:10, CON_I] = 0.3  # not confident enough to be read again
    doc._.sd_role_probs = p
    q = _quote(doc, 6, 10, (5, 6))  # the finder took "Tuesday" for the speaker
    return doc, q


def test_role_readings_replace_a_speaker_the_tagger_rules_out(blank, readings):
    doc, q = _said(blank, tuesday=0.01)
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)].startswith("Officials")
    assert q._.sd_speaker_from == "roles"


def test_role_readings_keep_a_speaker_the_tagger_finds_plausible(blank, readings):
    doc, q = _said(blank, tuesday=0.3)
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)] == "Tuesday"
    assert q._.sd_speaker_from == "cue"


def test_role_readings_do_nothing_without_probabilities(blank, readings):
    doc, q = _said(blank, tuesday=0.01)
    doc._.sd_role_probs = None
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)] == "Tuesday"
    doc._.sd_role_probs = np.zeros((3, 7), dtype=np.float32)  # not this Doc's: ignored
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)] == "Tuesday"


def _probs(doc, **cols) -> np.ndarray:
    """Hand-set probabilities: ``src={i: p}``, ``cue={i: p}``, ``con={i: p}``."""
    p = np.zeros((len(doc), 7), dtype=np.float32)
    for name, col in (("src", SRC), ("cue", CUE_I), ("con", CON_I)):
        for i, v in cols.get(name, {}).items():
            p[i, col] = v
    doc._.sd_role_probs = p
    return p


def _fresh(blank, rows):
    doc = tagged_doc(blank, rows, run=False)
    doc.spans["sd_quotes"] = []
    return doc


def _added(doc) -> list[tuple[str, str | None]]:
    return [(doc.text[slice(*q._.sd_parts[0])], doc.text[slice(*q._.sd_speaker)] if q._.sd_speaker else None)
            for q in doc.spans["sd_quotes"]]


# The keeper , a Brill man in his sixties , wants a new pier for the harbour .   (the parser missed the subject)
_SIXTIES = [("The", "DET", "DT", 1, "det", "the"), ("keeper", "NOUN", "NN", 10, "dep", "keeper"),
            (",", "PUNCT", ",", 5, "punct", ","), ("a", "DET", "DT", 5, "det", "a"),
            ("Brill", "PROPN", "NNP", 5, "compound", "Brill"), ("man", "NOUN", "NN", 1, "appos", "man"),
            ("in", "ADP", "IN", 8, "case", "in"), ("his", "PRON", "PRP$", 8, "nmod:poss", "his"),
            ("sixties", "NOUN", "NNS", 5, "nmod", "sixty"), (",", "PUNCT", ",", 5, "punct", ","),
            ("wants", "VERB", "VBZ", 10, "ROOT", "want"), ("a", "DET", "DT", 13, "det", "a"),
            ("new", "ADJ", "JJ", 13, "amod", "new"), ("pier", "NOUN", "NN", 10, "obj", "pier"),
            ("for", "ADP", "IN", 16, "case", "for"), ("the", "DET", "DT", 16, "det", "the"),
            ("harbour", "NOUN", "NN", 13, "nmod", "harbour"), (".", "PUNCT", ".", 10, "punct", ".")]


def test_role_readings_never_take_an_age_for_the_speaker_but_the_phrase_it_describes(blank, readings):
    doc = _fresh(blank, _SIXTIES)
    _probs(doc, src={i: 0.9 for i in range(10)}, cue={10: 0.8}, con={i: 0.9 for i in range(11, 17)})
    assert _added(readings(doc)) == [("a new pier for the harbour", "The keeper")]  # not "his sixties", not "his"


# Officials in Brill <paragraph break> a new pier by spring .   (the tagger calls the break a noun)
_BREAK = [("Officials", "NOUN", "NNS", 0, "ROOT", "official"), ("in", "ADP", "IN", 2, "case", "in"),
          ("Brill", "PROPN", "NNP", 0, "nmod", "Brill"), ("\n\n", "NOUN", "NNS", 0, "dep", "\n\n"),
          ("a", "DET", "DT", 6, "det", "a"), ("new", "ADJ", "JJ", 6, "amod", "new"),
          ("pier", "NOUN", "NN", 0, "appos", "pier"), ("by", "ADP", "IN", 8, "case", "by"),
          ("spring", "NOUN", "NN", 6, "nmod", "spring"), (".", "PUNCT", ".", 0, "punct", ".")]


def test_role_readings_never_take_a_layout_token_for_the_speaker(blank, readings):
    doc = _fresh(blank, _BREAK)
    _probs(doc, src={0: 0.9, 3: 0.6}, con={i: 0.9 for i in range(4, 9)})
    [(content, speaker)] = _added(readings(doc))
    assert content == "a new pier by spring"
    assert speaker.startswith("Officials")


# The keeper , a Brill man in his sixties , has been praised across the island for saving the boat .
_PRAISED = [("The", "DET", "DT", 1, "det", "the"), ("keeper", "NOUN", "NN", 12, "nsubj:pass", "keeper"),
            (",", "PUNCT", ",", 5, "punct", ","), ("a", "DET", "DT", 5, "det", "a"),
            ("Brill", "PROPN", "NNP", 5, "compound", "Brill"), ("man", "NOUN", "NN", 1, "appos", "man"),
            ("in", "ADP", "IN", 8, "case", "in"), ("his", "PRON", "PRP$", 8, "nmod:poss", "his"),
            ("sixties", "NOUN", "NNS", 5, "nmod", "sixty"), (",", "PUNCT", ",", 5, "punct", ","),
            ("has", "AUX", "VBZ", 12, "aux", "have"), ("been", "AUX", "VBN", 12, "aux:pass", "be"),
            ("praised", "VERB", "VBN", 12, "ROOT", "praise"), ("across", "ADP", "IN", 15, "case", "across"),
            ("the", "DET", "DT", 15, "det", "the"), ("island", "NOUN", "NN", 12, "obl", "island"),
            ("for", "SCONJ", "IN", 17, "mark", "for"), ("saving", "VERB", "VBG", 15, "acl", "save"),
            ("the", "DET", "DT", 19, "det", "the"), ("boat", "NOUN", "NN", 17, "obj", "boat"),
            (".", "PUNCT", ".", 12, "punct", ".")]


def test_role_readings_take_no_speaker_from_who_a_passive_verb_of_judging_is_about(blank, readings):
    doc = _fresh(blank, _PRAISED)
    _probs(doc, src={i: 0.9 for i in range(10)}, cue={10: 0.9, 11: 0.9, 12: 0.9},
           con={14: 0.6, 15: 0.6, 16: 0.9, 17: 0.9, 18: 0.9, 19: 0.9})
    assert _added(readings(doc)) == []  # the keeper is praised; he says nothing here


def test_role_readings_keep_a_content_whole_across_one_doubtful_word(blank, readings):
    doc = _called(blank)
    doc._.sd_role_probs[7, CON_I] = 0.4  # "over"
    assert _added(readings(doc)) == [("a new bridge over the Venn", "Harbour critics")]
    doc._.sd_role_probs[7, CON_I] = 0.1  # the tagger is sure "over" is no content: two runs
    assert [c for c, _ in _added(readings(_reset(doc)))] == ["a new bridge", "the Venn"]


def _reset(doc):
    doc.spans["sd_quotes"] = []
    return doc


# As first reported by the Brill Gazette , a trawler towed the lifeboat home .
_GAZETTE = [("As", "SCONJ", "IN", 2, "mark", "as"), ("first", "ADV", "RB", 2, "advmod", "first"),
            ("reported", "VERB", "VBN", 10, "advcl", "report"), ("by", "ADP", "IN", 6, "case", "by"),
            ("the", "DET", "DT", 6, "det", "the"), ("Brill", "PROPN", "NNP", 6, "compound", "Brill"),
            ("Gazette", "PROPN", "NNP", 2, "obl:agent", "Gazette"), (",", "PUNCT", ",", 10, "punct", ","),
            ("a", "DET", "DT", 9, "det", "a"), ("trawler", "NOUN", "NN", 10, "nsubj", "trawler"),
            ("towed", "VERB", "VBD", 10, "ROOT", "tow"), ("the", "DET", "DT", 12, "det", "the"),
            ("lifeboat", "NOUN", "NN", 10, "obj", "lifeboat"), ("home", "ADV", "RB", 10, "advmod", "home"),
            (".", "PUNCT", ".", 10, "punct", ".")]


def test_role_readings_give_a_replaced_speaker_its_whole_name(blank, readings):
    doc = tagged_doc(blank, _GAZETTE, run=False)
    _probs(doc, src={4: 0.8, 5: 0.95, 6: 0.8}, con={i: 0.3 for i in range(8, 14)})
    q = _quote(doc, 8, 14, (8, 10))  # the finder took "a trawler" for the speaker
    readings(doc)
    assert doc.text[slice(*q._.sd_speaker)] == "the Brill Gazette"  # not "Brill"


# According to the harbour board , the pier will open in May .
_ACCORDING = [("According", "VERB", "VBG", 4, "case", "accord"), ("to", "ADP", "IN", 0, "fixed", "to"),
              ("the", "DET", "DT", 4, "det", "the"), ("harbour", "NOUN", "NN", 4, "compound", "harbour"),
              ("board", "NOUN", "NN", 9, "obl", "board"), (",", "PUNCT", ",", 9, "punct", ","),
              ("the", "DET", "DT", 7, "det", "the"), ("pier", "NOUN", "NN", 9, "nsubj", "pier"),
              ("will", "AUX", "MD", 9, "aux", "will"), ("open", "VERB", "VB", 9, "ROOT", "open"),
              ("in", "ADP", "IN", 11, "case", "in"), ("May", "PROPN", "NNP", 9, "obl", "May"),
              (".", "PUNCT", ".", 9, "punct", ".")]

# Brill 's criticism of the new pier plan was swift .
_CRITICISM = [("Brill", "PROPN", "NNP", 2, "nmod:poss", "Brill"), ("'s", "PART", "POS", 0, "case", "'s"),
              ("criticism", "NOUN", "NN", 9, "nsubj", "criticism"), ("of", "ADP", "IN", 7, "case", "of"),
              ("the", "DET", "DT", 7, "det", "the"), ("new", "ADJ", "JJ", 7, "amod", "new"),
              ("pier", "NOUN", "NN", 7, "compound", "pier"), ("plan", "NOUN", "NN", 2, "nmod", "plan"),
              ("was", "AUX", "VBD", 9, "cop", "be"), ("swift", "ADJ", "JJ", 9, "ROOT", "swift"),
              (".", "PUNCT", ".", 9, "punct", ".")]


def test_role_readings_read_speakers_in_ud_labels(blank, readings):
    # the tagger sees no source word: the speaker can only come from the parse
    doc = _fresh(blank, _ACCORDING)
    _probs(doc, cue={0: 0.9, 1: 0.9}, con={i: 0.9 for i in range(6, 12)})
    assert _added(readings(doc)) == [("the pier will open in May", "the harbour board")]
    doc = _fresh(blank, _CRITICISM)
    _probs(doc, cue={2: 0.8}, con={i: 0.9 for i in range(4, 8)})
    assert _added(readings(doc)) == [("the new pier plan", "Brill")]


# Brill officials could not confirm those reports .
_CONFIRM = [("Brill", "PROPN", "NNP", 1, "compound", "Brill"), ("officials", "NOUN", "NNS", 4, "nsubj", "official"),
            ("could", "AUX", "MD", 4, "aux", "could"), ("not", "PART", "RB", 4, "advmod", "not"),
            ("confirm", "VERB", "VB", 4, "ROOT", "confirm"), ("those", "DET", "DT", 6, "det", "that"),
            ("reports", "NOUN", "NNS", 4, "obj", "report"), (".", "PUNCT", ".", 4, "punct", ".")]


def test_role_readings_add_no_content_that_only_points_back(blank, readings):
    doc = _fresh(blank, _CONFIRM)
    _probs(doc, src={0: 0.9, 1: 0.9}, cue={4: 0.8}, con={5: 0.9, 6: 0.9})
    assert _added(readings(doc)) == []
    rows = list(_CONFIRM)
    rows[5] = ("any", "DET", "DT", 6, "det", "any")  # "confirm any reports": a reading like any other
    doc = _fresh(blank, rows)
    _probs(doc, src={0: 0.9, 1: 0.9}, cue={4: 0.8}, con={5: 0.9, 6: 0.9})
    assert _added(readings(doc)) == [("any reports", "Brill officials")]


# Footage , released by the Brill council , shows waves over the pier .   (the parser missed the subject)
_FOOTAGE = [("Footage", "NOUN", "NN", 8, "dep", "footage"), (",", "PUNCT", ",", 2, "punct", ","),
            ("released", "VERB", "VBN", 0, "acl", "release"), ("by", "ADP", "IN", 6, "case", "by"),
            ("the", "DET", "DT", 6, "det", "the"), ("Brill", "PROPN", "NNP", 6, "compound", "Brill"),
            ("council", "NOUN", "NN", 2, "obl:agent", "council"), (",", "PUNCT", ",", 2, "punct", ","),
            ("shows", "VERB", "VBZ", 8, "ROOT", "show"), ("waves", "NOUN", "NNS", 8, "obj", "wave"),
            ("over", "ADP", "IN", 12, "case", "over"), ("the", "DET", "DT", 12, "det", "the"),
            ("pier", "NOUN", "NN", 9, "nmod", "pier"), (".", "PUNCT", ".", 8, "punct", ".")]


def test_role_readings_credit_footage_to_who_released_it(blank, readings):
    # footage shows, it does not say: the statement is the releaser's, with the medium (the quote finder's
    # rule, quotes.MEDIA_SPEAKER); the tagger's pick of a word inside the releaser's phrase does not matter
    doc = _fresh(blank, _FOOTAGE)
    _probs(doc, src={0: 0.2, 2: 0.8, 3: 0.7, 4: 0.9, 5: 0.9, 6: 0.9}, cue={8: 0.8}, con={i: 0.9 for i in range(9, 13)})
    out = readings(doc)
    assert _added(out) == [("waves over the pier", "the Brill council")]
    assert [q._.sd_medium for q in out.spans["sd_quotes"]] == ["video"]


# Harbour critics called for a new bridge <line break> Tollen officials agreed .
_HEADLINE = [("Harbour", "PROPN", "NNP", 1, "compound", "Harbour"), ("critics", "NOUN", "NNS", 2, "nsubj", "critic"),
             ("called", "VERB", "VBD", 2, "ROOT", "call"), ("for", "ADP", "IN", 6, "case", "for"),
             ("a", "DET", "DT", 6, "det", "a"), ("new", "ADJ", "JJ", 6, "amod", "new"),
             ("bridge", "NOUN", "NN", 2, "obl", "bridge"), ("\n", "SPACE", "_SP", 6, "dep", "\n"),
             ("Tollen", "PROPN", "NNP", 9, "compound", "Tollen"), ("officials", "NOUN", "NNS", 10, "nsubj", "official"),
             ("agreed", "VERB", "VBD", 10, "ROOT", "agree"), (".", "PUNCT", ".", 10, "punct", ".")]


def test_role_readings_end_a_content_at_a_line_break(blank, readings):
    doc = _fresh(blank, _HEADLINE)
    # the tagger runs the headline's content on into the first word below it
    _probs(doc, src={1: 0.9}, cue={2: 0.8}, con={4: 0.9, 5: 0.9, 6: 0.9, 8: 0.9})
    assert _added(readings(doc)) == [("a new bridge", "Harbour critics")]


# Footage shows waves over the pier .
_BARE_FOOTAGE = [("Footage", "NOUN", "NN", 1, "nsubj", "footage"), ("shows", "VERB", "VBZ", 1, "ROOT", "show"),
                 ("waves", "NOUN", "NNS", 1, "obj", "wave"), ("over", "ADP", "IN", 5, "case", "over"),
                 ("the", "DET", "DT", 5, "det", "the"), ("pier", "NOUN", "NN", 2, "nmod", "pier"),
                 (".", "PUNCT", ".", 1, "punct", ".")]


def test_role_readings_add_nothing_for_footage_nobody_released(blank, readings):
    doc = _fresh(blank, _BARE_FOOTAGE)
    _probs(doc, src={0: 0.9}, cue={1: 0.8}, con={i: 0.9 for i in range(2, 6)})
    assert _added(readings(doc)) == []


def test_role_run_helpers_give_the_run_its_cue_and_speaker_at_the_callers_thresholds(blank, readings):
    from storydesk.nlp.components.role_readings import content_runs, run_cue, run_speaker

    doc = _called(blank)
    p = doc._.sd_role_probs
    p[4:10, CON_I] = 0.45  # under the readings' 0.5, over the finder's role-run threshold 0.4
    assert content_runs(doc, p) == []
    [run] = content_runs(doc, p, content_threshold=0.4)
    assert [doc[i].text for i in run] == ["a", "new", "bridge", "over", "the", "Venn"]
    cue = run_cue(doc, p, set(run))
    assert cue is not None and cue.text == "called"
    # "bridge" hangs on "for", no cue word: "called" is the sentence's likeliest cue, at 0.6
    assert run_cue(doc, p, set(run), cue_threshold=0.7) is None
    assert run_speaker(doc, p, cue, set(run)).text == "critics"
    p[3, CUE_I] = 0.15  # now the content's parse head counts, whatever the sentence-wide threshold
    assert run_cue(doc, p, set(run), cue_threshold=0.7).text == "for"


def test_role_run_helpers_break_a_run_where_the_tagger_sees_a_new_content_begin(blank, readings):
    from storydesk.nlp.components.role_readings import BEGIN, content_runs

    doc = _called(blank)
    p = doc._.sd_role_probs
    p[7, BEGIN] = 0.8  # "over" opens a second content
    assert [[doc[i].text for i in r] for r in content_runs(doc, p)] == [["a", "new", "bridge"],
                                                                       ["over", "the", "Venn"]]
    assert len(content_runs(doc, p, begin_threshold=0.9)) == 1
