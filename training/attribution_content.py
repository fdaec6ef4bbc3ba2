"""Train storydesk's content tagger (``storydesk/nlp/components/content_model.json``) on PolNeAR train.

    python training/attribution_content.py --data ../shared/data/polnear --docs training/work/attrib/train.spacy [--tune]

(shipped: the command as above, C=0.1, cue words seen >= 3 times with precision >= 0.12; about 2 minutes on
cached parses). The attribution scorer reads the tagger's readings and agreement, so retrain it afterwards:
``python training/attribution_model.py --data ../shared/data/polnear --docs training/work/attrib/train.spacy
--select all --C 0.1 --threshold 0.5``.

For every PolNeAR attribution whose content is not a direct quote, the cue's head word is found (the word
of the gold Cue span whose syntactic head lies outside it), and every word of the cue's sentence is
labelled content or not (it overlaps the gold Content). A logistic regression over
``content_tagger.token_features`` (dependency path from the cue, side, distance, clause breaks, quote
marks, function words) is fitted on those words. The cue words the tagger is run on are the lemma+POS
pairs that head a gold cue at least ``--min-cue-count`` times with precision >= ``--min-cue-precision``
(share of their occurrences outside quotes that head a cue).

``--tune`` fits on the train articles not in the slice 3, 7, 11, ... and reports, on that slice, how
often the tagger's readings reach a gold content (overlap >= 0.5, benchmark matching) given the gold
cue word, next to the proposals the quote finder already makes for that word. Nothing is written.
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
sys.path.insert(0, str(ROOT / "training"))


def cue_head(doc, cue_spans):
    """The gold cue's head word: the word of the span whose head is outside it (content words first)."""
    toks = []
    for a, b in cue_spans:
        sp = doc.char_span(a, b, alignment_mode="expand")
        if sp is not None:
            toks.extend(sp)
    if not toks:
        return None
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head is t]
    heads = heads or toks
    best = [t for t in heads if t.pos_ in {"VERB", "NOUN", "ADJ", "AUX"}] or heads
    return best[0]


def quoted_tokens(doc) -> set[int]:
    from storydesk.nlp.components.quotes import find_quote_regions

    regions = find_quote_regions(doc.text)
    out = set()
    for r in regions:
        sp = doc.char_span(r.start, r.end, alignment_mode="expand")
        if sp is not None:
            out.update(range(sp.start, sp.end))
    return out


def examples(docs, articles, idx):
    """Per gold indirect attribution: (cue token, window, quoted set, labels, gold char set, text)."""
    from attribution import chars

    from storydesk.nlp.components.content_tagger import window

    out = []
    for i in idx:
        (_stem, text, gold), doc = articles[i], docs[i]
        q = quoted_tokens(doc)
        for g in gold:
            if g.kind != "indirect" or not g.cue:
                continue
            cue = cue_head(doc, g.cue)
            if cue is None:
                continue
            gset = chars(text, g.content)
            toks = window(cue)
            labels = [int(any(c in gset for c in range(t.idx, t.idx + len(t.text)))) for t in toks]
            out.append((i, cue, toks, q, labels, gset))
    return out


def cue_counts(docs, articles, idx):
    from storydesk.nlp.components.content_tagger import cue_key

    heads, seen = Counter(), Counter()
    for i in idx:
        (_stem, _text, gold), doc = articles[i], docs[i]
        q = quoted_tokens(doc)
        for g in gold:
            if g.kind == "indirect" and g.cue:
                c = cue_head(doc, g.cue)
                if c is not None:
                    heads[cue_key(c)] += 1
        for t in doc:
            if t.i not in q and t.pos_ in {"VERB", "NOUN", "ADJ", "AUX", "PROPN", "ADP", "SCONJ"}:
                seen[cue_key(t)] += 1
    return heads, seen


def fit(exs, C: float, min_weight: float = 0.03, min_count: int = 5):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from storydesk.nlp.components.content_tagger import token_features

    rows, y = [], []
    for _i, cue, toks, q, labels, _g in exs:
        for f, lab in zip(token_features(cue, toks, q), labels):
            if f:
                rows.append(f)
                y.append(lab)
    # features seen fewer than min_count times carry no evidence and would only bloat the package file
    counts = Counter(n for f in rows for n in f)
    X = [{n: 1.0 for n in f if counts[n] >= min_count} for f in rows]
    vec = DictVectorizer()
    M = vec.fit_transform(X).tocsr()
    M.indices = M.indices.astype("int32")  # liblinear takes 32-bit indices only
    M.indptr = M.indptr.astype("int32")
    lr = LogisticRegression(C=C, max_iter=2000, solver="liblinear")
    lr.fit(M, y)
    print(f"fit: {len(y)} words ({sum(y)} content) from {len(exs)} attributions", file=sys.stderr, flush=True)
    weights = {n: round(float(w), 3) for n, w in zip(vec.get_feature_names_out(), lr.coef_[0]) if abs(w) >= min_weight}
    return weights, float(lr.intercept_[0])


