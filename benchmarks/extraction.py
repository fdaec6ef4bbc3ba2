"""Extraction benchmark: storydesk against trafilatura and the full-page floor, on the same pages.

Usage::

    python benchmarks/extraction.py --data ../shared/data/trafilatura_eval [--limit N] [--workers 2]
        [--text-models DIR] [--repeats 3]

Two layouts are recognised from the folder's content:

* trafilatura's evaluation (``evaldata.json`` + pages under ``eval/`` and ``cache/``, gzipped or not):
  a "with" snippet found in the output is a true positive, a "without" snippet found is a false
  positive, a missed "with" snippet a false negative (whitespace-normalised substring match, as
  trafilatura's ``tests/eval_common.py`` does); precision, recall and F1 over all snippets;
* ScrapingHub's article-extraction-benchmark (``html/<id>.html.gz`` + ``ground-truth.json`` mapping
  id -> {"articleBody", "url"}): token-level precision and recall of the body per page, averaged over
  pages, F1 from the averages (as that benchmark's own evaluation does).

Columns, all on the same pages in the same process:

1. ``full page``: every visible text block of the page (the floor);
2. ``trafilatura``: ``trafilatura.extract(html)`` with its default settings;
3. ``storydesk html``: ``storydesk.extraction.extract_bytes(html, kind="html")`` with default options;
4. ``storydesk text``: storydesk's plain-text cleaner on the page flattened to plain text (all visible
   text, one block per line, as a scraper saves it: ``scrape_text``, decoding the bytes as storydesk's
   HTML reader does); flattening is not timed, cleaning is.

The text cleaner's packaged model was trained on trafilatura_eval pages (see training/text_cleaner.py),
so on that set its column is in-sample. ``--text-models DIR`` (the fold models written by
``training/text_cleaner.py --fold-models DIR``) cleans each page instead with the model of the fold that
held it out, so that column is cross-validated (pages no fold held out get the rules alone).

Speed is pages per second of CPU time (``time.process_time`` around each call), so that another job on
the machine slows every column alike; each page runs the four back to back in the same process. The
order rotates, and is reversed on every other group of four pages, so that each column runs before each
other one on half of the pages: trafilatura keeps small caches of the lines it has cleaned (1,024
entries), and the second extractor of a page finds them warm (about 5% faster). One-off initialisations
(trafilatura's justext stop lists, ~0.4 s, built on the first page that needs them) run in the warm-up.

How much slower storydesk's HTML path is than trafilatura still moves with the machine's load even so
(on a machine shared with other jobs, passes minutes apart differ by several points): ``--repeats N``
runs every page N times, in N passes over the whole set, and the table gives the median pages/s of the
passes; the header line gives how much slower storydesk html is than trafilatura in each pass (1 - the
ratio of their pages/s, as BENCHMARKS.md gives it), the median and the same as extra CPU time, and the
load average before and after. Quality is that of the first pass (every pass extracts
the same text).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path

METHODS = ("full page", "trafilatura", "storydesk html", "storydesk text")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def load_pages(data: Path) -> tuple[str, list[tuple[str, bytes, dict]]]:
    """(layout, [(page id, html bytes, gold)]) for either supported layout."""
    if (data / "evaldata.json").is_file():
        gold = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
        pages = []
        for item in gold.values():
            for sub in ("eval", "cache"):
                for name in (item["file"], item["file"] + ".gz"):
                    if (data / sub / name).is_file():
                        pages.append((item["file"], _read(data / sub / name), item))
                        break
                else:
                    continue
                break
        return "trafilatura-eval", pages
    if (data / "ground-truth.json").is_file() and (data / "html").is_dir():
        gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
        pages = []
        for pid, item in sorted(gold.items()):
            for name in (f"{pid}.html.gz", f"{pid}.html"):
                if (data / "html" / name).is_file():
                    pages.append((pid, _read(data / "html" / name), item))
                    break
        return "article-extraction-benchmark", pages
    raise SystemExit(
        f"{data}: neither evaldata.json (trafilatura layout) nor ground-truth.json + html/ "
        "(article-extraction-benchmark layout)"
    )


# ---------------------------------------------------------------- the four extractors


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def scrape_text(html: bytes) -> str:
    """The page as a scraper saves it: decoded as storydesk's HTML reader decodes it (BOM, UTF-8, the
    declared charset, a guess), then every visible block on its own line. Handing lxml the raw bytes
    instead would read pages without a declared charset as Latin-1, and a mis-decoded page cannot hold
    the evaluation's snippets whatever the cleaner keeps."""
    from storydesk.extraction.encoding import decode_bytes
    from storydesk.extraction.html import visible_text

    try:
        text, _ = decode_bytes(html, html=True)
    except Exception:  # noqa: BLE001 - undecodable or binary: let lxml make what it can of the bytes
        return visible_text(html)
    # lxml refuses a str that still declares its encoding
    return visible_text(_XML_DECLARATION.sub("", text, count=1))


