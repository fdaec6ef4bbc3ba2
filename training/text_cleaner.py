"""Train the plain-text cleaner's block model by distillation from trafilatura (storydesk/extraction/text_model.json).

Usage::

    python training/text_cleaner.py --data ../shared/data/trafilatura_eval [--out PATH] [--no-write]

For every page (HTML, ``evaldata.json`` layout or any ``*.html[.gz]`` under the folder):

1. the page is flattened to plain text exactly as the extraction benchmark does
   (``storydesk.extraction.html.visible_text``) and cut into blocks as the cleaner does;
2. the *teacher* labels each block: "content" when ``trafilatura.extract(html, include_comments=False)``
   contains it (lower-cased word sequence, a whole-word substring for blocks of 4+ words, an equal line
   for shorter ones), else "boilerplate". The teacher sees the DOM, the student only the text. The
   evaluation snippets (``with``/``without`` in ``evaldata.json``) are NEVER used for training or for
   choosing anything: they are only read to report the cross-validated snippet F1;
3. the features are the cleaner's own (``storydesk.extraction.text.FEATURES``: block shape, punctuation,
   position against the densest prose run, topical overlap with the body, cue phrases, the rules'
   decisions, neighbours' values), computed by the same code the cleaner runs.

Then a histogram gradient-boosting classifier (scikit-learn) is trained:

* 2-fold cross-validation over pages (fold = parity of a hash of the page's file name): train on one
  fold, report on the other, both ways; reported per fold: agreement with the teacher on the held-out
  pages and the snippet F1 of ``clean_text`` with that fold's model against the rules alone;
* the shipped model is trained on all pages (so its own figures on these pages are not reported).

Runs in a few minutes on 2 cores (``--workers``), deterministic (fixed seeds).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import os
import pickle
import re
import sys
import time
from multiprocessing import Pool
from pathlib import Path

# scikit-learn's OpenMP threads spin-wait on a busy machine (a 60-page fit took minutes); one thread
# per process is both faster here and deterministic
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from storydesk.extraction import text as T
from storydesk.extraction.text_model import MODEL_PATH, STACK, TextModel, stack_features

_TOK = re.compile(r"\w+", re.UNICODE)
# the cleaner overturns a rule's verdict only when P(content) is beyond 0.5 +/- MARGIN (set a priori, so
# that short hand-written pages unlike the training pages keep the rules' verdicts; not tuned)
MARGIN = 0.15
# ...and only on pages of MIN_BLOCKS+ blocks: it learns from whole scraped pages (see the cleaner)
MIN_BLOCKS = 20
PARAMS = {
    "max_iter": 150,
    "learning_rate": 0.1,
    "max_depth": 6,
    "max_leaf_nodes": 31,
    "min_samples_leaf": 40,
    "l2_regularization": 1.0,
    "random_state": 0,
}


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def load_pages(data: Path) -> list[tuple[str, Path, dict | None]]:
    """[(page id, html path, snippet item or None)]."""
    if (data / "evaldata.json").is_file():
        gold = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
        out = []
        for item in gold.values():
            for sub in ("eval", "cache"):
                hit = next(
                    (
                        data / sub / n
                        for n in (item["file"], item["file"] + ".gz")
                        if (data / sub / n).is_file()
                    ),
                    None,
                )
                if hit:
                    out.append((item["file"], hit, item))
                    break
        return out
    return [(p.name, p, None) for p in sorted(data.rglob("*.htm*")) if p.is_file()]


def _norm(text: str) -> str:
    return " ".join(_TOK.findall(text.lower()))


def label_blocks(blocks: list[T.Block], teacher: str) -> np.ndarray:
    whole = " " + _norm(teacher) + " "
    lines = {_norm(ln) for ln in teacher.split("\n")}
    out = np.zeros(len(blocks), dtype=np.int8)
    for b in blocks:
        key = _norm(b.text)
        if not key:
            continue
        if len(key.split()) >= 4:
            out[b.index] = f" {key} " in whole
        else:
            out[b.index] = key in lines
    return out


def prepare(job: tuple[str, Path, dict | None]) -> dict | None:
    """Flatten, label and featurise one page."""
    import trafilatura

    from storydesk.extraction.html import visible_text

    logging.disable(logging.CRITICAL)
    pid, path, item = job
    html = _read(path)
    flat = visible_text(html)
    try:
        teacher = trafilatura.extract(html, include_comments=False) or ""
    except Exception:  # noqa: BLE001 - a page the teacher cannot read teaches nothing
        return None
    page = T._rule_pass(flat)
    if not page.blocks:
        return None
    return {
        "id": pid,
        "flat": flat,
        "item": item,
        "x": T._features(page),
        "y": label_blocks(page.blocks, teacher),
        "w": np.sqrt(np.clip([b.n_words for b in page.blocks], 1, 100)).astype(np.float32),
    }


def fold_of(pid: str) -> int:
    return hashlib.sha1(pid.encode()).digest()[0] % 2


def fit(pages: list[dict], key: str = "x"):
    from sklearn.ensemble import HistGradientBoostingClassifier

    x = np.vstack([p[key] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    w = np.concatenate([p["w"] for p in pages])
    clf = HistGradientBoostingClassifier(**PARAMS, early_stopping=False)
    clf.fit(x, y, sample_weight=w)
    return clf


def export(clf, info: dict, features: tuple[str, ...] = T.FEATURES) -> dict:
    """The fitted trees as plain arrays (see TextModel.from_dict); checked against scikit-learn."""
    trees = []
    for (pred,) in clf._predictors:
        nodes = pred.nodes
        trees.append(
            {
                "feature": nodes["feature_idx"].astype(int).tolist(),
                "split": [float(v) for v in nodes["num_threshold"]],
                "left": nodes["left"].astype(int).tolist(),
                "right": nodes["right"].astype(int).tolist(),
                "leaf": nodes["is_leaf"].astype(int).tolist(),
                "value": [
                    round(float(v), 6) if leaf else 0.0 for v, leaf in zip(nodes["value"], nodes["is_leaf"])
                ],
                "depth": int(pred.get_max_depth()) + 1,
            }
        )
    return {
        "kind": "gradient-boosted-trees",
        "features": list(features),
        "baseline": float(np.ravel(clf._baseline_prediction)[0]),
        "threshold": 0.5,
        "margin": MARGIN,
        "min_blocks": MIN_BLOCKS,
        "trees": trees,
        "info": info,
    }


def fit_stacked(pages: list[dict], two_stage: bool = True) -> tuple[dict, dict | None]:
    """(one-stage model, two-stage model or None) as dicts. The second stage learns from the first
    stage's verdicts on pages that stage did not see (2 inner folds), so that it does not learn to
    trust an over-fitted first stage."""
    if not two_stage:
        clf = fit(pages)
        one = export(clf, {})
        _check(one, clf, pages)
        return one, None
    p1 = {}
    for k in (0, 1):
        inner = TextModel.from_dict(export(fit([p for p in pages if inner_fold(p["id"]) != k]), {}))
        for p in pages:
            if inner_fold(p["id"]) == k:
                p1[p["id"]] = inner.proba(p["x"])
    for p in pages:
        p["x2"] = np.hstack([p["x"], stack_features(p1[p["id"]])])
    clf = fit(pages)
    one = export(clf, {})
    _check(one, clf, pages)
    two = dict(one)
    two["stage2"] = export(fit(pages, "x2"), {}, T.FEATURES + STACK)
    for p in pages:
        del p["x2"]
    return one, two


def _check(d: dict, clf, pages: list[dict]) -> None:
    """The export must reproduce scikit-learn's own scores."""
    x = np.vstack([p["x"] for p in pages[:50]])
    diff = np.abs(TextModel.from_dict(d).decision(x) - clf.decision_function(x)).max()
    if diff > 1e-3:
        raise SystemExit(f"exported trees disagree with scikit-learn by {diff}")


