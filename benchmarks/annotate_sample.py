"""A fixed-seed sample of BASIL articles with everything storydesk's attribution components output, for a
reader to judge by hand (PolNeAR has no gold data for hedges, "according to" sources or speaker
descriptions, so benchmarks/attribution.py cannot score them).

    .venv/bin/python benchmarks/annotate_sample.py --data ../shared/data/basil [--n 25] [--seed 9]
        [--skip 0] [--text]

Articles are drawn with ``random.Random(seed).sample`` from all BASIL articles sorted by path, so the
same seed gives the same articles on any machine; ``--skip K`` drops the first K drawn (a fresh sample
that does not overlap a judged one: ``--n 10 --skip 25``). Per article it prints numbered items a
reader marks right or wrong:

  Q<n>  every quote: kind, status, speaker mention / name / description, cue, offsets, content
  D<n>  every speaker description (the "an economist at ..." a quote's speaker is given)
  S<n>  every source relied on: kind, person, organisation, chain, the phrase and its offsets
  H<n>  every hedge / unverified / denial cue with its offsets and sentence
  T<n>  every sentence marked hedged or denied (the statement status a brief shows)

``--text`` also prints the article's sentences (numbered) for reading it whole, to list what was missed.
There is no score: the figures are the reader's judgements (kept outside the repository).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def _one_line(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sample_paths(data: Path, n: int, seed: int, skip: int = 0) -> list[Path]:
    """``n`` article files drawn with ``seed`` after dropping the first ``skip`` drawn."""
    paths = sorted((data / "articles").rglob("*.json"))
    drawn = random.Random(seed).sample(paths, min(len(paths), n + skip))
    return drawn[skip:]


def describe(aa, label: str, *, text: bool = False) -> str:
    """The numbered listing of one annotated article."""
    art = aa.article
    body = art.text
    lines = [f"=== {label} {art.source} | {art.outlet} | {art.published} | {art.title}"]
    if text:
        lines.append("--- text")
        for si, s in enumerate(aa.sentences):
            lines.append(f"  [{si}] {s.status[:4]} {_one_line(body[s.start:s.end], 10_000)}")
    lines.append("--- quotes")
    d = 0
    descs = []
    for qi, q in enumerate(aa.quotes, 1):
        who = q.speaker.text if q.speaker else "-"
        cue = q.cue.text if q.cue else "-"
        extra = []
        if q.via:
            extra.append("via=" + "/".join(q.via))
        if q.medium:
            extra.append("medium=" + q.medium)
        lines.append(f"  Q{qi} {q.kind[:3]} {q.status} spk=“{who}” name=“{q.speaker_name or '-'}” cue=“{cue}” "
                     f"{' '.join(extra)} @{q.content.start}-{q.content.end} s{q.sentence}: "
                     f"{_one_line(q.content.text, 160)}")
        if q.speaker_description:
            d += 1
            descs.append(f"  D{d} (Q{qi}) “{who}” -> “{q.speaker_description}”")
    lines.append("--- speaker descriptions")
    lines.extend(descs)
    lines.append("--- sources")
    for si, s in enumerate(aa.sources, 1):
        lines.append(f"  S{si} {s.kind} person=“{s.person or '-'}” org=“{s.organization or '-'}” "
                     f"chain={' > '.join(s.chain) or '-'} @{s.span.start}-{s.span.end} s{s.sentence}: “{_one_line(s.span.text, 100)}”")
    lines.append("--- hedges")
    for hi, h in enumerate(aa.hedges, 1):
        sent = aa.sentences[h.sentence] if h.sentence is not None and h.sentence < len(aa.sentences) else None
        ctx = _one_line(body[sent.start:sent.end], 200) if sent else ""
        lines.append(f"  H{hi} {h.kind} “{h.text}” @{h.start}-{h.end} s{h.sentence}: {ctx}")
    lines.append("--- hedged/denied sentences")
    t = 0
    for si, s in enumerate(aa.sentences):
        if s.status in {"hedged", "denied"}:
            t += 1
            cues = ", ".join(aa.hedges[i].text for i in s.hedges if 0 <= i < len(aa.hedges))
            lines.append(f"  T{t} s{si} {s.status} ({cues}): {_one_line(body[s.start:s.end], 200)}")
    for qi, q in enumerate(aa.quotes, 1):
        if q.status in {"hedged", "denied"}:
            t += 1
            cues = ", ".join(aa.hedges[i].text for i in q.hedges if 0 <= i < len(aa.hedges))
            lines.append(f"  T{t} Q{qi} {q.status} ({cues or 'cue ' + (q.cue.text if q.cue else '-')}): "
                         f"{_one_line(q.content.text, 160)}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="BASIL folder (articles/)")
    ap.add_argument("--n", type=int, default=25, help="articles to print")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--skip", type=int, default=0, help="drop the first K drawn (a disjoint sample)")
    ap.add_argument("--text", action="store_true", help="also print each article's sentences")
    args = ap.parse_args()

    from brief import to_article

    from storydesk.nlp.annotate import annotate

    paths = sample_paths(args.data, args.n, args.seed, args.skip)
    articles = [to_article(json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    for i, aa in enumerate(annotate(articles), args.skip + 1):
        print(describe(aa, f"A{i:02d}", text=args.text))
        print()


if __name__ == "__main__":
    main()