def run_full(html: bytes) -> str:
    return scrape_text(html)


def run_trafilatura(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def run_storydesk_html(html: bytes) -> str:
    from storydesk.extraction import extract_bytes

    articles, _ = extract_bytes(html, source="page.html", kind="html")
    return "\n".join(articles[0].paragraphs) if articles else ""


def run_storydesk_text(flat: str, model=True) -> str:
    from storydesk.extraction.text import clean_text

    return "\n".join(clean_text(flat, model=model).paragraphs)


_FOLD_MODELS: dict[str, object] = {}


def text_model_for(path: str | None):
    """True (the packaged model) without a fold model; else the fold model, loaded once per process,
    or False (rules alone) for a page no fold held out."""
    if path is None:
        return True
    if path == "":
        return False
    if path not in _FOLD_MODELS:
        from storydesk.extraction.text_model import TextModel

        _FOLD_MODELS[path] = TextModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    return _FOLD_MODELS[path]


def fold_model_paths(folder: Path) -> dict[str, str]:
    """page id -> the fold model that held that page out (``info.held_out`` of each model JSON)."""
    out: dict[str, str] = {}
    for f in sorted(folder.glob("*.json")):
        for pid in json.loads(f.read_text(encoding="utf-8")).get("info", {}).get("held_out", []):
            out[pid] = str(f)
    if not out:
        raise SystemExit(f"{folder}: no fold models (JSON with info.held_out)")
    return out


# ---------------------------------------------------------------- scoring

_TOKEN = re.compile(r"\w+", re.UNICODE)


def snippet_counts(item: dict, result: str) -> tuple[int, int, int, int]:
    res = _norm(result)
    tp = sum(1 for w in item["with"] if _norm(w) in res)
    fp = sum(1 for w in item["without"] if _norm(w) in res)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def token_pr(item: dict, result: str) -> tuple[float, float]:
    gold = Counter(t.lower() for t in _TOKEN.findall(item.get("articleBody") or ""))
    pred = Counter(t.lower() for t in _TOKEN.findall(result))
    if not pred and not gold:
        return 1.0, 1.0
    common = sum((gold & pred).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(gold.values()) if gold else 0.0
    return precision, recall


def method_order(n: int) -> list[str]:
    """The order of the methods on the n-th page: rotated, and reversed on every other group of four
    pages, so that in each group of eight (pages 8k to 8k+7) each method runs before each other on 4."""
    order = list(METHODS[n % 4 :] + METHODS[: n % 4])
    return order[::-1] if (n // 4) % 2 else order


def run_page(args: tuple[int, str, bytes, dict, str, str | None]) -> dict:
    """All four methods on one page: {method: (score tuple, cpu seconds, failed)}."""
    n, _pid, html, item, layout, text_model = args
    flat = scrape_text(html)  # the "scraper": not part of any timed column
    model = text_model_for(text_model)  # loading a fold model is not part of the timed column either
    fns: dict[str, Callable[[], str]] = {
        "full page": lambda: run_full(html),
        "trafilatura": lambda: run_trafilatura(html),
        "storydesk html": lambda: run_storydesk_html(html),
        "storydesk text": lambda: run_storydesk_text(flat, model),
    }
    order = method_order(n)
    out = {}
    for m in order:
        start = time.process_time()
        failed = False
        try:
            result = fns[m]()
        except Exception:  # noqa: BLE001 - a crash scores as an empty output, as trafilatura's eval does
            result, failed = "", True
        cpu = time.process_time() - start
        score = snippet_counts(item, result) if layout == "trafilatura-eval" else token_pr(item, result)
        out[m] = (score, cpu, failed)
    return out


def _warm_up() -> None:
    logging.disable(logging.CRITICAL)
    page = (
        b"<html><head><title>t</title></head><body><article><p>"
        + b"Warm up sentence here. " * 30
        + b"</p></article></body></html>"
    )
    run_trafilatura(page)
    run_storydesk_html(page)
    # lazily built tables of trafilatura's, which would otherwise land in whichever column first
    # reaches a page that needs them (internal helpers: skipped if a release renames them)
    try:
        from trafilatura import deduplication, external

        external.jt_stoplist_init()
        deduplication._punct_tbl()
    except (ImportError, AttributeError):
        pass
    run_storydesk_text("Warm up.\n" + "Warm up sentence here. " * 30)


def _load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="benchmark folder (either layout)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (quick runs)")
    ap.add_argument("--workers", type=int, default=1, help="processes (pages are split between them)")
    ap.add_argument(
        "--text-models",
        type=Path,
        help="folder of the text cleaner's cross-validation fold models: each page is cleaned by the "
        "model that did not see it (default: the packaged model)",
    )
    ap.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="passes over all pages; speed is the median of the passes (the machine's load moves it)",
    )
    args = ap.parse_args(argv)

    layout, pages = load_pages(args.data)
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        raise SystemExit("no pages found")
    folds = fold_model_paths(args.text_models) if args.text_models else None
    jobs = [
        (i, pid, html, item, layout, None if folds is None else folds.get(pid, ""))
        for i, (pid, html, item) in enumerate(pages)
    ]
    load_before = _load()
    wall = time.perf_counter()
    passes: list[list[dict]] = []
    if args.workers > 1:
        with Pool(args.workers, initializer=_warm_up) as pool:
            for _ in range(max(1, args.repeats)):
                passes.append(list(pool.imap(run_page, jobs, chunksize=4)))
    else:
        _warm_up()
        for _ in range(max(1, args.repeats)):
            passes.append([run_page(j) for j in jobs])
    wall = time.perf_counter() - wall
    results = passes[0]
    cpu_of = {m: [sum(r[m][1] for r in res) for res in passes] for m in METHODS}
    # "x% slower" as BENCHMARKS.md has always given it: 1 - storydesk html's pages/s over trafilatura's
    slower = [
        1 - tr / sd if sd else float("nan") for sd, tr in zip(cpu_of["storydesk html"], cpu_of["trafilatura"])
    ]
    same = all(
        [r[m][0] for r in res for m in METHODS] == [r[m][0] for r in results for m in METHODS]
        for res in passes
    )

    text_model = (
        f"fold models from {args.text_models} ({sum(1 for j in jobs if j[5])} pages held out)"
        if folds is not None
        else "packaged model"
    )
    print(
        f"# {layout}: {len(pages)} pages from {args.data} ({args.workers} worker(s), {len(passes)} pass(es), "
        f"{wall:.0f}s wall; storydesk text: {text_model}); storydesk html slower than trafilatura: "
        f"{statistics.median(slower):.1%} fewer pages/s, {1 / (1 - statistics.median(slower)) - 1:+.1%} CPU time "
        f"(median; passes {', '.join(f'{r:.1%}' for r in slower)}); "
        f"load {load_before} before, {_load()} after" + ("" if same else "; OUTPUTS DIFFERED BETWEEN PASSES")
    )
    if layout == "trafilatura-eval":
        print("| method | precision | recall | accuracy | F1 | pages/s (CPU) | failures |")
        print("|---|---|---|---|---|---|---|")
    else:
        print("| method | precision | recall | F1 | pages/s (CPU) | failures |")
        print("|---|---|---|---|---|---|")
    for m in METHODS:
        cpu = statistics.median(cpu_of[m])
        fails = sum(r[m][2] for r in results)
        speed = len(results) / cpu if cpu else float("inf")
        if layout == "trafilatura-eval":
            tp, fp, fn, tn = (sum(r[m][0][k] for r in results) for k in range(4))
            p = tp / (tp + fp) if tp + fp else 0.0
            rc = tp / (tp + fn) if tp + fn else 0.0
            acc = (tp + tn) / (tp + fp + fn + tn)
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            print(f"| {m} | {p:.3f} | {rc:.3f} | {acc:.3f} | {f1:.3f} | {speed:.1f} | {fails} |")
        else:
            p = sum(r[m][0][0] for r in results) / len(results)
            rc = sum(r[m][0][1] for r in results) / len(results)
            f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
            print(f"| {m} | {p:.3f} | {rc:.3f} | {f1:.3f} | {speed:.1f} | {fails} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
