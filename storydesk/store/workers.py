"""Extraction and annotation of sources, in this process or across Dask workers.

Workers only read files and run the NLP pipeline; they never touch the database. Results come back as
plain dicts (cheap to pickle, no class identity issues across processes) and the single writer in the
calling process stores them. A bounded number of tasks is in flight, so memory does not grow with the
number of sources.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ModelError, StorydeskError
from ..extraction.fetch import is_url
from ..group.dedup import SIG_DTYPE, dedup_text, signature
from ..group.stories import ArticleFeatures, features_of
from ..options import Options
from ..records import AnnotatedArticle, Article, Problem

__all__ = ["SourceResult", "fingerprint", "iter_results", "iter_source", "iter_sources", "prepare_articles",
           "process_sources", "source_key"]

_SOURCES_PER_TASK = 8  # amortises Dask's per-task overhead over several small files
_GROUP_ARTICLES = 32  # articles of small sources annotated together in one process (nlp.pipe batch)


@dataclass(slots=True)
class SourceResult:
    source: str  # the key the ingest log uses
    fingerprint: str | None  # None: not a plain file (stdin, URL): never marked as done
    articles: list[Article] = field(default_factory=list)
    annotated: dict[str, AnnotatedArticle] = field(default_factory=dict)  # by article id
    problems: list[Problem] = field(default_factory=list)
    # computed beside extraction so that the single writer only looks up and assigns (by article id)
    signatures: dict[str, np.ndarray] = field(default_factory=dict)
    features: dict[str, ArticleFeatures] = field(default_factory=dict)
    final: bool = True  # False: more of this source follows (a chunk of a big file)


def source_key(source: Any) -> str:
    """A stable string for a source as ``expand_sources`` returns it (a URL as given)."""
    if isinstance(source, str) and is_url(source):
        return source
    try:
        return os.path.abspath(os.fspath(source))
    except TypeError:
        return str(getattr(source, "path", source))


def fingerprint(source: Any) -> str | None:
    """Size and modification time of a plain file; a changed file is read again on the next ingest."""
    try:
        path = os.fspath(source)
    except TypeError:
        path = getattr(source, "path", None)
    if not path or path == "-":
        return None
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def _problem(source: str, exc: BaseException) -> Problem:
    code = exc.code if isinstance(exc, StorydeskError) else "SD100"
    msg = exc.message if isinstance(exc, StorydeskError) else f"{type(exc).__name__}: {exc}"
    return Problem(source=source, level="error", code=code, message=msg[:500])


def _annotate(articles: list[Article], opts: Options) -> list[AnnotatedArticle]:
    try:
        from ..nlp.annotate import iter_annotate
    except ImportError as exc:
        raise ModelError(f"the NLP pipeline is not available ({exc}); ingest with --no-nlp") from exc
    return list(iter_annotate(articles, options=opts))


def _finish(res: dict[str, Any], arts: list[Article], opts: Options, nlp: bool,
            annotated: list[AnnotatedArticle] | None = None) -> None:
    """Annotation (unless ``annotated`` is given), signatures and features of a chunk of extracted
    articles, into ``res``."""
    res["articles"] = [a.to_dict() for a in arts]
    if annotated is None:
        annotated = _annotate(arts, opts) if nlp and arts else []
    res["annotated"] = [aa.to_dict() for aa in annotated]
    by_id = {aa.article.id: aa for aa in annotated}
    g = opts.group
    res["signatures"] = {a.id: signature(dedup_text(a), num_perm=g.num_perm, k=g.shingle_size)
                         .tobytes() for a in arts}
    if not g.embedding_model:  # embeddings need the model: the writer computes those features
        res["features"] = {a.id: features_of(a, by_id.get(a.id), g).to_dict() for a in arts}


def _failed(res: dict[str, Any], key: str, exc: BaseException) -> None:
    res["problems"].append(_problem(key, exc).to_dict())
    res["articles"], res["annotated"] = [], []  # a half-processed chunk is read again next time
    res.pop("signatures", None)
    res.pop("features", None)
    res["fingerprint"] = None  # read it again next time


def _read_chunk(items: Iterator[Any], arts: list[Article], problems: list[dict[str, Any]],
                chunk: int) -> bool:
    """Move extracted articles into ``arts`` (problems into ``problems``) until ``arts`` holds
    ``chunk`` articles (True: more may follow) or ``items`` ends (False; ``chunk`` 0: read it all)."""
    for item in items:
        if isinstance(item, Problem):
            problems.append(item.to_dict())
            continue
        arts.append(item)
        if chunk and len(arts) >= chunk:
            return True
    return False


def iter_source(src: Any, opts: Options, nlp: bool, chunk: int = 0,
                _started: tuple[Iterator[Any], list[Article], list[dict[str, Any]]] | None = None
                ) -> Iterator[dict[str, Any]]:
    """Results of one source as plain dicts, ``chunk`` articles at a time (0: the whole source).

    Only the last dict carries the source's fingerprint and ``final``: the writer marks a source done
    when all of it is stored, so a big WARC/JSONL file streams in bounded memory and a killed ingest
    re-reads it, skipping the articles already committed. Never raises per source. ``_started``: the
    extraction iterator, articles and problems already read by :func:`iter_sources`.
    """
    from ..extraction import iter_extract

    key = source_key(src)

    def fresh() -> dict[str, Any]:
        return {"source": key, "fingerprint": None, "articles": [], "annotated": [], "problems": [],
                "final": False}

    res = fresh()
    arts: list[Article] = []
    try:
        if _started is None:
            items, full = iter(iter_extract([src], options=opts)), False
        else:
            items, arts, res["problems"] = _started
            full = bool(chunk) and len(arts) >= chunk
        while full or _read_chunk(items, arts, res["problems"], chunk):
            _finish(res, arts, opts, nlp)
            yield res
            res, arts, full = fresh(), [], False
        _finish(res, arts, opts, nlp)
        res["fingerprint"] = fingerprint(src)
    except ModelError:
        raise  # no pipeline: every source would fail the same way, stop the ingest
    except Exception as exc:  # noqa: BLE001 - one bad source must not stop the batch
        _failed(res, key, exc)
    res["final"] = True
    yield res


def _finish_group(group: list[tuple[Any, dict[str, Any], list[Article] | None]], opts: Options,
                  nlp: bool) -> list[dict[str, Any]]:
    """Finish several small sources with one pass of the NLP pipeline over all their articles.

    spaCy's per-call and per-batch costs (padding, thinc layer dispatch) weigh on one short article
    about as much as on a batch: one call per text file cost 10-20% more CPU per article. If the
    shared pass fails, each source is annotated alone, so that only the bad one is reported.
    """
    arts = [a for _src, _res, chunk in group for a in chunk or ()]
    shared: list[AnnotatedArticle] | None = None  # in the order of ``arts`` (ids repeat across copies)
    if nlp and arts:
        try:
            shared = _annotate(arts, opts)
        except ModelError:
            raise
        except Exception:  # noqa: BLE001 - retried source by source below
            shared = None
        if shared is not None and len(shared) != len(arts):
            shared = None
    out = []
    pos = 0
    for src, res, chunk in group:
        if chunk is None:  # extraction failed: already a final result
            out.append(res)
            continue
        mine = shared[pos:pos + len(chunk)] if shared is not None else None
        pos += len(chunk)
        try:
            _finish(res, chunk, opts, nlp, annotated=mine if nlp else [])
            res["fingerprint"] = fingerprint(src)
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad source must not stop the batch
            _failed(res, source_key(src), exc)
        out.append(res)
    return out


def iter_sources(sources: Iterable[Any], opts: Options, nlp: bool, chunk: int = 0,
                 group_articles: int = 0) -> Iterator[dict[str, Any]]:
    """What :func:`iter_source` gives for each source in turn, with consecutive small sources (fewer
    than ``chunk`` articles; any source when ``chunk`` is 0) finished together, up to
    ``group_articles`` articles at a time (0: all of them), so that the NLP pipeline sees batches
    instead of one text file's article per call. Same results, same order. Never raises per source."""
    from ..extraction import iter_extract

    group: list[tuple[Any, dict[str, Any], list[Article] | None]] = []  # None: extraction failed
    n_group = 0
    for src in sources:
        key = source_key(src)
        res: dict[str, Any] = {"source": key, "fingerprint": None, "articles": [], "annotated": [],
                               "problems": [], "final": True}
        arts: list[Article] = []
        items: Iterator[Any] | None = None
        try:
            items = iter(iter_extract([src], options=opts))
            if not _read_chunk(items, arts, res["problems"], chunk):
                items = None  # read to the end
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - as iter_source: the source fails, the batch goes on
            _failed(res, key, exc)
            group.append((src, res, None))
            continue
        if items is not None:  # a big source: streamed chunk by chunk, after the sources before it
            if group:
                yield from _finish_group(group, opts, nlp)
                group, n_group = [], 0
            yield from iter_source(src, opts, nlp, chunk, _started=(items, arts, res["problems"]))
            continue
        group.append((src, res, arts))
        n_group += len(arts)
        if group_articles and n_group >= group_articles:
            yield from _finish_group(group, opts, nlp)
            group, n_group = [], 0
    if group:
        yield from _finish_group(group, opts, nlp)


