"""Where a pipeline spends its time: seconds per component, one process, over a CoNLL-U file's raw text.

    python training/profile_pipeline.py --model storydesk/models/en_storydesk_news \\
        --conllu ../shared/data/ud_en_ewt/en_ewt-ud-dev.conllu [--batch-size 64] [--repeat 2]

Each component runs over the whole file with its own ``pipe`` (batches of ``--batch-size`` docs), so the
time of one component is not mixed with the others'. The best of ``--repeat`` runs is printed (the
machine is shared; the minimum is the least disturbed figure). Documents are 20 sentences, as in
``benchmarks/nlp.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def profile(nlp, texts: list[str], *, batch_size: int) -> list[tuple[str, float]]:
    """Seconds spent by the tokenizer and by each component over ``texts``."""
    times: list[tuple[str, float]] = []
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    times.append(("tokenizer", time.perf_counter() - start))
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        times.append((name, time.perf_counter() - start))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--conllu", type=Path, required=True)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    import spacy

    from benchmarks.nlp import read_conllu

    nlp = spacy.load(args.model)
    texts = [g.text for g in read_conllu(args.conllu)]
    best: dict[str, float] = {}
    words = 0
    for _ in range(args.repeat):
        for name, seconds in profile(nlp, texts, batch_size=args.batch_size):
            best[name] = min(best.get(name, seconds), seconds)
    words = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    total = sum(best.values())
    print(f"model: {args.model}  tokens: {words}  batch size: {args.batch_size}  best of {args.repeat}")
    print("| step | seconds | share |")
    print("|---|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
    print(f"| total | {total:.2f} | {words / total:,.0f} tokens/s |")


if __name__ == "__main__":
    main()
