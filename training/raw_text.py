"""Collect raw text for ``spacy pretrain`` (JSONL, one ``{"text": ...}`` per document).

Only training material and openly licensed text: UD EWT train, CoNLL-2003 train, GUM train, ECB+ train
topics (CC BY 3.0) and the UCI news headlines (CC BY 4.0). Never an evaluation split, and nothing from
PolNeAR or BASIL (their terms are evaluation and research only).

    python training/raw_text.py --data ../shared/data --out training/corpus/raw.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

from convert import gum_train_docs, read_conll_ner

ECB_TRAIN_TOPICS = {
    1,
    3,
    4,
    6,
    7,
    8,
    9,
    10,
    11,
    13,
    14,
    16,
    19,
    20,
    22,
    24,
    25,
    26,
    27,
    28,
    29,
    30,
    31,
    32,
    33,
}


def conllu_texts(path: Path) -> Iterator[str]:
    doc: list[str] = []
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith("# newdoc") and doc:
            yield " ".join(doc)
            doc = []
        elif line.startswith("# text = "):
            doc.append(line[9:])
    if doc:
        yield " ".join(doc)


def ecb_texts(folder: Path) -> Iterator[str]:
    token = re.compile(r'<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')
    for path in sorted(folder.rglob("*.xml")):
        topic = path.parent.name
        if not topic.isdigit() or int(topic) not in ECB_TRAIN_TOPICS:
            continue
        sents: dict[str, list[str]] = {}
        for sent, word in token.findall(path.read_text(encoding="utf8")):
            sents.setdefault(sent, []).append(word.replace("&amp;", "&").replace("&quot;", '"'))
        yield "\n".join(" ".join(words) for words in sents.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    texts = training_texts(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    words = n = 0
    with open(args.out, "w", encoding="utf8") as out:
        for chunk in chunks(texts):
            words += len(chunk.split())
            n += 1
            out.write(json.dumps({"text": chunk}) + "\n")
    print(f"{n} texts, {words} words -> {args.out}")


def training_texts(d: Path) -> list[str]:
    """The open training text under the shared data folder ``d`` (no evaluation split), one per document."""
    texts: list[str] = []
    texts += conllu_texts(d / "ud_en_ewt" / "en_ewt-ud-train.conllu")
    sents = read_conll_ner(d / "conll2003_en" / "eng.train.iob2.txt")
    texts += [
        "\n".join(" ".join(w for w, _ in s) for s in sents[i : i + 10]) for i in range(0, len(sents), 10)
    ]
    for doc_id in gum_train_docs(d / "gum"):
        path = d / "gum" / "dep" / f"{doc_id}.conllu"
        if path.exists():
            texts += conllu_texts(path)
    texts += ecb_texts(d / "ecbplus" / "ECB+_xml")
    with open(next((d / "uci_news_aggregator_subset").glob("*.csv")), encoding="utf8", newline="") as fh:
        titles = [row["TITLE"] for row in csv.DictReader(fh)]
    texts += ["\n".join(titles[i : i + 20]) for i in range(0, len(titles), 20)]
    return texts


def chunks(texts: list[str], max_words: int = 250) -> Iterator[str]:
    """Texts cut at line or sentence ends into pieces ``spacy pretrain`` keeps (it skips docs over 500
    tokens)."""
    for text in texts:
        piece: list[str] = []
        size = 0
        for part in re.split(r"(?<=[.!?\n])\s+", text):
            piece.append(part)
            size += len(part.split())
            if size >= max_words:
                yield " ".join(piece)
                piece, size = [], 0
        if piece and size:
            yield " ".join(piece)


if __name__ == "__main__":
    main()