def inner_fold(pid: str) -> int:
    return hashlib.sha1(pid.encode()).digest()[1] % 2


def snippet_counts(item: dict, result: str) -> tuple[int, int, int]:
    res = re.sub(r"\s+", " ", result).strip()
    norm = lambda s: re.sub(r"\s+", " ", s).strip()
    tp = sum(1 for w in item["with"] if norm(w) in res)
    fp = sum(1 for w in item["without"] if norm(w) in res)
    return tp, fp, len(item["with"]) - tp


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(model: TextModel, pages: list[dict]) -> dict:
    """Held-out figures: teacher agreement (block F1 on "content", word-weighted) and snippet F1."""
    out = {}
    pred = np.concatenate([model.proba(p["x"]) >= model.threshold for p in pages])
    y = np.concatenate([p["y"] for p in pages]).astype(bool)
    w = np.concatenate([p["w"] for p in pages]) ** 2
    rule = np.concatenate([p["x"][:, T.FEATURES.index("rule_keep")] > 0.5 for p in pages])
    for name, pr in (("model", pred), ("rules", rule)):
        tp, fp, fn = (float(w[pr & y].sum()), float(w[pr & ~y].sum()), float(w[~pr & y].sum()))
        out[f"teacher_f1_{name}"] = f1(tp, fp, fn)
    scored = [p for p in pages if p["item"]]
    if scored:
        for name, m in (("model", model), ("rules", False)):
            tp = fp = fn = 0
            for p in scored:
                res = "\n".join(T.clean_text(p["flat"], model=m).paragraphs)
                a, b, c = snippet_counts(p["item"], res)
                tp, fp, fn = tp + a, fp + b, fn + c
            out[f"snippet_p_{name}"] = tp / (tp + fp) if tp + fp else 0.0
            out[f"snippet_r_{name}"] = tp / (tp + fn) if tp + fn else 0.0
            out[f"snippet_f1_{name}"] = f1(tp, fp, fn)
    out["pages"] = len(pages)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="folder of HTML pages (trafilatura_eval layout)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model JSON")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-write", action="store_true", help="cross-validate only")
    ap.add_argument("--no-cv", action="store_true", help="train the shipped model only")
    ap.add_argument(
        "--stages",
        choices=("1", "2", "auto"),
        default="1",
        help="ship the one- or two-stage model (default 1: the second stage doubles the "
        "cleaner's cost); auto: the one agreeing more with the teacher on held-out pages",
    )
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (smoke test)")
    ap.add_argument("--cache", type=Path, help="pickle of the prepared pages (written once, then reused)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    jobs = load_pages(args.data)
    if args.limit:
        jobs = jobs[: args.limit]
    if not jobs:
        raise SystemExit(f"{args.data}: no pages")
    if args.cache and args.cache.is_file():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        with Pool(args.workers) as pool:
            pages = [p for p in pool.imap(prepare, jobs, chunksize=8) if p is not None]
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    n_blocks = sum(len(p["y"]) for p in pages)
    print(
        f"{len(pages)} pages, {n_blocks} blocks, {sum(int(p['y'].sum()) for p in pages)} labelled content "
        f"({time.perf_counter() - t0:.0f}s)",
        flush=True,
    )

    cv = []
    if not args.no_cv:
        for k in (0, 1):
            train = [p for p in pages if fold_of(p["id"]) != k]
            test = [p for p in pages if fold_of(p["id"]) == k]
            one, two = fit_stacked(train)
            for name, d in (("one-stage", one), ("two-stage", two)):
                d.update(margin=MARGIN, min_blocks=MIN_BLOCKS)
                res = {
                    "model": name,
                    "train_fold": 1 - k,
                    "test_fold": k,
                    "train_pages": len(train),
                    **evaluate(TextModel.from_dict(d), test),
                }
                cv.append(res)
                print(json.dumps(res), f"({time.perf_counter() - t0:.0f}s)", flush=True)
        for name in ("one-stage", "two-stage"):
            rs = [r for r in cv if r["model"] == name]
            keys = [k for k in rs[0] if k.startswith(("teacher_", "snippet_"))]
            print(
                "mean", name, json.dumps({k: round(sum(r[k] for r in rs) / 2, 4) for k in keys}), flush=True
            )

    if not args.no_write:
        stages = args.stages
        if stages == "auto":
            agree = {
                n: sum(r["teacher_f1_model"] for r in cv if r["model"] == n)
                for n in ("one-stage", "two-stage")
            }
            stages = "2" if cv and agree["two-stage"] > agree["one-stage"] else "1"
        one, two = fit_stacked(pages, two_stage=stages == "2")
        d = two if stages == "2" else one
        d.update(margin=MARGIN, min_blocks=MIN_BLOCKS)
        d["info"] = {
            "trained_on": f"{args.data.name}: all {len(pages)} pages ({n_blocks} blocks), labels from "
            "trafilatura.extract(html, include_comments=False); no evaluation snippets used",
            "stages": int(stages),
            "params": PARAMS,
            "sample_weight": "sqrt(words, clipped to 1..100)",
            "cross_validation": cv,
        }
        TextModel.from_dict(d).proba(pages[0]["x"])
        args.out.write_text(json.dumps(d, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    print(f"{time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
