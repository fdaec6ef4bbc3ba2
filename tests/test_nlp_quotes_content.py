"""The learned content tagger: which words of a cue's sentence are the content, and its readings as
proposals for the attribution scorer."""

from __future__ import annotations

import json

import spacy
from parsed_docs import columns, parsed_doc
from spacy.tokens import Doc

from storydesk.nlp.components.content_tagger import (
    CONTENT_MODEL,
    ContentTagger,
    _best_run,
    load_content_model,
    token_features,
)


def _doc(rows, ents=None) -> Doc:
    """rows: (word, pos, head, dep, lemma); not run through any component."""
    words, pos, heads, deps, lemmas = columns(rows)
    return parsed_doc(spacy.blank("en"), words, pos=pos, heads=heads, deps=deps, lemmas=lemmas, ents=ents,
                      run=False)


# Lind criticised the harbour plan on Monday .
_CRITICISE = [("Lind", "PROPN", 1, "nsubj", "Lind"), ("criticised", "VERB", 1, "ROOT", "criticise"),
              ("the", "DET", 4, "det", "the"), ("harbour", "NOUN", 4, "compound", "harbour"),
              ("plan", "NOUN", 1, "obj", "plan"), ("on", "ADP", 6, "case", "on"),
              ("Monday", "PROPN", 1, "obl", "Monday"), (".", "PUNCT", 1, "punct", ".")]

# The ferry will stop , Lind said .
_PARENTHETICAL = [("The", "DET", 1, "det", "the"), ("ferry", "NOUN", 3, "nsubj", "ferry"),
                  ("will", "AUX", 3, "aux", "will"), ("stop", "VERB", 3, "ROOT", "stop"),
                  (",", "PUNCT", 6, "punct", ","), ("Lind", "PROPN", 6, "nsubj", "Lind"),
                  ("said", "VERB", 3, "parataxis", "say"), (".", "PUNCT", 3, "punct", ".")]


def test_best_run_is_the_contiguous_stretch_with_the_largest_sum():
    assert _best_run([-1.0, 2.0, -0.5, 3.0, -4.0, 1.0], 0, 6) == (1, 4)
    assert _best_run([2.0, 5.0, -1.0], 1, 3) == (1, 2)  # only inside the bounds given
    assert _best_run([-1.0, -2.0], 0, 2) is None


def test_features_follow_the_dependency_path_from_the_cue():
    doc = _doc(_CRITICISE)
    feats = token_features(doc[1], list(doc))
    assert feats[1] == []  # the cue itself
    assert "d1=obj|R" in feats[4] and "d1=obj|R" in feats[2]  # "plan" and "the" hang from the object
    assert "d1=obl|R" in feats[6] and "d1=nsubj|L" in feats[0]


def test_tagger_reads_the_object_and_leaves_the_trailing_phrase_out():
    doc = _doc(_CRITICISE)
    tagger = ContentTagger({"d1=obj|R": 2.0, "d1=obl|R": -2.0}, -1.0, {"criticise|VERB": 0.3})
    ((where, words, prob),) = tagger.readings(doc[1])
    assert where == "R" and [t.text for t in words] == ["the", "harbour", "plan"] and prob > 0.5


def test_tagger_reads_content_before_a_parenthetical_cue():
    doc = _doc(_PARENTHETICAL)
    weights = {"p=parataxis|": 2.0, "p=parataxis|nsubj": 2.0, "p=parataxis|aux": 2.0,
               "p=parataxis|nsubj>det": 2.0}
    tagger = ContentTagger(weights, -1.0, {"say|VERB": 0.9})
    readings = tagger.readings(doc[6])
    assert [(w, " ".join(t.text for t in ws)) for w, ws, _ in readings] == [("L", "The ferry will stop")]


