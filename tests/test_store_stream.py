"""A big JSONL source is stored in batches while it is read, and a rerun resumes it."""

import json

from storydesk.options import Options
from storydesk.store import workers
from storydesk.store.corpus import Corpus, IngestReport


def _write_jsonl(path, n):
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            words = " ".join(f"harbour{i} ferry{i % 7} pilot{i % 5} tide{i % 3} council vote" for _ in range(8))
            f.write(json.dumps({"title": f"Ferry report {i} from Lindell", "text": f"{words}. Item {i}.",
                                "outlet": f"Outlet {i % 4}", "url": f"https://example.test/{i}",
                                "published": f"2024-03-{1 + i % 28:02d}T10:00:00Z"}) + "\n")


def test_one_big_file_streams_in_chunks_and_is_logged_once(tmp_path):
    src = tmp_path / "big.jsonl"
    _write_jsonl(src, 45)
    opts = Options()
    opts.store.batch_size = 10
    chunks = list(workers.iter_source(str(src), opts, nlp=False, chunk=10))
    assert [len(c["articles"]) for c in chunks] == [10, 10, 10, 10, 5]
    assert [c["final"] for c in chunks] == [False] * 4 + [True]
    assert all(c["fingerprint"] is None for c in chunks[:-1]) and chunks[-1]["fingerprint"]

    with Corpus(tmp_path / "c.db", options=opts) as c:
        rep = c.ingest([str(src)], nlp=False)
        assert rep.sources == 1 and rep.added + rep.duplicates == 45
        con = c._reader()
        assert [tuple(r) for r in con.execute("SELECT articles FROM ingest_log")] == [(45,)]


def test_rerun_after_a_partial_big_file_resumes(tmp_path):
    src = tmp_path / "big.jsonl"
    _write_jsonl(src, 30)
    opts = Options()
    opts.store.batch_size = 10
    db = tmp_path / "c.db"
    with Corpus(db, options=opts) as c:
        # as if killed after two committed batches: those articles are stored, the file is not done
        first = [workers._decode(r) for r in workers.iter_source(str(src), opts, nlp=False, chunk=10)][:2]
        partial = IngestReport()
        c._store_results(iter(first), partial, lambda *a: None)
        assert partial.sources == 0
        assert c._reader().execute("SELECT count(*) FROM ingest_log").fetchone()[0] == 0
    with Corpus(db, options=opts) as c:
        rep = c.ingest([str(src)], nlp=False)
        assert rep.skipped == 20 and rep.added + rep.duplicates == 10
        assert c.stats()["articles"] == 30 and c.stats()["unclustered"] == 0