def process_sources(sources: list[Any], options: dict[str, Any], nlp: bool) -> list[dict[str, Any]]:
    """Extract (and annotate) each source; one plain-dict result per source. Never raises per source."""
    return list(iter_sources(sources, Options.from_dict(options), nlp))


def prepare_articles(articles: list[Article], group: dict[str, Any] | None = None
                     ) -> list[tuple[bytes, dict[str, Any]]]:
    """(signature bytes, features dict) of each article: the per-article half of dedup+clustering.

    Independent of every other article, so it runs in worker processes while the single writer does
    the LSH lookups and story assignment in order.
    """
    g = Options.from_dict({"group": group or {}}).group
    return [(signature(dedup_text(a), num_perm=g.num_perm, k=g.shingle_size).tobytes(),
             features_of(a, None, g).to_dict()) for a in articles]


def _decode(res: dict[str, Any]) -> SourceResult:
    annotated = {}
    for d in res["annotated"]:
        aa = AnnotatedArticle.from_dict(d)
        annotated[aa.article.id] = aa
    return SourceResult(source=res["source"], fingerprint=res["fingerprint"],
                        articles=[Article.from_dict(d) for d in res["articles"]], annotated=annotated,
                        problems=[Problem.from_dict(d) for d in res["problems"]],
                        signatures={k: np.frombuffer(v, dtype=SIG_DTYPE)
                                    for k, v in res.get("signatures", {}).items()},
                        features={k: ArticleFeatures.from_dict(v)
                                  for k, v in res.get("features", {}).items()},
                        final=bool(res.get("final", True)))


