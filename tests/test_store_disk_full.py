"""A full disk mid-ingest (simulated with SQLite's max_page_count) is a StoreError with a message, not a
"cannot rollback" traceback that hides the cause; what was committed before stays, and a rerun with room
again finishes the job."""

import sqlite3

import pytest

from storydesk.errors import StoreError
from storydesk.store.corpus import Corpus

WORDS = ("harbour ferry council budget strike tide pilot mayor rail school bridge storm flood vote union "
         "court fire crew tug timber wind port road bus clinic").split()


def _pages(folder, start, n):
    import random

    folder.mkdir(exist_ok=True)
    for i in range(start, start + n):
        rng = random.Random(i)
        body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(80)).capitalize() + "."
                           for _ in range(4))
        (folder / f"p{i:03d}.txt").write_text(f"Report {i} on the {rng.choice(WORDS)}\n\n{body}\n")


def test_disk_full_is_a_store_error_and_keeps_earlier_commits(tmp_path):
    db = tmp_path / "c.db"
    _pages(tmp_path / "a", 0, 3)
    _pages(tmp_path / "b", 100, 60)
    with Corpus(db) as c:
        assert c.ingest([tmp_path / "a"], nlp=False).added == 3
        con = c._w().con
        con.execute(f"PRAGMA max_page_count = {con.execute('PRAGMA page_count').fetchone()[0] + 10}")
        with pytest.raises(StoreError, match="full"):
            c.ingest([tmp_path / "b"], nlp=False)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] >= 3
    con.close()
    with Corpus(db) as c:  # room again (max_page_count is per connection)
        c.ingest([tmp_path / "b"], nlp=False)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT ident) FROM articles").fetchone() == (63, 63)
    assert con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
    con.close()
