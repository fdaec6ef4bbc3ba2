"""Throughput and peak memory of dedup, clustering and corpus ingest on synthetic corpora.

    python benchmarks/scale.py --data ../shared/data --n 10000 100000 [--store-max 100000]
                               [--nlp-sample 200 --workers 2]

The generator builds N articles from real sentences of the shared corpora (BASIL bodies, ECB+
documents): stories of 1-12 articles drawing on a common pool of sentences, each with its own outlets
and dates spread over two years, and ~10% syndicated copies (new headline, one edited sentence).
Articles stream out in roughly publication order and are never all held in memory.

Each N runs in a fresh child process, so "peak MiB" is that run's own maximum resident set:
  dedup+cluster   the pure pipeline (MinHash LSH + online clusterer, no database), streaming
  store (no NLP)  ``Corpus.ingest_articles`` into a new SQLite file: dedup, features, FTS, clustering
  nlp sample      ``Corpus.ingest`` of N text files with the NLP pipeline and ``--workers`` processes
Prints one table.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from array import array
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storydesk.group.dedup import DedupIndex  # noqa: E402
from storydesk.group.stories import (  # noqa: E402
    _EVICT_EVERY,
    ArticleFeatures,
    StoryClusterer,
    features_of,
    parse_time,
    split_sizes,
    split_stories,
)
from storydesk.options import GroupOptions, Options  # noqa: E402
from storydesk.records import Article  # noqa: E402

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
OUTLETS = [f"Outlet {c}{d}" for c in "ABCDEFGHIJ" for d in range(10)]


def sentence_pool(data: Path, limit: int = 60_000) -> list[str]:
    out: list[str] = []
    for f in sorted((data / "basil" / "articles").glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        paras = d.get("body-paragraphs") or []
        if isinstance(paras, str):
            paras = ast.literal_eval(paras)
        for p in paras:
            text = " ".join(p) if isinstance(p, list) else str(p)
            out.extend(s for s in _SENT.split(text) if 40 <= len(s) <= 400)
    for f in sorted((data / "ecbplus" / "ECB+_xml").glob("*/*.xml")):
        sents: dict[str, list[str]] = {}
        for tok in ET.parse(f).getroot().iter("token"):
            sents.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
        joined = (" ".join(v) for v in sents.values())
        out.extend(s for s in joined if 40 <= len(s) <= 400 and "http" not in s)
        if len(out) >= limit:
            break
    if not out:
        raise SystemExit(f"no sentences found under {data} (need basil/ or ecbplus/)")
    return out


def generate(n: int, pool: list[str], seed: int = 7) -> Iterator[tuple[Article, str]]:
    """N synthetic articles (with their gold story id), in roughly publication order."""
    rng = random.Random(seed)
    t0 = parse_time("2022-01-01") or 0.0
    span = 730.0
    n_stories_est = max(1, n // 5)
    made = 0
    story = 0
    recent: deque[Article] = deque(maxlen=50)
    while made < n:
        start = t0 + span * story / n_stories_est
        base = rng.randrange(len(pool) - 30)
        core = pool[base:base + 12]  # consecutive sentences of one real article: one "event"
        size = min(n - made, max(1, int(rng.expovariate(1 / 4.5)) + 1))
        for k in range(size):
            if recent and rng.random() < 0.10:  # a syndicated copy of a recent article
                src = rng.choice(recent)
                paras = list(src.paragraphs)
                i = rng.randrange(len(paras))
                paras[i] = paras[i].replace(" the ", " a ", 1) + " (updated)"
                art = Article(source=f"gen/{made}", title=f"Copy: {src.title}", paragraphs=paras,
                              outlet=rng.choice(OUTLETS), published=src.published)
                yield art, f"dup-of:{src.id}"
            else:
                body = rng.sample(core, k=min(len(core), rng.randint(5, 9)))
                body += [rng.choice(pool) for _ in range(2)]
                rng.shuffle(body)
                title = " ".join(rng.choice(core[:3]).split()[:12])
                t = start + rng.random() * 3.0
                pub = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t * 86400))
                art = Article(source=f"gen/{made}", title=title,
                              paragraphs=[" ".join(body[i:i + 3]) for i in range(0, len(body), 3)],
                              outlet=rng.choice(OUTLETS), published=pub)
                recent.append(art)
                yield art, f"s{story}"
            made += 1
            if made >= n:
                break
        story += 1


class Quality:
    """B^3 of the canonicals' stories against the generator's stories (copies count as their source's
    story), kept as two int arrays so that bookkeeping does not weigh on the peak memory."""

    def __init__(self) -> None:
        from array import array

        self.pred, self.gold = array("i"), array("i")
        self._sid: dict[str, int] = {}
        self._recent: dict[str, int] = {}  # article id -> gold story, for resolving "dup-of:" labels

    def gold_of(self, art: Article, label: str) -> int:
        if label.startswith("dup-of:"):
            g = self._recent.get(label[7:], -1)
        else:
            g = int(label[1:])
        self._recent[art.id] = g
        if len(self._recent) > 5000:
            for k in list(self._recent)[:1000]:
                del self._recent[k]
        return g

    def add(self, story_id: str, gold: int) -> None:
        self.pred.append(self._sid.setdefault(story_id, len(self._sid)))
        self.gold.append(gold)

    def bcubed(self) -> tuple[float, float, float]:
        p, g = np.frombuffer(self.pred, dtype=np.int32), np.frombuffer(self.gold, dtype=np.int32)
        if not len(p):
            return 0.0, 0.0, 0.0
        key = p.astype(np.int64) * (int(g.max()) + 2) + (g + 1)
        _, inv, n_pg = np.unique(key, return_inverse=True, return_counts=True)
        n_p = np.bincount(p)[p]
        n_g = np.bincount(g + 1)[g + 1]
        share = n_pg[inv].astype(np.float64)
        prec = float(np.mean(share / n_p))
        rec = float(np.mean(share / n_g))
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


#: members checked per batch, as store/corpus.py's ``_SPLIT_CHUNK`` (not imported: the store's modules
#: add 50 MiB to this process's peak)
SPLIT_CHUNK = 20_000


class SplitEmulation:
    """The members' features that corpus mode's split check reads back from SQLite, kept in memory.

    Corpus mode checks, after each ingest run, every story the run updated that has 6-400 members
    (``store/corpus.py``); here every ``split_every`` articles count as one ingest run. Only what such a
    check can still need is kept: the members of active stories (packed, see ``pack``), and of stories
    that left the active set with a checkable size, until the next check. A story's size only grows,
    so one that passes the upper bound is dropped for good, and one evicted below the lower bound
    cannot be checked any more. (This emulation first kept every member as a Python object until the
    check: 865k features at 1M articles, a 3.3 GiB peak instead of 0.3.)
    The parts are counted, not applied: the split's cost is the check (rebuilding the parts' states
    is linear and cheap).
    """

    def __init__(self, cl: StoryClusterer, sizes: tuple[int, int]) -> None:
        self.cl, (self.lo, self.hi) = cl, sizes
        self.active: dict[str, list[tuple] | None] = {}  # None: grew past the checked sizes
        self.done: dict[str, list[tuple]] = {}  # evicted, checkable, not yet checked
        self.touched: dict[str, None] = {}  # updated since the last check (insertion-ordered set)
        self.parts: list[str] = []  # each split's parts (article ids), for the run's digest
        self.kept = self.peak_kept = 0

    @staticmethod
    def pack(f: ArticleFeatures) -> tuple:
        # what split_story reads of a member (id, time, terms in order, entities) as flat strings and
        # one bytes object: ~1.9 KiB per synthetic member instead of ~5.5 KiB for the features object
        # (sys.getsizeof, term strings not counted), and a tuple the cycle collector stops tracking,
        # where the object brings a dict and lists that it keeps traversing
        keys = "\n".join(f.terms)
        if keys.count("\n") != max(0, len(f.terms) - 1):  # a term with a newline (never from _WORD)
            return (f,)
        return (f.id, f.time, keys, array("d", f.terms.values()).tobytes(), "\n".join(f.entities))

    @staticmethod
    def unpack(m: tuple) -> ArticleFeatures:
        if len(m) == 1:
            return m[0]
        aid, t, keys, vals, ents = m
        terms = dict(zip(keys.split("\n"), array("d", vals))) if keys else {}
        return ArticleFeatures(id=aid, time=t, terms=terms, entities=ents.split("\n") if ents else [])

    def add(self, sid: str, f: ArticleFeatures) -> None:
        self.touched[sid] = None
        group = self.active.get(sid, [])
        if group is None:
            return
        if len(group) >= self.hi:
            self.active[sid] = None
            self.kept -= len(group)
            return
        group.append(self.pack(f))
        self.active[sid] = group
        self.kept += 1
        self.peak_kept = max(self.peak_kept, self.kept)

    def evicted(self, gone: list[str]) -> None:
        for sid in gone:
            group = self.active.pop(sid, None)
            if group is None:
                continue
            if len(group) >= self.lo:
                self.done[sid] = group
            else:
                self.kept -= len(group)

    def check(self) -> int:
        """Check the stories updated since the last check, as corpus mode does after an ingest run
        (in story id order, ``SPLIT_CHUNK`` members at a time, each story's members in time order)."""
        due = [sid for sid in sorted(self.touched)
               if self.lo <= len(self.active.get(sid) or self.done.get(sid) or ()) <= self.hi]
        self.touched.clear()
        n = 0
        batch: list[list[ArticleFeatures]] = []
        size = 0
        for i, sid in enumerate(due):
            group = self.active.get(sid) or self.done[sid]
            batch.append(sorted(map(self.unpack, group), key=_time_key))
            size += len(group)
            if size >= SPLIT_CHUNK or i == len(due) - 1:
                for parts in split_stories(self.cl, batch):
                    if len(parts) > 1:
                        n += 1
                        self.parts.append(repr(sorted(sorted(f.id for f in p) for p in parts)))
                batch, size = [], 0
        # stories that left the active set are checked now (or were before): they cannot change
        self.kept -= sum(map(len, self.done.values()))
        self.done.clear()
        return n


def _time_key(f: ArticleFeatures) -> tuple[float, str]:
    return (f.time if f.time is not None else float("inf"), f.id)


def run_pure(n: int, pool: list[str], split_every: int = 10_000) -> dict:
    opts = GroupOptions()
    index = DedupIndex(opts)
    # evicted here, as often as auto-eviction would (same assignments), to see which stories leave
    cl = StoryClusterer(opts, auto_evict=False)
    n_dup = n_canon = n_seen = 0
    sizes = split_sizes(opts) if split_every else None
    split = SplitEmulation(cl, sizes) if sizes else None
    n_split = 0
    t_split = 0.0
    quality = Quality()
    # what the run decided (each article's canonical or story, each split's parts): equal digests
    # mean equal outputs, for comparing code changes that must not change them
    out_hash = hashlib.sha256()
    # per-article work (signature, features) parallelises across workers; LSH lookups and story
    # assignment are the serial part that the single writer does
    t_sig = t_lsh = t_feat = t_assign = 0.0
    t_all = time.perf_counter()
    c_all = time.process_time()
    for art, label in generate(n, pool):
        gold = quality.gold_of(art, label)
        t = time.perf_counter()
        sig = index.signature(art)
        t2 = time.perf_counter()
        # syndication happens within days: older canonicals leave the LSH index (bounded memory)
        match = index.check(art.id, sig, parse_time(art.published))
        n_seen += 1
        if n_seen % 1000 == 0:
            index.evict()
        t3 = time.perf_counter()
        t_sig += t2 - t
        t_lsh += t3 - t2
        if match is None:
            f = features_of(art, None, opts)
            t4 = time.perf_counter()
            cl.observe(f)
            sid = cl.assign(f).story_id
            n_canon += 1
            if split:
                split.add(sid, f)
            if n_canon % _EVICT_EVERY == 0:
                gone = cl.evict()
                if split:
                    split.evicted(gone)
            quality.add(sid, gold)
            out_hash.update(f"{art.id}:{sid}\n".encode())
            t_feat += t4 - t3
            t_assign += time.perf_counter() - t4
        else:
            n_dup += 1
            out_hash.update(f"{art.id}>{match.canonical_id}\n".encode())
        if split and n_seen % split_every == 0:
            t5 = time.perf_counter()
            n_split += split.check()
            t_split += time.perf_counter() - t5
    if split and split.touched:
        t5 = time.perf_counter()
        n_split += split.check()
        t_split += time.perf_counter() - t5
    total = time.perf_counter() - t_all
    cpu = time.process_time() - c_all
    parts = "\n".join(sorted(split.parts if split else []))
    return {"n": n, "cpu_s": cpu, "duplicates": n_dup, "canonicals": n_canon, "stories_in_memory": len(cl.stories),
            "dedup_s": t_sig + t_lsh, "cluster_s": t_feat + t_assign + t_split, "total_s": total,
            "split_s": t_split, "splits": n_split, "members_kept_peak": split.peak_kept if split else 0,
            "output_sha256": out_hash.hexdigest()[:16],
            "split_sha256": hashlib.sha256(parts.encode()).hexdigest()[:16],
            "serial_s": t_lsh + t_assign, "peak_mib": peak_mib(), "b3": quality.bcubed()}


def run_pure_parallel(n: int, pool: list[str], workers: int, chunk: int = 500) -> dict:
    """As run_pure, with signatures and features computed by ``workers`` Dask processes.

    The writer (this process) generates articles, ships chunks to the workers and consumes the
    results in submission order, so LSH lookups and story assignment still see publication order.
    """
    from dask.distributed import Client, LocalCluster

    from storydesk.group.dedup import SIG_DTYPE
    from storydesk.group.stories import ArticleFeatures
    from storydesk.store.workers import prepare_articles

    opts = GroupOptions()
    gdict = Options().to_dict()["group"]
    index = DedupIndex(opts)
    cl = StoryClusterer(opts)
    n_dup = n_canon = n_seen = 0
    t_serial = 0.0
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    t_all = time.perf_counter()
    c_all = time.process_time()
    try:
        inflight: deque = deque()

        def consume(fut, arts) -> None:
            nonlocal n_dup, n_canon, n_seen, t_serial
            prepped = fut.result()
            t = time.perf_counter()
            for art, (sig_b, fd) in zip(arts, prepped):
                sig = np.frombuffer(sig_b, dtype=SIG_DTYPE)
                match = index.check(art.id, sig, parse_time(art.published))
                n_seen += 1
                if n_seen % 1000 == 0:
                    index.evict()
                if match is not None:
                    n_dup += 1
                    continue
                f = ArticleFeatures.from_dict(fd)
                cl.observe(f)
                cl.assign(f)
                n_canon += 1
            t_serial += time.perf_counter() - t

        buf: list[Article] = []
        for art, _gold in generate(n, pool):
            buf.append(art)
            if len(buf) >= chunk:
                inflight.append((client.submit(prepare_articles, buf, gdict, pure=False), buf))
                buf = []
                if len(inflight) > 2 * workers:
                    consume(*inflight.popleft())
        if buf:
            inflight.append((client.submit(prepare_articles, buf, gdict, pure=False), buf))
        while inflight:
            consume(*inflight.popleft())
        total = time.perf_counter() - t_all
        cpu = time.process_time() - c_all
        # the workers' own CPU time (start-up included): with the writer's, what the run cost in all
        used = client.run(lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2]))
        worker_cpu = float(sum(used.values()))
    finally:
        client.close()
        cluster.close()
    return {"n": n, "cpu_s": cpu, "duplicates": n_dup, "canonicals": n_canon,
            "stories_in_memory": len(cl.stories), "dedup_s": float("nan"), "cluster_s": float("nan"),
            "total_s": total, "serial_s": t_serial, "peak_mib": peak_mib(), "workers": workers,
            "worker_cpu_s": worker_cpu}


