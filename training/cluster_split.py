"""Tune the story-split settings (``split_ncut``, ``split_min_size``) on ECB+ TRAIN topics.

    python training/cluster_split.py --data ../shared/data [--reps 5] [--folds 5]

Clusters the 25 ECB+ train topics (and BASIL, as a check) once per grid point with
``cluster_articles``, prints the in-sample sub-topic B^3 F1 of each point, then a leave-topics-out
cross-validation: for each fold the point best on the other folds' topics is scored on the fold's
topics (repeated over shuffles). Dev topics are never read. Prints one table.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import clustering as bench

from storydesk.group.stories import cluster_articles
from storydesk.options import GroupOptions

NCUTS = [0.0, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
MIN_SIZES = [2, 3, 4]


def _f1(pred: dict[str, str], gold: dict[str, str], keep: set[str] | None = None) -> float:
    ids = [a for a in gold if keep is None or a in keep]
    return bench.bcubed({a: pred[a] for a in ids}, {a: gold[a] for a in ids})[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--reps", type=int, default=5, help="shuffles of the topic folds")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    arts, topic, sub = bench.load_ecbplus(args.data / "ecbplus", bench.ECB_TRAIN)
    basil = bench.load_basil(args.data / "basil") if (args.data / "basil").is_dir() else None
    preds: dict[tuple[float, int], dict[str, str]] = {}
    print("| split_ncut | split_min_size | ECB+ train sub-topic B3 F1 | BASIL B3 F1 |")
    print("|---:|---:|---:|---:|")
    for nc, m in itertools.product(NCUTS, MIN_SIZES):
        opts = GroupOptions(split_ncut=nc, split_min_size=m)
        preds[(nc, m)] = {a: s.id for s in cluster_articles(arts, opts) for a in s.article_ids}
        b = "-"
        if basil is not None:
            bp = {a: s.id for s in cluster_articles(basil[0], opts) for a in s.article_ids}
            b = f"{_f1(bp, basil[1]):.3f}"
        print(f"| {nc} | {m} | {_f1(preds[(nc, m)], sub):.3f} | {b} |", flush=True)
    topics = sorted(set(topic.values()), key=int)
    rng = random.Random(0)
    for rep in range(args.reps):
        order = topics[:]
        rng.shuffle(order)
        total, picks = 0.0, []
        for k in range(args.folds):
            held = set(order[k :: args.folds])
            train_ids = {a for a in sub if topic[a] not in held}
            test_ids = {a for a in sub if topic[a] in held}
            best = max(preds, key=lambda v: _f1(preds[v], sub, train_ids))
            total += _f1(preds[best], sub, test_ids) * len(test_ids)
            picks.append(best)
        print(f"CV shuffle {rep}: held-out sub-topic B3 F1 {total / len(sub):.3f}, picked {picks}")


if __name__ == "__main__":
    main()
