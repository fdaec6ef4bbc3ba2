"""Quote and attribution extraction on PolNeAR (brat Source/Cue/Content spans).

    python benchmarks/attribution.py --data ../shared/data/polnear [--split dev] [--model PATH] [--limit N]
        [--roles-model PATH|bundled [--roles-int8]]

Scores storydesk's quotes (direct and indirect) against PolNeAR attributions, and textacy's
``direct_quotations`` on the same Docs (direct quotes only), in one table:

- content P/R/F1 with overlap >= 0.5 (shared characters / the longer of the two spans, quote marks,
  punctuation and spaces ignored) and exact (the same characters after that normalisation); gold and
  predictions are matched one to one, best overlap first;
- cue accuracy: matched pairs whose predicted cue overlaps the gold cue;
- speaker accuracy: matched pairs with a gold Source whose predicted speaker mention overlaps it;
- direct/indirect split: a gold content is direct when it begins or ends with a quote mark; a predicted
  one by its label. The "all" rows ignore the split.

Indirect attributions are chosen by the trained scorer (``attribution_model.json``, see
``training/attribution_model.py``) among the rules' readings, the learned frames' and the content
tagger's (``content_model.json``, ``training/attribution_content.py``); ``--no-model`` scores the rules
alone, ``--no-tagger`` leaves the tagger out, for comparison.

Articles with several annotators' files use the first file (sorted by name) in the main rows. The same
articles also give a ceiling: the annotators scored against each other (every ordered pair of files)
the majority of the other files scored against each file (what a system that learnt the annotators'
average could reach), and storydesk scored against each file, in extra rows; ``--agreement-only`` prints just the annotators'
rows without running the pipeline (any split: train has 16 such articles, dev 2, annotator-training 4).
Runs unchanged on any split laid out as ``<split>/text/*.txt`` + ``<split>/attributions/*.ann``.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUOTE_CHARS = set("\"“”„«»‘’'")
IGNORED = QUOTE_CHARS | set(" \t\n.,;:!?-—–()[]")


@dataclass
class Attr:
    content: list[tuple[int, int]]
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "indirect"


def _offsets(raw: str) -> list[tuple[int, int]]:
    out = []
    for piece in raw.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path, text: str) -> list[Attr]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offs = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _offsets(offs))
            except ValueError:
                continue
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = {}
            for arg in parts[1].split():
                role, _, tid = arg.partition(":")
                roles[role] = tid
            events.append(roles)
    attrs = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), ("", []))[1]
        if not content:
            continue
        a = Attr(content=content, cue=spans.get(ev.get("Cue", ""), ("", []))[1],
                 source=spans.get(ev.get("Source", ""), ("", []))[1])
        ctext = "".join(text[s:e] for s, e in content).strip()
        if ctext and (ctext[0] in QUOTE_CHARS or ctext[-1] in QUOTE_CHARS):
            a.kind = "direct"
        attrs.append(a)
    return attrs


def chars(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(max(0, s), min(len(text), e)) if text[i] not in IGNORED}


def overlap(g: set[int], p: set[int]) -> float:
    if not g or not p:
        return 0.0
    return len(g & p) / max(len(g), len(p))


@dataclass
class Pred:
    content: list[tuple[int, int]]
    kind: str
    cue: list[tuple[int, int]] = field(default_factory=list)
    speaker: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    hit_gold: int = 0
    hit_pred: int = 0
    exact_gold: int = 0
    exact_pred: int = 0
    cue_ok: int = 0
    cue_n: int = 0
    spk_ok: int = 0
    spk_n: int = 0


def score(text: str, gold: list[Attr], preds: list[Pred], tallies: dict[str, Tally], kinds: bool = True) -> None:
    gsets = [chars(text, g.content) for g in gold]
    psets = [chars(text, p.content) for p in preds]
    pairs = sorted(((overlap(gs, ps), gi, pi) for gi, gs in enumerate(gsets) for pi, ps in enumerate(psets)
                    if gs & ps), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for ov, gi, pi in pairs:
        if ov < 0.5 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], preds[pi]
        exact = gsets[gi] == psets[pi]
        for key in ("all", g.kind) if kinds else ("all",):
            t = tallies[key]
            t.hit_gold += 1
            t.exact_gold += exact
            if g.cue:
                t.cue_n += 1
                t.cue_ok += bool(chars(text, g.cue) & chars(text, p.cue)) if p.cue else 0
            if g.source:
                t.spk_n += 1
                t.spk_ok += bool(chars(text, g.source) & chars(text, p.speaker)) if p.speaker else 0
        for key in ("all", p.kind) if kinds else ("all",):
            tallies[key].hit_pred += 1
            tallies[key].exact_pred += exact
    for g in gold:
        for key in ("all", g.kind) if kinds else ("all",):
            tallies[key].gold += 1
    for p in preds:
        for key in ("all", p.kind) if kinds else ("all",):
            tallies[key].pred += 1


def prf(hit_pred: int, pred: int, hit_gold: int, gold: int) -> tuple[float, float, float]:
    p = hit_pred / pred if pred else 0.0
    r = hit_gold / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def predictions(stem: str, text: str, doc) -> list[Pred]:
    """storydesk's quotes in an annotated Doc of one article, as scored predictions (the benchmark's and
    the held-out harness's one reading of them)."""
    from storydesk.nlp.annotate import annotate_doc
    from storydesk.records import Article

    aa = annotate_doc(Article(source=stem, paragraphs=text.split("\n\n")), doc)
    preds = []
    for q in aa.quotes:
        parts = [(p.start, p.end) for p in q.parts] or [(q.content.start, q.content.end)]
        preds.append(Pred(parts, q.kind, [(q.cue.start, q.cue.end)] if q.cue else [],
                          [(q.speaker.start, q.speaker.end)] if q.speaker else []))
    return preds


