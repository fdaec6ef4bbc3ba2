"""Train the role-tagger rescorer of the quote finder (``storydesk/nlp/components/attribution_roles_rescore.json``).

    python training/attribution_roles_rescore.py --data ../shared/data/polnear --docs training/work/attrib/train.spacy \\
        --probs HELD_OUT_PROBS.npz --content-model FOLD_CONTENT_MODEL.json [--finder-weights FOLD_SCORER.json] \\
        [--cv] [--out storydesk/nlp/components/attribution_roles_rescore.json]

With the optional transformer role tagger in the pipeline, the quote finder revises its trained scorer's verdict
on every proposal with the tagger's view of it (``cue_lexicon.role_features``: the scorer's log-odds, the tagger's
content probability inside the proposal and just outside it, begin/end at its edges, cue at its cue word, source
at its speaker, length, and whether the proposal is one of the tagger's own content runs, which the finder
then proposes too: ``QuoteFinder._role_proposals``). The revision is a small gradient-boosted tree model,
fitted here.

It must be fitted on proposals whose features look like those of unseen articles: the tagger's probabilities and
the finder scorer must not have been trained on the articles it is fitted on. So it is fitted on PolNeAR train
slice 3::4 (articles 3, 7, 11, ...; 210 articles) with
- ``--probs``: the per-word probabilities of a role tagger fitted on the other 630 train articles (rows for the
  held-out articles in order; ``training/attribution_roles.py`` with fold 3 writes them);
- ``--content-model``: a content tagger fitted without the held-out articles;
- the finder scorer fitted on the other 630 articles (``--finder-weights``: ``attribution_model.py --select fold``'s
  file, as ``attribution_heldout.py`` writes it; without it the scorer is refitted here the same way).
Labels: a proposal is right when its content overlaps a gold PolNeAR content >= 0.5 (as the benchmark matches).
``--cv`` also reports end-to-end figures of a K-fold split of the 210 articles (``--folds``, default 2: the
held-out articles in order, position ``p`` in fold ``p % K``; each fold scored by the model fitted on the
others), with the role readings, against the finder without rescoring. ``training/attribution_heldout.py
--roles-probs`` gives the same split's figure with every component after the finder (the held-out table).

The shipped file is made by (``training/README.md``, "The transformer role tagger"):

    python training/attribution_roles.py train --data ../shared/data/polnear --docs training/work/attrib/train.spacy \\
        --freeze-emb --freeze 0 --fold 3 --epochs 3 --lr 5e-5 --head-mult 20 \\
        --export training/work/roles/fold3 --probs-out training/work/roles/fold3_probs.npz
    python training/attribution_heldout.py --data ../shared/data/polnear --work training/work/heldout
    python training/attribution_roles_rescore.py --data ../shared/data/polnear --docs training/work/attrib/train.spacy \\
        --probs training/work/roles/fold3_probs.npz --content-model training/work/heldout/content_fold.json \\
        --finder-weights training/work/heldout/model_fold.json --cv
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))


HELD_FOLD = 3  # PolNeAR train slice 3::4 (articles i % 4 == 3): the articles the rescorer is fitted on


def held_out_probs(path, docs) -> list:
    """The per-word probabilities of the held-out articles, one array per article of ``docs`` (the held-out
    articles in order), from an npz with array ``P`` (``attribution_roles.py train --probs-out``); raises
    ValueError when the rows do not match the articles' words."""
    import numpy as np

    data = np.load(path)
    P = data["P"]
    lengths = [len(d) for d in docs]
    if "lengths" in data.files and [int(n) for n in data["lengths"]] != lengths:
        raise ValueError(f"{path}: the probabilities were made for other articles (word counts differ)")
    if sum(lengths) != len(P):
        raise ValueError(f"{path}: {len(P)} rows for {sum(lengths)} words of the held-out articles")
    out, k = [], 0
    for n in lengths:
        out.append(P[k:k + n])
        k += n
    return out


def load_finder_weights(path: str):
    """A finder scorer from ``attribution_model.py``'s file ({weights, bias, threshold}) or from the
    older {w, b} file this script once read."""
    from storydesk.nlp.components.cue_lexicon import CueModel, load_model

    d = json.loads(Path(path).read_text(encoding="utf-8"))
    if "w" in d:
        return CueModel(d["w"], d["b"], 0.5)
    model = load_model(path)
    if model is None:
        raise ValueError(f"{path} is not a finder scorer")
    return model


