"""Faults: an ingest killed with SIGKILL mid-run, then rerun; readers while a writer writes."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time

from storydesk.store.corpus import Corpus

N = 1200
#: a child process that ingests N generated fictional articles in small batches
SCRIPT = textwrap.dedent(f"""
    import random, sys
    from storydesk.options import Options
    from storydesk.records import Article
    from storydesk.store.corpus import Corpus

    WORDS = ("harbour ferry council budget strike tide pilot mayor rail school bridge storm flood "
             "vote union court fire crew tug timber wind port road bus clinic").split()
    PLACES = ["Lindell", "Castelmar", "Norrbay", "Brookmere", "Ellin", "Valmo", "Ardent", "Kessel"]

    def articles():
        for i in range({N}):
            story = i // 6
            rng = random.Random(story)
            topic = rng.sample(WORDS, 6) + rng.sample(PLACES, 2)
            r2 = random.Random(i)
            body = [" ".join(r2.choice(topic) if r2.random() < 0.6 else r2.choice(WORDS) for _ in range(40))
                    + f" Item {{i}} filed by desk {{r2.randint(1, 10**9)}}."]
            yield Article(source=f"gen/{{i}}", title=" ".join(topic[:4]).title() + f" {{i}}",
                          paragraphs=body, outlet=f"Outlet {{i % 7}}",
                          published=f"2024-03-{{1 + story % 28:02d}}T{{i % 24:02d}}:00:00Z")

    opts = Options()
    opts.store.batch_size = 20
    with Corpus(sys.argv[1], options=opts) as c:
        c.ingest_articles(articles())
""")


def _count(path):
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_9_mid_ingest_then_rerun(tmp_path):
    db = tmp_path / "k.db"
    script = tmp_path / "ingest.py"
    script.write_text(SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), str(db)])
    deadline = time.monotonic() + 120
    while _count(db) < 100 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; raise N"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 0 < partial < N

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()

    subprocess.run([sys.executable, str(script), str(db)], check=True, timeout=600)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == N
    assert con.execute("SELECT count(DISTINCT ident) FROM articles").fetchone()[0] == N
    # every article clustered exactly once, and the full-text index matches the table
    assert con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
    n_canon = con.execute("SELECT count(*) FROM articles WHERE canonical_id IS NULL").fetchone()[0]
    assert con.execute("SELECT count(*) FROM story_articles").fetchone()[0] == n_canon
    assert con.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"item\"'"
                       ).fetchone()[0] == N
    assert con.execute("SELECT sum(n_articles) FROM stories").fetchone()[0] == n_canon
    con.close()


def test_readers_while_a_writer_writes(tmp_path):
    db = tmp_path / "c.db"
    script = tmp_path / "ingest.py"
    script.write_text(SCRIPT)
    Corpus(db).close()
    proc = subprocess.Popen([sys.executable, str(script), str(db)])
    seen: dict[int, list[int]] = {0: [], 1: []}
    errors = []

    def read(k):
        try:
            with Corpus(db, readonly=True) as ro:
                while proc.poll() is None:
                    st = ro.stats()
                    seen[k].append(st["articles"])
                    ro.stories(limit=5)
                    ro.search("harbour", limit=3)
                    time.sleep(0.02)
        except Exception as exc:  # noqa: BLE001 - any failure of a reader is the test failing
            errors.append(exc)

    threads = [threading.Thread(target=read, args=(k,)) for k in seen]
    for t in threads:
        t.start()
    proc.wait(timeout=600)
    for t in threads:
        t.join()
    assert proc.returncode == 0
    assert not errors
    for counts in seen.values():
        assert counts == sorted(counts)  # each reader saw a growing, committed state
    assert any(max(c) > min(c) for c in seen.values() if c)
    with Corpus(db, readonly=True) as ro:
        assert ro.stats()["articles"] == N
