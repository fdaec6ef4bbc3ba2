"""Page load times of the web app's stories list (``storydesk serve``) on a large corpus.

    python benchmarks/web.py --db corpus.db                # an existing corpus
    python benchmarks/web.py --generate 100000 --db big.db # fill a new database with synthetic stories

``--generate N`` writes N synthetic articles (about five per story, fifty fictional outlets, two years of
dates, FTS rows) straight through the corpus's single writer (``storydesk.store.sqlite.Writer``): no
extraction, NLP or clustering, which would take hours and measure something else. Every synthetic
story has a known contradiction count (as after its brief was cached), so the list never builds briefs. The synthetic rows
follow the current schema of ``storydesk/store/sqlite.py``; the server then reads them through the real
``Corpus`` like any other corpus.

The server runs in this process (uvicorn in a thread, loopback, free port); each URL is fetched
``--repeat`` times over HTTP after one warm-up request, and the table gives median and 95th percentile
wall time per request, as a client sees it.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storydesk.options import Options  # noqa: E402

OUTLETS = [f"{a} {b}" for a in ("Northern", "Harbour", "Valley", "Coastal", "City", "County", "Evening",
                                 "Morning", "Riverside", "Upland")
           for b in ("Gazette", "Courier", "Post", "Herald", "Record")]
WORDS = ("bridge harbour council strike ferry fire flood minister school hospital rail election budget "
         "court storm festival museum airport factory union police port market river mayor tunnel crane "
         "library stadium reservoir orchard quarry lighthouse tram").split()


def _vocabulary(rng: random.Random, n: int = 5000) -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipfian weights, so that common and rare search terms both exist."""
    syll = ["ka", "lo", "mer", "vin", "tas", "rul", "bek", "sor", "ani", "dut", "pel", "gro", "fen", "hil"]
    words = sorted({"".join(rng.choices(syll, k=rng.randint(2, 4))) for _ in range(n * 2)})[:n]
    rng.shuffle(words)
    return words, [1.0 / (rank + 1) for rank in range(len(words))]


def _write_story(con, rng: random.Random, sid: str, first_id: int, members: int, start: datetime,
                 vocab: list[str], weights: list[float]) -> None:  # type: ignore[no-untyped-def]
    """One synthetic story and its articles, in the columns of the current schema (store/sqlite.py)."""
    topic = rng.sample(WORDS, 3)
    day0 = start + timedelta(days=rng.uniform(0, 730))
    times, outlets = [], []
    for k in range(members):
        aid = f"art{first_id + k:08d}"
        when = day0 + timedelta(hours=rng.uniform(0, 96))
        outlet = rng.choice(OUTLETS)
        title = f"{topic[0].title()} {topic[1]} {k}: {' '.join(rng.sample(WORDS, 4))}"
        paragraphs = [" ".join(rng.choices(vocab, weights, k=34) + rng.choices(topic, k=6)) + "."
                      for _ in range(6)]
        url = f"https://example.invalid/{aid}"
        article = {"id": aid, "source": f"synthetic/{aid}.txt", "outlet": outlet, "url": url,
                   "title": title, "published": when.isoformat(), "paragraphs": paragraphs,
                   "method": "synthetic"}
        cur = con.execute(
            "INSERT INTO articles(id, content_id, ident, source, outlet, url, title, published, "
            "published_days, story_id, json) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (aid, aid, aid, article["source"], outlet, url, title, article["published"],
             when.timestamp() / 86400, sid, json.dumps(article)))
        con.execute("INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)",
                    (cur.lastrowid, title, "\n\n".join(paragraphs)))
        con.execute("INSERT INTO story_articles(story_id, article_id, score) VALUES (?,?,1.0)", (sid, aid))
        times.append(when)
        outlets.append(outlet)
    first, last = min(times), max(times)
    con.execute(
        "INSERT INTO stories(id, label, first_published, last_published, last_days, n_articles, outlets, "
        "top_terms, contradictions, state) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (sid, " ".join(topic).capitalize(), first.isoformat(), last.isoformat(), last.timestamp() / 86400,
         members, json.dumps(sorted(set(outlets))), json.dumps(topic), rng.choice([0, 0, 1, 2]),
         json.dumps({"first": first.timestamp() / 86400})))


def generate(db: Path, n_articles: int, *, seed: int = 7, per_story: int = 5) -> None:
    """N synthetic articles in stories of ``per_story``, committed in batches by the one writer."""
    from storydesk.store.sqlite import Writer

    rng = random.Random(seed)
    vocab, weights = _vocabulary(rng)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    plan = [(f"story{i:07d}", i * per_story, min(per_story, n_articles - i * per_story))
            for i in range(-(-n_articles // per_story))]
    t0 = time.perf_counter()
    writer = Writer(db)
    try:
        for b in range(0, len(plan), 400):
            writer.write(lambda con, chunk=plan[b:b + 400]: [  # type: ignore[misc]
                _write_story(con, rng, sid, first, members, start, vocab, weights)
                for sid, first, members in chunk])
    finally:
        writer.close()
    print(f"generated {n_articles} articles in {len(plan)} stories in {time.perf_counter() - t0:.1f}s",
          file=sys.stderr)


def serve(app):  # type: ignore[no-untyped-def]
    import uvicorn

    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and without
    # it every keep-alive response waits ~40 ms for a delayed ACK (what uvicorn --port gets by default)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="corpus database (created with --generate)")
    ap.add_argument("--generate", type=int, default=0, metavar="N",
                    help="first fill a NEW database with N synthetic articles")
    ap.add_argument("--repeat", type=int, default=20, help="requests per URL")
    args = ap.parse_args(argv)

    if args.generate:
        if args.db.exists():
            ap.error(f"{args.db} exists; --generate writes a new database")
        generate(args.db, args.generate)

    import httpx

    from storydesk.store.corpus import Corpus
    from storydesk.web.app import create_app

    with Corpus(args.db, readonly=True) as corpus:
        stats = corpus.stats()
        total = corpus.count_stories()
        word = corpus.stories(limit=1)[0].label.split()[0].lower() if total else "bridge"
        mid = corpus.stories(limit=1, offset=total // 2)[0].last_published[:10] if total else "2025-01-01"
    opts = Options()
    per_page = opts.web.page_size
    last_page = max(1, -(-total // per_page))
    urls = {
        "stories, page 1": "/",
        f"stories, last page ({last_page})": f"/?page={last_page}",
        f"stories, search '{word}'": f"/?q={word}",
        f"stories, since {mid}": f"/?since={mid}",
        "stories JSON, page 1": "/api/stories",
    }
    server, thread, base = serve(create_app(args.db, options=opts))
    rows = []
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            for name, url in urls.items():
                r = client.get(url)  # warm-up (connections, page cache)
                r.raise_for_status()
                times = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    r = client.get(url)
                    times.append((time.perf_counter() - t) * 1000)
                    r.raise_for_status()
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                rows.append((name, statistics.median(times), p95, len(r.content)))
    finally:
        server.should_exit = True
        thread.join(timeout=10)

    print(f"corpus: {args.db} — {stats['articles']} articles, {stats['stories']} stories; "
          f"{args.repeat} requests per URL, page size {per_page}")
    print(f"| {'page':<34} | {'median ms':>9} | {'p95 ms':>8} | {'bytes':>8} |")
    print(f"|{'-' * 36}|{'-' * 11}|{'-' * 10}|{'-' * 10}|")
    for name, med, p95, size in rows:
        print(f"| {name:<34} | {med:>9.1f} | {p95:>8.1f} | {size:>8} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
