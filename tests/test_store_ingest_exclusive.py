"""Two ingests into one corpus at once: the second waits for the first (an advisory lock beside the
database) instead of failing with a UNIQUE-constraint traceback half-way; past the busy timeout it is a
StoreError with a message."""

import sqlite3
import threading

import pytest

from storydesk.errors import StoreError
from storydesk.options import Options
from storydesk.store.corpus import Corpus

WORDS = ("harbour ferry council budget strike tide pilot mayor rail school bridge storm flood vote union "
         "court fire crew tug timber wind port road bus clinic").split()


def _folder(tmp_path, n=40):
    import random

    d = tmp_path / "pages"
    d.mkdir()
    for i in range(n):
        rng = random.Random(i)
        body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(50)).capitalize() + "."
                           for _ in range(3))
        (d / f"p{i:02d}.txt").write_text(f"Report {i} on the {rng.choice(WORDS)}\n\n{body}\n")
    return d


def test_concurrent_ingests_of_the_same_files_store_each_article_once(tmp_path):
    pages = _folder(tmp_path)
    db = tmp_path / "c.db"
    Corpus(db).close()
    errors, reports = [], []

    def run():
        try:
            with Corpus(db) as c:
                reports.append(c.ingest([pages], nlp=False))
        except Exception as exc:  # noqa: BLE001 - any failure is the test failing
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(r.sources_skipped for r in reports) == [0, 40]
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n, distinct = con.execute("SELECT count(*), count(DISTINCT ident) FROM articles").fetchone()
    assert n == distinct == sum(r.added + r.duplicates for r in reports)
    assert con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
    con.close()


def test_an_ingest_that_cannot_get_the_lock_in_time_is_a_store_error(tmp_path):
    pages = _folder(tmp_path, n=2)
    db = tmp_path / "c.db"
    opts = Options()
    opts.store.busy_timeout_s = 0.2
    with Corpus(db) as first, Corpus(db, options=opts) as second:
        with first._exclusive():
            with pytest.raises(StoreError, match="another ingest"):
                second.ingest([pages], nlp=False)
        assert second.ingest([pages], nlp=False).added == 2