def run_store(n: int, pool: list[str]) -> dict:
    from storydesk.store.corpus import Corpus

    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        c0 = time.process_time()
        with Corpus(Path(d) / "s.db", options=Options()) as c:
            rep = c.ingest_articles(a for a, _ in generate(n, pool))
            stats = c.stats()
        dt = time.perf_counter() - t
        cpu = time.process_time() - c0
        size = (Path(d) / "s.db").stat().st_size
    return {"n": n, "cpu_s": cpu, "added": rep.added, "duplicates": rep.duplicates, "stories": stats["stories"],
            "total_s": dt, "peak_mib": peak_mib(), "db_mib": size / 2**20}


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_nlp(n: int, pool: list[str], workers: int) -> dict:
    import os

    from storydesk.store.corpus import Corpus

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in"
        src.mkdir()
        for i, (a, _) in enumerate(generate(n, pool)):
            (src / f"{i:06d}.txt").write_text(f"{a.title}\n\n" + "\n\n".join(a.paragraphs) + "\n")
        load = os.getloadavg()[0]
        t = time.perf_counter()
        c0, k0 = time.process_time(), _children_cpu()
        with Corpus(Path(d) / "s.db") as c:
            rep = c.ingest([str(src)], workers=workers, nlp=True)
        dt = time.perf_counter() - t
        # the Dask workers are this process's children, reaped when the cluster closes: their CPU
        # (start-up and model load included) counts, so the figure holds on a machine shared with others
        cpu, worker_cpu = time.process_time() - c0, _children_cpu() - k0
    return {"n": n, "added": rep.added, "duplicates": rep.duplicates, "errors": len(rep.errors),
            "total_s": dt, "peak_mib": peak_mib(), "workers": workers, "cpu_s": cpu, "worker_cpu_s": worker_cpu,
            "load": (load, os.getloadavg()[0])}


