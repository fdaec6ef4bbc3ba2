"""Train small static word vectors for the syntax tok2vec, offline, from shared training text only.

    python training/vectors.py --data ../shared/data --out training/work/vectors/vectors-64d

Text: everything ``raw_text.py`` collects (EWT, CoNLL-2003 and GUM train, ECB+ train topics, UCI
headlines) plus, unless ``--open-only``, PolNeAR *train* articles, BASIL articles, MEANTIME *train*
sentences and the English pages of trafilatura_eval (text extracted with trafilatura). Never EWT dev (=
UNER EWT dev), CoNLL-2003 testa, PolNeAR dev, MEANTIME dev/test or ECB+ dev topics. PolNeAR and BASIL
state no licence (evaluation and research only), so vectors built with them carry research-use terms.

Steps: spaCy's English tokenizer (the same tokens the pipeline will look up), lowercased; gensim
FastText (skip-gram, character n-grams, so rare words get usable vectors); the ``--rows`` most frequent
words become vector rows and ``spacy init vectors --prune`` maps every other word seen at least
``--min-count`` times to its nearest kept row. Keys are LOWER, so "Senate", "senate" and "SENATE" share
a row. gensim is a training-only dependency: the shipped pipeline stores the finished table.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from raw_text import training_texts

HERE = Path(__file__).resolve().parent
# Common English function words: a page is kept as English when they make up enough of its words.
ENGLISH = {
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "on",
    "with",
    "as",
    "was",
    "be",
    "by",
    "this",
    "are",
    "at",
    "from",
    "or",
    "have",
    "an",
    "not",
    "but",
}


def research_texts(d: Path) -> Iterator[str]:
    """Extra news text: PolNeAR train, BASIL, MEANTIME train (evaluation/research-use terms)."""
    for path in sorted((d / "polnear" / "data" / "train" / "text").glob("*.txt")):
        yield path.read_text(encoding="utf8")
    for path in sorted((d / "basil" / "articles").rglob("*.json")):
        article = json.loads(path.read_text(encoding="utf8"))
        body = article.get("body-paragraphs", "")
        # Stored as the Python repr of a list of paragraphs, each a list of sentences.
        try:
            paragraphs = ast.literal_eval(body) if isinstance(body, str) else body
        except (ValueError, SyntaxError):
            paragraphs = [[re.sub(r"[\[\]]+", " ", str(body))]]
        yield "\n".join([article.get("title", "")] + [" ".join(map(str, p)) for p in paragraphs])
    train = d / "meantime_en_processed" / "meantime_data" / "train_text.txt"
    if train.exists():
        sents: dict[tuple[str, str], list[str]] = {}
        for line in train.read_text(encoding="utf8").splitlines():
            cols = line.split("\t")
            if len(cols) == 4:
                sents.setdefault((cols[0], cols[1]), []).append(cols[3])
        yield "\n".join(" ".join(words) for words in sents.values())


def web_texts(d: Path) -> Iterator[str]:
    """Main text of the English pages of trafilatura_eval (only the text, never its labels)."""
    import trafilatura

    for path in sorted((d / "trafilatura_eval").rglob("*.html.gz")):
        try:
            html = gzip.decompress(path.read_bytes()).decode("utf8", errors="replace")
        except (OSError, EOFError):
            continue
        text = trafilatura.extract(html) or ""
        words = text.lower().split()
        if len(words) >= 50 and sum(w in ENGLISH for w in words) / len(words) >= 0.15:
            yield text


def tokenised(texts: list[str]) -> Iterator[list[str]]:
    """Lowercased spaCy tokens, one list per line of text (gensim's unit), whitespace dropped."""
    import spacy

    nlp = spacy.blank("en")
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                words = [t.lower_ for t in nlp.make_doc(line[:100_000]) if not t.is_space]
                if words:
                    yield words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--out", type=Path, required=True, help="spaCy vectors pipeline to write")
    parser.add_argument("--open-only", action="store_true", help="only the text raw_text.py uses")
    parser.add_argument("--no-web", action="store_true", help="leave out trafilatura_eval pages")
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--rows", type=int, default=20000, help="vector rows kept (the rest map to them)")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / "work" / "vectors", help="cache folder")
    args = parser.parse_args()
    d = args.data.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.time()

    sources = {"open": training_texts(d)}
    if not args.open_only:
        sources["research"] = list(research_texts(d))
        if not args.no_web:
            sources["web"] = list(web_texts(d))
    sentences: list[list[str]] = []
    for name, texts in sources.items():
        before = len(sentences)
        sentences += tokenised(texts)
        n = sum(len(s) for s in sentences[before:])
        print(f"{name}: {len(texts)} texts, {n} tokens", flush=True)
    counts = Counter(w for s in sentences for w in s)
    print(
        f"corpus: {len(sentences)} lines, {sum(counts.values())} tokens, {len(counts)} types "
        f"({time.time() - started:.0f} s)",
        flush=True,
    )

    from gensim.models import FastText

    model = FastText(
        sentences=sentences,
        vector_size=args.dim,
        window=5,
        min_count=args.min_count,
        sg=1,
        epochs=args.epochs,
        bucket=200_000,
        workers=args.workers,
        seed=1,
    )
    print(f"fastText trained ({time.time() - started:.0f} s)", flush=True)
    vocab = [w for w in model.wv.index_to_key if w.strip()]  # most frequent first
    text_file = args.work / f"vectors-{args.dim}d.txt"
    with open(text_file, "w", encoding="utf8") as fh:
        fh.write(f"{len(vocab)} {args.dim}\n")
        fh.writelines(word + " " + " ".join(f"{x:.5f}" for x in model.wv[word]) + "\n" for word in vocab)
    with open(args.work / "vectors-meta.json", "w", encoding="utf8") as fh:
        json.dump(
            {
                "sources": {k: len(v) for k, v in sources.items()},
                "tokens": sum(counts.values()),
                "types": len(counts),
                "words_with_vectors": len(vocab),
                "rows": args.rows,
                "dim": args.dim,
                "min_count": args.min_count,
                "epochs": args.epochs,
            },
            fh,
            indent=1,
        )
    cmd = [
        sys.executable,
        "-m",
        "spacy",
        "init",
        "vectors",
        "en",
        str(text_file),
        str(args.out),
        "--attr",
        "LOWER",
        "--name",
        "storydesk_news.vectors",
    ]
    if len(vocab) > args.rows:
        cmd += ["--prune", str(args.rows)]
    subprocess.run(cmd, check=True)
    print(
        f"{len(vocab)} words, {min(len(vocab), args.rows)} rows x {args.dim} -> {args.out} "
        f"({time.time() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
