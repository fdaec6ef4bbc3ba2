"""Learn storydesk's attribution cue lexicon from PolNeAR train.

    python training/attribution_cues.py --data ../shared/data/polnear [--split train] [--stride 2]
        [--model PATH] [--docs CACHE.spacy] [--out storydesk/nlp/components/cues.json]

PolNeAR marks every attribution (nominal cues such as "the claim that", verbs of support such as
"endorsed" or "called for", "wants", ...), far more than a hand-written list of verbs of saying covers.
This script parses the split with the pipeline, and for every (token, child) pair where the child hangs
from the token by a dependency that can carry content (ccomp, xcomp, obj, obl/nmod with their
preposition, acl, advcl) counts how often the token is inside a gold Cue and the child's subtree is that
attribution's Content (overlap >= 0.5, scored as in ``benchmarks/attribution.py``). A frame
``lemma|POS|dep`` is kept when it was seen at least ``--min-count`` times with a precision of at least
``--min-precision``; the JSON keeps the counts so that a user can choose a stricter threshold.

``--detector`` instead trains the cue-word detector (``cue_model.json``, see
``cue_lexicon.cue_word_features``): a logistic regression over every word outside quote marks whose part
of speech can head a cue, labelled by whether it heads a gold indirect PolNeAR cue (the word of the gold
Cue span whose syntactic head lies outside it). The quote finder runs the content tagger on the words it
scores at least ``--detector-threshold``, next to the tagger's own list of cue lemmas. ``--tune`` fits it
on the train articles outside the slice 3, 7, 11, ... and prints, on that slice, the share of gold cue
heads reached and the words passed per article at several thresholds; ``--fold`` writes that fit.

Only the training split is read (``--split`` defaults to ``train``); the output is deterministic for a
given pipeline and split. ``--docs`` caches the parsed Docs (a DocBin) so that re-running with other
thresholds does not parse again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="PolNeAR folder (with data/<split>/...)")
    ap.add_argument("--split", default="train")
    ap.add_argument("--stride", type=int, default=1, help="use every N-th article (sorted by name)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the bundled one)")
    ap.add_argument("--docs", type=Path, default=None, help="DocBin cache of the parsed articles")
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--min-precision", type=float, default=0.4)
    ap.add_argument("--out", type=Path, default=ROOT / "storydesk" / "nlp" / "components" / "cues.json")
    ap.add_argument("--detector", action="store_true", help="train the cue-word detector instead")
    ap.add_argument("--detector-out", type=Path, default=ROOT / "storydesk" / "nlp" / "components" / "cue_model.json")
    ap.add_argument("--detector-threshold", type=float, default=0.3)
    ap.add_argument("--C", type=float, default=0.1)
    ap.add_argument("--tune", action="store_true", help="with --detector: fit without slice 3::4, report on it")
    ap.add_argument("--fold", action="store_true", help="with --detector: write the fit without slice 3::4")
    ap.add_argument("--tune-tagger", type=Path, default=None, help="with --tune: the tagger whose cue list to compare with")
    args = ap.parse_args(argv)
    if args.detector:
        return detector(args)
    if args.split != "train":
        print("warning: learning the lexicon from a split other than train", file=sys.stderr)

    import spacy
    from attribution import chars, load_split, overlap
    from spacy.tokens import DocBin

    from storydesk.nlp.components.cue_lexicon import content_tokens, frames

    every = load_split(args.data, args.split, None)
    articles = every[:: max(1, args.stride)]
    if args.limit:
        articles = articles[: args.limit]
    model = args.model or str(ROOT / "storydesk" / "models" / "en_storydesk_news")
    nlp = spacy.load(model)
    if args.docs is not None and args.docs.is_file():
        docs = list(DocBin().from_disk(args.docs).get_docs(nlp.vocab))
        if len(docs) == len(every) and len(articles) != len(every):
            # a cache of the whole split (as training/attribution_model.py keeps it): take our articles
            docs = docs[:: max(1, args.stride)][: len(articles)]
        if len(docs) != len(articles) or any(d.text != a[1] for d, a in zip(docs, articles)):
            print("the cached Docs do not match the articles: parsing again", file=sys.stderr)
            docs = []
    else:
        docs = []
    if not docs:
        docs = list(nlp.pipe((text for _, text, _ in articles), batch_size=8))
        if args.docs is not None:
            db = DocBin(store_user_data=False)
            for d in docs:
                db.add(d)
            db.to_disk(args.docs)

    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for (_stem, text, gold), doc in zip(articles, docs):
        cues = [(chars(text, g.cue), chars(text, g.content)) for g in gold if g.cue]
        for tok, child, key in frames(doc):
            seen[key] += 1
            tchars = {i for i in range(tok.idx, tok.idx + len(tok.text))}
            ctoks = content_tokens(tok, child)
            if not ctoks:
                continue
            cset = chars(text, [(ctoks[0].idx, ctoks[-1].idx + len(ctoks[-1].text))])
            if any(tchars & cue and overlap(content, cset) >= 0.5 for cue, content in cues):
                hits[key] += 1
    kept = {k: {"n": seen[k], "hits": hits[k], "precision": round(hits[k] / seen[k], 3)}
            for k in sorted(seen) if seen[k] >= args.min_count and hits[k] / seen[k] >= args.min_precision}
    out = {
        "about": "attribution cue frames learned from PolNeAR by training/attribution_cues.py: "
                 "lemma|POS|dependency of the content -> counts on the training articles",
        "split": args.split, "articles": len(articles), "stride": args.stride,
        "pipeline": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "min_count": args.min_count, "min_precision": args.min_precision,
        "frames": kept,
    }
    args.out.write_text(json.dumps(out, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(kept)} frames kept of {len(seen)} seen on {len(articles)} articles -> {args.out}")
    return 0


def detector(args) -> int:
    """Train (or with --tune, measure) the cue-word detector; see the module docstring."""
    from attribution import load_split
    from attribution_content import cue_head, quoted_tokens
    from attribution_model import _parsed
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from storydesk.nlp.annotate import load_pipeline
    from storydesk.nlp.components.content_tagger import cue_key, load_content_model
    from storydesk.nlp.components.cue_lexicon import CUE_POS, CueDetector, cue_word_features

    articles = load_split(args.data, args.split, None)
    nlp = load_pipeline(None)
    docs = _parsed(args, articles, nlp)
    n = len(articles)
    held = args.tune or args.fold
    fit_idx = [i for i in range(n) if not held or i % 4 != 3]
    val_idx = [i for i in range(n) if i % 4 == 3] if held else []

    def rows(idx):
        out = []
        for i in idx:
            (_stem, _text, gold), doc = articles[i], docs[i]
            q = quoted_tokens(doc)
            heads = set()
            for g in gold:
                if g.kind == "indirect" and g.cue:
                    c = cue_head(doc, g.cue)
                    if c is not None:
                        heads.add(c.i)
            for t in doc:
                if t.pos_ in CUE_POS and t.i not in q:
                    out.append((i, t, int(t.i in heads)))
            # gold heads the detector never sees (other parts of speech, inside quote marks) still count
            # as missed in --tune
            out.extend((i, doc[h], -1) for h in heads if doc[h].pos_ not in CUE_POS or h in q)
        return out

    fit_rows = [r for r in rows(fit_idx) if r[2] >= 0]
    feats = [cue_word_features(t) for _i, t, _y in fit_rows]
    y = [lab for _i, _t, lab in fit_rows]
    counts = Counter(name for f in feats for name in f)
    vec = DictVectorizer()
    M = vec.fit_transform([{name: 1.0 for name in f if counts[name] >= 3} for f in feats]).tocsr()
    M.indices = M.indices.astype("int32")  # liblinear takes 32-bit indices only
    M.indptr = M.indptr.astype("int32")
    lr = LogisticRegression(C=args.C, max_iter=2000, solver="liblinear")
    lr.fit(M, y)
    weights = {k: round(float(w), 3) for k, w in zip(vec.get_feature_names_out(), lr.coef_[0]) if abs(w) >= 0.01}
    model = CueDetector(weights, float(lr.intercept_[0]), args.detector_threshold)
    print(f"fit: {len(y)} words ({sum(y)} cue heads) on {len(fit_idx)} articles; {len(weights)} weights",
          file=sys.stderr, flush=True)
    if args.tune:
        tagger = load_content_model(str(args.tune_tagger)) if args.tune_tagger else load_content_model()
        cues = tagger.cues if tagger is not None else {}
        print("never seen (other part of speech or quoted):", sum(lab < 0 for _i, _t, lab in rows(val_idx)), flush=True)
        vrows = rows(val_idx)
        gold = [(t, lab) for _i, t, lab in vrows if lab != 0]
        words = [(t, lab) for _i, t, lab in vrows if lab >= 0]
        probs = {(id(t.doc), t.i): model.prob(t) for t, _lab in words}
        in_list = [cue_key(t) in cues for t, _lab in gold]
        print(f"held out: {len(val_idx)} articles, {len(gold)} gold cue heads; tagger list reaches "
              f"{sum(in_list) / len(gold):.3f} passing {sum(cue_key(t) in cues for t, _ in words) / len(val_idx):.1f} "
              f"words per article", flush=True)
        for thr in (0.03, 0.05, 0.1, 0.2, 0.3):
            ok = [lab > 0 and probs[(id(t.doc), t.i)] >= thr for t, lab in gold]
            either = [a or b for a, b in zip(ok, in_list)]
            passed = sum(probs[(id(t.doc), t.i)] >= thr for t, _ in words)
            passed_either = sum(probs[(id(t.doc), t.i)] >= thr or cue_key(t) in cues for t, _ in words)
            print(f"thr {thr}: detector reaches {sum(ok) / len(gold):.3f} ({passed / len(val_idx):.1f} words/article); "
                  f"with the list {sum(either) / len(gold):.3f} ({passed_either / len(val_idx):.1f} words/article)",
                  flush=True)
        return 0
    out = {"about": "cue-word detector (logistic regression over a word and its dependents) trained by "
                    "training/attribution_cues.py --detector on PolNeAR; features: "
                    "storydesk.nlp.components.cue_lexicon.cue_word_features",
           "split": args.split, "articles": len(fit_idx), "words": len(y), "cue_heads": int(sum(y)), "C": args.C,
           "pipeline": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
           "threshold": args.detector_threshold, "bias": round(float(lr.intercept_[0]), 4),
           "weights": dict(sorted(weights.items()))}
    args.detector_out.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights -> {args.detector_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
