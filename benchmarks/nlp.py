"""Score a spaCy pipeline on CoNLL-U (syntax) and NER files, and measure its speed, in one table.

    python benchmarks/nlp.py --model storydesk/models/en_storydesk_news \\
        --conllu ../shared/data/ud_en_ewt/en_ewt-ud-dev.conllu \\
        --ner ../shared/data/conll2003_en/eng.testa.iob2.txt ../shared/data/uner_en_ewt/en_ewt-ud-dev.iob2

Syntax (CoNLL-U): the pipeline reads each document's raw text (``# text`` and ``SpaceAfter=No``); its
tokens are aligned to the gold words by characters, and a gold word without a one-to-one predicted token
counts as wrong. UPOS accuracy, UAS and LAS over all words, punctuation included, labels compared on their
universal part (``nmod:poss`` = ``nmod``), as in the CoNLL 2018 shared task; sentence F1 on exact
character spans.

NER: CoNLL-2003 (4 columns, ``-DOCSTART-``) or IOB2 token-per-line files (``id token tag ...`` as in
UNER), the format is detected per file. The pipeline reads the tokens joined by single spaces;
entities match when start, end and label agree. Labels are mapped to PER/ORG/LOC: PERSON->PER,
GPE->LOC, FAC->LOC (CoNLL-2003 and UNER tag airports, stations and buildings as LOC); MISC, NORP and
every other label are ignored on both sides (CoNLL's MISC and OntoNotes' NORP cover different things,
so neither is scored).

Speed: words per second of ``nlp.pipe`` with ``--n-process`` workers (2 by default) over each file,
worker start-up included.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NER_LABEL_MAP = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
SCORED_LABELS = ("PER", "ORG", "LOC")


# ---------------------------------------------------------------------------------------------- readers


@dataclass
class GoldWord:
    form: str
    upos: str
    head: int  # index in the document (itself for a root)
    deprel: str
    space: bool


@dataclass
class GoldSyntaxDoc:
    words: list[GoldWord] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)  # word indexes

    @property
    def text(self) -> str:
        return "".join(w.form + (" " if w.space else "") for w in self.words)


def read_conllu(path: Path, *, sents_per_doc: int = 20) -> list[GoldSyntaxDoc]:
    """Documents of a CoNLL-U file (``# newdoc`` marks them; else every ``sents_per_doc`` sentences)."""
    docs: list[GoldSyntaxDoc] = []
    sent: list[tuple] = []
    newdoc = False
    has_newdoc = False
    n_in_doc = 0
    mwt_end, mwt_space = 0, True

    def flush() -> None:
        nonlocal sent, n_in_doc, newdoc, mwt_end
        if not sent:
            return
        if not docs or newdoc or (not has_newdoc and n_in_doc >= sents_per_doc):
            docs.append(GoldSyntaxDoc())
            n_in_doc = 0
            newdoc = False
        doc = docs[-1]
        offset = len(doc.words)
        doc.sent_starts.append(offset)
        for i, (form, upos, head, deprel, space) in enumerate(sent):
            doc.words.append(
                GoldWord(form, upos, offset + head - 1 if head > 0 else offset + i, deprel, space)
            )
        doc.words[-1].space = True
        n_in_doc += 1
        sent = []

    for line in path.read_text(encoding="utf8").splitlines():
        if not line.strip():
            flush()
            mwt_end = 0
            continue
        if line.startswith("#"):
            if line.startswith("# newdoc"):
                flush()
                newdoc = has_newdoc = True
            continue
        cols = line.split("\t")
        if len(cols) < 10 or "." in cols[0]:
            continue
        if "-" in cols[0]:
            mwt_end = int(cols[0].split("-")[1])
            mwt_space = "SpaceAfter=No" not in cols[9]
            continue
        idx = int(cols[0])
        if idx < mwt_end:
            space = False
        elif idx == mwt_end:
            space = mwt_space
        else:
            space = "SpaceAfter=No" not in cols[9]
        sent.append((cols[1], cols[3], int(cols[6]) if cols[6].isdigit() else 0, cols[7], space))
    flush()
    return docs


@dataclass
class GoldNerDoc:
    tokens: list[str] = field(default_factory=list)
    spans: set[tuple[int, int, str]] = field(default_factory=set)  # char offsets in text, mapped label

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def _iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans (start, end, label) of IOB1/IOB2 tags; an I- after O or another label opens a span."""
    spans = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        if tag == "O" or prefix == "B" or (prefix == "I" and lab != label) or prefix not in {"B", "I"}:
            if start is not None:
                spans.append((start, i, label))
                start, label = None, None
            if prefix in {"B", "I"} and tag != "O":
                start, label = i, lab
    return spans


def read_ner(path: Path, *, sents_per_doc: int = 20) -> list[GoldNerDoc]:
    """Documents of a CoNLL-2003 or IOB2 token-per-line file, gold spans mapped to PER/ORG/LOC."""
    lines = path.read_text(encoding="utf8").splitlines()
    sents: list[tuple[list[str], list[str]]] = []
    doc_breaks: set[int] = set()  # sentence indexes that start a document
    words: list[str] = []
    tags: list[str] = []
    for line in [*lines, ""]:
        if line.startswith(("-DOCSTART-", "# newdoc")) or not line.strip():
            if words:
                sents.append((words, tags))
                words, tags = [], []
            if not line.startswith(("-DOCSTART-", "# newdoc")):
                continue
            doc_breaks.add(len(sents))
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        if len(cols) >= 3 and cols[0].isdigit() and ("\t" in line):
            word, tag = cols[1], cols[2]  # UNER: id, token, tag, ...
        else:
            word, tag = cols[0], cols[-1]  # CoNLL-2003: token POS chunk tag
        words.append(word)
        tags.append(tag)
    docs: list[GoldNerDoc] = []
    n_in_doc = 0
    for i, (words, tags) in enumerate(sents):
        if not docs or i in doc_breaks or (not doc_breaks and n_in_doc >= sents_per_doc):
            docs.append(GoldNerDoc())
            n_in_doc = 0
        doc = docs[-1]
        starts = []
        pos = len(doc.text) + (1 if doc.tokens else 0)
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        for s, e, label in _iob_spans(tags):
            mapped = NER_LABEL_MAP.get(label)
            if mapped:
                doc.spans.add((starts[s], starts[e - 1] + len(words[e - 1]), mapped))
        doc.tokens.extend(words)
        n_in_doc += 1
    return docs


# ---------------------------------------------------------------------------------------------- scoring


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)


def predicted_spans(doc) -> set[tuple[int, int, str]]:
    """Entities of a predicted Doc as (start, end, PER/ORG/LOC), other labels dropped."""
    out = set()
    for ent in doc.ents:
        mapped = NER_LABEL_MAP.get(ent.label_)
        if mapped:
            out.add((ent.start_char, ent.end_char, mapped))
    return out


def score_ner(pairs: Iterable[tuple[set, set]]) -> dict[str, PRF]:
    """Entity-level counts per label and overall ("ALL") over (gold spans, predicted spans) pairs."""
    scores = {label: PRF() for label in (*SCORED_LABELS, "ALL")}
    for gold, pred in pairs:
        scores["ALL"].add(gold, pred)
        for label in SCORED_LABELS:
            scores[label].add({s for s in gold if s[2] == label}, {s for s in pred if s[2] == label})
    return scores


def _universal(label: str) -> str:
    return label.lower().split(":")[0]


@dataclass
class SyntaxScore:
    words: int = 0
    upos: int = 0
    uas: int = 0
    las: int = 0
    sents: PRF = field(default_factory=PRF)


def score_syntax(gold: GoldSyntaxDoc, doc, score: SyntaxScore) -> None:
    """Add one document's UPOS/UAS/LAS/sentence counts; ``doc`` is the pipeline's Doc of ``gold.text``.

    Tokens are matched on exact character spans (the texts are identical), so a tokenisation error
    costs the words it touches and nothing else.
    """
    gold_spans = []
    pos = 0
    for w in gold.words:
        gold_spans.append((pos, pos + len(w.form)))
        pos += len(w.form) + (1 if w.space else 0)
    pred_index = {(t.idx, t.idx + len(t.text)): t for t in doc if not t.is_space}
    gold_to_pred = {i: pred_index.get(span) for i, span in enumerate(gold_spans)}
    pred_to_gold = {t.i: i for i, t in gold_to_pred.items() if t is not None}
    for i, w in enumerate(gold.words):
        score.words += 1
        tok = gold_to_pred[i]
        if tok is None:
            continue
        score.upos += tok.pos_ == w.upos
        head = pred_to_gold.get(tok.head.i)
        if head == w.head:
            score.uas += 1
            score.las += _universal(tok.dep_) == _universal(w.deprel)
    starts = [*gold.sent_starts, len(gold.words)]
    gold_sents = {(gold_spans[a][0], gold_spans[b - 1][1]) for a, b in pairwise(starts) if b > a}
    pred_sents = set()
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if toks:
                pred_sents.add((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    score.sents.add(gold_sents, pred_sents)


# ---------------------------------------------------------------------------------------------- running


def run_pipe(nlp, texts: list[str], *, n_process: int, batch_size: int) -> tuple[list, float]:
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    return docs, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="spaCy package name or path (default: storydesk's)")
    parser.add_argument("--conllu", type=Path, nargs="*", default=[], help="CoNLL-U files (syntax)")
    parser.add_argument("--ner", type=Path, nargs="*", default=[], help="CoNLL-2003 or IOB2 files (NER)")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)
    if not args.conllu and not args.ner:
        parser.error("give at least one --conllu or --ner file")

    from storydesk.nlp.pipeline import load_base_pipeline, resolve_model

    nlp = load_base_pipeline(args.model)
    rows: list[tuple[str, str, str]] = []
    total_words, total_time = 0, 0.0
    for path in args.conllu:
        gold_docs = read_conllu(path)
        docs, seconds = run_pipe(
            nlp, [g.text for g in gold_docs], n_process=args.n_process, batch_size=args.batch_size
        )
        score = SyntaxScore()
        for gold, doc in zip(gold_docs, docs):
            score_syntax(gold, doc, score)
        n = score.words or 1
        total_words += score.words
        total_time += seconds
        rows += [
            (path.name, "words", str(score.words)),
            (path.name, "UPOS accuracy", f"{score.upos / n:.4f}"),
            (path.name, "UAS", f"{score.uas / n:.4f}"),
            (path.name, "LAS", f"{score.las / n:.4f}"),
            (path.name, "sentence F1", f"{score.sents.f:.4f}"),
            (path.name, "words/s", f"{score.words / seconds:,.0f}"),
        ]
    for path in args.ner:
        gold_docs = read_ner(path)
        docs, seconds = run_pipe(
            nlp, [g.text for g in gold_docs], n_process=args.n_process, batch_size=args.batch_size
        )
        scores = score_ner((g.spans, predicted_spans(d)) for g, d in zip(gold_docs, docs))
        words = sum(len(g.tokens) for g in gold_docs)
        total_words += words
        total_time += seconds
        rows.append((path.name, "words", str(words)))
        for label in (*SCORED_LABELS, "ALL"):
            s = scores[label]
            name = "NER overall" if label == "ALL" else f"NER {label}"
            rows.append((path.name, f"{name} P/R/F1", f"{s.p:.4f} / {s.r:.4f} / {s.f:.4f}"))
        rows.append((path.name, "words/s", f"{words / seconds:,.0f}"))
    rows.append(("all files", f"words/s (n_process={args.n_process})", f"{total_words / total_time:,.0f}"))

    print(f"model: {resolve_model(args.model)}  pipeline: {', '.join(nlp.pipe_names)}")
    width = [max(len(r[i]) for r in rows + [("data", "metric", "value")]) for i in range(3)]
    print(f"| {'data':<{width[0]}} | {'metric':<{width[1]}} | {'value':>{width[2]}} |")
    print(f"|{'-' * (width[0] + 2)}|{'-' * (width[1] + 2)}|{'-' * (width[2] + 1)}:|")
    for data, metric, value in rows:
        print(f"| {data:<{width[0]}} | {metric:<{width[1]}} | {value:>{width[2]}} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