def proposals(finder, docs, articles):
    """Every proposal of the finder (role-run proposals included) on ``docs`` with the role tagger's
    probabilities set: (role features, right or not, position of its article in ``docs``). The finder runs on
    copies; its rescorer is a one-leaf model that keeps nothing while this runs."""
    import numpy as np
    from attribution import chars, overlap

    from storydesk.nlp.components.cue_lexicon import RoleRescorer

    saved = finder.rescorer
    finder.rescorer = RoleRescorer([{"f": [-1], "t": [0.0], "l": [-1], "r": [-1], "v": [0.0]}], 0.0, 2.0)
    finder.keep_candidates = True
    X, y, pos = [], [], []
    try:
        for p, (doc, (_stem, text, gold)) in enumerate(zip(docs, articles)):
            finder(doc.copy())
            golds = [chars(text, g.content) for g in gold]
            for _feats, q in finder.candidates:
                X.append(q.role_feats)
                y.append(int(any(overlap(g, chars(text, q.parts)) >= 0.5 for g in golds)))
                pos.append(p)
    finally:
        finder.keep_candidates = False
        finder.rescorer = saved
    return np.array(X, dtype=np.float64), np.array(y, dtype=np.int64), np.array(pos, dtype=np.int64)


def fit_trees(X, y, *, iters: int = 200, learning_rate: float = 0.05, leaves: int = 7,
              threshold: float = 0.5) -> tuple[list[dict], float]:
    """scikit-learn's HistGradientBoostingClassifier (random_state 0), exported as the plain node lists
    :class:`~storydesk.nlp.components.cue_lexicon.RoleRescorer` reads; checked against scikit-learn."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    from storydesk.nlp.components.cue_lexicon import RoleRescorer

    gb = HistGradientBoostingClassifier(max_iter=iters, learning_rate=learning_rate, max_leaf_nodes=leaves,
                                        random_state=0).fit(X, y)
    trees = []
    for pred in gb._predictors:  # scikit-learn's fitted trees, as plain node lists
        t: dict[str, list] = {"f": [], "t": [], "l": [], "r": [], "v": []}
        for nd in pred[0].nodes:
            leaf = bool(nd["is_leaf"])
            t["f"].append(-1 if leaf else int(nd["feature_idx"]))
            t["t"].append(0.0 if leaf else float(nd["num_threshold"]))
            t["l"].append(-1 if leaf else int(nd["left"]))
            t["r"].append(-1 if leaf else int(nd["right"]))
            t["v"].append(round(float(nd["value"]), 6) if leaf else 0.0)
        trees.append(t)
    base = float(gb._baseline_prediction.ravel()[0])
    check = RoleRescorer(trees, base, threshold)
    diff = max(abs(check.score(list(x)) - p) for x, p in zip(X[:500], gb.predict_proba(X[:500])[:, 1]))
    assert diff < 1e-4, f"exported trees disagree with scikit-learn by {diff}"
    return trees, base


def cv_rescorers(X, y, pos, folds: int, **fit_args) -> dict:
    """Fold g (articles at positions p with p % folds == g) -> a RoleRescorer fitted on the other folds."""
    from storydesk.nlp.components.cue_lexicon import RoleRescorer

    threshold = fit_args.get("threshold", 0.5)
    return {g: RoleRescorer(*fit_trees(X[pos % folds != g], y[pos % folds != g], **fit_args), threshold)
            for g in range(folds)}


def main(argv: list[str] | None = None) -> int:
    import numpy as np
    from attribution import Tally, load_split, prf, score
    from attribution_model import _preds, collect, fit
    from spacy.tokens import DocBin

    from storydesk.nlp.annotate import load_pipeline
    from storydesk.nlp.components import role_tagger  # noqa: F401  (registers Doc._.sd_role_probs)
    from storydesk.nlp.components.content_tagger import load_content_model
    from storydesk.nlp.components.cue_lexicon import ROLE_FEATURES, CueModel

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--docs", required=True, type=Path, help="DocBin of the parsed train split (attribution_model.py --docs)")
    ap.add_argument("--probs", required=True, type=Path, help="held-out role-tagger probabilities (npz, array P)")
    ap.add_argument("--content-model", required=True, help="content tagger fitted without the held-out articles")
    ap.add_argument("--finder-weights", default=None,
                    help="finder scorer fitted on the other 630 (attribution_model.py --select fold's file)")
    ap.add_argument("--iters", type=int, default=200)
    ap.add_argument("--learning-rate", type=float, default=0.05)
    ap.add_argument("--leaves", type=int, default=7)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--folds", type=int, default=2, help="folds of --cv (held-out article p in fold p %% K)")
    ap.add_argument("--cv-rescorer", type=Path, default=None,
                    help="with --cv, also score this fixed rescorer file (e.g. the shipped one, for comparison)")
    ap.add_argument("--limit", type=int, default=None,
                    help="only the first N held-out articles (smoke runs; --probs must hold exactly those)")
    ap.add_argument("--out", type=Path, default=ROOT / "storydesk" / "nlp" / "components" / "attribution_roles_rescore.json")
    a = ap.parse_args(argv)

    arts = load_split(a.data, "train", None)
    nlp = load_pipeline(None)
    docs = list(DocBin().from_disk(str(a.docs)).get_docs(nlp.vocab))
    if len(docs) != len(arts) or any(d.text != t for d, (_s, t, _g) in zip(docs, arts)):
        print("the cached Docs do not match the articles", file=sys.stderr)
        return 2
    f = nlp.get_pipe("storydesk_quotes")
    f.tagger = load_content_model(a.content_model)
    f.detector = None
    fit_idx = [i for i in range(len(arts)) if i % 4 != HELD_FOLD]
    val_idx = [i for i in range(len(arts)) if i % 4 == HELD_FOLD][: a.limit]
    if a.finder_weights:
        f.model = load_finder_weights(a.finder_weights)
    else:
        Xs, ys = collect(f, [docs[i] for i in fit_idx], [arts[i] for i in fit_idx])
        w, b = fit(Xs, ys, 0.1)
        f.model = CueModel(w, b, 0.5)
    f.threshold = 0.5
    vdocs, varts = [docs[i] for i in val_idx], [arts[i] for i in val_idx]
    try:
        probs = held_out_probs(a.probs, vdocs)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for doc, p in zip(vdocs, probs):
        doc._.sd_role_probs = p

    X, y, pos = proposals(f, vdocs, varts)
    print(f"{len(y)} proposals, {int(y.sum())} right", flush=True)
    fit_args = {"iters": a.iters, "learning_rate": a.learning_rate, "leaves": a.leaves, "threshold": a.threshold}

    if a.cv:
        from storydesk.nlp.components.cue_lexicon import load_rescorer
        from storydesk.nlp.components.role_readings import RoleReadings

        models = cv_rescorers(X, y, pos, a.folds, **fit_args)
        rr = RoleReadings()
        runs = [("no rescoring", lambda p: None),
                (f"rescored ({a.folds}-fold)", lambda p: models[p % a.folds])]
        if a.cv_rescorer is not None:
            fixed = load_rescorer(str(a.cv_rescorer))
            if fixed is None:
                print(f"{a.cv_rescorer}: not a rescorer for these features", file=sys.stderr)
                return 2
            runs.append((f"{a.cv_rescorer.name} (fixed)", lambda p: fixed))
        for tag, pick in runs:
            tallies: dict[str, Tally] = collections.defaultdict(Tally)
            for p, (doc, art) in enumerate(zip(vdocs, varts)):
                f.rescorer = pick(p)
                d = f(doc.copy())
                rr(d)
                score(art[1], art[2], _preds(d), tallies)
            print(tag + ": " + " | ".join(
                f"{key} P {prf(t.hit_pred, t.pred, t.hit_gold, t.gold)[0]:.3f} R {prf(t.hit_pred, t.pred, t.hit_gold, t.gold)[1]:.3f} "
                f"F1 {prf(t.hit_pred, t.pred, t.hit_gold, t.gold)[2]:.4f} spk {t.spk_ok / max(1, t.spk_n):.4f}"
                for key, t in tallies.items()), flush=True)
    trees, base = fit_trees(X, y, **fit_args)
    a.out.write_text(json.dumps({
        "about": "Rescorer of the quote finder's proposals from the transformer role tagger's probabilities "
                 f"(HistGradientBoostingClassifier max_iter={a.iters}, learning_rate={a.learning_rate}, "
                 f"max_leaf_nodes={a.leaves}; fitted on PolNeAR train slice 3::4, {len(val_idx)} articles, "
                 f"{len(y)} proposals, with a role tagger and finder scorer fitted on the other articles; "
                 "made by training/attribution_roles_rescore.py)",
        "features": list(ROLE_FEATURES), "threshold": a.threshold, "base": base, "trees": trees},
        separators=(",", ":")), encoding="utf-8")
    print(f"wrote {a.out} ({len(trees)} trees)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