def load_split(data: Path, split: str, limit: int | None) -> list[tuple[str, str, list[Attr]]]:
    base = data / "data" / split if (data / "data" / split).is_dir() else data / split
    texts = sorted((base / "text").glob("*.txt"))
    anns = sorted((base / "attributions").glob("*.ann"))
    out = []
    for tp in texts:
        stem = tp.stem
        ann = next((a for a in anns if a.stem.rsplit("_", 1)[0] == stem), None)
        if ann is None:
            continue
        text = tp.read_text(encoding="utf-8")
        out.append((stem, text, read_ann(ann, text)))
        if limit and len(out) >= limit:
            break
    return out


def load_annotators(data: Path, split: str, stems: set[str] | None = None
                    ) -> list[tuple[str, str, list[list[Attr]]]]:
    """Articles of the split with two or more annotators' files: (stem, text, one attribution list per file).

    PolNeAR has a few articles that every annotator annotated (16 in train, 2 in dev, 4 in
    annotator-training); scoring annotators against each other with this benchmark's own metric gives
    the ceiling a system can be expected to reach."""
    base = data / "data" / split if (data / "data" / split).is_dir() else data / split
    files: dict[str, list[Path]] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        files.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    out = []
    for stem, anns in files.items():
        tp = base / "text" / f"{stem}.txt"
        if len(anns) < 2 or not tp.is_file() or (stems is not None and stem not in stems):
            continue
        text = tp.read_text(encoding="utf-8")
        out.append((stem, text, [read_ann(a, text) for a in anns]))
    return out


def majority(text: str, files: list[list[Attr]]) -> list[Pred]:
    """The attributions a majority of these annotators' files agree on, as predictions.

    Greedy: the attribution whose content overlaps (>= 0.5, the benchmark's match) most other files'
    attributions seeds a group with the best-overlapping unused one of each other file; a group of more
    than half the files keeps its seed. A system that learnt the annotators' average would score about
    this against one more annotator."""
    items = [(k, a, chars(text, a.content)) for k, attrs in enumerate(files) for a in attrs]
    support = [sum(1 for k2, _, s2 in items if k2 != k and overlap(s, s2) >= 0.5) for k, _, s in items]
    used: set[int] = set()
    out = []
    for i in sorted(range(len(items)), key=lambda i: (-support[i], i)):
        if i in used:
            continue
        k, a, s = items[i]
        group = {k: i}
        for j in sorted(range(len(items)), key=lambda j: -overlap(s, items[j][2])):
            k2, _, s2 = items[j]
            if j not in used and k2 not in group and overlap(s, s2) >= 0.5:
                group[k2] = j
        if len(group) > len(files) / 2:
            out.append(Pred(a.content, a.kind, a.cue, a.source))
            used.update(group.values())
    return out


def agreement(multi: list[tuple[str, str, list[list[Attr]]]], system: dict[str, list[Pred]] | None = None
              ) -> tuple[dict[str, Tally], dict[str, Tally], dict[str, Tally], int]:
    """Annotators scored against each other (every ordered pair: one file as gold, the other as
    predictions), the majority of the other files scored against each file (from three files on) and,
    when given, a system's predictions scored against every file."""
    human = {k: Tally() for k in ("all", "direct", "indirect")}
    consensus = {k: Tally() for k in ("all", "direct", "indirect")}
    machine = {k: Tally() for k in ("all", "direct", "indirect")}
    pairs = 0
    for stem, text, per_file in multi:
        for i, gold in enumerate(per_file):
            others = per_file[:i] + per_file[i + 1:]
            for other in others:
                score(text, gold, [Pred(a.content, a.kind, a.cue, a.source) for a in other], human)
                pairs += 1
            if len(others) >= 2:
                score(text, gold, majority(text, others), consensus)
            if system is not None and stem in system:
                score(text, gold, system[stem], machine)
    return human, consensus, machine, pairs


