"""Small sources are annotated together (one nlp.pipe pass), with the same results, order and per-source
failures as when each source is processed alone."""

import json

import pytest

from storydesk.options import Options
from storydesk.records import AnnotatedArticle
from storydesk.store import workers

TEXTS = [
    ("Ferry strike ends in Lindell\n\nThe Lindell ferry crews returned to work on Monday, the union said. "
    '"We have a deal," said Mara Okonjo, who chairs the crews\' union.'),
    ("Council delays harbour vote\n\nCastelmar's council may delay the harbour vote until May, according "
    "to two councillors. The budget grew by 4.5 million euros."),
    ("Storm closes Norrbay bridge\n\nThe Norrbay bridge was closed for 12 hours after the storm, police "
    "said. Officials believe it could reopen on Friday."),
]
# each long enough for the text cleaner's minimum article length
TEXTS = [t + "\n\n" + " ".join([("The harbour office published its weekly tide tables and the ferry "
                                 "timetable for the coming season.")] * 2) for t in TEXTS]


def _files(tmp_path, texts):
    paths = []
    for i, text in enumerate(texts):
        p = tmp_path / f"{i:02d}.txt"
        p.write_text(text + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def _one_by_one(paths, opts, nlp, chunk):
    return [r for p in paths for r in workers.iter_source(p, opts, nlp, chunk=chunk)]


def _strip(results):
    return [dict(r) for r in results]


def test_grouped_sources_give_the_same_results_as_one_by_one(tmp_path):
    # the third file repeats the first one's text: same article id, its own source in its record
    paths = _files(tmp_path, TEXTS + [TEXTS[0]])
    opts = Options()
    grouped = list(workers.iter_sources(paths, opts, nlp=True, chunk=200, group_articles=32))
    alone = _one_by_one(paths, opts, nlp=True, chunk=200)
    assert _strip(grouped) == _strip(alone)
    assert [r["source"] for r in grouped] == [workers.source_key(p) for p in paths]
    assert all(r["annotated"] and r["fingerprint"] for r in grouped)
    assert grouped[0]["annotated"][0]["article"]["source"] != grouped[3]["annotated"][0]["article"]["source"]


def test_one_annotation_pass_per_group(tmp_path, monkeypatch):
    calls = []

    def fake(arts, opts):
        calls.append(len(arts))
        return [AnnotatedArticle(article=a, pipeline="fake") for a in arts]

    monkeypatch.setattr(workers, "_annotate", fake)
    paths = _files(tmp_path, TEXTS * 3)  # 9 one-article sources
    out = list(workers.iter_sources(paths, Options(), nlp=True, chunk=200, group_articles=4))
    assert calls == [4, 4, 1]
    assert [len(r["annotated"]) for r in out] == [1] * 9
    assert [r["annotated"][0]["article"]["source"] for r in out] == [r["articles"][0]["source"] for r in out]


def test_a_broken_article_fails_only_its_own_source(tmp_path, monkeypatch):
    def fake(arts, opts):
        if any("Storm" in (a.title or "") for a in arts):
            raise ValueError("pipeline choked")
        return [AnnotatedArticle(article=a, pipeline="fake") for a in arts]

    monkeypatch.setattr(workers, "_annotate", fake)
    paths = _files(tmp_path, TEXTS)
    out = list(workers.iter_sources(paths, Options(), nlp=True, chunk=200, group_articles=32))
    assert [bool(r["annotated"]) for r in out] == [True, True, False]
    bad = out[2]
    assert bad["articles"] == [] and bad["fingerprint"] is None and bad["final"]
    assert bad["problems"] and "pipeline choked" in bad["problems"][-1]["message"]
    assert all(r["fingerprint"] for r in out[:2])


def test_unreadable_source_in_a_group_keeps_order(tmp_path, monkeypatch):
    from storydesk import extraction

    paths = _files(tmp_path, TEXTS)
    real = extraction.iter_extract

    def flaky(sources, options=None):
        if str(sources[0]).endswith("01.txt"):
            raise OSError("disk gone")
        return real(sources, options=options)

    monkeypatch.setattr(extraction, "iter_extract", flaky)
    out = list(workers.iter_sources(paths, Options(), nlp=False, chunk=200, group_articles=32))
    assert [r["source"] for r in out] == [workers.source_key(p) for p in paths]
    assert [len(r["articles"]) for r in out] == [1, 0, 1]
    assert out[1]["fingerprint"] is None and "disk gone" in out[1]["problems"][0]["message"]


def test_big_source_between_small_ones_streams_in_chunks(tmp_path):
    small = _files(tmp_path, TEXTS[:2])
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as f:
        for i in range(25):
            f.write(json.dumps({"title": f"Tide report {i} from Ellin",
                                "text": f"Tide {i} rose at the Ellin pier. " * 12}) + "\n")
    paths = [small[0], str(big), small[1]]
    opts = Options()
    out = list(workers.iter_sources(paths, opts, nlp=False, chunk=10, group_articles=32))
    assert out == _one_by_one(paths, opts, nlp=False, chunk=10)
    assert [(len(r["articles"]), r["final"]) for r in out] == [(1, True), (10, False), (10, False), (5, True),
                                                              (1, True)]


@pytest.mark.parametrize("group", [1, 2, 32])
def test_ingest_stores_the_same_corpus_whatever_the_grouping(tmp_path, monkeypatch, group):
    from storydesk.store.corpus import Corpus

    monkeypatch.setattr(workers, "_GROUP_ARTICLES", group)
    paths = _files(tmp_path, TEXTS + [TEXTS[1]])
    with Corpus(tmp_path / f"c{group}.db") as c:
        rep = c.ingest(paths, nlp=False)
        rows = c._reader().execute("SELECT source, articles FROM ingest_log ORDER BY source").fetchall()
    # the repeated file has the same text, outlet and URL: the same article, stored once
    assert (rep.added, rep.duplicates, rep.skipped, rep.sources) == (3, 0, 1, 4)
    assert [r[1] for r in rows] == [1, 1, 1, 1]


def test_local_workers_fork_only_from_a_single_threaded_process():
    import sys
    import threading

    alone = workers._start_method()
    assert alone == ("fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn")
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert workers._start_method() == "spawn"  # another thread could hold a lock at fork time
    finally:
        stop.set()
        t.join()


def test_two_local_workers_store_what_one_process_stores(tmp_path):
    from storydesk.store.corpus import Corpus

    paths = _files(tmp_path, TEXTS)

    def stored(workers_n):
        with Corpus(tmp_path / f"w{workers_n}.db") as c:
            rep = c.ingest(paths, workers=workers_n, nlp=True)
            rows = c._reader().execute("SELECT article_id, json FROM annotations ORDER BY article_id").fetchall()
        return rep, [tuple(r) for r in rows]

    rep1, one = stored(1)
    rep2, two = stored(2)
    assert (rep1.added, rep1.errors) == (3, []) and (rep2.added, rep2.errors) == (3, [])
    assert one == two and len(one) == 3
