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
    args = ap.parse_args(argv)
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


if __name__ == "__main__":
    raise SystemExit(main())