def _files(tmp_path, tagger_weights: dict[str, float], cues: dict[str, float], scorer: dict[str, float]):
    content = tmp_path / "content_model.json"
    content.write_text(json.dumps({"weights": tagger_weights, "bias": -1.0, "cues": cues}), encoding="utf-8")
    model = tmp_path / "attribution_model.json"
    model.write_text(json.dumps({"weights": scorer, "bias": -1.0, "threshold": 0.5}), encoding="utf-8")
    lexicon = tmp_path / "cues.json"
    lexicon.write_text(json.dumps({"frames": {}}), encoding="utf-8")
    return str(content), str(model), str(lexicon)


def test_tagged_reading_becomes_an_attribution_when_the_scorer_keeps_it(tmp_path):
    from storydesk.nlp.components.quotes import QuoteFinder

    content, model, lexicon = _files(tmp_path, {"d1=obj|R": 2.0, "d1=obl|R": -2.0}, {"criticise|VERB": 0.3},
                                     {"origin=tag": 3.0})
    doc = _doc(_CRITICISE, ["B-PERSON"] + ["O"] * 7)
    doc = QuoteFinder(cues=lexicon, model=model, content_model=content)(doc)
    (q,) = doc.spans["sd_quotes"]
    assert (q.label_, q.text) == ("indirect", "the harbour plan")
    assert doc.text[slice(*q._.sd_cue)] == "criticised" and doc.text[slice(*q._.sd_speaker)] == "Lind"


def test_tagger_only_runs_on_its_cue_words_and_can_be_switched_off(tmp_path):
    from storydesk.nlp.components.quotes import QuoteFinder

    content, model, lexicon = _files(tmp_path, {"d1=obj|R": 2.0}, {"praise|VERB": 0.3}, {"origin=tag": 3.0})
    doc = QuoteFinder(cues=lexicon, model=model, content_model=content)(_doc(_CRITICISE, ["B-PERSON"] + ["O"] * 7))
    assert len(doc.spans["sd_quotes"]) == 0  # "criticise" is not one of its cue words
    finder = QuoteFinder(cues=lexicon, model=model, content_model="none")
    assert finder.tagger is None
    assert QuoteFinder(cues=lexicon, model=model, content_model=str(tmp_path / "missing.json")).tagger is None


def test_packaged_content_model_loads():
    tagger = load_content_model(str(CONTENT_MODEL))
    assert tagger is not None and len(tagger.weights) > 100 and "say|VERB" in tagger.cues


def test_noun_cue_speaks_for_the_subject_of_the_verb_it_hangs_from(tmp_path):
    from storydesk.nlp.components.quotes import QuoteFinder

    # Lind voted in the hope of a recount .
    rows = [("Lind", "PROPN", 1, "nsubj", "Lind"), ("voted", "VERB", 1, "ROOT", "vote"),
            ("in", "ADP", 4, "case", "in"), ("the", "DET", 4, "det", "the"), ("hope", "NOUN", 1, "obl", "hope"),
            ("of", "ADP", 7, "case", "of"), ("a", "DET", 7, "det", "a"), ("recount", "NOUN", 4, "nmod", "recount"),
            (".", "PUNCT", 1, "punct", ".")]
    content, model, lexicon = _files(tmp_path, {"d1=nmod|R": 2.0, "p=^|nmod>case": -4.0}, {"hope|NOUN": 0.3},
                                     {"origin=tag": 3.0})
    doc = QuoteFinder(cues=lexicon, model=model, content_model=content)(_doc(rows, ["B-PERSON"] + ["O"] * 8))
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "a recount" and doc.text[slice(*q._.sd_cue)] == "hope"
    assert doc.text[slice(*q._.sd_speaker)] == "Lind"


