"""Story clustering and near-duplicate detection quality.

    python benchmarks/clustering.py --data ../shared/data [--split dev|train|all] [--tune]

Datasets (any of them may be absent; each is skipped with a note):
  ecbplus/   ECB+ topics: gold = topic, and sub-topic (*ecb.xml vs *ecbplus.xml within a topic). The
             whole document text is clustered (no dates in ECB+, so time plays no part).
  basil/     BASIL: 3 articles per story (NYT, Fox, HuffPost), all stories mixed, with dates.
  uci_news_aggregator_subset/  headlines + publisher + timestamp, gold story id.
  near-dup:  a synthetic set built here from BASIL articles: each article gets an edited copy
             (new headline; a few sentences edited, added or removed); negatives are the other
             articles of the same story. Scored as copy->canonical pairs.

Metrics: B^3 precision/recall/F1 (Bagga & Baldwin 1998) and pairwise precision/recall/F1.
``--tune`` grid-searches story_threshold, entity_weight, year_weight and split_ncut on ECB+ TRAIN topics
(sub-topic B^3 F1) and reports the chosen values; dev figures are then computed with them
(``training/cluster_split.py`` cross-validates the split settings over train topics). Prints one table.
"""

from __future__ import annotations

import argparse
import ast
import csv
import itertools
import json
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storydesk.group.dedup import find_duplicates  # noqa: E402
from storydesk.group.stories import cluster_articles  # noqa: E402
from storydesk.options import GroupOptions  # noqa: E402
from storydesk.records import Article  # noqa: E402

ECB_DEV = {2, 5, 12, 18, 21, 23, 34, 35}
ECB_TRAIN = {1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33}


