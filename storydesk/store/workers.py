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
from ..group.dedup import SIG_DTYPE, dedup_text, signature
from ..group.stories import ArticleFeatures, features_of
from ..options import Options
from ..records import AnnotatedArticle, Article, Problem

__all__ = ["SourceResult", "fingerprint", "iter_results", "iter_source", "prepare_articles",
           "process_sources", "source_key"]

_SOURCES_PER_TASK = 8  # amortises Dask's per-task overhead over several small files


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
    """A stable string for a source as ``expand_sources`` returns it."""
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


def _finish(res: dict[str, Any], arts: list[Article], opts: Options, nlp: bool) -> None:
    """Annotation, signatures and features of a chunk of extracted articles, into ``res``."""
    res["articles"] = [a.to_dict() for a in arts]
    annotated = _annotate(arts, opts) if nlp and arts else []
    res["annotated"] = [aa.to_dict() for aa in annotated]
    by_id = {aa.article.id: aa for aa in annotated}
    g = opts.group
    res["signatures"] = {a.id: signature(dedup_text(a), num_perm=g.num_perm, k=g.shingle_size)
                         .tobytes() for a in arts}
    if not g.embedding_model:  # embeddings need the model: the writer computes those features
        res["features"] = {a.id: features_of(a, by_id.get(a.id), g).to_dict() for a in arts}


def iter_source(src: Any, opts: Options, nlp: bool, chunk: int = 0) -> Iterator[dict[str, Any]]:
    """Results of one source as plain dicts, ``chunk`` articles at a time (0: the whole source).

    Only the last dict carries the source's fingerprint and ``final``: the writer marks a source done
    when all of it is stored, so a big WARC/JSONL file streams in bounded memory and a killed ingest
    re-reads it, skipping the articles already committed. Never raises per source.
    """
    from ..extraction import iter_extract

    key = source_key(src)

    def fresh() -> dict[str, Any]:
        return {"source": key, "fingerprint": None, "articles": [], "annotated": [], "problems": [],
                "final": False}

    res = fresh()
    arts: list[Article] = []
    try:
        for item in iter_extract([src], options=opts):
            if isinstance(item, Problem):
                res["problems"].append(item.to_dict())
                continue
            arts.append(item)
            if chunk and len(arts) >= chunk:
                _finish(res, arts, opts, nlp)
                yield res
                res, arts = fresh(), []
        _finish(res, arts, opts, nlp)
        res["fingerprint"] = fingerprint(src)
    except ModelError:
        raise  # no pipeline: every source would fail the same way, stop the ingest
    except Exception as exc:  # one bad source must not stop the batch
        res["problems"].append(_problem(key, exc).to_dict())
        res["articles"], res["annotated"] = [], []  # a half-processed chunk is read again next time
        res.pop("signatures", None)
        res.pop("features", None)
        res["fingerprint"] = None  # read it again next time
    res["final"] = True
    yield res


def process_sources(sources: list[Any], options: dict[str, Any], nlp: bool) -> list[dict[str, Any]]:
    """Extract (and annotate) each source; one plain-dict result per source. Never raises per source."""
    opts = Options.from_dict(options)
    out = []
    for src in sources:
        out.extend(iter_source(src, opts, nlp))
    return out


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


def _chunks(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for it in items:
        buf.append(it)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def iter_results(sources: Iterable[Any], *, options: Options, nlp: bool, workers: int = 1,
                 scheduler: str | None = None) -> Iterator[SourceResult]:
    """Results per source, in completion order. ``workers > 1`` or ``scheduler`` use Dask."""
    if workers <= 1 and not scheduler:
        for src in sources:
            for res in iter_source(src, options, nlp, chunk=max(1, options.store.batch_size)):
                yield _decode(res)
        return
    opts = options.to_dict()

    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
        n_slots = max(1, sum(client.nthreads().values()))
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
        n_slots = workers
    try:
        chunks = _chunks(sources, _SOURCES_PER_TASK)
        pending = as_completed()
        for chunk in chunks:
            pending.add(client.submit(process_sources, chunk, opts, nlp, pure=False))
            if pending.count() >= 2 * n_slots:
                break
        for fut in pending:
            results = fut.result()
            fut.release()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.add(client.submit(process_sources, nxt, opts, nlp, pure=False))
            for res in results:
                yield _decode(res)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
