"""The corpus database: schema, migrations, and the single writer.

Every write goes through :class:`Writer` (one connection, each unit of work in a ``BEGIN IMMEDIATE``
transaction), as datasette does; readers open their own connections. In WAL mode readers never block
the writer and always see the last committed state, so a web app can read while an ingest writes, and a
killed ingest leaves the database at its last commit.

Schema changes are numbered migrations; ``schema_version`` holds the number applied. A database made by
a newer storydesk raises :class:`~storydesk.errors.SchemaVersionError` instead of being misread.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from ..errors import SchemaVersionError, StoreError

__all__ = ["SCHEMA_VERSION", "MIGRATIONS", "Writer", "connect_reader", "fts_query", "schema_version"]

T = TypeVar("T")

MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_id TEXT NOT NULL,          -- Article.id as extracted (content hash)
        ident TEXT NOT NULL UNIQUE,        -- content hash + outlet + url: what makes ingest idempotent
        source TEXT NOT NULL,
        outlet TEXT,
        url TEXT,
        title TEXT,
        published TEXT,
        published_days REAL,               -- days since epoch, for time ordering and windows
        canonical_id TEXT,                 -- NULL for a canonical article, else the article it copies
        similarity REAL,                   -- estimated Jaccard to the canonical
        story_id TEXT,                     -- NULL until clustered; copies follow their canonical
        json TEXT NOT NULL,                -- the Article record
        features TEXT,                     -- clustering features (canonicals only)
        minhash BLOB,                      -- dedup signature (canonicals only)
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE INDEX articles_canonical ON articles(canonical_id);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX articles_content ON articles(content_id);
    CREATE INDEX articles_unclustered ON articles(published_days) WHERE story_id IS NULL
        AND canonical_id IS NULL;
    CREATE TABLE annotations (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        pipeline TEXT,
        json TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL DEFAULT '',
        first_published TEXT,
        last_published TEXT,
        last_days REAL,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_duplicates INTEGER NOT NULL DEFAULT 0,
        outlets TEXT NOT NULL DEFAULT '[]',
        top_terms TEXT NOT NULL DEFAULT '[]',
        top_entities TEXT NOT NULL DEFAULT '[]',
        contradictions INTEGER,           -- known once a brief is built for the current members
        state TEXT,                        -- clusterer state (centroid, entities, span)
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE INDEX stories_last ON stories(last_published);
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id),
        article_id TEXT NOT NULL PRIMARY KEY REFERENCES articles(id),
        score REAL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE briefs (
        story_id TEXT PRIMARY KEY REFERENCES stories(id),
        members_hash TEXT NOT NULL,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE TABLE ingest_log (
        source TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,         -- size and mtime: a changed file is read again
        articles INTEGER NOT NULL DEFAULT 0,
        problems TEXT NOT NULL DEFAULT '[]',
        done_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE TABLE doc_freq (
        key TEXT PRIMARY KEY,              -- 't:term' or 'e:entity'
        df INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='', tokenize='unicode61 remove_diacritics 2'
    );
    """,
    # 2: the stories list pages by (last_days DESC, id); without this index every page sorted all
    # story rows (with their state column) in a temporary B-tree: 130 ms for the last page at 20k stories.
    # n_articles is in the index so the list's filter is answered without reading the rows.
    """
    CREATE INDEX stories_recent ON stories(last_days DESC, id, n_articles);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def _configure(con: sqlite3.Connection, busy_timeout_s: float) -> None:
    con.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
    con.execute("PRAGMA foreign_keys = OFF")  # rows are written in dependency order by one writer


def schema_version(con: sqlite3.Connection) -> int:
    """The migration number applied to a database (0 for an empty one)."""
    try:
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0] or 0)


def _check_version(con: sqlite3.Connection, path: str) -> int:
    v = schema_version(con)
    if v > SCHEMA_VERSION:
        raise SchemaVersionError(f"{path} has schema version {v}; this storydesk reads up to "
                                 f"{SCHEMA_VERSION} (upgrade storydesk)")
    return v


def connect_reader(path: str | Path, *, busy_timeout_s: float = 30.0) -> sqlite3.Connection:
    """A read-only connection; the database must exist and be at the current schema."""
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"no corpus database at {p} (create one with `storydesk ingest`)")
    try:
        con = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        _configure(con, busy_timeout_s)
        v = _check_version(con, str(p))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open {p}: {exc}") from exc
    if v < SCHEMA_VERSION:
        con.close()
        raise StoreError(f"{p} has schema version {v}; open it once for writing to migrate it")
    con.row_factory = sqlite3.Row
    return con


class Writer:
    """The one writing connection of a process: migrations on open, ``BEGIN IMMEDIATE`` per unit."""

    def __init__(self, path: str | Path, *, busy_timeout_s: float = 30.0) -> None:
        self.path = str(path)
        # one writer connection per process; a web app may call it from several threads
        self._lock = threading.RLock()
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are explicit, so nothing is committed half-way
            self.con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            _configure(self.con, busy_timeout_s)
            mode = self.con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"cannot switch {self.path} to WAL mode (got {mode})")
            self.con.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints,
            # never corrupt; a power cut may lose the last commits, which a rerun ingests again
            self.con.row_factory = sqlite3.Row
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        self.con.execute("BEGIN IMMEDIATE")
        try:
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                             "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))")
            v = _check_version(self.con, self.path)
            for n in range(v, SCHEMA_VERSION):
                for stmt in _statements(MIGRATIONS[n]):
                    self.con.execute(stmt)
                self.con.execute("INSERT INTO schema_version(version) VALUES (?)", (n + 1,))
            self.con.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite rolls back by itself on some errors (SQLITE_FULL, SQLITE_IOERR): a second ROLLBACK
        # would raise "no transaction is active" and hide the error that matters
        if self.con.in_transaction:
            self.con.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work: all of it is committed, or none of it."""
        with self._lock:
            try:
                self.con.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"{self.path} is locked by another writer: {exc}") from exc
            try:
                yield self.con
                self.con.execute("COMMIT")
            except sqlite3.Error as exc:
                # a full disk, an I/O error, a damaged page: a StoreError (a message and exit code 4),
                # and the last commit stays as it was
                self._rollback()
                raise StoreError(f"cannot write to {self.path}: {exc}") from exc
            except BaseException:
                self._rollback()
                raise

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self.transaction() as con:
            return fn(con)

    def close(self) -> None:
        try:
            self.con.execute("PRAGMA optimize")
        except sqlite3.DatabaseError:
            pass
        self.con.close()


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT the surrounding transaction; split instead (no ';' in literals here)
    out, buf = [], []
    for line in script.splitlines():
        line = re.sub(r"--.*$", "", line)
        buf.append(line)
        if line.rstrip().endswith(";"):
            stmt = "\n".join(buf).strip()
            if stmt.strip(";").strip():
                out.append(stmt)
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        out.append(rest)
    return out


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(user_text: str, *, max_terms: int = 16) -> str | None:
    """An FTS5 MATCH expression from free user text: every word quoted, all required.

    Quoting each token means no user input (quotes, NEAR, AND, *, column filters) is FTS syntax.
    Returns None when the text holds no word.
    """
    tokens = _FTS_TOKEN.findall(user_text or "")[:max_terms]
    if not tokens:
        return None
    return " ".join(f'"{t}"' for t in tokens)
