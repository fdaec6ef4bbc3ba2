"""The cross-source brief on BASIL same-event triplets (New York Times, Fox News, HuffPost).

Per triplet it annotates the three articles with the bundled pipeline, builds the brief and measures:

  brief s      time of ``build_brief`` alone (annotation is timed separately: ``annotate s``)
  aligned      statement groups carried by two or more of the three articles
  ent found    share of BASIL's main entities that the brief has as an entity (names only: BASIL also
               lists groups such as "State Department officials", which are left out)
  ent merged   share of (main entity, article that names it) pairs whose article is listed by that one
               entity: the entity was found and merged across the outlets that name it
  speakers     share of BASIL's quote spans with a speaker for which the brief's quotes (via the entity
               quotes of the brief) give that speaker

Then the time per brief for 3, 10 and 50 articles (BASIL articles taken in triplet order; 10 and 50 mix
several events, since BASIL has no larger single-event set; the time depends on sentences, not on topic).

    .venv/bin/python benchmarks/brief.py --data ../shared/data/basil [--limit 70] [--sizes 3,10,50]

Prints one table (the per-triplet figures are averaged; --verbose prints each triplet).
"""

from __future__ import annotations

import argparse
import ast
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTLETS = {"nyt": "The New York Times", "fox": "Fox News", "hpo": "HuffPost"}


def _literal(value):
    if isinstance(value, str):
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    return value


def load_triplets(data: Path) -> dict[str, list[dict]]:
    """triplet uuid -> its articles (raw BASIL dicts, with their annotations under "_ann")."""
    # keyed by file name ("<triplet>_<n>"), not by the "uuid" field: 4 BASIL articles and their
    # annotations have the uuid "empty", which gave them all one article's annotations
    anns = {}
    for path in sorted((data / "annotations").rglob("*_ann.json")):
        anns[path.name.removesuffix("_ann.json")] = json.loads(path.read_text(encoding="utf-8"))
    triplets: dict[str, list[dict]] = defaultdict(list)
    for path in sorted((data / "articles").rglob("*.json")):
        art = json.loads(path.read_text(encoding="utf-8"))
        art["_ann"] = anns.get(path.stem, {})
        art["_file"] = path.stem
        triplets[art["triplet-uuid"]].append(art)
    return {k: v for k, v in triplets.items() if len(v) >= 2}


def to_article(raw: dict):
    from storydesk.records import Article

    paras = []
    for p in _literal(raw.get("body-paragraphs", [])) or []:
        text = " ".join(p) if isinstance(p, list) else str(p)
        if text.strip():
            paras.append(" ".join(text.split()))
    # BASIL writes some triplets' source codes in upper case ("FOX", "HPO", "NYT")
    code = str(raw.get("source") or "")
    return Article(source=f"basil:{raw.get('_file') or raw.get('uuid')}", outlet=OUTLETS.get(code.lower(), raw.get("source")),
                   url=raw.get("url"), title=raw.get("title"), published=raw.get("date"), paragraphs=paras,
                   language="en")


def _name_match(name: str, entity) -> bool:
    from storydesk.reconcile.common import fold
    from storydesk.reconcile.entities import person_tokens, persons_compatible

    toks = person_tokens(name)
    for v in [entity.name] + entity.variants:
        if fold(v) == fold(name):
            return True
        vt = person_tokens(v)
        if len(toks) >= 2 and len(vt) >= 2 and persons_compatible(toks, vt):
            return True
        # "President Obama" for "Barack Obama": a title and the surname
        if entity.label == "PERSON" and len(toks) >= 2 and len(vt) == 1 and fold(vt[0]) == fold(toks[-1]) \
                and len(v.split()) >= 2:
            return True
    return False


