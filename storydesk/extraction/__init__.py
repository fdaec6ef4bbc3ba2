"""Stage 1: files, directories, globs, stdin, JSON/JSONL exports, WARC crawls and http(s) URLs the user
names (fetched: the only network use) -> clean ``Article``s.

Bad sources never raise: each becomes a :class:`~storydesk.records.Problem` (an error code from
:mod:`storydesk.errors`) and the batch goes on.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..options import ExtractOptions, Options
from ..records import Article, Problem
from .fetch import is_url
from .readers import iter_bytes, iter_path, problem_from

__all__ = ["Extraction", "expand_sources", "extract", "extract_bytes", "iter_extract"]

_GLOB_CHARS = set("*?[")


def expand_sources(paths: Iterable[str | Path] | str | Path) -> list[str]:
    """Files as given, directories recursively (sorted, hidden entries skipped), globs expanded, ``-``
    for stdin. A path that does not exist is returned as is: it becomes a Problem when read."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[str] = []
    for raw in paths:
        s = str(raw)
        p = Path(s)
        if s == "-" or is_url(s):
            found = [s]
        elif p.is_dir():
            found = _walk(p) or [s]  # an empty folder is reported when read, not dropped silently
        elif p.exists():
            found = [s]
        elif _GLOB_CHARS & set(s):
            matches = sorted(glob.glob(s, recursive=True))
            found = [f for m in matches for f in (_walk(Path(m)) if Path(m).is_dir() else [m])] or [s]
        else:
            found = [s]
        out.extend(found)
    # one file reached by several paths (a glob's "**" follows symbolic links round a loop up to the
    # system's limit: 40 copies of each file) is read once
    seen: set[str] = set()
    unique = []
    for f in dict.fromkeys(out):
        real = f if f == "-" or is_url(f) else os.path.realpath(f)
        if real not in seen:
            seen.add(real)
            unique.append(f)
    return unique


def _walk(root: Path) -> list[str]:
    files = []
    for f in root.rglob("*"):
        rel = f.relative_to(root).parts
        if any(part.startswith(".") for part in rel):
            continue
        if f.is_file():
            files.append(str(f))
    return sorted(files)


def _extract_options(options: Options | ExtractOptions | None) -> ExtractOptions:
    if options is None:
        return Options.default().extract
    if isinstance(options, ExtractOptions):
        return options
    return options.extract


def iter_extract(
    sources: Iterable[str | Path] | str | Path,
    *,
    options: Options | None = None,
    on_source_done: Callable[[], None] | None = None,
) -> Iterator[Article | Problem]:
    """Articles and problems, lazily, one source at a time (constant memory for big WARC/JSONL files).

    ``on_source_done`` is called after each source given (a directory or glob counts as one)."""
    opts = _extract_options(options)
    if isinstance(sources, (str, Path)):
        sources = [sources]
    for src in sources:
        s = str(src)
        paths = [s] if s == "-" or is_url(s) or Path(s).is_file() else expand_sources([s])
        for path in paths:
            yield from iter_path(path, opts)
        if on_source_done is not None:
            on_source_done()


@dataclass(slots=True)
class Extraction:
    """What :func:`extract` returns: the articles and the per-source problems."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level == "warning")

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


def extract(sources: Iterable[str | Path] | str | Path, *, options: Options | None = None) -> Extraction:
    """Read files, directories, globs or ``-`` into clean articles; bad sources become problems."""
    result = Extraction()
    for item in iter_extract(expand_sources(sources), options=options):
        (result.articles if isinstance(item, Article) else result.problems).append(item)
    return result


def extract_bytes(
    data: bytes, *, source: str, kind: str | None = None, options: Options | None = None
) -> tuple[list[Article], list[Problem]]:
    """Articles and problems from bytes already in memory (Dask workers, the web ingest endpoint).

    ``kind`` is a format hint ("html", "txt", "json", "jsonl", "warc"); without it the format is
    sniffed from ``source``'s name and the bytes."""
    from ..errors import InputError

    opts = _extract_options(options)
    articles: list[Article] = []
    problems: list[Problem] = []
    try:
        for item in iter_bytes(data, source=source, kind=kind, opts=opts):
            (articles if isinstance(item, Article) else problems).append(item)
    except InputError as exc:
        problems.append(problem_from(exc, source))
    except Exception as exc:  # noqa: BLE001 - same promise as iter_extract: bad bytes never crash a worker
        problems.append(
            Problem(
                source=source,
                level="error",
                code=InputError.code,
                message=f"unexpected failure ({type(exc).__name__}: {exc})"[:500],
            )
        )
    return articles, problems

