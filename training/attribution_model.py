"""Train storydesk's attribution scorer (``storydesk/nlp/components/attribution_model.json``) on PolNeAR.

    python training/attribution_model.py --data ../shared/data/polnear --docs training/work/attrib/train.spacy
        [--select odd] [--tune] [--C 0.3] [--threshold 0.4] [--out storydesk/nlp/components/attribution_model.json]

The quote finder proposes indirect attributions from its hand-written rules (a verb of saying with a
clause, "according to", a parenthetical "he said", ...) and from every learned cue frame of ``cues.json``
(with or without a source). This script runs the finder over the parsed training articles with every
proposal kept, labels each proposal by whether its content matches a PolNeAR attribution (overlap >= 0.5,
scored as in ``benchmarks/attribution.py``), and fits a logistic regression over the proposal's features
(``cue_lexicon.candidate_features``: the cue word, its part of speech and dependency, the frame and its
prior, the kind of source -- person, organisation, pronoun, document, none --, voice, negation, where the
content lies and how long it is, the sentence's position, quote marks nearby).

Articles: PolNeAR **train** only. ``cues.json`` was learned from every second train article (0, 2, 4, ...),
so by default (``--select odd``) the scorer is fitted on the other half (1, 3, 5, ...), where the frame
priors are not inflated by having been counted on the same articles. ``--tune`` fits on half of those
(1, 5, 9, ...) and scores the other half (3, 7, 11, ...) with the benchmark's matching, over a grid of C
and thresholds, without writing a model. ``--docs`` caches the parsed Docs (DocBin of the whole split).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _parsed(args, articles, nlp):
    from spacy.tokens import DocBin

    docs = []
    if args.docs is not None and args.docs.is_file():
        docs = list(DocBin().from_disk(args.docs).get_docs(nlp.vocab))
        if len(docs) != len(articles) or any(d.text != a[1] for d, a in zip(docs, articles)):
            print("the cached Docs do not match the articles: parsing again", file=sys.stderr)
            docs = []
    if not docs:
        # every component before the quote finder, storydesk's own included (whitespace tags and heads,
        # sentence pre-segmentation): the cached parses must be the ones the finder sees in the pipeline
        names = nlp.pipe_names
        base = names[: names.index("storydesk_quotes")] if "storydesk_quotes" in names else names
        with nlp.select_pipes(enable=base):
            docs = list(nlp.pipe((text for _, text, _ in articles), batch_size=8))
        if args.docs is not None:
            db = DocBin(store_user_data=False)
            for d in docs:
                db.add(d)
            db.to_disk(args.docs)
    return docs


def _preds(doc):
    from attribution import Pred

    out = []
    for q in doc.spans.get("sd_quotes", []):
        parts = [tuple(p) for p in (q._.sd_parts or [])] or [(q.start_char, q.end_char)]
        out.append(Pred(parts, q.label_, [tuple(q._.sd_cue)] if q._.sd_cue else [],
                        [tuple(q._.sd_speaker)] if q._.sd_speaker else []))
    return out


def collect(finder, docs, articles):
    """(features, label) for every proposal in the articles."""
    from attribution import chars, overlap

    X, y = [], []
    covered = total = 0
    finder.keep_candidates = True
    saved = finder.threshold
    finder.threshold = 2.0  # keep nothing: the proposals are all we want here
    try:
        for (_stem, text, gold), doc in zip(articles, docs):
            finder(doc)
            golds = [chars(text, g.content) for g in gold]
            for feats, q in finder.candidates:
                pset = chars(text, q.parts)
                X.append(feats)
                y.append(int(any(overlap(g, pset) >= 0.5 for g in golds)))
            psets = [chars(text, q.parts) for _f, q in finder.candidates]
            total += len(golds)
            covered += sum(any(overlap(g, p) >= 0.5 for p in psets) for g in golds)
    finally:
        finder.keep_candidates = False
        finder.threshold = saved
    print(f"proposals cover {covered} of {total} gold attributions (direct ones are not proposed here)",
          file=sys.stderr)
    return X, y


def fit(X, y, C: float, min_weight: float = 0.01):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform(X)
    lr = LogisticRegression(C=C, max_iter=3000)
    lr.fit(M, y)
    weights = {name: round(float(w), 3) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0])
               if abs(w) >= min_weight}
    return weights, float(lr.intercept_[0])


def evaluate(finder, docs, articles) -> dict[str, float]:
    from attribution import Tally, prf, score

    tallies = {k: Tally() for k in ("all", "direct", "indirect")}
    for (_stem, text, gold), doc in zip(articles, docs):
        finder(doc)
        score(text, gold, _preds(doc), tallies)
    out = {}
    for k, t in tallies.items():
        p, r, f = prf(t.hit_pred, t.pred, t.hit_gold, t.gold)
        out[k] = (p, r, f, t.spk_ok / t.spk_n if t.spk_n else 0.0)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="PolNeAR folder (with data/<split>/...)")
    ap.add_argument("--split", default="train")
    ap.add_argument("--docs", type=Path, default=None, help="DocBin cache of the parsed split")
    ap.add_argument("--select", choices=["odd", "all", "fold"], default="odd",
                    help="odd: the train articles cues.json was not learned from; fold: every article outside "
                         "the held-out slice 3, 7, 11, ... (training/attribution_heldout.py)")
    ap.add_argument("--tune", action="store_true", help="fit on one half, score the other, write nothing")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--threshold", type=float, default=0.4)
    ap.add_argument("--sourceless", action="store_true", help="also propose learned frames without a source")
    ap.add_argument("--fit-even", action="store_true",
                    help="with --tune: fit also on the articles cues.json was learned from")
    ap.add_argument("--baseline", action="store_true", help="with --tune: also score the rules alone")
    ap.add_argument("--grid-C", type=float, nargs="+", default=[0.1, 0.3, 1.0])
    ap.add_argument("--grid-threshold", type=float, nargs="+", default=[0.3, 0.35, 0.4, 0.45, 0.5])
    ap.add_argument("--content-model", default="",
                    help="content tagger JSON for the finder (default: the packaged one; 'none': without)")
    ap.add_argument("--tag-sourceless", type=float, default=None, metavar="THR",
                    help="also propose the tagger's readings without a source; they must score >= THR")
    ap.add_argument("--out", type=Path, default=ROOT / "storydesk" / "nlp" / "components" / "attribution_model.json")
    args = ap.parse_args(argv)
    if args.split != "train":
        print("warning: fitting on a split other than train", file=sys.stderr)

    from attribution import load_split

    from storydesk.nlp.annotate import load_pipeline
    from storydesk.nlp.components.cue_lexicon import CueModel

    articles = load_split(args.data, args.split, None)
    nlp = load_pipeline(None)
    docs = _parsed(args, articles, nlp)
    finder = nlp.get_pipe("storydesk_quotes")
    if finder.model is None:  # no packaged model yet: a neutral one so that proposals are made
        finder.model = CueModel({}, 0.0, 0.5)
        from storydesk.nlp.components.cue_lexicon import LEXICON, load_lexicon

        finder.all_frames = load_lexicon(str(LEXICON), 0.0)
        finder.threshold = 0.5
    finder.frames_need_source = not args.sourceless
    if args.content_model:
        from storydesk.nlp.components.content_tagger import load_content_model

        finder.tagger = None if args.content_model == "none" else load_content_model(args.content_model)
        print(f"content tagger: {args.content_model} ({'loaded' if finder.tagger else 'none'})", file=sys.stderr)
    if args.tag_sourceless is not None:
        finder.tag_need_source, finder.tag_sourceless_threshold = False, args.tag_sourceless
    idx = list(range(len(articles)))
    if args.select == "odd":
        idx = idx[1::2]
    elif args.select == "fold":
        idx = [i for i in idx if i % 4 != 3]

    if args.tune:
        fit_idx, val_idx = idx[0::2], idx[1::2]
        if args.fit_even:  # also fit on the articles cues.json was learned from (priors inflated there)
            fit_idx = sorted(fit_idx + list(range(len(articles)))[0::2])
        Xf, yf = collect(finder, [docs[i] for i in fit_idx], [articles[i] for i in fit_idx])
        print(f"fit: {len(fit_idx)} articles, {len(yf)} proposals, {sum(yf)} positive", flush=True)
        vdocs, varts = [docs[i] for i in val_idx], [articles[i] for i in val_idx]
        finder_model, finder_thr = finder.model, finder.threshold
        if args.baseline:
            finder.model = None  # the hand-set rules alone, as shipped before the scorer
            r = evaluate(finder, vdocs, varts)
            print(f"rules only: indirect P {r['indirect'][0]:.3f} R {r['indirect'][1]:.3f} "
                  f"F1 {r['indirect'][2]:.3f} | all F1 {r['all'][2]:.3f} speaker {r['all'][3]:.3f} "
                  f"| direct F1 {r['direct'][2]:.3f}", flush=True)
        for C in args.grid_C:
            weights, bias = fit(Xf, yf, C)
            finder.model = CueModel(weights, bias, 0.5)
            for thr in args.grid_threshold:
                finder.threshold = thr
                r = evaluate(finder, vdocs, varts)
                print(f"C={C} thr={thr}: indirect P {r['indirect'][0]:.3f} R {r['indirect'][1]:.3f} "
                      f"F1 {r['indirect'][2]:.3f} | all F1 {r['all'][2]:.3f} speaker {r['all'][3]:.3f} "
                      f"| direct F1 {r['direct'][2]:.3f}", flush=True)
        finder.model, finder.threshold = finder_model, finder_thr
        return 0

    X, y = collect(finder, [docs[i] for i in idx], [articles[i] for i in idx])
    weights, bias = fit(X, y, args.C)
    out = {
        "about": "attribution proposal scorer (logistic regression) trained by training/attribution_model.py "
                 "on PolNeAR; features: storydesk.nlp.components.cue_lexicon.candidate_features",
        "split": args.split, "articles": len(idx), "select": args.select, "proposals": len(y),
        "positive": int(sum(y)), "C": args.C,
        "pipeline": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "threshold": args.threshold, "bias": round(bias, 4), "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights from {len(y)} proposals ({sum(y)} positive) on {len(idx)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
