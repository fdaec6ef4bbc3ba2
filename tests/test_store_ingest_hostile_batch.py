"""A corpus survives a batch of hostile files: each bad file is a problem, the good ones are stored, the
articles stored before are kept, the ingest log stays valid JSON however many problems a file has, and a
rerun adds nothing twice."""

import gzip
import json
import sqlite3

from storydesk.store.corpus import Corpus

TEXTS = [
    ("Tarnby harbour to be dredged before the storms",
     "The harbour board of Tarnby agreed on Monday to dredge the inner basin before the autumn storms, the "
     "board's chair Oskar Lind said after a vote of five to two in the town hall.\n\nFishing crews had "
     "complained for two years that their boats ran aground at low tide in the inner basin."),
    ("Ostra ferry keeps its winter timetable",
     "The Ostra ferry will keep its winter timetable, the operator Brenvik Sound Lines said on Monday, "
     "after the council agreed to pay for the extra crossings until the end of March.\n\nFerry captain "
     "Ilse Varga said passengers had asked for the late crossing to stay."),
    ("Valmo school reopens after the flood",
     "The primary school in Valmo reopened on Tuesday, six weeks after the river flooded its ground floor, "
     "the headteacher Maren Holt said as the first pupils arrived at the gate.\n\nParents had taken their "
     "children to classes in the sports hall of the neighbouring village since September."),
]


def _hostile(folder):
    folder.mkdir()
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 3_000_000))
    (folder / "json-bomb.json.gz").write_bytes(gzip.compress(b"[" + b"[]," * 6_000_000 + b"[]]"))
    (folder / "many-bad-lines.jsonl").write_text("\n".join(json.dumps(n) for n in range(400)) + "\n")
    (folder / "nul.txt").write_bytes(b"abc\x00" * 100)
    (folder / "empty.html").write_bytes(b"")
    (folder / "folder.html").mkdir()
    (folder / "attrs.html").write_text("<html><body><div " + " ".join(f'a{i}="{i}"' for i in range(3000))
                                       + "></div></body></html>")
    (folder / "good.txt").write_text(f"{TEXTS[2][0]}\n\n{TEXTS[2][1]}\n")


def test_hostile_batch_keeps_what_was_stored_and_reruns_cleanly(tmp_path):
    db = tmp_path / "c.db"
    first = tmp_path / "first"
    first.mkdir()
    for n, (title, body) in enumerate(TEXTS[:2]):
        (first / f"{n}.txt").write_text(f"{title}\n\n{body}\n")
    with Corpus(db) as c:
        c.options.extract.max_decompressed_bytes = 2_000_000
        r1 = c.ingest([first], nlp=False)
        assert r1.added == 2 and not r1.errors

    bad = tmp_path / "bad"
    _hostile(bad)
    with Corpus(db) as c:
        c.options.extract.max_decompressed_bytes = 2_000_000
        r2 = c.ingest([bad], nlp=False)
    assert r2.added == 1
    failed = {p.source.split("#")[0].rsplit("/", 1)[-1] for p in r2.errors}
    # (an empty folder inside a folder given is skipped; only a folder given by name is reported)
    assert failed == {"bomb.txt.gz", "json-bomb.json.gz", "many-bad-lines.jsonl", "nul.txt", "empty.html",
                      "attrs.html"}, r2.errors

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    for source, problems in con.execute("SELECT source, problems FROM ingest_log"):
        logged = json.loads(problems)  # valid JSON, even for the file with 400 problems
        if source.endswith("many-bad-lines.jsonl"):
            assert len(logged) == 101 and "300 more problems" in logged[-1]["message"]
    con.close()

    with Corpus(db) as c:
        c.options.extract.max_decompressed_bytes = 2_000_000
        r3 = c.ingest([first, bad], nlp=False)
    assert r3.added == 0 and r3.duplicates == 0 and r3.sources_skipped >= 9
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert con.execute("SELECT count(DISTINCT ident) FROM articles").fetchone()[0] == 3
    con.close()


def test_the_report_keeps_a_bounded_number_of_problems_per_file_and_counts_all(tmp_path):
    from storydesk.store.corpus import _REPORT_PROBLEMS

    f = tmp_path / "bad.jsonl"
    n = _REPORT_PROBLEMS + 500
    f.write_text("\n".join(json.dumps(i) for i in range(n)) + "\n")
    with Corpus(tmp_path / "c.db") as c:
        r = c.ingest([f], nlp=False)
    assert len(r.problems) == _REPORT_PROBLEMS
    assert r.n_errors == n and r.per_file[str(f)] == n
    assert f"{n} error(s)" in r.summary()