# ---- metrics ------------------------------------------------------------------------------------
def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    items = list(gold)
    pc, gc = defaultdict(set), defaultdict(set)
    for i in items:
        pc[pred[i]].add(i)
        gc[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        inter = len(pc[pred[i]] & gc[gold[i]])
        p += inter / len(pc[pred[i]])
        r += inter / len(gc[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    def pairs(lab: dict[str, str]) -> set[tuple[str, str]]:
        groups = defaultdict(list)
        for i, c in lab.items():
            groups[c].append(i)
        return {tuple(sorted(x)) for g in groups.values() for x in itertools.combinations(g, 2)}

    pp, gp = pairs(pred), pairs(gold)
    tp = len(pp & gp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---- loaders ------------------------------------------------------------------------------------
_NOSPACE_BEFORE = re.compile(r"\s+([.,;:!?%)\]'’]|n't|'s)")
_NOSPACE_AFTER = re.compile(r"([(\[$])\s+")


def _detok(tokens: list[str]) -> str:
    return _NOSPACE_AFTER.sub(r"\1", _NOSPACE_BEFORE.sub(r"\1", " ".join(tokens)))


def load_ecbplus(root: Path, topics: set[int]) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    arts, topic_gold, sub_gold = [], {}, {}
    base = root / "ECB+_xml"
    for tdir in sorted(base.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if not tdir.name.isdigit() or int(tdir.name) not in topics:
            continue
        for f in sorted(tdir.glob("*.xml")):
            sents: dict[int, list[str]] = defaultdict(list)
            for tok in ET.parse(f).getroot().iter("token"):
                sents[int(tok.get("sentence", 0))].append(tok.text or "")
            lines = [_detok(sents[k]) for k in sorted(sents)]
            lines = [s for s in lines if "http" not in s and "www ." not in s and s.strip()]
            if not lines:
                continue
            sub = "ecbplus" if f.name.endswith("ecbplus.xml") else "ecb"
            a = Article(source=str(f), title=lines[0], paragraphs=lines[1:] or lines[:1], outlet=None)
            a = a.model_copy(update={"id": f.stem})
            arts.append(a)
            topic_gold[a.id] = tdir.name
            sub_gold[a.id] = f"{tdir.name}-{sub}"
    return arts, topic_gold, sub_gold


def load_basil(root: Path) -> tuple[list[Article], dict[str, str]]:
    arts, gold = [], {}
    for f in sorted((root / "articles").glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        paras = d.get("body-paragraphs") or []
        if isinstance(paras, str):
            paras = ast.literal_eval(paras)
        paras = [" ".join(p) if isinstance(p, list) else str(p) for p in paras]
        a = Article(source=str(f), title=d.get("title"), paragraphs=[p for p in paras if p.strip()],
                    outlet=d.get("source"), published=d.get("date"))
        a = a.model_copy(update={"id": f.stem})
        arts.append(a)
        gold[a.id] = d.get("triplet-uuid") or f.stem.rsplit("_", 1)[0]
    return arts, gold


def load_uci(root: Path) -> tuple[list[Article], dict[str, str]]:
    arts, gold = [], {}
    files = sorted(root.glob("*.csv"))
    with files[0].open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ts = datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC).isoformat()
            a = Article(source=row["URL"], title=row["TITLE"], paragraphs=[], outlet=row["PUBLISHER"],
                        published=ts)
            a = a.model_copy(update={"id": f"uci{row['ID']}"})
            arts.append(a)
            gold[a.id] = row["STORY"]
    return arts, gold


# ---- near-duplicates ---------------------------------------------------------------------------
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def make_near_dups(arts: list[Article], gold: dict[str, str], seed: int = 13
                   ) -> tuple[list[Article], set[tuple[str, str]]]:
    """Each article plus an edited copy: new headline, 1-3 sentences edited, one added, one removed."""
    rng = random.Random(seed)
    pool = [s for a in arts for p in a.paragraphs for s in _SENT.split(p) if len(s) > 40]
    out, pairs = [], set()
    for a in arts:
        sents = [s for p in a.paragraphs for s in _SENT.split(p) if s.strip()]
        if len(sents) < 6:
            continue
        out.append(a)
        s2 = list(sents)
        for i in rng.sample(range(len(s2)), min(len(s2), rng.randint(1, 3))):
            words = s2[i].split()
            j = rng.randrange(len(words))
            words[j] = rng.choice(["reportedly", "officials", "Tuesday", "several", "sources"])
            s2[i] = " ".join(words)
        del s2[rng.randrange(len(s2))]
        s2.insert(rng.randrange(len(s2) + 1), rng.choice(pool))
        title = "UPDATED: " + " ".join(reversed((a.title or "").split()))
        c = Article(source=a.source + "#copy", title=title, paragraphs=[" ".join(s2)], outlet="Wire Copy",
                    published=a.published)
        c = c.model_copy(update={"id": a.id + "-copy"})
        out.append(c)
        pairs.add((a.id, c.id))
    return out, pairs


def near_dup_scores(arts: list[Article], pairs: set[tuple[str, str]], opts: GroupOptions
                    ) -> tuple[float, float, float]:
    found = find_duplicates(arts, opts)
    pred = {(m.canonical_id, cid) for cid, m in found.items()}
    tp = len(pred & pairs)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(pairs) if pairs else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---- running -------------------------------------------------------------------------------------
def run(arts: list[Article], golds: list[dict[str, str]], opts: GroupOptions
        ) -> tuple[list[tuple[float, ...]], float, int]:
    t0 = time.perf_counter()
    stories = cluster_articles(arts, opts)
    dt = time.perf_counter() - t0
    pred = {aid: s.id for s in stories for aid in s.article_ids}
    return [bcubed(pred, g) + pairwise(pred, g) for g in golds], dt, len(stories)


def tune(root: Path, base: GroupOptions) -> GroupOptions:
    arts, _tg, sg = load_ecbplus(root / "ecbplus", ECB_TRAIN)
    best = None
    for th, ew, yw, nc in itertools.product([0.08, 0.1, 0.12, 0.14, 0.16], [0.4, 0.5, 0.6, 0.7],
                                            [0.0, 0.1, 0.2, 0.3], [0.0, 0.75, 0.85]):
        o = GroupOptions(**{**{f: getattr(base, f) for f in base.__slots__}, "story_threshold": th,
                            "entity_weight": ew, "year_weight": yw, "split_ncut": nc})
        (scores,), _, _ = run(arts, [sg], o)
        f1 = scores[2]
        print(f"  tune threshold={th:.2f} entity_weight={ew:.1f} year_weight={yw:.1f} split_ncut={nc}: "
              f"train sub-topic B3 F1 {f1:.3f}", file=sys.stderr)
        if best is None or f1 > best[0]:
            best = (f1, th, ew, yw, nc)
    assert best is not None
    print(f"tuned on ECB+ train topics: story_threshold={best[1]} entity_weight={best[2]} "
          f"year_weight={best[3]} split_ncut={best[4]} (train sub-topic B3 F1 {best[0]:.3f})",
          file=sys.stderr)
    return GroupOptions(**{**{f: getattr(base, f) for f in base.__slots__}, "story_threshold": best[1],
                           "entity_weight": best[2], "year_weight": best[3], "split_ncut": best[4]})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="folder holding ecbplus/, basil/, ...")
    ap.add_argument("--split", choices=["dev", "train", "all"], default="dev", help="ECB+ topics to report")
    ap.add_argument("--tune", action="store_true", help="tune thresholds on ECB+ train topics first")
    ap.add_argument("--threshold", type=float, help="story_threshold (default: the packaged one)")
    ap.add_argument("--entity-weight", type=float, help="entity_weight (default: the packaged one)")
    ap.add_argument("--year-weight", type=float, help="year_weight (default: the packaged one)")
    ap.add_argument("--split-ncut", type=float, help="split_ncut (default: the packaged one; 0: no split)")
    args = ap.parse_args()
    opts = GroupOptions()
    if args.threshold is not None:
        opts.story_threshold = args.threshold
    if args.entity_weight is not None:
        opts.entity_weight = args.entity_weight
    if args.year_weight is not None:
        opts.year_weight = args.year_weight
    if args.split_ncut is not None:
        opts.split_ncut = args.split_ncut
    if args.tune and (args.data / "ecbplus").is_dir():
        opts = tune(args.data, opts)
    rows = []
    if (args.data / "ecbplus").is_dir():
        topics = {"dev": ECB_DEV, "train": ECB_TRAIN, "all": ECB_DEV | ECB_TRAIN}[args.split]
        arts, tg, sg = load_ecbplus(args.data / "ecbplus", topics)
        (t, s), dt, n = run(arts, [tg, sg], opts)
        rows.append((f"ECB+ {args.split} topics", len(arts), len(set(tg.values())), n, t, dt))
        rows.append((f"ECB+ {args.split} sub-topics", len(arts), len(set(sg.values())), n, s, dt))
    else:
        print(f"note: {args.data / 'ecbplus'} absent, skipped", file=sys.stderr)
    basil = None
    if (args.data / "basil").is_dir():
        basil = load_basil(args.data / "basil")
        (b,), dt, n = run(basil[0], [basil[1]], opts)
        rows.append(("BASIL triplets", len(basil[0]), len(set(basil[1].values())), n, b, dt))
    if (args.data / "uci_news_aggregator_subset").is_dir():
        arts, gold = load_uci(args.data / "uci_news_aggregator_subset")
        (u,), dt, n = run(arts, [gold], opts)
        rows.append(("UCI headlines", len(arts), len(set(gold.values())), n, u, dt))
    print(f"story_threshold={opts.story_threshold} entity_weight={opts.entity_weight} "
          f"year_weight={opts.year_weight} split_ncut={opts.split_ncut} "
          f"split_min_size={opts.split_min_size} "
          f"strong_threshold={opts.strong_threshold} time_window_days={opts.time_window_days}")
    print("| data | articles | gold | found | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, na, ng, nf, sc, dt in rows:
        print(f"| {name} | {na} | {ng} | {nf} | " + " | ".join(f"{x:.3f}" for x in sc) + f" | {dt:.1f} |")
    if basil is not None:
        arts, pairs = make_near_dups(basil[0], basil[1])
        p, r, f = near_dup_scores(arts, pairs, opts)
        print(f"| near-dup (BASIL + edited copies; pairs) | {len(arts)} | {len(pairs)} | - | "
              f"{p:.3f} | {r:.3f} | {f:.3f} | - | - | - | - |")


if __name__ == "__main__":
    main()