def test_tagged_reading_without_a_source_is_not_proposed(tmp_path):
    from storydesk.nlp.components.quotes import QuoteFinder

    # The hope of a recount faded .  (nobody to attribute the hope to)
    rows = [("The", "DET", 1, "det", "the"), ("hope", "NOUN", 5, "nsubj", "hope"), ("of", "ADP", 4, "case", "of"),
            ("a", "DET", 4, "det", "a"), ("recount", "NOUN", 1, "nmod", "recount"), ("faded", "VERB", 5, "ROOT", "fade"),
            (".", "PUNCT", 5, "punct", ".")]
    content, model, lexicon = _files(tmp_path, {"d1=nmod|R": 2.0, "p=^|nmod>case": -4.0}, {"hope|NOUN": 0.3},
                                     {"origin=tag": 3.0})
    assert len(QuoteFinder(cues=lexicon, model=model, content_model=content)(_doc(rows)).spans["sd_quotes"]) == 0


def test_noun_cue_owned_by_a_pronoun_speaks_for_the_subject_of_its_verb(tmp_path):
    from storydesk.nlp.components.quotes import QuoteFinder

    # Lind offered her promise of a recount .   (PolNeAR's source is the one who offers)
    rows = [("Lind", "PROPN", 1, "nsubj", "Lind"), ("offered", "VERB", 1, "ROOT", "offer"),
            ("her", "PRON", 3, "nmod:poss", "her"), ("promise", "NOUN", 1, "obj", "promise"),
            ("of", "ADP", 6, "case", "of"), ("a", "DET", 6, "det", "a"), ("recount", "NOUN", 3, "nmod", "recount"),
            (".", "PUNCT", 1, "punct", ".")]
    content, model, lexicon = _files(tmp_path, {"d1=nmod|R": 2.0, "p=^|nmod>case": -4.0}, {"promise|NOUN": 0.3},
                                     {"origin=tag": 3.0})
    doc = QuoteFinder(cues=lexicon, model=model, content_model=content)(_doc(rows, ["B-PERSON"] + ["O"] * 7))
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "a recount" and doc.text[slice(*q._.sd_speaker)] == "Lind"


def test_cue_word_features_describe_the_word_and_its_clause():
    from storydesk.nlp.components.cue_lexicon import cue_word_features

    # Brandt alleged that the pumps failed .   ("alleged" parsed as an adjective, as small parsers do)
    rows = [("Brandt", "PROPN", 1, "nsubj", "Brandt"), ("alleged", "ADJ", 1, "ROOT", "alleged"),
            ("that", "SCONJ", 5, "mark", "that"), ("the", "DET", 4, "det", "the"), ("pumps", "NOUN", 5, "nsubj", "pump"),
            ("failed", "VERB", 1, "ccomp", "fail"), (".", "PUNCT", 1, "punct", ".")]
    feats = cue_word_features(_doc(rows, ["B-PERSON"] + ["O"] * 6)[1])
    assert "l=alleged|ADJ" in feats and "k=ADJ|ccomp:that" in feats and "lk=alleged|ccomp:that" in feats
    assert any(f.startswith(("subj=ent_PERSON", "subj=propn")) for f in feats)


def test_cue_detector_lets_the_tagger_read_a_word_outside_its_list(tmp_path):
    from storydesk.nlp.components.quotes import QuoteFinder

    content, model, lexicon = _files(tmp_path, {"d1=obj|R": 2.0, "d1=obl|R": -2.0}, {"praise|VERB": 0.3},
                                     {"origin=tag": 3.0})
    detector = tmp_path / "cue_model.json"
    detector.write_text(json.dumps({"weights": {"k=VERB|obj": 3.0}, "bias": -1.0, "threshold": 0.5}),
                        encoding="utf-8")
    ents = ["B-PERSON"] + ["O"] * 7
    finder = QuoteFinder(cues=lexicon, model=model, content_model=content, cue_model=str(detector))
    doc = finder(_doc(_CRITICISE, ents))
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "the harbour plan" and doc.text[slice(*q._.sd_cue)] == "criticised"
    off = QuoteFinder(cues=lexicon, model=model, content_model=content, cue_model="none")
    assert off.detector is None and len(off(_doc(_CRITICISE, ents)).spans["sd_quotes"]) == 0
    missing = QuoteFinder(cues=lexicon, model=model, content_model=content, cue_model=str(tmp_path / "no.json"))
    assert missing.detector is None