def _row(system: str, kind: str, t: Tally) -> tuple[str, ...]:
    p, r, f = prf(t.hit_pred, t.pred, t.hit_gold, t.gold)
    pe, re_, fe = prf(t.exact_pred, t.pred, t.exact_gold, t.gold)
    return (system, kind, str(t.gold), str(t.pred), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{pe:.3f}",
            f"{re_:.3f}", f"{fe:.3f}", f"{t.cue_ok / t.cue_n:.3f}" if t.cue_n else "-",
            f"{t.spk_ok / t.spk_n:.3f}" if t.spk_n else "-")


HEADER = ("system", "kind", "gold", "pred", "P@.5", "R@.5", "F1@.5", "P exact", "R exact", "F1 exact",
          "cue acc", "speaker acc")


def _print_table(rows: list[tuple[str, ...]]) -> None:
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="PolNeAR folder (with data/<split>/...)")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--model", default=None, help="spaCy pipeline instead of the bundled one")
    ap.add_argument("--roles-model", default=None, metavar="PATH|bundled",
                    help="also run the transformer role tagger (storydesk[transformer]) with this model folder")
    ap.add_argument("--roles-int8", action="store_true", help="the role tagger with 8-bit linear layers")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--no-learned-cues", action="store_true",
                    help="switch off the learned cue frames (cues.json) and the trained scorer")
    ap.add_argument("--no-model", action="store_true",
                    help="switch off the trained attribution scorer (attribution_model.json): the hand-set "
                         "rules and learned frames decide, as before the scorer")
    ap.add_argument("--no-tagger", action="store_true",
                    help="switch off the learned content tagger (content_model.json) and its readings")
    ap.add_argument("--agreement-only", action="store_true",
                    help="only score the annotators of multiply-annotated articles against each other "
                         "(no pipeline; works on any split, e.g. train or annotator-training)")
    args = ap.parse_args(argv)

    if args.agreement_only:
        multi = load_annotators(args.data, args.split)
        if not multi:
            print(f"no article with several annotators under {args.data} ({args.split})", file=sys.stderr)
            return 2
        human, consensus, _, pairs = agreement(multi)
        print(f"PolNeAR {args.split}: annotators against each other on {len(multi)} articles with several "
              f"annotators' files ({pairs} ordered pairs)")
        _print_table([_row("annotators (pairwise)", k, human[k]) for k in ("direct", "indirect", "all")]
                     + [_row("majority of the other annotators", k, consensus[k])
                        for k in ("direct", "indirect", "all") if consensus["all"].gold])
        return 0

    from storydesk.nlp.annotate import load_pipeline

    articles = load_split(args.data, args.split, args.limit)
    if not articles:
        print(f"no articles found under {args.data} ({args.split})", file=sys.stderr)
        return 2
    nlp = load_pipeline(args.model, roles_model=args.roles_model, roles_int8=args.roles_int8)
    if (args.no_learned_cues or args.no_model) and nlp.has_pipe("storydesk_quotes"):
        nlp.get_pipe("storydesk_quotes").model = None
    if args.no_tagger and nlp.has_pipe("storydesk_quotes"):
        nlp.get_pipe("storydesk_quotes").tagger = None
    if args.no_learned_cues and nlp.has_pipe("storydesk_quotes"):
        nlp.get_pipe("storydesk_quotes").lexicon = {}
    tallies = {k: Tally() for k in ("all", "direct", "indirect")}
    tx_tallies = {k: Tally() for k in ("all", "direct", "indirect")}
    t0 = time.perf_counter()
    docs = list(nlp.pipe((text for _, text, _ in articles), batch_size=16))
    elapsed = time.perf_counter() - t0
    direct_quotations = None
    if not args.no_textacy:
        try:
            from textacy.extract.triples import direct_quotations
        except ImportError:
            direct_quotations = None
    lemma_note = ""
    tx_failed = 0
    if direct_quotations is not None and not any(t.lemma_ for d in docs[:3] for t in d):
        # textacy finds cues by lemma; give it one when the pipeline has no lemmatizer
        import spacy

        lem = spacy.blank("en").add_pipe("lemmatizer", config={"mode": "lookup"})
        lem.initialize()
        lemma_note = " (textacy given lookup lemmas: the pipeline has no lemmatizer)"
    system_preds: dict[str, list[Pred]] = {}
    for (stem, text, gold), doc in zip(articles, docs):
        system_preds[stem] = predictions(stem, text, doc)
        score(text, gold, system_preds[stem], tallies)
        if direct_quotations is not None:
            if lemma_note:
                for tok in doc:
                    tok.lemma_ = lem.lookups.get_table("lemma_lookup").get(tok.lower_, tok.lower_)
            tx = []
            try:
                for trip in direct_quotations(doc):
                    cont = [(trip.content[0].idx, trip.content[-1].idx + len(trip.content[-1].text))]
                    cue = [(t.idx, t.idx + len(t.text)) for t in trip.cue]
                    spk = [(t.idx, t.idx + len(t.text)) for t in trip.speaker]
                    tx.append(Pred(cont, "direct", cue, spk))
            except Exception as exc:  # noqa: BLE001 - the baseline giving up on an article is counted
                tx_failed += 1
                print(f"textacy failed on {stem}: {exc}", file=sys.stderr)
            score(text, [g for g in gold if g.kind == "direct"], tx, tx_tallies, kinds=False)
            tx_tallies["direct"] = tx_tallies["all"]

    rows = []
    for system, tl in (("storydesk", tallies), ("textacy direct_quotations", tx_tallies)):
        if system.startswith("textacy") and direct_quotations is None:
            continue
        for kind in (("direct",) if system.startswith("textacy") else ("direct", "indirect", "all")):
            rows.append(_row(system, kind, tl[kind]))
    # the ceiling: on the articles every annotator annotated, annotators against each other and
    # storydesk against each of them, with the same metric
    multi = load_annotators(args.data, args.split, {stem for stem, _, _ in articles})
    agreement_note = ""
    if multi:
        human, consensus, machine, pairs = agreement(multi, system_preds)
        n_files = sum(len(files) for _, _, files in multi)
        rows += [_row(f"annotators (pairwise, {len(multi)} articles)", k, human[k])
                 for k in ("direct", "indirect", "all")]
        rows += [_row(f"majority of the other annotators ({len(multi)} articles)", k, consensus[k])
                 for k in ("direct", "indirect", "all") if consensus["all"].gold]
        rows += [_row(f"storydesk vs each annotator ({len(multi)} articles)", k, machine[k])
                 for k in ("direct", "indirect", "all")]
        agreement_note = (f"; {len(multi)} articles have several annotators' files ({n_files} files, "
                          f"{pairs} ordered pairs): scored against each other and storydesk against each")
    lexicon_note = ""
    try:
        import json

        from storydesk.nlp.components.cue_lexicon import LEXICON

        meta = json.loads(LEXICON.read_text(encoding="utf-8"))
        quotes_pipe = nlp.get_pipe("storydesk_quotes")
        in_use = getattr(quotes_pipe, "all_frames", {}) if getattr(quotes_pipe, "model", None) is not None \
            else getattr(quotes_pipe, "lexicon", {})
        lexicon_note = (f"; learned cue frames: {len(in_use)} in use, from PolNeAR "
                        f"{meta.get('split')} ({meta.get('articles')} articles, {meta.get('pipeline')})")
    except (OSError, ValueError, KeyError):
        lexicon_note = "; no learned cue lexicon"
    try:
        from storydesk.nlp.components.cue_lexicon import MODEL

        quotes_pipe = nlp.get_pipe("storydesk_quotes")
        if getattr(quotes_pipe, "model", None) is not None:
            meta = json.loads(MODEL.read_text(encoding="utf-8"))
            lexicon_note += (f"; trained scorer: {len(meta.get('weights', {}))} weights from PolNeAR "
                             f"{meta.get('split')} ({meta.get('articles')} articles), threshold "
                             f"{quotes_pipe.threshold}")
        else:
            lexicon_note += "; trained scorer off"
        tagger = getattr(quotes_pipe, "tagger", None) if getattr(quotes_pipe, "model", None) is not None else None
        lexicon_note += (f"; content tagger: {len(tagger.weights)} weights, {len(tagger.cues)} cue words"
                         if tagger is not None else "; content tagger off")
    except (OSError, ValueError, KeyError):
        lexicon_note += "; no trained scorer"
    print(f"PolNeAR {args.split}: {len(articles)} articles, pipeline {nlp.meta.get('name')} "
          f"{nlp.meta.get('version')}, {len(articles) / elapsed:.2f} articles/s (full pipeline){lemma_note}"
          + (f"; textacy gave up on {tx_failed} article(s)" if direct_quotations is not None else "")
          + lexicon_note
          + (f"; role tagger: {args.roles_model}{' (int8)' if args.roles_int8 else ''}" if args.roles_model
             else "; role tagger off") + agreement_note)
    _print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
