"""A Dask task that fails as a whole (a worker killed for memory, a crash in a C library) costs only its
own sources: each gets an error, is not marked done, and the rest of the batch is stored."""

import pytest

from storydesk.options import Options
from storydesk.store import workers
from storydesk.store.corpus import Corpus

STORY = ("Report {i}: Tarnby harbour to be dredged\n\n"
         "The harbour board of Tarnby agreed on Monday to dredge the inner basin before the autumn storms, "
         "the board's chair Oskar Lind said after a vote of five to two in report {i}.\n\n"
         "Fishing crews had complained for two years that their boats ran aground at low tide, and pilots "
         "said the channel had lost almost a metre of depth since the dredging of {i}.\n")


def test_a_failed_worker_task_is_a_problem_per_source(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(12):
        name = f"p{i:02d}.txt" if i != 3 else "poison.txt"
        (pages / name).write_text(STORY.format(i=i * 1000))
    real = workers.process_sources

    def flaky(sources, options, nlp):
        if any(str(s).endswith("poison.txt") for s in sources):
            raise MemoryError("simulated: the worker ran out of memory")
        return real(sources, options, nlp)

    monkeypatch.setattr(workers, "process_sources", flaky)
    monkeypatch.setattr(workers, "_SOURCES_PER_TASK", 2)
    opts = Options()
    opts.extract.language = None
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    with cluster, Corpus(tmp_path / "c.db", options=opts) as c:
        report = c.ingest([pages], nlp=False, scheduler=cluster.scheduler_address)
    lost = [p for p in report.errors if "worker" in p.message]
    # the task held poison.txt and one neighbour: both fail, the other ten are stored
    assert len(lost) == 2 and any(p.source.endswith("poison.txt") for p in lost), report.problems
    assert report.added + report.duplicates == 10
    with Corpus(tmp_path / "c.db", options=opts) as c:
        monkeypatch.setattr(workers, "process_sources", real)
        again = c.ingest([pages], nlp=False)
    assert again.sources_skipped == 10 and again.added + again.duplicates == 2 and not again.errors
