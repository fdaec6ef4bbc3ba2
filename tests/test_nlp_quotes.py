"""Direct and indirect quotes: quote marks, split and multi-paragraph quotes, cues and speakers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from model_marks import needs_model
from parsed_docs import columns, parsed_doc
from parsed_docs import direct_speaker as _direct_speaker
from spacy.tokens import Doc

from storydesk.nlp.annotate import add_components, annotate_doc
from storydesk.nlp.components.quotes import find_quote_regions
from storydesk.records import Article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def nlp():
    from storydesk.nlp.annotate import load_pipeline

    return load_pipeline()


def _regions(text: str) -> list[str]:
    return [text[r.start:r.end] for r in find_quote_regions(text)]


# --- quote marks, no model needed ------------------------------------------------------------------

def test_straight_and_curly_quotes():
    assert _regions('He said "we will win" and “we will not lose.”') == ["we will win", "we will not lose."]


def test_apostrophes_are_not_quotes():
    assert _regions("It's Smith's plan, and the O'Briens' house isn't for sale.") == []


def test_single_quotes_split_around_a_cue():
    assert _regions("'We will win,' she said, 'and soon.'") == ["We will win", "and soon."]


def test_quote_running_over_paragraphs():
    text = "“The first part goes on\n\n“and ends here,” she said."
    regions = find_quote_regions(text)
    assert [text[r.start:r.end] for r in regions] == ["The first part goes on", "and ends here"]
    assert regions[0].close_mark is None and regions[1].paragraph == 1


def test_unbalanced_mark_does_not_swallow_the_next_paragraph():
    text = "He wrote “nothing more\n\nThe next paragraph is plain."
    assert _regions(text) == ["nothing more"]


# --- hand-parsed Docs, the components alone ----------------------------------------------------------

def _doc(nlp, rows, ents=None) -> Doc:
    """rows: (word, pos, head, dep)."""
    words, pos, heads, deps = columns(rows)
    return parsed_doc(nlp, words, pos=pos, heads=heads, deps=deps, ents=ents)


@pytest.fixture(scope="module")
def components():
    return add_components(spacy.blank("en"))


def test_direct_quote_with_cue_after_it(components):
    rows = [("“", "PUNCT", 4, "punct"), ("We", "PRON", 4, "nsubj"), ("will", "AUX", 4, "aux"),
            ("not", "PART", 4, "advmod"), ("pay", "VERB", 9, "ccomp"), (",", "PUNCT", 4, "punct"),
            ("”", "PUNCT", 4, "punct"), ("Vera", "PROPN", 8, "compound"), ("Lind", "PROPN", 9, "nsubj"),
            ("said", "VERB", 9, "ROOT"), (".", "PUNCT", 9, "punct")]
    doc = _doc(components, rows, ["O"] * 7 + ["B-PERSON", "I-PERSON", "O", "O"])
    aa = annotate_doc(Article(source="t", paragraphs=[doc.text]), doc)
    assert len(aa.quotes) == 1
    q = aa.quotes[0]
    assert (q.kind, q.content.text, q.cue.text, q.speaker.text) == ("direct", "We will not pay", "said", "Vera Lind")
    assert q.speaker_name == "Vera Lind"
    assert aa.sources[0].person == "Vera Lind" and aa.sources[0].kind == "quote"


def test_indirect_quote_with_that_clause(components):
    # Lind warned that prices would rise .
    rows = [("Lind", "PROPN", 1, "nsubj"), ("warned", "VERB", 1, "ROOT"), ("that", "SCONJ", 5, "mark"),
            ("prices", "NOUN", 5, "nsubj"), ("would", "AUX", 5, "aux"), ("rise", "VERB", 1, "ccomp"),
            (".", "PUNCT", 1, "punct")]
    doc = _doc(components, rows, ["B-PERSON"] + ["O"] * 6)
    (q,) = doc.spans["sd_quotes"]
    assert q.label_ == "indirect" and q.text == "that prices would rise"
    assert doc.text[slice(*q._.sd_speaker)] == "Lind" and q._.sd_cue_lemma == "warn"


def test_scare_quotes_are_not_statements(components):
    rows = [("It", "PRON", 1, "nsubj"), ("was", "AUX", 1, "ROOT"), ("a", "DET", 4, "det"), ("“", "PUNCT", 4, "punct"),
            ("win", "NOUN", 1, "attr"), ("”", "PUNCT", 4, "punct"), (".", "PUNCT", 1, "punct")]
    doc = _doc(components, rows)
    assert len(doc.spans["sd_quotes"]) == 0


# --- the bundled pipeline on hand-written sentences ---------------------------------------------------

def _annotate(nlp, *paragraphs: str):
    article = Article(source="test", paragraphs=list(paragraphs))
    return annotate_doc(article, nlp(article.text))


def _quote_with(aa, fragment: str):
    for q in aa.quotes:
        if fragment in q.content.text or any(fragment in p.text for p in q.parts):
            return q
    raise AssertionError(f"no quote containing {fragment!r}: {[q.content.text for q in aa.quotes]}")


@needs_model
def test_model_cue_after_quote(nlp):
    aa = _annotate(nlp, "“We will rebuild the bridge by spring,” Mayor Ellen Park said on Tuesday.")
    q = _quote_with(aa, "rebuild the bridge")
    assert q.kind == "direct" and q.speaker_name == "Ellen Park"


@needs_model
def test_model_inverted_cue_with_description(nlp):
    aa = _annotate(nlp, "“The numbers do not add up,” said Tomas Virta, an economist at the University of Halden.")
    q = _quote_with(aa, "numbers do not add up")
    assert q.speaker_name == "Tomas Virta"
    assert q.speaker_description and "economist" in q.speaker_description


@needs_model
def test_model_split_quote_is_one_statement(nlp):
    aa = _annotate(nlp, "“We are not going anywhere,” Rosa Quint said, “and we will keep the clinic open.”")
    q = _quote_with(aa, "not going anywhere")
    assert len(q.parts) == 2 and "keep the clinic open" in q.parts[1].text
    assert q.speaker_name == "Rosa Quint"


@needs_model
def test_model_quote_over_two_paragraphs(nlp):
    aa = _annotate(nlp, "Harald Berg, the port director, spoke to staff on Monday.",
                   "“The cranes will stay idle until the strike ends,” Berg said. “Nobody will be paid overtime.",
                   "“We expect talks to resume next week.”")
    q = _quote_with(aa, "Nobody will be paid overtime")
    assert q.speaker_name == "Harald Berg"
    assert any("talks to resume" in p.text for p in q.parts) or \
        _quote_with(aa, "talks to resume").speaker_name == "Harald Berg"


@needs_model
def test_model_colon_introduction(nlp):
    aa = _annotate(nlp, "Minister Ida Sorensen said: “The border will remain closed.”")
    q = _quote_with(aa, "border will remain closed")
    assert q.kind == "direct" and q.speaker_name == "Ida Sorensen"


@needs_model
def test_model_speaker_in_previous_sentence(nlp):
    aa = _annotate(nlp, "Karl Dunne was blunt. “This deal is dead and everybody knows it.”")
    q = _quote_with(aa, "This deal is dead")
    assert q.speaker_name == "Karl Dunne"


@needs_model
def test_model_statement_and_tweet(nlp):
    aa = _annotate(nlp, "“We regret the delay,” the Halden Rail Company said in a statement.",
                   "“Shameful decision,” Lena Marsh wrote on Twitter.")
    assert _quote_with(aa, "regret the delay").medium == "statement"
    tweet = _quote_with(aa, "Shameful decision")
    assert tweet.medium == "twitter" and tweet.speaker_name == "Lena Marsh"


@needs_model
def test_model_indirect_quotes(nlp):
    aa = _annotate(nlp, "Olav Stenberg said that the plant would close in March.",
                   "Nina Holt told the Halden Courier the talks had failed.",
                   "The union warned that more strikes were possible.")
    said = _quote_with(aa, "the plant would close")
    assert said.kind == "indirect" and said.speaker_name == "Olav Stenberg"
    told = _quote_with(aa, "the talks had failed")
    assert told.speaker_name == "Nina Holt" and told.via == ["Halden Courier"]
    assert _quote_with(aa, "more strikes were possible").cue.text == "warned"


# --- the bundled example corpus: planted quotes are found -------------------------------------------

def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\"“”‘’']", "", text).split())


@pytest.fixture(scope="module")
def example_annotations(annotated_examples):
    key, annotated = annotated_examples
    by_name = {}
    for name, meta in key["articles"].items():
        for aa in annotated:
            if (aa.article.title or "").strip() == meta.get("title", "").strip():
                by_name[name] = aa
    return key, by_name


@needs_model
def test_planted_quotes_are_found_with_their_speakers(example_annotations):
    key, by_name = example_annotations
    named = [it for it in key["items"] if it["type"] in {"quote_direct", "quote_indirect"}
             and it["expected"].get("named", True) and it["expected"].get("speaker")]
    missed = []
    for it in named:
        ev = it["evidence"][0]
        aa = by_name.get(ev["article"])
        found = None
        if aa is not None:
            frag = _norm(it["expected"].get("quote") or ev["text"])[:30]
            for q in aa.quotes:
                text = _norm(" ".join(p.text for p in q.parts) or q.content.text)
                if frag in text or text[:30] in _norm(ev["text"]):
                    found = q
                    break
        if found is None or found.speaker_name != it["expected"]["speaker"]:
            missed.append((it["id"], found.speaker_name if found else None))
    assert len(missed) <= len(named) // 5, f"{len(missed)} of {len(named)} planted quotes missed: {missed}"


def test_annotated_doc_survives_serialisation(components):
    # multiprocessing (nlp.pipe(n_process>1)) ships Docs as bytes: extension values must serialise
    rows = [("“", "PUNCT", 4, "punct"), ("We", "PRON", 4, "nsubj"), ("will", "AUX", 4, "aux"),
            ("not", "PART", 4, "advmod"), ("pay", "VERB", 8, "ccomp"), (",", "PUNCT", 4, "punct"),
            ("”", "PUNCT", 4, "punct"), ("Lind", "PROPN", 8, "nsubj"), ("said", "VERB", 8, "ROOT"),
            (".", "PUNCT", 8, "punct")]
    doc = _doc(components, rows, ["O"] * 7 + ["B-PERSON", "O", "O"])
    copy = Doc(components.vocab).from_bytes(doc.to_bytes())
    (q,) = copy.spans["sd_quotes"]
    assert copy.text[slice(*q._.sd_speaker)] == "Lind" and q._.sd_speaker_name == "Lind"


# --- learned cue frames (cues.json) --------------------------------------------------------------------

def _lexicon_file(tmp_path, frames: dict[str, float]) -> str:
    path = tmp_path / "cues.json"
    path.write_text(json.dumps({"frames": {k: {"n": 10, "hits": round(p * 10), "precision": p}
                                           for k, p in frames.items()}}), encoding="utf-8")
    return str(path)


def _learned_doc(tmp_path, rows, ents, frames: dict[str, float], precision: float = 0.2,
                 model: str = "none") -> Doc:
    from storydesk.nlp.components.quotes import QuoteFinder

    words, pos, heads, deps, lemmas = columns(rows)
    doc = parsed_doc(spacy.blank("en"), words, pos=pos, heads=heads, deps=deps, lemmas=lemmas, ents=ents, run=False)
    # model="none": these test the learned frames as the rules use them, without the trained scorer
    return QuoteFinder(cues=_lexicon_file(tmp_path, frames), cue_precision=precision, model=model)(doc)


_FRAMES = {"endorse|VERB|obj": 0.45, "claim|NOUN|acl": 0.5, "call|VERB|prep:for": 0.46,
           "visit|VERB|obj": 0.1}


def test_learned_verb_frame_gives_an_indirect_attribution(tmp_path):
    # Vera Lind endorsed the harbour plan .
    rows = [("Vera", "PROPN", 1, "compound", "Vera"), ("Lind", "PROPN", 2, "nsubj", "Lind"),
            ("endorsed", "VERB", 2, "ROOT", "endorse"), ("the", "DET", 5, "det", "the"),
            ("harbour", "NOUN", 5, "compound", "harbour"), ("plan", "NOUN", 2, "obj", "plan"),
            (".", "PUNCT", 2, "punct", ".")]
    doc = _learned_doc(tmp_path, rows, ["B-PERSON", "I-PERSON"] + ["O"] * 5, _FRAMES)
    (q,) = doc.spans["sd_quotes"]
    assert (q.label_, q.text, q._.sd_cue_lemma) == ("indirect", "the harbour plan", "endorse")
    assert doc.text[slice(*q._.sd_cue)] == "endorsed" and doc.text[slice(*q._.sd_speaker)] == "Vera Lind"


def test_learned_frame_with_preposition_keeps_it_in_the_cue(tmp_path):
    # Lind called for a new bridge .
    rows = [("Lind", "PROPN", 1, "nsubj", "Lind"), ("called", "VERB", 1, "ROOT", "call"),
            ("for", "ADP", 5, "case", "for"), ("a", "DET", 5, "det", "a"), ("new", "ADJ", 5, "amod", "new"),
            ("bridge", "NOUN", 1, "obl", "bridge"), (".", "PUNCT", 1, "punct", ".")]
    doc = _learned_doc(tmp_path, rows, ["B-PERSON"] + ["O"] * 6, _FRAMES)
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "a new bridge" and doc.text[slice(*q._.sd_cue)] == "called for"
    assert doc.text[slice(*q._.sd_speaker)] == "Lind"


def test_learned_noun_cue_takes_its_owner_as_source(tmp_path):
    # Lind 's claim that taxes would fall surprised nobody .
    rows = [("Lind", "PROPN", 2, "nmod:poss", "Lind"), ("'s", "PART", 0, "case", "'s"),
            ("claim", "NOUN", 7, "nsubj", "claim"), ("that", "SCONJ", 6, "mark", "that"),
            ("taxes", "NOUN", 6, "nsubj", "tax"), ("would", "AUX", 6, "aux", "would"),
            ("fall", "VERB", 2, "acl", "fall"), ("surprised", "VERB", 7, "ROOT", "surprise"),
            ("nobody", "PRON", 7, "obj", "nobody"), (".", "PUNCT", 7, "punct", ".")]
    doc = _learned_doc(tmp_path, rows, ["B-PERSON"] + ["O"] * 9, _FRAMES)
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "that taxes would fall" and q._.sd_cue_lemma == "claim"
    assert doc.text[slice(*q._.sd_speaker)] == "Lind"


def test_learned_frames_below_the_precision_threshold_are_ignored(tmp_path):
    # Lind visited the harbour .  ("visit|VERB|obj" was rarely a cue in training)
    rows = [("Lind", "PROPN", 1, "nsubj", "Lind"), ("visited", "VERB", 1, "ROOT", "visit"),
            ("the", "DET", 3, "det", "the"), ("harbour", "NOUN", 1, "obj", "harbour"),
            (".", "PUNCT", 1, "punct", ".")]
    doc = _learned_doc(tmp_path, rows, ["B-PERSON"] + ["O"] * 4, _FRAMES)
    assert len(doc.spans["sd_quotes"]) == 0


def test_packaged_cue_lexicon_loads():
    from storydesk.nlp.components.cue_lexicon import LEXICON, load_lexicon

    lexicon = load_lexicon(str(LEXICON), 0.2)
    assert len(lexicon) > 50
    assert all(len(k.split("|")) == 3 and 0.2 <= p <= 1 for k, p in lexicon.items())
    assert load_lexicon(str(LEXICON.with_name("missing.json"))) == {}


# --- the trained scorer (attribution_model.json) ------------------------------------------------------

_ENDORSE_ROWS = [("Vera", "PROPN", 1, "compound", "Vera"), ("Lind", "PROPN", 2, "nsubj", "Lind"),
                 ("endorsed", "VERB", 2, "ROOT", "endorse"), ("the", "DET", 5, "det", "the"),
                 ("harbour", "NOUN", 5, "compound", "harbour"), ("plan", "NOUN", 2, "obj", "plan"),
                 (".", "PUNCT", 2, "punct", ".")]
_ENDORSE_ENTS = ["B-PERSON", "I-PERSON"] + ["O"] * 5


def _model_file(tmp_path, weights: dict[str, float], bias: float = -1.0, threshold: float = 0.5) -> str:
    path = tmp_path / "attribution_model.json"
    path.write_text(json.dumps({"weights": weights, "bias": bias, "threshold": threshold}), encoding="utf-8")
    return str(path)


def test_scorer_keeps_a_proposal_it_scores_above_the_threshold(tmp_path):
    model = _model_file(tmp_path, {"origin=frame": 3.0})
    doc = _learned_doc(tmp_path, _ENDORSE_ROWS, _ENDORSE_ENTS, _FRAMES, model=model)
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "the harbour plan" and doc.text[slice(*q._.sd_speaker)] == "Vera Lind"


def test_scorer_rejects_a_proposal_the_frames_alone_would_keep(tmp_path):
    model = _model_file(tmp_path, {"origin=frame": 3.0, "lemma=endorse": -6.0})
    assert len(_learned_doc(tmp_path, _ENDORSE_ROWS, _ENDORSE_ENTS, _FRAMES, model=model).spans["sd_quotes"]) == 0
    # the same sentence without the scorer: the learned frame decides
    assert len(_learned_doc(tmp_path, _ENDORSE_ROWS, _ENDORSE_ENTS, _FRAMES).spans["sd_quotes"]) == 1


def test_scorer_keeps_one_reading_per_cue(tmp_path):
    # Lind warned that prices would rise .  (the that-clause rule and the learned frame both propose it)
    rows = [("Lind", "PROPN", 1, "nsubj", "Lind"), ("warned", "VERB", 1, "ROOT", "warn"),
            ("that", "SCONJ", 5, "mark", "that"), ("prices", "NOUN", 5, "nsubj", "price"),
            ("would", "AUX", 5, "aux", "would"), ("rise", "VERB", 1, "ccomp", "rise"), (".", "PUNCT", 1, "punct", ".")]
    model = _model_file(tmp_path, {"origin=frame": 1.0, "origin=ccomp": 3.0})
    doc = _learned_doc(tmp_path, rows, ["B-PERSON"] + ["O"] * 6, {"warn|VERB|ccomp": 0.8}, model=model)
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "that prices would rise" and q._.sd_cue_lemma == "warn"


def test_missing_scorer_falls_back_to_the_rules(tmp_path):
    from storydesk.nlp.components.quotes import QuoteFinder

    finder = QuoteFinder(model=str(tmp_path / "missing.json"))
    assert finder.model is None
    doc = _learned_doc(tmp_path, _ENDORSE_ROWS, _ENDORSE_ENTS, _FRAMES, model=str(tmp_path / "missing.json"))
    assert [q.text for q in doc.spans["sd_quotes"]] == ["the harbour plan"]


def test_packaged_scorer_loads():
    from storydesk.nlp.components.cue_lexicon import MODEL, load_model

    model = load_model(str(MODEL))
    assert model is not None and 0 < model.threshold < 1 and len(model.weights) > 100
    assert 0 <= model.score({"origin=ccomp": 1.0, "lemma=say": 1.0}) <= 1
    assert load_model(str(MODEL.with_name("missing.json"))) is None


@needs_model
def test_model_inanimate_subject_is_not_a_source(nlp):
    aa = _annotate(nlp, "The ferry remains at anchor off Brennholm, harbour officials said on Monday.")
    assert aa.quotes, "the parenthetical statement was not found"
    assert all(q.speaker is None or "ferry" not in q.speaker.text for q in aa.quotes)
    assert any(q.speaker is not None and "officials" in q.speaker.text for q in aa.quotes)


@needs_model
def test_model_common_noun_subject_speaks(nlp):
    aa = _annotate(nlp, "“We looked at every complaint about the new ferry timetable,” the moderator said.")
    q = _quote_with(aa, "every complaint")
    assert q.speaker is not None and "moderator" in q.speaker.text


@needs_model
def test_model_scorer_finds_an_indirect_statement(nlp):
    aa = _annotate(nlp, "Harbour master Teodor Vlasko warned that the pier would close for repairs next week.")
    q = _quote_with(aa, "the pier would close")
    assert q.kind == "indirect" and q.speaker is not None and "Vlasko" in q.speaker.text


def test_speaker_before_a_sentence_split_the_parser_made(components):
    # Tomas Breyer , director of Harbour Watch | , said the figures were worse .  (two roots: the parser
    # ended a "sentence" after the apposition, with no punctuation there)
    rows = [("Tomas", "PROPN", 1, "compound"), ("Breyer", "PROPN", 1, "ROOT"), (",", "PUNCT", 3, "punct"),
            ("director", "NOUN", 1, "appos"), ("of", "ADP", 6, "case"), ("Harbour", "PROPN", 6, "compound"),
            ("Watch", "PROPN", 3, "nmod"), (",", "PUNCT", 8, "punct"), ("said", "VERB", 8, "ROOT"),
            ("the", "DET", 10, "det"), ("figures", "NOUN", 12, "nsubj"), ("were", "AUX", 12, "cop"),
            ("worse", "ADJ", 8, "ccomp"), (".", "PUNCT", 8, "punct")]
    doc = _doc(components, rows, ["B-PERSON", "I-PERSON"] + ["O"] * 12)
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "the figures were worse" and doc.text[slice(*q._.sd_speaker)] == "Tomas Breyer"


def _tagged_doc(nlp, rows, ents=None, lemmas=None) -> Doc:
    """Like ``_doc`` with a fine-grained tag per row: (word, pos, tag, head, dep)."""
    words, pos, tags, heads, deps = columns(rows)
    return parsed_doc(nlp, words, pos=pos, tags=tags, heads=heads, deps=deps, ents=ents, lemmas=lemmas)


def test_name_mistagged_as_interjection_still_speaks(components):
    # “ We will not pay , ” Oakhurst said .   ("Oakhurst" tagged INTJ, as small taggers do with odd names)
    rows = [("“", "PUNCT", "``", 4, "punct"), ("We", "PRON", "PRP", 4, "nsubj"), ("will", "AUX", "MD", 4, "aux"),
            ("not", "PART", "RB", 4, "advmod"), ("pay", "VERB", "VB", 8, "ccomp"), (",", "PUNCT", ",", 4, "punct"),
            ("”", "PUNCT", "''", 4, "punct"), ("Oakhurst", "INTJ", "UH", 8, "nsubj"),
            ("said", "VERB", "VBD", 8, "ROOT"), (".", "PUNCT", ".", 8, "punct")]
    assert _direct_speaker(_tagged_doc(components, rows)) == "Oakhurst"


def test_second_verb_hung_in_the_reported_clause_keeps_the_speaker(components):
    # Lind said it was early but added , “ we will pay the full price . ”
    rows = [("Lind", "PROPN", "NNP", 1, "nsubj"), ("said", "VERB", "VBD", 1, "ROOT"), ("it", "PRON", "PRP", 4, "expl"),
            ("was", "AUX", "VBD", 4, "cop"), ("early", "ADJ", "JJ", 1, "ccomp"), ("but", "CCONJ", "CC", 6, "cc"),
            ("added", "VERB", "VBD", 4, "conj"), (",", "PUNCT", ",", 11, "punct"), ("“", "PUNCT", "``", 11, "punct"),
            ("we", "PRON", "PRP", 11, "nsubj"), ("will", "AUX", "MD", 11, "aux"),
            ("pay", "VERB", "VB", 1, "parataxis"), ("the", "DET", "DT", 14, "det"), ("full", "ADJ", "JJ", 14, "amod"),
            ("price", "NOUN", "NN", 11, "obj"), (".", "PUNCT", ".", 11, "punct"), ("”", "PUNCT", "''", 11, "punct")]
    assert _direct_speaker(_tagged_doc(components, rows, ["B-PERSON"] + ["O"] * 16)) == "Lind"


def test_issuer_of_a_statement_speaks_through_saying(components):
    # Varga issued a statement saying “ we are sorry for the delay . ”
    rows = [("Varga", "PROPN", "NNP", 1, "nsubj"), ("issued", "VERB", "VBD", 1, "ROOT"), ("a", "DET", "DT", 3, "det"),
            ("statement", "NOUN", "NN", 1, "obj"), ("saying", "VERB", "VBG", 3, "acl"),
            ("“", "PUNCT", "``", 8, "punct"), ("we", "PRON", "PRP", 8, "nsubj"), ("are", "AUX", "VBP", 8, "cop"),
            ("sorry", "ADJ", "JJ", 4, "ccomp"), ("for", "ADP", "IN", 11, "case"), ("the", "DET", "DT", 11, "det"),
            ("delay", "NOUN", "NN", 8, "obl"), (".", "PUNCT", ".", 8, "punct"), ("”", "PUNCT", "''", 8, "punct")]
    assert _direct_speaker(_tagged_doc(components, rows, ["B-PERSON"] + ["O"] * 13)) == "Varga"


def test_parenthetical_cue_with_two_subjects_takes_the_one_before_it(components):
    # The news , Lind said , is that prices fell .   (the parse gives "said" both "news" and "Lind")
    from storydesk.nlp.components._common import subject_of

    rows = [("The", "DET", "DT", 1, "det"), ("news", "NOUN", "NN", 4, "nsubj"), (",", "PUNCT", ",", 1, "punct"),
            ("Lind", "PROPN", "NNP", 4, "nsubj"), ("said", "VERB", "VBD", 6, "parataxis"),
            (",", "PUNCT", ",", 4, "punct"), ("is", "AUX", "VBZ", 6, "ROOT"), ("that", "SCONJ", "IN", 9, "mark"),
            ("prices", "NOUN", "NNS", 9, "nsubj"), ("fell", "VERB", "VBD", 6, "ccomp"), (".", "PUNCT", ".", 6, "punct")]
    doc = _tagged_doc(components, rows, ["O", "O", "O", "B-PERSON"] + ["O"] * 7)
    assert subject_of(doc[4]).text == "Lind"


def test_participle_cue_takes_the_subject_of_the_verb_of_saying_before_it(components):
    # Lind said the port was safe , adding , “ we will open on Monday . ”  ("adding" hung on the content)
    rows = [("Lind", "PROPN", "NNP", 1, "nsubj"), ("said", "VERB", "VBD", 1, "ROOT"), ("the", "DET", "DT", 3, "det"),
            ("port", "NOUN", "NN", 5, "nsubj"), ("was", "AUX", "VBD", 5, "cop"), ("safe", "ADJ", "JJ", 1, "ccomp"),
            (",", "PUNCT", ",", 7, "punct"), ("adding", "VERB", "VBG", 5, "ccomp"), (",", "PUNCT", ",", 7, "punct"),
            ("“", "PUNCT", "``", 12, "punct"), ("we", "PRON", "PRP", 12, "nsubj"), ("will", "AUX", "MD", 12, "aux"),
            ("open", "VERB", "VB", 7, "ccomp"), ("on", "ADP", "IN", 14, "case"), ("Monday", "PROPN", "NNP", 12, "obl"),
            (".", "PUNCT", ".", 12, "punct"), ("”", "PUNCT", "''", 12, "punct")]
    doc = _tagged_doc(components, rows, ["B-PERSON"] + ["O"] * 16)
    finder = components.get_pipe("storydesk_quotes")
    spk = finder._speaker_for(doc[7], list(doc[:9]), [(doc[9].idx, len(doc.text))])
    assert spk is not None and spk.text == "Lind"


def test_any_verb_right_after_a_quote_ending_on_a_comma_is_its_cue(components):
    # “ We will open next spring , ” Lind continued .
    rows = [("“", "PUNCT", "``", 3, "punct"), ("We", "PRON", "PRP", 3, "nsubj"), ("will", "AUX", "MD", 3, "aux"),
            ("open", "VERB", "VB", 9, "ccomp"), ("next", "ADJ", "JJ", 5, "amod"), ("spring", "NOUN", "NN", 3, "obl"),
            (",", "PUNCT", ",", 3, "punct"), ("”", "PUNCT", "''", 3, "punct"), ("Lind", "PROPN", "NNP", 9, "nsubj"),
            ("continued", "VERB", "VBD", 9, "ROOT"), (".", "PUNCT", ".", 9, "punct")]
    doc = _tagged_doc(components, rows, ["O"] * 8 + ["B-PERSON", "O", "O"])
    (q,) = [q for q in doc.spans["sd_quotes"] if q.label_ == "direct"]
    assert doc.text[slice(*q._.sd_speaker)] == "Lind" and doc.text[slice(*q._.sd_cue)] == "continued"


def test_speaker_before_a_bracket_and_the_cue_is_found(components):
    # “ We will open next spring , ” Ana Voss ( D ) said .   (the parse hangs "Voss" on the quote)
    rows = [("“", "PUNCT", "``", 3, "punct"), ("We", "PRON", "PRP", 3, "nsubj"), ("will", "AUX", "MD", 3, "aux"),
            ("open", "VERB", "VB", 13, "ccomp"), ("next", "ADJ", "JJ", 5, "amod"), ("spring", "NOUN", "NN", 3, "obl"),
            (",", "PUNCT", ",", 3, "punct"), ("”", "PUNCT", "''", 3, "punct"), ("Ana", "PROPN", "NNP", 9, "compound"),
            ("Voss", "PROPN", "NNP", 5, "nmod"), ("(", "PUNCT", "-LRB-", 11, "punct"), ("D", "PROPN", "NNP", 9, "appos"),
            (")", "PUNCT", "-RRB-", 11, "punct"), ("said", "VERB", "VBD", 13, "ROOT"), (".", "PUNCT", ".", 13, "punct")]
    doc = _tagged_doc(components, rows, ["O"] * 8 + ["B-PERSON", "I-PERSON"] + ["O"] * 5)
    assert "Voss" in (_direct_speaker(doc) or "")


def test_active_verb_parsed_with_a_passive_subject_keeps_its_speaker(components):
    # As the Gazette reported , the mine will close next year .   ("Gazette" labelled nsubj:pass, no "was")
    rows = [("As", "SCONJ", "IN", 3, "mark"), ("the", "DET", "DT", 2, "det"), ("Gazette", "PROPN", "NNP", 3, "nsubj:pass"),
            ("reported", "VERB", "VBD", 8, "advcl"), (",", "PUNCT", ",", 3, "punct"), ("the", "DET", "DT", 6, "det"),
            ("mine", "NOUN", "NN", 8, "nsubj"), ("will", "AUX", "MD", 8, "aux"), ("close", "VERB", "VB", 8, "ROOT"),
            ("next", "ADJ", "JJ", 10, "amod"), ("year", "NOUN", "NN", 8, "obl"), (".", "PUNCT", ".", 8, "punct")]
    # lemmas as any real pipeline gives them: the trained scorer reads them
    lemmas = ["as", "the", "Gazette", "report", ",", "the", "mine", "will", "close", "next", "year", "."]
    # the speaker rule is under test, not the scorer's view of this bare hand parse (it scores just under
    # the threshold here; the real pipeline's parse of the sentence scores 0.62)
    finder = components.get_pipe("storydesk_quotes")
    saved, finder.threshold = finder.threshold, 0.3
    try:
        doc = _tagged_doc(components, rows, ["O", "B-ORG", "I-ORG"] + ["O"] * 9, lemmas)
    finally:
        finder.threshold = saved
    qs = [q for q in doc.spans["sd_quotes"] if "close" in q.text]
    assert qs and qs[0]._.sd_speaker and "Gazette" in doc.text[slice(*qs[0]._.sd_speaker)]


def test_name_after_a_dash_signs_the_quote_before_it(components):
    # “ We will pay nothing more . ” ¶ — Ana Voss .
    rows = [("“", "PUNCT", "``", 3, "punct"), ("We", "PRON", "PRP", 3, "nsubj"), ("will", "AUX", "MD", 3, "aux"),
            ("pay", "VERB", "VB", 3, "ROOT"), ("nothing", "PRON", "NN", 3, "obj"), ("more", "ADV", "RBR", 4, "advmod"),
            (".", "PUNCT", ".", 3, "punct"), ("”", "PUNCT", "''", 3, "punct"), ("\n\n", "SPACE", "_SP", 7, "dep"),
            ("—", "PUNCT", ":", 11, "punct"), ("Ana", "PROPN", "NNP", 11, "compound"), ("Voss", "PROPN", "NNP", 11, "ROOT"),
            (".", "PUNCT", ".", 11, "punct")]
    doc = _tagged_doc(components, rows, ["O"] * 10 + ["B-PERSON", "I-PERSON", "O"])
    assert _direct_speaker(doc) == "Ana Voss"


def test_participle_cue_speaks_for_the_subject_of_its_sentence(components):
    # Tarvik criticised the plan as weak , adding the port must close .   (the parse gives "adding" the
    # subject of what was added)
    rows = [("Tarvik", "PROPN", "NNP", 1, "nsubj"), ("criticised", "VERB", "VBD", 1, "ROOT"),
            ("the", "DET", "DT", 3, "det"), ("plan", "NOUN", "NN", 1, "obj"), ("as", "ADP", "IN", 5, "case"),
            ("weak", "ADJ", "JJ", 1, "obl"), (",", "PUNCT", ",", 7, "punct"), ("adding", "VERB", "VBG", 1, "advcl"),
            ("the", "DET", "DT", 9, "det"), ("port", "NOUN", "NN", 7, "nsubj"), ("must", "AUX", "MD", 11, "aux"),
            ("close", "VERB", "VB", 7, "ccomp"), (".", "PUNCT", ".", 1, "punct")]
    doc = _tagged_doc(components, rows, ["B-PERSON"] + ["O"] * 12)
    spk = components.get_pipe("storydesk_quotes")._speaker_for(doc[7], list(doc), [])
    assert spk is not None and spk.text == "Tarvik"


def test_speaker_before_a_long_apposition(components):
    # Patch , a former director of communications for the party in the northern state of Tarn until the
    # last election , said the count was slow .   ("said" left without a subject by the parse)
    words = ["Patch", ",", "a", "former", "director", "of", "communications", "for", "the", "party", "in", "the", "northern", "state", "of", "Tarn", "until", "the", "last", "election", ",", "said", "the", "count", "was", "slow", "."]
    said = words.index("said")
    rows = [(w, "PROPN" if w in {"Patch", "Tarn"} else "PUNCT" if w in {",", "."} else "NOUN", "NN", said, "dep")
            for w in words]
    rows[said] = ("said", "VERB", "VBD", said, "ROOT")
    rows[said + 2] = ("count", "NOUN", "NN", said + 4, "nsubj")
    rows[said + 4] = ("slow", "ADJ", "JJ", said, "ccomp")
    doc = _tagged_doc(components, rows, ["B-PERSON"] + ["O"] * (len(words) - 1))
    spk = components.get_pipe("storydesk_quotes")._speaker_for(doc[said], list(doc), [])
    assert spk is not None and spk.text == "Patch"
