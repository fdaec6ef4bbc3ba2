"""Held-out PolNeAR train figure for the quote finder: fit its learned parts without slice 3::4, score on it.

    python training/attribution_heldout.py --data ../shared/data/polnear \\
        [--docs training/work/attrib/train.spacy] [--work training/work/heldout] [--reuse] [--errors FILE] \\
        [--roles-probs NPZ | --roles-model DIR [--probs-out NPZ]] [--rescorer cv|none|FILE] [--rescorer-folds 2]

Every change to the attribution rules or to the learned parts' features is chosen on this figure, never on
PolNeAR dev. The articles of PolNeAR train are sorted by name; slice 3::4 (``i % 4 == 3``, 210 articles) is
held out and the other 630 fit what the finder learns:

1. the parses: the bundled pipeline up to the quote finder, once, cached as a DocBin (``--docs``, the cache
   the training scripts share; delete it after a change of the parser or of the components before the
   finder);
2. the content tagger: ``attribution_content.py --fold`` -> ``WORK/content_fold.json``;
3. the reading scorer: ``attribution_model.py --select fold`` with that tagger (C 0.1, threshold 0.5, as
   the shipped one) -> ``WORK/model_fold.json``;
4. the cue frames are the packaged ``cues.json``: they are learned from every second train article
   (``attribution_cues.py --stride 2``: articles 0, 2, 4, ...), none of which is in slice 3::4.

The finder then runs with those parts, followed by the components after it (speakers, hedges, ...), on
the 210 held-out articles; each is read back with ``annotate_doc`` and scored by
``benchmarks/attribution.py``'s ``score`` (overlap >= 0.5 one-to-one matching, exact, cue and speaker
accuracy): the same numbers the benchmark gives on a split. Steps 2-3 take ~3-4 minutes; ``--reuse`` keeps
the fitted files of an earlier run (only right when the rules and the features did not change since).

**The role-tagger path** (``benchmarks/attribution.py --roles-model``): ``--roles-probs NPZ`` (the held-out
probabilities ``attribution_roles.py train --fold 3 --probs-out`` writes) or ``--roles-model DIR`` (the fold
model folder of ``train --fold 3 --export DIR``; its probabilities are computed here, as the pipeline's
component computes them, and ``--probs-out`` keeps them) sets the probabilities of a role tagger trained without
slice 3::4 on the held-out articles; the role readings then run after the finder, as in the pipeline. The
finder's rescorer (``attribution_roles_rescore.json``) is itself fitted on these 210 articles, so its figure
here is cross-validated (``--rescorer cv``, the default): the held-out articles in order, position ``p`` in fold
``p % K`` (``--rescorer-folds``, default 2, the split of ``attribution_roles_rescore.py --cv``), each fold scored
by a rescorer fitted (``attribution_roles_rescore.fit_trees``, the shipped settings) on the proposals of the
other folds, with this run's fold tagger, content tagger and scorer. ``--rescorer FILE`` scores a fixed file
instead (e.g. the shipped one: fitted on these articles, so not a held-out figure), ``--rescorer none`` the
finder without rescoring (and without the tagger's own content runs, which need the rescorer). Training the
fold tagger takes ~30 minutes of two cores on a quiet machine, much longer on a shared one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))


def held_out(n: int) -> list[int]:
    """The held-out articles' positions among PolNeAR train sorted by name: 3, 7, 11, ..."""
    return [i for i in range(n) if i % 4 == 3]


