"""Where the CPU time of a full ingest goes, per article and per stage, in one process.

    python benchmarks/profile_ingest.py --data ../shared/data --n 200 [--cache DIR] [--dump OUT.jsonl]

Writes N synthetic text files (the generator of ``benchmarks/scale.py``) and runs each stage of
``Corpus.ingest(..., nlp=True)`` by hand, timing CPU seconds (``time.process_time``, so other jobs on
the machine do not inflate the figures):

  extract        ``iter_extract`` of each file (text cleaner)
  make_doc       tokenizer
  <component>    each spaCy component over the whole batch (``pipe`` where it has one), storydesk's
                 ``storydesk_*`` ones included
  convert        ``annotate_doc``: Doc -> AnnotatedArticle
  sig+features   MinHash signature and clustering features (worker side)
  to_dict        records -> plain dicts (what a Dask worker returns)
  pickle         pickling + unpickling those dicts (the trip between worker and writer)
  decode         plain dicts -> records in the writer
  store          ``Corpus.ingest_articles`` of the annotated records (dedup, SQLite + FTS, clustering)

``--dump`` writes the stored annotation records (sorted by article id) so that two versions of the code
can be compared for identical outputs. Prints one table.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def write_inputs(data: Path, n: int, out: Path) -> list[Path]:
    """The same text files ``scale.py --nlp-sample N`` ingests (cached: the generator is deterministic)."""
    files = sorted(out.glob("*.txt"))
    if len(files) >= n:
        return files[:n]
    from scale import generate, sentence_pool

    out.mkdir(parents=True, exist_ok=True)
    pool = sentence_pool(data)
    for i, (a, _) in enumerate(generate(n, pool)):
        (out / f"{i:06d}.txt").write_text(f"{a.title}\n\n" + "\n\n".join(a.paragraphs) + "\n")
    return sorted(out.glob("*.txt"))[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--cache", type=Path, default=None, help="folder for the generated text files")
    ap.add_argument("--dump", type=Path, default=None, help="write the stored annotations here (JSONL)")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    from spacy.tokens import Doc

    from storydesk.extraction import iter_extract
    from storydesk.group.dedup import dedup_text, signature
    from storydesk.group.stories import features_of
    from storydesk.nlp.annotate import _make_doc, _pipeline_name, annotate_doc, load_pipeline
    from storydesk.options import Options
    from storydesk.records import AnnotatedArticle, Article
    from storydesk.store.corpus import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        src = args.cache or Path(tmp) / "in"
        files = write_inputs(args.data, args.n, src)
        opts = Options()
        cpu: dict[str, float] = defaultdict(float)

        def clock(name: str, t0: float) -> float:
            t = time.process_time()
            cpu[name] += t - t0
            return t

        t = time.process_time()
        nlp = load_pipeline(opts.nlp.model)
        load_s = time.process_time() - t

        t = time.process_time()
        arts: list[Article] = []
        for f in files:
            arts.extend(a for a in iter_extract([f], options=opts) if isinstance(a, Article))
        t = clock("extract", t)
        words = sum(len(a.text.split()) for a in arts)

        docs: list[Doc] = [_make_doc(nlp, a, opts.nlp) for a in arts]
        t = clock("make_doc (tokenizer)", t)
        for name, proc in nlp.pipeline:
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=args.batch_size))
            else:
                docs = [proc(d) for d in docs]
            t = clock(f"component {name}", t)
        name = _pipeline_name(nlp)
        annotated = [annotate_doc(a, d, pipeline=name) for a, d in zip(arts, docs)]
        t = clock("convert (annotate_doc)", t)
        g = opts.group
        by_id = {aa.article.id: aa for aa in annotated}
        sigs = {a.id: signature(dedup_text(a), num_perm=g.num_perm, k=g.shingle_size).tobytes() for a in arts}
        feats = {a.id: features_of(a, by_id.get(a.id), g).to_dict() for a in arts}
        t = clock("signature + features", t)
        payload = {"articles": [a.to_dict() for a in arts], "annotated": [aa.to_dict() for aa in annotated],
                   "signatures": sigs, "features": feats}
        t = clock("records -> dicts", t)
        blob = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        payload = pickle.loads(blob)
        t = clock("pickle + unpickle", t)
        back = [AnnotatedArticle.from_dict(d) for d in payload["annotated"]]
        _ = [Article.from_dict(d) for d in payload["articles"]]
        t = clock("dicts -> records (writer)", t)
        with Corpus(Path(tmp) / "p.db", options=opts) as c:
            c.ingest_articles(back)
            t = clock("store (dedup, SQLite+FTS, cluster)", t)
            if args.dump:
                rows = c._reader().execute("SELECT article_id, json FROM annotations ORDER BY article_id")
                with args.dump.open("w") as out:
                    for aid, js in rows:
                        out.write(json.dumps({"id": aid, "ann": json.loads(js)}, sort_keys=True) + "\n")

    total = sum(cpu.values())
    n = len(arts)
    print(f"{n} articles, {words} words, {len(blob) / n / 1024:.1f} KiB pickled per article, "
          f"pipeline load {load_s:.1f} CPU s (once per process)")
    print("| stage | CPU s | ms/article | share |")
    print("|---|---:|---:|---:|")
    for k, v in cpu.items():
        print(f"| {k} | {v:.2f} | {1000 * v / n:.1f} | {100 * v / total:.1f}% |")
    print(f"| total | {total:.2f} | {1000 * total / n:.1f} | 100% |")
    print(f"\n{n / total:.1f} articles/CPU-s, {words / total:.0f} words/CPU-s on one core")


if __name__ == "__main__":
    main()