def _lost(src: Any, exc: BaseException) -> dict[str, Any]:
    """The result of a source whose worker task failed as a whole: one error, not marked done."""
    msg = (f"the worker reading this source failed ({type(exc).__name__}: {exc}); it is read again on "
           "the next ingest")
    return {"source": source_key(src), "fingerprint": None, "articles": [], "annotated": [], "final": True,
            "problems": [Problem(source=str(src), level="error", code="SD100", message=msg[:500]).to_dict()]}


def _chunks(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for it in items:
        buf.append(it)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def _start_method() -> str:
    """How the local Dask workers are started: ``fork`` on Linux when this process has no other thread
    (the CLI, a script), else Dask's default ``spawn``.

    A spawned worker starts a fresh interpreter, imports storydesk, spaCy and scipy (via datasketch)
    and loads the pipeline: ~2.5 CPU s per worker, a quarter of the CPU of a 200-article ingest on two
    workers. Forked workers share what this process already loaded (copy-on-write). Forking a process
    with other threads (a web server) can copy a lock another thread holds, so that case spawns.
    """
    import multiprocessing
    import sys
    import threading

    if (sys.platform.startswith("linux") and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods()):
        return "fork"
    return "spawn"


def _warm_extraction() -> None:
    # the language identifier's model is decompressed on first use (0.7 CPU s per process)
    import contextlib

    # a warm-up only: if it fails, each worker loads the model itself
    with contextlib.suppress(Exception):
        from ..extraction.metadata import guess_language

        guess_language("The harbour office published its weekly tide tables and the ferry timetable today.")


def _preload(options: Options, nlp: bool) -> None:
    """Load here, once, what every forked worker would otherwise load for itself: the language
    identifier and (``nlp``) the NLP pipeline. Pipeline errors are raised as the workers give them."""
    import threading

    # decompressing the language model releases the GIL: it overlaps with loading the pipeline. The
    # thread is joined before the workers fork.
    warm = threading.Thread(target=_warm_extraction, name="storydesk-warm", daemon=True)
    warm.start()
    try:
        if nlp:
            try:
                from ..nlp.annotate import load_pipeline
            except ImportError as exc:
                raise ModelError(f"the NLP pipeline is not available ({exc}); ingest with --no-nlp") from exc
            load_pipeline(options.nlp.model, roles_model=options.nlp.roles_model,
                          roles_int8=options.nlp.roles_int8)
    finally:
        warm.join()


def iter_results(sources: Iterable[Any], *, options: Options, nlp: bool, workers: int = 1,
                 scheduler: str | None = None) -> Iterator[SourceResult]:
    """Results per source, in completion order. ``workers > 1`` or ``scheduler`` use Dask.

    How local workers start is decided now, from the caller's threads, not when the first result is
    asked for: by then a progress bar may run its own (terminal-only) refresh thread."""
    method = _start_method() if workers > 1 and not scheduler else "spawn"
    return _iter_results(sources, options=options, nlp=nlp, workers=workers, scheduler=scheduler,
                         method=method)


def _iter_results(sources: Iterable[Any], *, options: Options, nlp: bool, workers: int,
                  scheduler: str | None, method: str) -> Iterator[SourceResult]:
    if workers <= 1 and not scheduler:
        batch = max(1, options.store.batch_size)
        # small sources are annotated a few at a time: their results reach the writer soon after
        for res in iter_sources(sources, options, nlp, chunk=batch,
                                group_articles=min(batch, _GROUP_ARTICLES)):
            yield _decode(res)
        return
    opts = options.to_dict()

    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
        n_slots = max(1, sum(client.nthreads().values()))
    else:
        import dask

        if method == "fork":
            _preload(options, nlp)
        # Measured on the NLP ingest (48 text files in one worker vs the same call in-process): the
        # worker's statistical profiler (a stack sample every 10 ms) cost ~10% CPU, and Dask's
        # MALLOC_TRIM_THRESHOLD_=64 KiB made glibc hand spaCy's per-batch arrays back to the OS and
        # fault them in again (300x the page faults, +15% CPU in system time). Neither is of use to
        # short-lived ingest workers; a user's own scheduler keeps its settings.
        with dask.config.set({"distributed.worker.profile.enabled": False,
                              "distributed.worker.multiprocessing-method": method,
                              "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
        client = Client(cluster)
        n_slots = workers
    try:
        chunks = _chunks(sources, _SOURCES_PER_TASK)
        pending = as_completed()
        sent: dict[str, list[Any]] = {}  # task key -> its sources, to name them if the task is lost

        def submit(chunk: list[Any]) -> None:
            fut = client.submit(process_sources, chunk, opts, nlp, pure=False)
            sent[fut.key] = chunk
            pending.add(fut)

        for chunk in chunks:
            submit(chunk)
            if pending.count() >= 2 * n_slots:
                break
        for fut in pending:
            chunk = sent.pop(fut.key, [])
            try:
                results = fut.result()
            except ModelError:
                raise  # no pipeline: every task would fail the same way
            except Exception as exc:  # noqa: BLE001 - a worker killed (out of memory, a crash in a C
                # library: Dask's KilledWorker) or a task that failed: its sources fail, the batch goes on
                results = [_lost(src, exc) for src in chunk]
            fut.release()
            nxt = next(chunks, None)
            if nxt is not None:
                submit(nxt)
            for res in results:
                yield _decode(res)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
