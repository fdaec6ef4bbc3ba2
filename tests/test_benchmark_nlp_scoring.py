"""The NLP benchmark's readers and scorers, on tiny hand-made files and hand-built Docs."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from repo_scripts import load_script
from spacy.tokens import Doc

bench = load_script("benchmarks/nlp.py")

CONLLU = """\
# newdoc id = doc-a
# sent_id = 1
# text = Mira Quell didn't sleep.
1	Mira	Mira	PROPN	NNP	_	5	nsubj	_	_
2	Quell	Quell	PROPN	NNP	_	1	flat	_	_
3-4	didn't	_	_	_	_	_	_	_	_
3	did	do	AUX	VBD	_	5	aux	_	_
4	n't	not	PART	RB	_	5	advmod	_	_
5	sleep	sleep	VERB	VB	_	0	root	_	SpaceAfter=No
6	.	.	PUNCT	.	_	5	punct	_	_

# sent_id = 2
# text = She left.
1	She	she	PRON	PRP	_	2	nsubj	_	_
2	left	leave	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

"""

CONLL2003 = """\
-DOCSTART- -X- -X- O

Tarn NNP B-NP B-ORG
Mills NNP I-NP I-ORG
hired VBD B-VP O
Oda NNP B-NP B-PER
Venn NNP I-NP I-PER
in IN B-PP O
Corvale NNP B-NP B-LOC
. . O O

-DOCSTART- -X- -X- O

Zemlish JJ B-NP B-MISC
fans NNS I-NP O
"""

UNER = """\
# newdoc id = d1
# sent_id = d1-1
# text = ask Oda Venn about Corvale
1\task\tO\t-\t-
2\tOda\tB-PER\t-\t-
3\tVenn\tI-PER\t-\t-
4\tabout\tO\t-\t-
5\tCorvale\tB-LOC\t-\t-