def _parts(words):
    from storydesk.nlp.components.quotes import _runs

    return _runs(words)


def reach(tagger, exs, articles, finder=None, docs=None):
    """How often some tagger reading (and some finder proposal on the same cue word) overlaps the gold
    content >= 0.5."""
    from attribution import chars, overlap

    n = tag_ok = fin_ok = either = best_ok = 0
    by_art: dict[int, list] = {}
    for e in exs:
        by_art.setdefault(e[0], []).append(e)
    for i, group in by_art.items():
        text = articles[i][1]
        cands = {}
        if finder is not None:
            finder(docs[i])
            for _f, qq in finder.candidates:
                cands.setdefault(qq.cue_token, []).append(chars(text, qq.parts))
        for _i, cue, _toks, q, _labels, gset in group:
            n += 1
            rd = tagger.readings(cue, q)
            ok = [overlap(gset, chars(text, _parts(w))) >= 0.5 for _wh, w, _p in rd]
            t_ok = any(ok)
            # the single best reading by total log-odds: the right run, or the left one when stronger
            if rd and ok[0]:
                best_ok += 1
            f_ok = any(overlap(gset, p) >= 0.5 for p in cands.get(cue.i, []))
            tag_ok += t_ok
            fin_ok += f_ok
            either += t_ok or f_ok
    return {"n": n, "tagger": tag_ok / max(1, n), "first": best_ok / max(1, n), "finder": fin_ok / max(1, n),
            "either": either / max(1, n)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--split", default="train")
    ap.add_argument("--docs", type=Path, default=None, help="DocBin cache of the parsed split")
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--fold", action="store_true",
                    help="fit on the articles outside the slice 3, 7, 11, ... and write --out (for tuning the scorer)")
    ap.add_argument("--C", type=float, default=0.1)
    ap.add_argument("--min-cue-count", type=int, default=3)
    # 0.12, not 0.05: held-out (training/attribution_heldout.py) content F1 0.6849 -> 0.6878 with
    # 377 -> 298 cue words (0.03: 0.6809, 0.08: 0.6866, 0.2: 0.6878); the scorer weighs the tagger's readings of rarer cue
    # words poorly and they crowd out the rules' readings
    ap.add_argument("--min-cue-precision", type=float, default=0.12)
    ap.add_argument("--out", type=Path, default=ROOT / "storydesk" / "nlp" / "components" / "content_model.json")
    args = ap.parse_args(argv)

    from attribution import load_split
    from attribution_model import _parsed

    from storydesk.nlp.annotate import load_pipeline
    from storydesk.nlp.components.content_tagger import ContentTagger
    from storydesk.nlp.components.cue_lexicon import LEXICON, CueModel, load_lexicon

    articles = load_split(args.data, args.split, None)
    nlp = load_pipeline(None)
    docs = _parsed(args, articles, nlp)
    n = len(articles)
    if args.tune or args.fold:
        fit_idx = [i for i in range(n) if i % 4 != 3]
        val_idx = [i for i in range(n) if i % 4 == 3]
    else:
        fit_idx, val_idx = list(range(n)), []
    heads, seen = cue_counts(docs, articles, fit_idx)
    cues = {k: round(c / seen[k], 3) for k, c in heads.items()
            if c >= args.min_cue_count and seen[k] and c / seen[k] >= args.min_cue_precision}
    print(f"{len(cues)} cue words", file=sys.stderr)
    exs = examples(docs, articles, fit_idx)
    for C in ([0.1] if args.tune else [args.C]):
        weights, bias = fit(exs, C)
        tagger = ContentTagger(weights, bias, cues)
        if args.tune:
            finder = nlp.get_pipe("storydesk_quotes")
            finder.model = CueModel({}, 0.0, 0.5)
            finder.all_frames = load_lexicon(str(LEXICON), 0.0)
            finder.keep_candidates, finder.threshold = True, 2.0
            finder.tagger = None  # the finder's own readings, to compare with
            vex = examples(docs, articles, val_idx)
            print(f"C={C}: {len(weights)} weights;", reach(tagger, vex, articles, finder, docs), flush=True)
            covered = sum(cue_key_of(e[1]) in cues for e in vex)
            print(f"  gold cue words in the cue list: {covered}/{len(vex)}", flush=True)
            continue
        out = {"about": "content tagger (logistic regression over words relative to a cue) trained by "
                        "training/attribution_content.py on PolNeAR; features: "
                        "storydesk.nlp.components.content_tagger.token_features",
               "split": args.split, "articles": len(fit_idx), "attributions": len(exs), "C": C,
               "pipeline": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
               "bias": round(bias, 4), "cues": dict(sorted(cues.items())), "weights": dict(sorted(weights.items()))}
        args.out.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{len(weights)} weights, {len(cues)} cue words -> {args.out}")
    return 0


def cue_key_of(tok):
    from storydesk.nlp.components.content_tagger import cue_key

    return cue_key(tok)


if __name__ == "__main__":
    raise SystemExit(main())