def fit_parts(args) -> tuple[Path, Path]:
    """Fit the content tagger and the scorer on the articles outside slice 3::4 (own processes: the training
    scripts change the cached pipeline's finder)."""
    args.work.mkdir(parents=True, exist_ok=True)
    content, model = args.work / "content_fold.json", args.work / "model_fold.json"
    common = ["--data", str(args.data), "--docs", str(args.docs)]
    steps = [
        (content, [str(ROOT / "training" / "attribution_content.py"), *common, "--fold",
                   "--out", str(content),
                   *args.content_args.split()]),
        (model, [str(ROOT / "training" / "attribution_model.py"), *common, "--select", "fold", "--C", "0.1",
                 "--threshold", "0.5", "--content-model", str(content), "--out", str(model),
                 *args.model_args.split()]),
    ]
    for out, cmd in steps:
        if args.reuse and out.is_file():
            continue
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *cmd], check=True)
        print(f"fitted {out.name} in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return content, model


def evaluate(nlp, docs, articles, idx, content: Path | None, model: Path | None, errors: Path | None = None,
             rescorers=None):
    """Run the finder (with the given fitted parts) and the components after it on the articles ``idx``;
    the benchmark's tallies. ``rescorers``: position in ``idx`` -> the finder's role-tagger rescorer for that
    article (None: leave the finder's own)."""
    from attribution import Tally, predictions, score

    from storydesk.nlp.components.content_tagger import load_content_model
    from storydesk.nlp.components.cue_lexicon import load_model

    finder = nlp.get_pipe("storydesk_quotes")
    if model is not None:
        finder.model = load_model(str(model))
        finder.threshold = finder.model.threshold
    if content is not None:
        finder.tagger = load_content_model(str(content))
    names = nlp.pipe_names
    after = [(n, p) for n, p in nlp.pipeline[names.index("storydesk_quotes"):]]
    tallies = {k: Tally() for k in ("all", "direct", "indirect")}
    rows = []
    own_rescorer = finder.rescorer
    try:
        for pos, i in enumerate(idx):
            (stem, text, gold), doc = articles[i], docs[i]
            if rescorers is not None:
                finder.rescorer = rescorers(pos)
            for _name, proc in after:
                doc = proc(doc)
            preds = predictions(stem, text, doc)
            score(text, gold, preds, tallies)
            if errors is not None:
                rows.append({"article": stem, "gold": [[g.content, g.cue, g.source, g.kind] for g in gold],
                             "pred": [[p.content, p.cue, p.speaker, p.kind] for p in preds]})
    finally:
        finder.rescorer = own_rescorer  # the pipeline may be shared (it is cached per process)
    if errors is not None:
        errors.write_text(json.dumps(rows) + "\n", encoding="utf-8")
    return tallies


def role_probs(args, docs) -> list:
    """The fold role tagger's probabilities for ``docs`` (the held-out articles in order): read from
    ``--roles-probs``, or computed with the model folder ``--roles-model`` by the component's own code."""
    from attribution_roles_rescore import held_out_probs

    if args.roles_probs is not None:
        return held_out_probs(args.roles_probs, docs)
    from storydesk.nlp.components.role_tagger import load_role_model

    t0 = time.perf_counter()
    model = load_role_model(str(args.roles_model), threads=args.threads)
    probs = model.predict([[t.text for t in doc] for doc in docs])
    print(f"role tagger {args.roles_model}: {len(docs)} articles scored in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr, flush=True)
    if args.probs_out is not None:
        import numpy as np

        args.probs_out.parent.mkdir(parents=True, exist_ok=True)
        np.savez(args.probs_out, P=np.concatenate(probs).astype(np.float32),
                 lengths=np.array([len(d) for d in docs], dtype=np.int64))
    return probs


def with_roles(nlp, docs, articles, idx, args, content: Path | None, model: Path | None):
    """Set the fold tagger's probabilities on the held-out Docs, put the role readings after the finder (as
    ``add_components`` does) and choose the rescorers: a function of the position in ``idx``, and a label."""
    from storydesk.nlp.components import role_readings, role_tagger  # noqa: F401  (extension, factory)
    from storydesk.nlp.components.content_tagger import load_content_model
    from storydesk.nlp.components.cue_lexicon import load_model, load_rescorer

    held = [docs[i] for i in idx]
    for doc, p in zip(held, role_probs(args, held)):
        doc._.sd_role_probs = p
    if not nlp.has_pipe("storydesk_role_readings"):
        nlp.add_pipe("storydesk_role_readings", after="storydesk_quotes")
    if args.rescorer == "none":
        return (lambda pos: None), "no rescorer"
    if args.rescorer != "cv":
        fixed = load_rescorer(args.rescorer)
        if fixed is None:
            raise SystemExit(f"{args.rescorer}: not a rescorer for the current role features")
        return (lambda pos: fixed), f"the fixed rescorer {args.rescorer}"
    from attribution_roles_rescore import cv_rescorers, proposals

    finder = nlp.get_pipe("storydesk_quotes")
    if model is not None:  # the proposals are scored by the finder as evaluate() sets it up
        finder.model = load_model(str(model))
        finder.threshold = finder.model.threshold
    if content is not None:
        finder.tagger = load_content_model(str(content))
    t0 = time.perf_counter()
    X, y, pos = proposals(finder, held, [articles[i] for i in idx])
    k = args.rescorer_folds
    models = cv_rescorers(X, y, pos, k)
    print(f"rescorer: {len(y)} proposals ({int(y.sum())} right), {k} fold fits in "
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return (lambda p: models[p % k]), f"rescorer cross-validated ({k} folds of the held-out articles, p % {k})"


def table(tallies) -> list[str]:
    from attribution import prf

    lines = ["| kind | gold | pred | P@.5 | R@.5 | F1@.5 | F1 exact | cue acc | speaker acc |",
             "|---|---|---|---|---|---|---|---|---|"]
    for kind in ("direct", "indirect", "all"):
        t = tallies[kind]
        p, r, f = prf(t.hit_pred, t.pred, t.hit_gold, t.gold)
        _pe, _re, fe = prf(t.exact_pred, t.pred, t.exact_gold, t.gold)
        cue = f"{t.cue_ok / t.cue_n:.4f}" if t.cue_n else "-"
        spk = f"{t.spk_ok / t.spk_n:.4f}" if t.spk_n else "-"
        lines.append(f"| {kind} | {t.gold} | {t.pred} | {p:.4f} | {r:.4f} | {f:.4f} | {fe:.4f} | {cue} "
                     f"| {spk} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="PolNeAR folder (with data/<split>/...)")
    ap.add_argument("--docs", type=Path, default=ROOT / "training" / "work" / "attrib" / "train.spacy",
                    help="DocBin cache of the parsed train split (made when missing)")
    ap.add_argument("--work", type=Path, default=ROOT / "training" / "work" / "heldout",
                    help="where the fitted content tagger and scorer go")
    ap.add_argument("--reuse", action="store_true", help="keep the fitted files of an earlier run")
    ap.add_argument("--content-args", default="", metavar="ARGS",
                    help="more options for attribution_content.py, e.g. \"--min-cue-count 2\"")
    ap.add_argument("--model-args", default="", metavar="ARGS",
                    help="more options for attribution_model.py, e.g. \"--C 0.3\" (the last one given wins)")
    ap.add_argument("--shipped", action="store_true",
                    help="score the packaged tagger and scorer instead (they have seen the held-out "
                         "articles: "
                         "for comparison only)")
    ap.add_argument("--errors", type=Path, default=None, help="write gold and predictions per article (JSON)")
    roles = ap.add_mutually_exclusive_group()
    roles.add_argument("--roles-probs", type=Path, default=None,
                       help="held-out probabilities of a role tagger trained without slice 3::4 (npz, array P: "
                            "attribution_roles.py train --fold 3 --probs-out)")
    roles.add_argument("--roles-model", type=Path, default=None,
                       help="or its model folder (attribution_roles.py train --fold 3 --export DIR)")
    ap.add_argument("--probs-out", type=Path, default=None, help="with --roles-model: keep its probabilities")
    ap.add_argument("--threads", type=int, default=1, help="torch threads for --roles-model")
    ap.add_argument("--rescorer", default="cv",
                    help="with the role tagger: cv (fitted here, cross-validated), none, or a rescorer file")
    ap.add_argument("--rescorer-folds", type=int, default=2, help="folds of --rescorer cv")
    args = ap.parse_args(argv)
    use_roles = args.roles_probs is not None or args.roles_model is not None

    from attribution import load_split
    from attribution_model import _parsed

    from storydesk.nlp.annotate import load_pipeline

    articles = load_split(args.data, "train", None)
    args.docs.parent.mkdir(parents=True, exist_ok=True)
    nlp = load_pipeline(None)
    t0 = time.perf_counter()
    docs = _parsed(args, articles, nlp)  # parses (and caches) before the fitting processes read the cache
    print(f"{len(docs)} parsed train articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr,
          flush=True)
    content = model = None
    if not args.shipped:
        content, model = fit_parts(args)
    idx = held_out(len(articles))
    rescorers, roles_note = None, ""
    if use_roles:
        rescorers, how = with_roles(nlp, docs, articles, idx, args, content, model)
        roles_note = f"; role tagger {args.roles_probs or args.roles_model}, {how}"
    t0 = time.perf_counter()
    tallies = evaluate(nlp, docs, articles, idx, content, model, args.errors, rescorers)
    what = ("packaged tagger and scorer (not held out!)" if args.shipped
            else f"tagger and scorer fitted in {args.work}") + roles_note
    print(f"held-out PolNeAR train (slice 3::4): {len(idx)} articles, finder with {what}; "
          f"{len(idx) / (time.perf_counter() - t0):.1f} articles/s after parsing")
    print("\n".join(table(tallies)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