"""


@pytest.fixture()
def nlp():
    return spacy.blank("en")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf8")
    return path


def _gold_doc(nlp, gold: bench.GoldSyntaxDoc, **changes) -> Doc:
    """A predicted Doc equal to the gold one, except for ``changes`` {index: (head, dep)}."""
    heads = [w.head for w in gold.words]
    deps = [("ROOT" if w.deprel == "root" else w.deprel) for w in gold.words]
    for i, (head, dep) in changes.get("edits", {}).items():
        heads[i], deps[i] = head, dep
    return Doc(
        nlp.vocab,
        words=[w.form for w in gold.words],
        spaces=[w.space for w in gold.words],
        pos=[w.upos for w in gold.words],
        heads=heads,
        deps=deps,
        sent_starts=[i in gold.sent_starts for i in range(len(gold.words))],
    )


def test_conllu_reader_rebuilds_text_with_multiword_tokens(tmp_path):
    docs = bench.read_conllu(_write(tmp_path, "a.conllu", CONLLU))
    assert len(docs) == 1
    assert docs[0].text == "Mira Quell didn't sleep. She left. "
    assert docs[0].sent_starts == [0, 6]
    assert [w.head for w in docs[0].words][:6] == [4, 0, 4, 4, 4, 4]
    assert docs[0].words[6].head == 7  # "She" -> "left", offset by the first sentence


def test_perfect_prediction_scores_one(tmp_path, nlp):
    gold = bench.read_conllu(_write(tmp_path, "a.conllu", CONLLU))[0]
    score = bench.SyntaxScore()
    bench.score_syntax(gold, _gold_doc(nlp, gold), score)
    assert score.words == 9
    assert (score.upos, score.uas, score.las) == (9, 9, 9)
    assert score.sents.f == 1.0


def test_wrong_head_and_label_subtypes(tmp_path, nlp):
    gold = bench.read_conllu(_write(tmp_path, "a.conllu", CONLLU))[0]
    # "Quell" attached to "sleep" (wrong head); "did" labelled aux:pass (same universal relation).
    pred = _gold_doc(nlp, gold, edits={1: (4, "flat"), 2: (4, "aux:pass")})
    score = bench.SyntaxScore()
    bench.score_syntax(gold, pred, score)
    assert score.uas == 8
    assert score.las == 8


def test_wrong_label_costs_las_not_uas(tmp_path, nlp):
    gold = bench.read_conllu(_write(tmp_path, "a.conllu", CONLLU))[0]
    pred = _gold_doc(nlp, gold, edits={0: (4, "obj")})
    score = bench.SyntaxScore()
    bench.score_syntax(gold, pred, score)
    assert (score.uas, score.las) == (9, 8)


def test_tokenisation_error_counts_as_wrong(tmp_path, nlp):
    gold = bench.read_conllu(_write(tmp_path, "a.conllu", CONLLU))[0]
    # "didn't" left as one token: the gold words "did" and "n't" have no matching predicted token.
    words = ["Mira", "Quell", "didn't", "sleep", ".", "She", "left", "."]
    spaces = [True, True, True, False, True, True, False, True]
    pred = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        pos=["PROPN"] * 8,
        sent_starts=[True, False, False, False, False, True, False, False],
    )
    score = bench.SyntaxScore()
    bench.score_syntax(gold, pred, score)
    assert score.words == 9
    assert score.upos == 2  # the two PROPN words
    assert score.sents.f == 1.0


def test_conll2003_reader_maps_labels_and_drops_misc(tmp_path):
    docs = bench.read_ner(_write(tmp_path, "eng.txt", CONLL2003))
    assert len(docs) == 2
    text = docs[0].text
    assert {(text[s:e], label) for s, e, label in docs[0].spans} == {
        ("Tarn Mills", "ORG"),
        ("Oda Venn", "PER"),
        ("Corvale", "LOC"),
    }
    assert docs[1].spans == set()


def test_iob2_token_per_line_reader(tmp_path):
    docs = bench.read_ner(_write(tmp_path, "dev.iob2", UNER))
    assert docs[0].tokens == ["ask", "Oda", "Venn", "about", "Corvale"]
    text = docs[0].text
    assert {(text[s:e], label) for s, e, label in docs[0].spans} == {("Oda Venn", "PER"), ("Corvale", "LOC")}


def test_iob1_style_i_after_o_opens_a_span():
    assert bench._iob_spans(["O", "I-PER", "I-PER", "I-LOC", "O"]) == [(1, 3, "PER"), (3, 4, "LOC")]


def test_predicted_labels_are_mapped_and_others_ignored(nlp):
    text = "Oda Venn flew from Corvale with Zemlish friends"
    doc = nlp(text)
    span = {
        word: (text.index(word), text.index(word) + len(word)) for word in ("Oda Venn", "Corvale", "Zemlish")
    }
    doc.ents = [
        doc.char_span(*span["Oda Venn"], label="PERSON"),
        doc.char_span(*span["Corvale"], label="GPE"),
        doc.char_span(*span["Zemlish"], label="NORP"),
    ]
    assert bench.predicted_spans(doc) == {(*span["Oda Venn"], "PER"), (*span["Corvale"], "LOC")}


def test_ner_precision_recall_f1():
    gold = {(0, 8, "PER"), (18, 25, "LOC"), (30, 35, "ORG")}
    pred = {(0, 8, "PER"), (18, 25, "ORG"), (40, 44, "LOC")}
    scores = bench.score_ner([(gold, pred)])
    assert (scores["ALL"].tp, scores["ALL"].fp, scores["ALL"].fn) == (1, 2, 2)
    assert scores["ALL"].p == pytest.approx(1 / 3)
    assert scores["ALL"].r == pytest.approx(1 / 3)
    assert scores["PER"].f == 1.0
    assert scores["LOC"].tp == 0 and scores["LOC"].fn == 1 and scores["LOC"].fp == 1
    assert scores["ORG"].f == 0.0