def score_triplet(raws: list[dict], annotated: list, brief) -> dict[str, float]:
    from storydesk.reconcile.common import fold

    ids = [aa.article.id for aa in annotated]
    texts = {aa.article.id: aa.article.text for aa in annotated}
    mains = []
    for raw in raws:
        for name in _literal(raw.get("main-entities", [])) or []:
            # BASIL also lists groups ("State Department officials", "plaintiffs"): names only
            if name not in mains and all(w[:1].isupper() for w in name.split()):
                mains.append(name)
    found = merged_ok = merged_total = 0
    for name in mains:
        ents = [e for e in brief.entities if _name_match(name, e)]
        found += bool(ents)
        last = fold(name.split()[-1])
        naming = [i for i in ids if last in fold(texts[i])]
        best = max(ents, key=lambda e: len(e.articles), default=None)
        merged_total += len(naming)
        if best is not None:
            merged_ok += sum(1 for i in naming if i in best.articles)
    # quote spans with a speaker: is there a quote of that speaker covering the span?
    spk_total = spk_ok = 0
    for raw, aa in zip(raws, annotated, strict=True):
        text = aa.article.text
        for ph in _literal(raw["_ann"].get("phrase-level-annotations", [])) or []:
            if ph.get("quote") != "yes" or not ph.get("speaker") or ph["speaker"].startswith("other"):
                continue  # "other_pro" and the like name no speaker
            at = text.find(ph.get("txt", "").strip())
            if at < 0 or not ph.get("txt", "").strip():
                continue
            spk_total += 1
            speaker = ph["speaker"].replace("_", " ")
            end = at + len(ph["txt"].strip())
            for e in brief.entities:
                if not _name_match(speaker, e):
                    continue
                if any(q.citation.article_id == aa.article.id and q.citation.span is not None
                       and q.citation.span.start < end and at < q.citation.span.end for q in e.quotes):
                    spk_ok += 1
                    break
    aligned = sum(1 for g in brief.statements if len(g.articles) >= 2)
    return {"aligned": aligned, "found": found / len(mains) if mains else float("nan"),
            "merged": merged_ok / merged_total if merged_total else float("nan"),
            "spk_ok": spk_ok, "spk_total": spk_total}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="BASIL folder (articles/ and annotations/)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N triplets (0: all)")
    ap.add_argument("--sizes", default="3,10,50", help="article counts for the timing rows")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "articles").is_dir():
        print(f"no BASIL articles under {args.data}", file=sys.stderr)
        return 2
    from storydesk.nlp.annotate import annotate
    from storydesk.reconcile.brief import build_brief

    triplets = load_triplets(args.data)
    keys = sorted(triplets)[: args.limit or None]
    rows, all_annotated = [], []
    t_ann_total = 0.0
    for k in keys:
        raws = sorted(triplets[k], key=lambda r: r.get("source", ""))
        articles = [to_article(r) for r in raws]
        t0 = time.perf_counter()
        annotated = annotate(articles)
        t1 = time.perf_counter()
        brief = build_brief(annotated)
        t2 = time.perf_counter()
        t_ann_total += t1 - t0
        all_annotated.extend(annotated)
        s = score_triplet(raws, annotated, brief)
        s.update(build=t2 - t1, ann=t1 - t0)
        rows.append(s)
        if args.verbose:
            print(k, {x: round(y, 3) if isinstance(y, float) else y for x, y in s.items()}, file=sys.stderr)

    def mean(key: str) -> float:
        vals = [r[key] for r in rows if r[key] == r[key]]
        return statistics.fmean(vals) if vals else float("nan")

    spk_ok = sum(r["spk_ok"] for r in rows)
    spk_total = sum(r["spk_total"] for r in rows)
    timing = []
    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        subset = all_annotated[:n]
        if len(subset) < n:
            continue
        t0 = time.perf_counter()
        build_brief(subset)
        timing.append((n, time.perf_counter() - t0))
    print(f"BASIL cross-source briefs: {len(rows)} triplets, {len(all_annotated)} articles")
    print(f"{'measure':<44} {'value':>10}")
    print(f"{'build_brief time per triplet, mean s':<44} {mean('build'):>10.3f}")
    print(f"{'build_brief time per triplet, max s':<44} {max(r['build'] for r in rows):>10.3f}")
    print(f"{'annotation time per triplet, mean s':<44} {t_ann_total / max(1, len(rows)):>10.3f}")
    print(f"{'aligned statements (>=2 articles), mean':<44} {mean('aligned'):>10.2f}")
    print(f"{'main entities found, share':<44} {mean('found'):>10.3f}")
    print(f"{'main entities merged across outlets, share':<44} {mean('merged'):>10.3f}")
    print(f"{'quote speakers recovered':<44} {f'{spk_ok}/{spk_total}':>10} "
          f"({spk_ok / spk_total if spk_total else float('nan'):.3f})")
    for n, secs in timing:
        print(f"{f'build_brief time, {n} articles (pre-annotated), s':<44} {secs:>10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
