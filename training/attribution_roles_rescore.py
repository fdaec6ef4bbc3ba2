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
- the finder scorer fitted on the other 630 articles (refitted here, or read from ``--finder-weights``).
Labels: a proposal is right when its content overlaps a gold PolNeAR content >= 0.5 (as the benchmark matches).
``--cv`` also reports end-to-end figures of a 2-fold split of the 210 articles (each half scored by the model
fitted on the other half), with the role readings, against the finder without rescoring.
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


def main(argv: list[str] | None = None) -> int:
    import numpy as np
    from attribution import Tally, chars, load_split, overlap, prf, score
    from attribution_model import _preds, collect, fit
    from sklearn.ensemble import HistGradientBoostingClassifier
    from spacy.tokens import Doc, DocBin

    from storydesk.nlp.annotate import load_pipeline
    from storydesk.nlp.components.content_tagger import load_content_model
    from storydesk.nlp.components.cue_lexicon import ROLE_FEATURES, CueModel, RoleRescorer
    from storydesk.nlp.components.role_readings import RoleReadings

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--docs", required=True, type=Path, help="DocBin of the parsed train split (attribution_model.py --docs)")
    ap.add_argument("--probs", required=True, type=Path, help="held-out role-tagger probabilities (npz, array P)")
    ap.add_argument("--content-model", required=True, help="content tagger fitted without the held-out articles")
    ap.add_argument("--finder-weights", default=None, help="JSON {w, b} of a finder scorer fitted on the other 630")
    ap.add_argument("--iters", type=int, default=200)
    ap.add_argument("--learning-rate", type=float, default=0.05)
    ap.add_argument("--leaves", type=int, default=7)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "storydesk" / "nlp" / "components" / "attribution_roles_rescore.json")
    a = ap.parse_args(argv)

    arts = load_split(a.data, "train", None)
    nlp = load_pipeline(None)
    docs = list(DocBin().from_disk(str(a.docs)).get_docs(nlp.vocab))
    if len(docs) != len(arts) or any(d.text != t for d, (_s, t, _g) in zip(docs, arts)):
        print("the cached Docs do not match the articles", file=sys.stderr)
        return 2
    if not Doc.has_extension("sd_role_probs"):
        Doc.set_extension("sd_role_probs", default=None)
    f = nlp.get_pipe("storydesk_quotes")
    f.tagger = load_content_model(a.content_model)
    f.detector = None
    fit_idx = [i for i in range(len(arts)) if i % 4 != 3]
    val_idx = [i for i in range(len(arts)) if i % 4 == 3]
    if a.finder_weights:
        d = json.loads(Path(a.finder_weights).read_text())
        f.model = CueModel(d["w"], d["b"], 0.5)
    else:
        X, y = collect(f, [docs[i] for i in fit_idx], [arts[i] for i in fit_idx])
        w, b = fit(X, y, 0.1)
        f.model = CueModel(w, b, 0.5)
    f.threshold = 0.5
    P = np.load(a.probs)["P"]
    k = 0
    for i in val_idx:
        docs[i]._.sd_role_probs = P[k:k + len(docs[i])]
        k += len(docs[i])
    if k != len(P):
        print("the probabilities do not match the held-out articles", file=sys.stderr)
        return 2

    # every proposal with its features: a one-leaf rescorer that keeps nothing
    f.rescorer = RoleRescorer([{"f": [-1], "t": [0.0], "l": [-1], "r": [-1], "v": [0.0]}], 0.0, 2.0)
    f.keep_candidates = True
    X, y, grp = [], [], []
    for pos, i in enumerate(val_idx):
        _stem, text, gold = arts[i]
        f(docs[i])
        golds = [chars(text, g.content) for g in gold]
        for _feats, q in f.candidates:
            X.append(q.role_feats)
            y.append(int(any(overlap(g, chars(text, q.parts)) >= 0.5 for g in golds)))
            grp.append(pos % 2)
    f.keep_candidates = False
    X, y, grp = np.array(X), np.array(y), np.array(grp)
    print(f"{len(y)} proposals, {int(y.sum())} right", flush=True)

    def fitted(mask) -> tuple[list[dict], float]:
        gb = HistGradientBoostingClassifier(max_iter=a.iters, learning_rate=a.learning_rate,
                                            max_leaf_nodes=a.leaves, random_state=0).fit(X[mask], y[mask])
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
        check = RoleRescorer(trees, base, a.threshold)
        diff = max(abs(check.score(list(x)) - p) for x, p in zip(X[:500], gb.predict_proba(X[:500])[:, 1]))
        assert diff < 1e-4, f"exported trees disagree with scikit-learn by {diff}"
        return trees, base

    if a.cv:
        models = {g: fitted(grp != g) for g in (0, 1)}
        rr = RoleReadings()
        for tag, pick in (("no rescoring", lambda pos: None),
                          ("rescored (2-fold)", lambda pos: RoleRescorer(*models[pos % 2], a.threshold))):
            tallies: dict[str, Tally] = collections.defaultdict(Tally)
            for pos, i in enumerate(val_idx):
                f.rescorer = pick(pos)
                f(docs[i])
                rr(docs[i])
                score(arts[i][1], arts[i][2], _preds(docs[i]), tallies)
            print(tag + ": " + " | ".join(
                f"{key} P {prf(t.hit_pred, t.pred, t.hit_gold, t.gold)[0]:.3f} R {prf(t.hit_pred, t.pred, t.hit_gold, t.gold)[1]:.3f} "
                f"F1 {prf(t.hit_pred, t.pred, t.hit_gold, t.gold)[2]:.4f} spk {t.spk_ok / max(1, t.spk_n):.4f}"
                for key, t in tallies.items()), flush=True)
    trees, base = fitted(np.ones(len(y), bool))
    a.out.write_text(json.dumps({
        "about": "Rescorer of the quote finder's proposals from the transformer role tagger's probabilities "
                 f"(HistGradientBoostingClassifier max_iter={a.iters}, learning_rate={a.learning_rate}, "
                 f"max_leaf_nodes={a.leaves}; fitted on PolNeAR train slice 3::4, {len(val_idx)} articles, "
                 "{len(y)} proposals, with a role tagger and finder scorer fitted on the other articles; "
                 "made by training/attribution_roles_rescore.py)".replace("{len(y)}", str(len(y))),
        "features": list(ROLE_FEATURES), "threshold": a.threshold, "base": base, "trees": trees},
        separators=(",", ":")), encoding="utf-8")
    print(f"wrote {a.out} ({len(trees)} trees)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
