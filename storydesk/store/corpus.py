"""A corpus of articles in SQLite: ingest (extract, annotate, deduplicate, cluster), then query.

::

    with Corpus("news.db") as corpus:
        report = corpus.ingest(["crawl/"], nlp=False)
        for story in corpus.stories(since="2024-05-01"):
            print(story.label, len(story.article_ids))

Ingest is idempotent and resumable: an article's identity is its content hash plus outlet and URL, and
articles are committed in batches together with the ingest-log rows of the sources they came from. A
killed ingest leaves the last committed batch; a rerun skips finished sources and already-stored
articles and goes on. Clustering runs after storing, over the articles not yet in a story, in
publication-time order, and commits story assignments in batches too. Then every story changed since
the last check is checked for a split (``split_story``, as batch clustering does): the online pass
merges two events of one kind for good once the second one's first report joins the first one's story.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, ModelError, NotFoundError, StoreError
from ..group.dedup import SIG_DTYPE, DedupIndex
from ..group.stories import (
    ArticleFeatures,
    StoryClusterer,
    features_of,
    load_embedder,
    parse_time,
    rebuild_story,
    split_sizes,
    split_stories,
    story_id_of,
)
from ..options import Options
from ..records import AnnotatedArticle, Article, DuplicateGroup, Problem, Story
from ..records.brief import BRIEF_SCHEMA_VERSION
from .order import reading_order_key
from .sqlite import Writer, connect_reader, fts_query
from .workers import SourceResult, iter_results

__all__ = ["Corpus", "IngestReport"]

_CLUSTER_CHUNK = 1000
_SPLIT_CHUNK = 20_000  # members whose features are loaded at once for the split check (bounds memory)


_REPORT_PROBLEMS = 1000  # problems of one file kept in an IngestReport (all are counted)


@dataclass
class IngestReport:
    """What one ingest did."""

    added: int = 0  # new canonical articles
    duplicates: int = 0  # new exact or near copies of a stored article
    skipped: int = 0  # articles already in the corpus
    sources: int = 0  # sources read
    sources_skipped: int = 0  # sources already ingested, unchanged
    stories_new: int = 0
    stories_updated: int = 0
    stories_split: int = 0  # stories cut in parts after clustering (two events merged online)
    seconds: float = 0.0
    # at most _REPORT_PROBLEMS per file (a crawl of JSONL files with 100,000 bad records each would
    # otherwise hold them all); n_errors, n_warnings and per_file count every one
    problems: list[Problem] = field(default_factory=list)
    n_errors: int = 0
    n_warnings: int = 0
    per_file: Counter[str] = field(default_factory=Counter)

    def add_problems(self, problems: Iterable[Problem]) -> None:
        """Count ``problems`` and keep the first ``_REPORT_PROBLEMS`` of each file."""
        for p in problems:
            if p.level == "error":
                self.n_errors += 1
            else:
                self.n_warnings += 1
            path = p.source.split("#", 1)[0]
            self.per_file[path] += 1
            if self.per_file[path] <= _REPORT_PROBLEMS:
                self.problems.append(p)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def summary(self) -> str:
        rate = (self.added + self.duplicates) / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.sources} source(s) read, {self.sources_skipped} already done; "
                f"{self.added} article(s) added, {self.duplicates} duplicate(s), {self.skipped} already "
                f"stored; {self.stories_new} new stor{'y' if self.stories_new == 1 else 'ies'}, "
                f"{self.stories_updated} updated"
                f"{f', {self.stories_split} split' if self.stories_split else ''}; "
                f"{max(self.n_errors, len(self.errors))} error(s), "
                f"{max(self.n_warnings, len(self.warnings))} warning(s); {self.seconds:.1f}s "
                f"({rate:.1f} articles/s)")


def _ident(article: Article, content: str | None = None) -> str:
    key = f"{content or article.id}\0{article.outlet or ''}\0{article.url or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


_LOG_PROBLEMS = 100  # problems kept per source in the ingest log (a bad JSONL file can have 100,000)


def _log_problems(problems: list[Problem]) -> str:
    """The ingest log's JSON list of a source's problems: the first ``_LOG_PROBLEMS``, then one line
    counting the rest (always valid JSON; cutting the JSON text instead left a broken string)."""
    kept = [p.to_dict() for p in problems[:_LOG_PROBLEMS]]
    for d in kept:
        d["message"] = d["message"][:1000]
    if len(problems) > _LOG_PROBLEMS:
        kept.append({"source": problems[0].source.split("#")[0], "level": "warning", "code": "SD100",
                     "message": f"{len(problems) - _LOG_PROBLEMS:,} more problems not kept in the log"})
    return json.dumps(kept)


def _time_key(f: ArticleFeatures) -> tuple[float, str]:
    return (f.time if f.time is not None else float("inf"), f.id)


def _members_hash(ids: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:24]


@dataclass
class _Pending:
    """Rows of one write batch, committed together."""

    # (article, annotation, canonical id, similarity, features, signature, content id)
    rows: list[tuple[Article, AnnotatedArticle | None, str | None, float | None,
                     ArticleFeatures | None, np.ndarray | None, str]] = field(default_factory=list)
    log: list[tuple[str, str, int, str]] = field(default_factory=list)
    df: Counter[str] = field(default_factory=Counter)
    idents: set[str] = field(default_factory=set)
    contents: dict[str, str] = field(default_factory=dict)  # content id -> canonical id, this batch


class Corpus:
    """An article corpus in one SQLite file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path, *, options: Options | None = None, readonly: bool = False) -> None:
        self.path = Path(path)
        self.options = options or Options.default()
        self.readonly = readonly
        self._writer: Writer | None = None
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if not readonly:
            self._writer = Writer(self.path, busy_timeout_s=self.options.store.busy_timeout_s)
        self._reader()  # fail now, not at the first query, when the file is missing or too new
        self._embedder = None

    # ---- connections -------------------------------------------------------------------------
    def _reader(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = connect_reader(self.path, busy_timeout_s=self.options.store.busy_timeout_s)
            self._local.con = con
            with self._lock:
                self._readers.append(con)
        return con

    def _w(self) -> Writer:
        if self._writer is None:
            raise StoreError(f"{self.path} is open read-only")
        return self._writer

    def close(self) -> None:
        with self._lock:
            for con in self._readers:
                try:
                    con.close()
                except sqlite3.Error:
                    pass
            self._readers.clear()
        self._local = threading.local()
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- ingest ------------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path] | str | Path, *, workers: int = 1,
               scheduler: str | None = None, nlp: bool = True, progress: Any = None,
               names: dict[str, str] | None = None) -> IngestReport:
        """Extract, annotate (``nlp``), deduplicate, store and cluster the articles under ``paths``.

        Bad sources become problems in the report; the batch goes on. ``progress`` is a rich Console
        to draw a progress bar on (or None). ``names`` maps a path to the name its articles and problems
        carry as their ``source`` (the web app's uploads live in a temporary folder that means nothing
        once the request is over).
        """
        with self._exclusive():
            return self._ingest(paths, workers=workers, scheduler=scheduler, nlp=nlp, progress=progress,
                                names=names)

    def _ingest(self, paths: Iterable[str | Path] | str | Path, *, workers: int, scheduler: str | None,
                nlp: bool, progress: Any, names: dict[str, str] | None) -> IngestReport:
        from ..extraction import expand_sources

        w = self._w()
        t0 = time.perf_counter()
        report = IngestReport()
        if isinstance(paths, (str, Path)):
            paths = [paths]
        sources = list(expand_sources([str(p) for p in paths]))
        done = dict(w.con.execute("SELECT source, fingerprint FROM ingest_log").fetchall())
        from .workers import fingerprint, source_key

        todo = []
        for src in sources:
            fp = fingerprint(src)
            if fp is not None and done.get(source_key(src)) == fp:
                report.sources_skipped += 1
            else:
                todo.append(src)
        results = iter_results(todo, options=self.options, nlp=nlp, workers=workers, scheduler=scheduler)
        if names:
            results = _renamed(results, names)
        with _progress(progress, len(todo)) as tick:
            self._store_results(results, report, tick)
            self._cluster_pending(report)
        report.seconds = time.perf_counter() - t0
        return report

    def ingest_articles(self, items: Iterable[Article | AnnotatedArticle], *, source: str | None = None,
                        cluster: bool = True) -> IngestReport:
        """Store article records directly (no extraction): for callers that extract themselves.

        ``source``, when given, is marked done in the ingest log after the last batch.
        """
        t0 = time.perf_counter()
        report = IngestReport()

        def results() -> Iterator[SourceResult]:
            batch = SourceResult(source=source or "", fingerprint=None)
            for it in items:
                if isinstance(it, AnnotatedArticle):
                    batch.articles.append(it.article)
                    batch.annotated[it.article.id] = it
                else:
                    batch.articles.append(it)
                if len(batch.articles) >= self.options.store.batch_size:
                    batch.final = False
                    yield batch
                    batch = SourceResult(source=source or "", fingerprint=None)
            if source:
                batch.fingerprint = "api"
            yield batch

        with self._exclusive():
            self._store_results(results(), report, lambda *a: None)
            if cluster:
                self._cluster_pending(report)
        report.seconds = time.perf_counter() - t0
        return report

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One ingest at a time per corpus file, across processes and threads.

        An ingest decides what is new (ingest log, article idents, the in-memory dedup index) before it
        writes; a second ingest writing in between made the first fail on a UNIQUE constraint with a
        traceback, and could assign one article to two stories. An advisory lock on ``<db>.lock`` is
        held for the whole ingest; another one waits up to ``busy_timeout_s``, then gets a StoreError.
        """
        try:
            import fcntl
        except ImportError:  # not POSIX: SQLite's own write lock is all there is
            yield
            return
        lock_path = f"{self.path}.lock"
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the ingest lock {lock_path}: {exc.strerror or exc}") from exc
        try:
            deadline = time.monotonic() + max(0.0, self.options.store.busy_timeout_s)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(f"another ingest is writing to {self.path}; run this one when "
                                         f"it is done (waited {self.options.store.busy_timeout_s:g} s)"
                                         ) from None
                    time.sleep(0.1)
            # another process may have written since this object last looked: its cached dedup index
            # would miss that process's articles
            version = self._w().con.execute("PRAGMA data_version").fetchone()[0]
            if version != getattr(self, "_seen_version", version):
                self._dedup = None
            try:
                yield
            finally:
                self._seen_version = self._w().con.execute("PRAGMA data_version").fetchone()[0]
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _dedup_index(self) -> DedupIndex:
        index = getattr(self, "_dedup", None)
        if index is None:
            index = DedupIndex(self.options.group)
            con = self._w().con
            newest = con.execute("SELECT max(published_days) FROM articles").fetchone()[0]
            lo = -1e18 if newest is None else newest - index.window_days
            # copies are looked for among recent canonicals only (and undated ones): bounded memory
            rows = con.execute(
                "SELECT id, minhash, published_days FROM articles WHERE canonical_id IS NULL AND "
                "minhash IS NOT NULL AND (published_days IS NULL OR published_days >= ?)", (lo,))
            for aid, blob, days in rows:
                sig = np.frombuffer(blob, dtype=SIG_DTYPE)
                if sig.shape == (index.num_perm,):  # signatures of another num_perm cannot be compared
                    index.add(aid, sig, days)
            self._dedup = index
        return index

    def _embed(self) -> Any:
        path = self.options.group.embedding_model
        if path and self._embedder is None:
            self._embedder = load_embedder(path)
        return self._embedder

    def _store_results(self, results: Iterable[SourceResult], report: IngestReport, tick: Any) -> None:
        w = self._w()
        index = self._dedup_index()
        pending = _Pending()
        con = w.con
        # articles and problems of sources that arrive in several chunks (big files), for their log row
        partial: dict[str, tuple[int, list[Problem]]] = {}
        for res in results:
            report.sources += 1 if res.source and res.final else 0
            report.add_problems(res.problems)
            n_src = 0
            for art in res.articles:
                n_src += 1
                ident = _ident(art)
                if ident in pending.idents or con.execute(
                        "SELECT 1 FROM articles WHERE ident = ?", (ident,)).fetchone():
                    report.skipped += 1
                    continue
                pending.idents.add(ident)
                ann = res.annotated.get(art.id)
                content = art.id
                canonical, sim = self._exact_copy(content, pending)
                if canonical is not None:
                    # same text, other outlet or URL: stored under its own id, as a copy
                    art = art.model_copy(update={"id": "x" + ident[:23]})
                    if ann is not None:
                        ann = ann.model_copy(update={"article": art})
                    pending.rows.append((art, ann, canonical, 1.0, None, None, content))
                    report.duplicates += 1
                    continue
                sig = res.signatures.get(art.id)
                if sig is None or sig.shape != (index.num_perm,):
                    sig = index.signature(art)
                match = index.check(art.id, sig, parse_time(art.published))
                if match is not None:
                    pending.rows.append((art, ann, match.canonical_id, match.similarity, None, None, content))
                    pending.contents.setdefault(art.id, match.canonical_id)
                    report.duplicates += 1
                    continue
                feats = res.features.get(art.id) or features_of(art, ann, self.options.group,
                                                                  embedder=self._embed())
                pending.df.update(f"t:{t}" for t in feats.terms)
                pending.df.update(f"e:{e}" for e in feats.entities)
                pending.rows.append((art, ann, None, None, feats, sig, content))
                pending.contents[art.id] = art.id
                report.added += 1
            if res.source:
                before, probs = partial.pop(res.source, (0, []))
                n_src += before
                probs = probs + list(res.problems)
                if not res.final:
                    partial[res.source] = (n_src, probs[:100])
                elif res.fingerprint is not None:
                    pending.log.append((res.source, res.fingerprint, n_src, _log_problems(probs)))
            tick(1 if res.source and res.final else 0, len(res.articles))
            if len(pending.rows) >= self.options.store.batch_size or (pending.log and not pending.rows):
                self._flush(pending)
                pending = _Pending()
                index.evict()
        self._flush(pending)

    def _exact_copy(self, content_id: str, pending: _Pending) -> tuple[str | None, float | None]:
        if content_id in pending.contents:
            return pending.contents[content_id], 1.0
        row = self._w().con.execute("SELECT id, canonical_id FROM articles WHERE content_id = ? LIMIT 1",
                                    (content_id,)).fetchone()
        if row is None:
            return None, None
        return (row[1] or row[0]), 1.0

    def _flush(self, p: _Pending) -> None:
        if not p.rows and not p.log:
            return

        def write(con: sqlite3.Connection) -> None:
            # rowids are chosen here (this is the only writer, inside BEGIN IMMEDIATE) so that articles
            # and their FTS rows go in with two executemany calls instead of two statements per article
            next_rowid = (con.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0) + 1
            arts, fts, anns, touched = [], [], [], []
            for rowid, (art, ann, canonical, sim, feats, sig, content) in enumerate(p.rows, next_rowid):
                story = None
                if canonical is not None:
                    r = con.execute("SELECT story_id FROM articles WHERE id = ?", (canonical,)).fetchone()
                    story = r[0] if r else None
                days = parse_time(art.published)
                arts.append((rowid, art.id, content, _ident(art, content), art.source, art.outlet, art.url,
                             art.title, art.published, days, canonical, sim, story, art.to_json(),
                             json.dumps(feats.to_dict(), ensure_ascii=False) if feats else None,
                             sig.astype(SIG_DTYPE).tobytes() if sig is not None else None))
                fts.append((rowid, art.title or "", art.text[:200_000]))
                if ann is not None:
                    anns.append((art.id, ann.pipeline, ann.to_json()))
                if story is not None:  # a new copy of an article already in a story
                    touched.append(story)
            con.executemany(
                "INSERT INTO articles(rowid, id, content_id, ident, source, outlet, url, title, published, "
                "published_days, canonical_id, similarity, story_id, json, features, minhash) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", arts)
            con.executemany("INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)", fts)
            if anns:
                con.executemany("INSERT OR REPLACE INTO annotations(article_id, pipeline, json) "
                                "VALUES (?,?,?)", anns)
            for story in dict.fromkeys(touched):
                con.execute("UPDATE stories SET contradictions = NULL, "
                            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?", (story,))
                _refresh_counts(con, story)
            if p.df:
                con.executemany("INSERT INTO doc_freq(key, df) VALUES (?, ?) ON CONFLICT(key) "
                                "DO UPDATE SET df = df + excluded.df", list(p.df.items()))
                n_new = sum(1 for r in p.rows if r[4] is not None)
                con.execute("INSERT INTO meta(key, value) VALUES ('n_docs', ?) ON CONFLICT(key) DO UPDATE "
                            "SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER)", (n_new,))
            con.executemany("INSERT OR REPLACE INTO ingest_log(source, fingerprint, articles, problems) "
                            "VALUES (?,?,?,?)", p.log)

        self._w().write(write)

    # ---- clustering ----------------------------------------------------------------------------
    def _load_clusterer(self, min_days: float | None, *, stories: bool = True) -> StoryClusterer:
        con = self._w().con
        cl = StoryClusterer(self.options.group, embedder=self._embed(), auto_evict=False)
        row = con.execute("SELECT value FROM meta WHERE key = 'n_docs'").fetchone()
        cl.n_docs = int(row[0]) if row else 0
        for key, df in con.execute("SELECT key, df FROM doc_freq"):
            (cl.df_terms if key.startswith("t:") else cl.df_ents)[key[2:]] = df
        if not stories:
            return cl
        # only stories that can still take articles of this batch: bounded by the time window
        if min_days is None:
            rows = con.execute("SELECT state FROM stories WHERE state IS NOT NULL")
        else:
            rows = con.execute("SELECT state FROM stories WHERE state IS NOT NULL AND "
                               "(last_days IS NULL OR last_days >= ?)",
                               (min_days - self.options.group.active_days,))
        for (state,) in rows:
            cl.load_story(json.loads(state))
        return cl

    def _cluster_pending(self, report: IngestReport) -> None:
        w = self._w()
        con = w.con
        todo = con.execute("SELECT id, published_days FROM articles WHERE story_id IS NULL AND "
                           "canonical_id IS NULL ORDER BY published_days IS NULL, published_days, id"
                           ).fetchall()
        cl: StoryClusterer | None = None
        if todo:
            cl = self._load_clusterer(todo[0][1])
            new_ids: set[str] = set()
            updated_ids: set[str] = set()
            for start in range(0, len(todo), _CLUSTER_CHUNK):
                ids = [r[0] for r in todo[start:start + _CLUSTER_CHUNK]]
                marks = ",".join("?" * len(ids))
                feats = {r[0]: ArticleFeatures.from_dict(json.loads(r[1])) for r in con.execute(
                    f"SELECT id, features FROM articles WHERE id IN ({marks})", ids)}
                assigned = []
                for aid in ids:
                    if aid in feats:
                        assigned.append(cl.assign(feats[aid]))
                touched = {a.story_id for a in assigned}
                states = {sid: cl.story_record(sid) for sid in touched}
                raw = {sid: cl.story_state(sid) for sid in touched}

                def write(c: sqlite3.Connection, assigned=assigned, states=states, raw=raw) -> None:
                    for sid, st in states.items():
                        _upsert_story(c, sid, st, raw[sid])
                    c.executemany("INSERT OR REPLACE INTO story_articles(story_id, article_id, score) "
                                  "VALUES (?,?,?)", [(a.story_id, a.article_id, a.score) for a in assigned])
                    # two indexed updates rather than one "id = ? OR canonical_id = ?"
                    c.executemany("UPDATE articles SET story_id = ? WHERE id = ?",
                                  [(a.story_id, a.article_id) for a in assigned])
                    c.executemany("UPDATE articles SET story_id = ? WHERE canonical_id = ?",
                                  [(a.story_id, a.article_id) for a in assigned])
                    for sid in states:
                        _refresh_counts(c, sid)

                w.write(write)
                cl.evict()  # after the write: evicted stories were saved above or in an earlier chunk
                new_ids |= {a.story_id for a in assigned if a.new}
                updated_ids |= {a.story_id for a in assigned}
            report.stories_new = len(new_ids)
            report.stories_updated = len(updated_ids - new_ids)
        # copies whose canonical got its story in an earlier run or batch
        late = con.execute("SELECT a.id, c.story_id FROM articles a JOIN articles c ON c.id = a.canonical_id "
                           "WHERE a.story_id IS NULL AND c.story_id IS NOT NULL").fetchall()
        if late:
            def fix(c: sqlite3.Connection) -> None:
                c.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(s, a) for a, s in late])
                for sid in {s for _, s in late}:
                    _refresh_counts(c, sid)

            w.write(fix)
        self._split_stories(report, cl)

    def _split_stories(self, report: IngestReport, cl: StoryClusterer | None) -> None:
        """Split the stories changed since the last check whose members form weakly linked groups.

        Which stories are due comes from the database (``updated_at`` after the ``split_checked_at``
        mark), not from this run's memory, so that a run killed between its last assignment and this
        check leaves the check to the next run. All splits and the mark go in one transaction.
        """
        sizes = split_sizes(self.options.group)
        if sizes is None:
            return
        w = self._w()
        con = w.con
        row = con.execute("SELECT value FROM meta WHERE key = 'split_checked_at'").fetchone()
        mark = row[0] if row else ""
        seen = con.execute("SELECT max(updated_at) FROM stories").fetchone()[0] or ""
        due = [r[0] for r in con.execute(
            "SELECT id FROM stories WHERE updated_at > ? AND n_articles BETWEEN ? AND ? ORDER BY id",
            (mark, sizes[0], sizes[1]))]
        if not due:
            return
        # the clusterer is only asked for document frequencies here; the split parts get fresh states
        # (their stored ``state`` is what the next run loads), and this run's clusterer is not used again
        if cl is None:
            cl = self._load_clusterer(None, stories=False)
        # (story id, [(story record, clusterer state)]) per split story; the first part keeps the id
        plans: list[tuple[str, list[tuple[Any, dict[str, Any]]]]] = []
        taken: set[str] = set()
        batch: list[tuple[str, list[ArticleFeatures]]] = []
        size = 0
        for i, sid in enumerate(due):
            rows = con.execute(
                "SELECT a.features FROM story_articles s JOIN articles a ON a.id = s.article_id "
                "WHERE s.story_id = ? AND a.canonical_id IS NULL", (sid,)).fetchall()
            if rows and all(f is not None for (f,) in rows):  # else leave it alone (should not happen)
                feats = [ArticleFeatures.from_dict(json.loads(f)) for (f,) in rows]
                batch.append((sid, sorted(feats, key=_time_key)))
                size += len(feats)
            if batch and (size >= _SPLIT_CHUNK or i == len(due) - 1):
                for (sid_, _), parts in zip(batch, split_stories(cl, [g for _, g in batch]), strict=True):
                    if len(parts) > 1:
                        plans.append((sid_, self._split_plan(cl, sid_, parts, taken)))
                batch, size = [], 0

        def write(c: sqlite3.Connection) -> None:
            for _sid, built in plans:
                for st, raw in built:
                    _upsert_story(c, st.id, st, raw)
                    moved = [(st.id, aid) for aid in st.article_ids]
                    c.executemany("UPDATE story_articles SET story_id = ? WHERE article_id = ?", moved)
                    c.executemany("UPDATE articles SET story_id = ? WHERE id = ?", moved)
                    c.executemany("UPDATE articles SET story_id = ? WHERE canonical_id = ?", moved)
                for st, _raw in built:
                    _refresh_counts(c, st.id)
            # every story changed up to the scan has been checked, and so have the parts written above
            written = [st.id for _sid, built in plans for st, _raw in built]
            marks = ",".join("?" * len(written))
            top = c.execute(f"SELECT max(updated_at) FROM stories WHERE id IN ({marks})",
                            written).fetchone()[0] if written else None
            c.execute("INSERT INTO meta(key, value) VALUES ('split_checked_at', ?) ON CONFLICT(key) DO "
                      "UPDATE SET value = excluded.value", (max(seen, top or ""),))

        w.write(write)
        report.stories_split += len(plans)

    def _split_plan(self, cl: StoryClusterer, sid: str, parts: list[list[ArticleFeatures]], taken: set[str]
                    ) -> list[tuple[Any, dict[str, Any]]]:
        """Story records and clusterer states of the parts of one split story."""
        con = self._w().con
        # the part holding the article that started the story keeps its id (the earliest part when
        # that article has gone); the others are named after their earliest article, as the online
        # pass names a story
        keep = next((i for i, p in enumerate(parts) if any(story_id_of(f.id) == sid for f in p)), 0)
        parts = [parts[keep]] + parts[:keep] + parts[keep + 1:]
        built = []
        for i, part in enumerate(parts):
            pid = sid if i == 0 else story_id_of(min(part, key=_time_key).id)
            if i > 0 and (pid in taken or con.execute(
                    "SELECT 1 FROM stories WHERE id = ? AND n_articles > 0", (pid,)).fetchone()):
                pid = story_id_of(f"{pid}\0{sid}")  # an id in use elsewhere: never merge into it
            taken.add(pid)
            built.append(rebuild_story(cl, part, pid))
        return built

    # ---- queries -----------------------------------------------------------------------------
    def _fts_story_ids(self, match: str) -> str:
        """Ids (a JSON array) of the stories whose articles match an FTS expression.

        The list page asks for a page and for the count with the same query: the match runs once and
        is reused until the database changes (``PRAGMA data_version`` moves on another connection's
        commit), per reader connection.
        """
        con = self._reader()
        version = con.execute("PRAGMA data_version").fetchone()[0]
        cache = getattr(self._local, "fts_cache", None)
        if cache is None or cache[0] != version:
            cache = self._local.fts_cache = (version, {})
        ids = cache[1].get(match)
        if ids is None:
            rows = con.execute(
                "SELECT DISTINCT a.story_id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? AND a.story_id IS NOT NULL", (match,)).fetchall()
            ids = json.dumps([r[0] for r in rows])
            if len(cache[1]) >= 16:  # a handful of recent queries is all a page load reuses
                cache[1].clear()
            cache[1][match] = ids
        return ids

    def _story_filter(self, since: str | None, until: str | None, query: str | None
                      ) -> tuple[str, list[Any]] | None:
        where, args = ["n_articles > 0"], []
        if since:
            t = parse_time(since)
            if t is None:
                raise ConfigError(f"--since: not an ISO date: {since!r}")
            where.append("last_days >= ?")
            args.append(t)
        if until:
            t = parse_time(until)
            if t is None:
                raise ConfigError(f"--until: not an ISO date: {until!r}")
            where.append("(last_days IS NULL OR json_extract(state, '$.first') <= ?)")
            args.append(t + 1.0 if len(until.strip()) <= 10 else t)  # a bare date includes that day
        if query is not None:
            match = fts_query(query)
            if match is None:
                return None
            where.append("id IN (SELECT value FROM json_each(?))")
            args.append(self._fts_story_ids(match))
        return " AND ".join(where), args

    def stories(self, *, since: str | None = None, until: str | None = None, query: str | None = None,
                limit: int = 20, offset: int = 0) -> list[Story]:
        """Stories newest first (by last publication), optionally filtered by time and full text."""
        f = self._story_filter(since, until, query)
        if f is None:
            return []
        where, args = f
        limit = max(0, min(int(limit), 10_000))
        con = self._reader()
        # page on ids through the stories_recent index, then read only that page's rows: sorting whole
        # rows (state included) is what made deep pages slow. NULLs sort last under DESC in SQLite.
        ids = [r[0] for r in con.execute(
            f"SELECT id FROM stories WHERE {where} ORDER BY last_days DESC, id LIMIT ? OFFSET ?",
            [*args, limit, max(0, int(offset))])]
        if not ids:
            return []
        rows = {r["id"]: r for r in con.execute(
            f"SELECT * FROM stories WHERE id IN ({','.join('?' * len(ids))})", ids)}
        return [self._story_from_row(rows[i]) for i in ids if i in rows]

    def count_stories(self, *, since: str | None = None, until: str | None = None,
                      query: str | None = None) -> int:
        f = self._story_filter(since, until, query)
        if f is None:
            return 0
        where, args = f
        return int(self._reader().execute(f"SELECT count(*) FROM stories WHERE {where}", args).fetchone()[0])

    def _story_from_row(self, r: sqlite3.Row) -> Story:
        con = self._reader()
        members = [x[0] for x in con.execute(
            "SELECT a.id FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
            "ORDER BY a.published_days IS NULL, a.published_days, a.id", (r["id"],))]
        copies = [x[0] for x in con.execute(
            "SELECT id FROM articles WHERE story_id = ? AND canonical_id IS NOT NULL ORDER BY id",
            (r["id"],))]
        return Story(id=r["id"], label=r["label"], article_ids=members, duplicate_ids=copies,
                     outlets=json.loads(r["outlets"]), first_published=r["first_published"],
                     last_published=r["last_published"], top_terms=json.loads(r["top_terms"]),
                     top_entities=json.loads(r["top_entities"]), contradictions=r["contradictions"])

    def story(self, story_id: str) -> Story:
        r = self._reader().execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if r is None:
            raise NotFoundError(f"no story {story_id!r} in {self.path}")
        return self._story_from_row(r)

    def articles(self, story_id: str, *, include_copies: bool = False) -> list[Article]:
        """The articles of a story in publication order (canonicals; copies too when asked)."""
        self.story(story_id)  # NotFoundError for an unknown id
        sql = ("SELECT json FROM articles WHERE story_id = ? "
               + ("" if include_copies else "AND canonical_id IS NULL ")
               + "ORDER BY canonical_id IS NOT NULL, published_days IS NULL, published_days, id")
        return [Article.from_json(r[0]) for r in self._reader().execute(sql, (story_id,))]

    def article(self, article_id: str) -> Article:
        r = self._reader().execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        if r is None:
            raise NotFoundError(f"no article {article_id!r} in {self.path}")
        return Article.from_json(r[0])

    def annotated(self, article_id: str) -> AnnotatedArticle | None:
        r = self._reader().execute("SELECT json FROM annotations WHERE article_id = ?",
                                   (article_id,)).fetchone()
        return AnnotatedArticle.from_json(r[0]) if r else None

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[Article]:
        """Full-text search over titles and bodies, best match first. Any text is a valid query."""
        match = fts_query(q)
        if match is None:
            return []
        rows = self._reader().execute(
            "SELECT a.json FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?",
            (match, max(0, min(int(limit), 10_000)), max(0, int(offset)))).fetchall()
        return [Article.from_json(r[0]) for r in rows]

    def duplicates_of(self, article_id: str) -> DuplicateGroup | None:
        """The duplicate group an article belongs to (as canonical or as copy), or None."""
        con = self._reader()
        r = con.execute("SELECT id, canonical_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        if r is None:
            raise NotFoundError(f"no article {article_id!r} in {self.path}")
        canonical = r["canonical_id"] or r["id"]
        rows = con.execute("SELECT id, outlet, similarity FROM articles WHERE canonical_id = ? ORDER BY id",
                           (canonical,)).fetchall()
        if not rows:
            return None
        outlets = sorted({x["outlet"] for x in rows if x["outlet"]})
        return DuplicateGroup(canonical_id=canonical, copies=[x["id"] for x in rows], outlets=outlets,
                              similarity={x["id"]: float(x["similarity"] or 0.0) for x in rows})

    def brief(self, story_id: str) -> Any:
        """The cross-source brief of a story, cached per member set (rebuilt when members change)."""
        from ..records import Brief

        story = self.story(story_id)
        # the salt retires briefs cached before articles were numbered in reading order, copies included,
        # and briefs of an older schema (a 1.0 brief has no source naming)
        mhash = _members_hash(story.article_ids + story.duplicate_ids
                              + ["order:time-outlet", f"schema:{BRIEF_SCHEMA_VERSION}"])
        con = self._reader()
        r = con.execute("SELECT members_hash, json FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
        if r is not None and r["members_hash"] == mhash:
            return Brief.from_json(r["json"])
        # copies too, as `brief PATHS` of the same files briefs them ("copy of A2": who carried it)
        articles = self.articles(story_id, include_copies=True)
        annotated: list[AnnotatedArticle] = []
        missing: list[Article] = []
        for art in articles:
            aa = self.annotated(art.id)
            if aa is None:
                missing.append(art)
            else:
                annotated.append(aa)
        if missing:
            try:
                from ..nlp.annotate import annotate
            except ImportError as exc:
                raise ModelError(f"the NLP pipeline is not available ({exc})") from exc
            annotated.extend(annotate(missing, options=self.options))
        annotated.sort(key=reading_order_key)
        # a copy and its canonical give the same group: once each
        groups = list({g.canonical_id: g for g in (self.duplicates_of(a.id) for a in articles)
                       if g is not None}.values())
        from ..reconcile.brief import build_brief

        result = build_brief(annotated, options=self.options, duplicates=groups)
        if self._writer is not None:
            n_contra = len(getattr(result, "contradictions", []) or [])

            def write(c: sqlite3.Connection) -> None:
                c.execute("INSERT OR REPLACE INTO briefs(story_id, members_hash, json) VALUES (?,?,?)",
                          (story_id, mhash, result.to_json()))
                c.execute("UPDATE stories SET contradictions = ? WHERE id = ?", (n_contra, story_id))
                for aa in annotated:
                    if aa.article.id in {m.id for m in missing}:
                        c.execute("INSERT OR IGNORE INTO annotations(article_id, pipeline, json) "
                                  "VALUES (?,?,?)", (aa.article.id, aa.pipeline, aa.to_json()))

            self._writer.write(write)
        return result

    def stats(self) -> dict[str, Any]:
        con = self._reader()

        def one(sql: str) -> Any:
            return con.execute(sql).fetchone()[0]

        return {
            "path": str(self.path),
            "articles": one("SELECT count(*) FROM articles"),
            "canonical_articles": one("SELECT count(*) FROM articles WHERE canonical_id IS NULL"),
            "duplicates": one("SELECT count(*) FROM articles WHERE canonical_id IS NOT NULL"),
            "annotated": one("SELECT count(*) FROM annotations"),
            "stories": one("SELECT count(*) FROM stories WHERE n_articles > 0"),
            "unclustered": one("SELECT count(*) FROM articles WHERE story_id IS NULL "
                               "AND canonical_id IS NULL"),
            "outlets": one("SELECT count(DISTINCT outlet) FROM articles"),
            "sources_done": one("SELECT count(*) FROM ingest_log"),
            "briefs_cached": one("SELECT count(*) FROM briefs"),
            "first_published": one("SELECT min(published) FROM articles"),
            "last_published": one("SELECT max(published) FROM articles"),
            "schema_version": one("SELECT max(version) FROM schema_version"),
        }


def _upsert_story(c: sqlite3.Connection, story_id: str, st: Story, raw: dict[str, Any]) -> None:
    # a story's row after an assignment or a split: its cached contradictions are stale either way
    c.execute(
        "INSERT INTO stories(id, label, first_published, last_published, last_days, "
        "top_terms, top_entities, state) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO "
        "UPDATE SET label=excluded.label, first_published=excluded.first_published, "
        "last_published=excluded.last_published, last_days=excluded.last_days, "
        "top_terms=excluded.top_terms, top_entities=excluded.top_entities, "
        "state=excluded.state, contradictions=NULL, "
        "updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now')",
        (story_id, st.label, st.first_published, st.last_published, raw["last"],
         json.dumps(st.top_terms), json.dumps(st.top_entities), json.dumps(raw)))


def _refresh_counts(c: sqlite3.Connection, story_id: str) -> None:
    outlets = [r[0] for r in c.execute(
        "SELECT outlet FROM articles WHERE story_id = ? AND outlet IS NOT NULL GROUP BY outlet "
        "ORDER BY min(published_days), outlet LIMIT 200", (story_id,))]
    c.execute("UPDATE stories SET n_articles = (SELECT count(*) FROM story_articles WHERE story_id = ?), "
              "n_duplicates = (SELECT count(*) FROM articles WHERE story_id = ? "
              "AND canonical_id IS NOT NULL), "
              "outlets = ? WHERE id = ?", (story_id, story_id, json.dumps(outlets), story_id))


class _progress:
    """A rich progress bar with articles/s, or nothing when there is no console."""

    def __init__(self, console: Any, total: int) -> None:
        self.console, self.total = console, total
        self._bar = None

    def __enter__(self) -> Any:
        if self.console is None:
            return lambda n_sources, n_articles=0: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[articles]} articles, {task.fields[rate]:.1f}/s"),
                             TimeElapsedColumn(), console=self.console, transient=True)
        self._bar.__enter__()
        task = self._bar.add_task("ingest", total=self.total, articles=0, rate=0.0)
        t0 = time.perf_counter()
        count = [0]

        def tick(n_sources: int, n_articles: int = 0) -> None:
            count[0] += n_articles
            rate = count[0] / max(1e-6, time.perf_counter() - t0)
            self._bar.update(task, advance=n_sources, articles=count[0], rate=rate)

        return tick

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _renamed(results: Iterable[SourceResult], names: dict[str, str]) -> Iterator[SourceResult]:
    """``results`` with each article's and problem's ``source`` ("PATH" or "PATH#record=3") given the
    name ``names`` holds for PATH; the ingest log keeps the path."""

    def rename(source: str) -> str:
        path, hash_, rest = source.partition("#")
        return names[path] + hash_ + rest if path in names else source

    for res in results:
        for art in res.articles:
            art.source = rename(art.source)
        for ann in res.annotated.values():
            ann.article.source = rename(ann.article.source)
        for prob in res.problems:
            prob.source = rename(prob.source)
        yield res