def child(args: argparse.Namespace) -> None:
    pool = sentence_pool(args.data)
    if args.mode == "pure":
        res = run_pure(args.one, pool, args.split_every)
    elif args.mode == "parallel":
        res = run_pure_parallel(args.one, pool, args.workers)
    elif args.mode == "store":
        res = run_store(args.one, pool)
    else:
        res = run_nlp(args.one, pool, args.workers)
    print("RESULT " + json.dumps(res))


def spawn(mode: str, n: int, args: argparse.Namespace) -> dict | str:
    cmd = [sys.executable, __file__, "--data", str(args.data), "--one", str(n), "--mode", mode,
           "--workers", str(args.workers), "--split-every", str(args.split_every)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    return (proc.stderr.strip().splitlines() or ["failed"])[-1][:200]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--store-max", type=int, default=100_000, help="largest N for the SQLite ingest run")
    ap.add_argument("--nlp-sample", type=int, default=0, help="articles for the NLP pipeline run (0: skip)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--modes", nargs="+", default=["pure", "store"], choices=["pure", "parallel", "store"],
                    help="pure: one process; parallel: signatures/features on --workers Dask processes; "
                         "store: SQLite ingest")
    ap.add_argument("--split-every", type=int, default=10_000,
                    help="pure mode: check the stories updated in each run of this many articles for a split, "
                         "as corpus mode does after each ingest run (0: no split pass)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="pure", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        child(args)
        return
    print("| N | stage | articles/s | dedup s | cluster s | total s | writer CPU s | peak MiB | notes |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    for n in args.n:
        for mode in args.modes:
            if mode == "store" and n > args.store_max:
                continue
            r = spawn(mode, n, args)
            stage = {"pure": "dedup+cluster (no DB)", "store": "store (no NLP)",
                     "parallel": f"dedup+cluster (no DB), {args.workers} Dask workers"}[mode]
            if isinstance(r, str):
                print(f"| {n} | {stage} | - | - | - | - | - | - | failed: {r} |", flush=True)
                continue
            cpu = f"{r['cpu_s']:.1f}" if "cpu_s" in r else "-"
            if mode == "store":
                print(f"| {n} | {stage} | {n / r['total_s']:.0f} | - | - | {r['total_s']:.1f} | {cpu} | "
                      f"{r['peak_mib']:.0f} | {r['added']} added, {r['duplicates']} dups, {r['stories']} "
                      f"stories, db {r['db_mib']:.0f} MiB |", flush=True)
                continue
            split = ("-", "-") if mode == "parallel" else (f"{r['dedup_s']:.1f}", f"{r['cluster_s']:.1f}")
            print(f"| {n} | {stage} | {n / r['total_s']:.0f} | {split[0]} | {split[1]} | {r['total_s']:.1f} | "
                  f"{cpu} | {r['peak_mib']:.0f} | {r['duplicates']} dups, {r['canonicals']} canonical, "
                  f"{r['stories_in_memory']} stories in memory at end; "
                  + (f"B3 P/R/F1 of canonicals vs generated stories {r['b3'][0]:.3f}/{r['b3'][1]:.3f}/"
                     f"{r['b3'][2]:.3f}; " if "b3" in r else "")
                  + (f"split pass {r['split_s']:.1f} s ({r['splits']} stories split, not applied; "
                     f"at most {r['members_kept_peak']} members' features kept); " if r.get("split_s") else "")
                  + (f"outputs {r['output_sha256']}/{r['split_sha256']}; " if "output_sha256" in r else "")
                  + f"serial part (LSH + assign) "
                  f"{r.get('serial_s', 0):.1f} s" + (f"; workers' CPU {r['worker_cpu_s']:.1f} s"
                                                     if "worker_cpu_s" in r else "") + " |", flush=True)
    if args.nlp_sample:
        r = spawn("nlp", args.nlp_sample, args)
        if isinstance(r, str):
            print(f"| {args.nlp_sample} | full pipeline, NLP, --workers {args.workers} | - | - | - | - | - | - | "
                  f"not measured: {r} |")
        else:
            all_cpu = r["cpu_s"] + r["worker_cpu_s"]
            print(f"| {args.nlp_sample} | full pipeline, NLP, --workers {args.workers} | "
                  f"{args.nlp_sample / r['total_s']:.1f} | - | - | {r['total_s']:.1f} | {r['cpu_s']:.1f} | "
                  f"{r['peak_mib']:.0f} | "
                  f"{r['errors']} errors; workers' CPU {r['worker_cpu_s']:.1f} s, all processes "
                  f"{all_cpu:.1f} CPU s = {1000 * all_cpu / args.nlp_sample:.0f} ms per article; load average "
                  f"{r['load'][0]:.1f} before, {r['load'][1]:.1f} after (peak is the writer process only) |")


if __name__ == "__main__":
    main()
