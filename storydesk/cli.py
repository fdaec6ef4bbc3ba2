"""The storydesk command line: parses, delegates to the library, turns errors into messages.

Every command here is a few lines over a library call that is usable from Python as well.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__
from .errors import ConfigError, StorydeskError
from .options import Options

app = typer.Typer(
    name="storydesk",
    help="Read many news articles about the same events: what sources agree on, where they disagree, "
    "who said what, and which original source each claim rests on.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: a per-file error stays one line when stderr is a log file or a pipe
err = Console(stderr=True, soft_wrap=True)

ConfigOpt = Annotated[
    Optional[Path], typer.Option("--config", help="TOML options file overlaying the defaults.")
]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", help="spaCy pipeline (package name or path) instead of the bundled one.",
                 envvar="STORYDESK_MODEL"),
]
RolesOpt = Annotated[
    Optional[str],
    typer.Option("--roles-model", metavar="PATH|bundled",
                 help="Also run the transformer role tagger (needs storydesk\\[transformer]; slower): "
                 "'bundled' or a model folder."),
]
DbOpt = Annotated[Path, typer.Option("--db", help="Corpus database (SQLite).")]


def _options(config: Path | None, model: str | None = None, roles_model: str | None = None) -> Options:
    try:
        opts = Options.from_toml(config) if config else Options.default()
    except StorydeskError as exc:  # a bad options file is a message, not a traceback
        raise _fail(exc) from None
    if model:
        opts.nlp.model = model
    if roles_model:
        opts.nlp.roles_model = roles_model
    return opts


# control characters (ESC starts a terminal command; a newline fakes a second report line) and bidi
# overrides, in file names and in messages that quote a file's content, are shown as escapes
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(text: str) -> str:
    """``text`` safe to print on a terminal: control characters as Python escapes (``\\x1b``, ``\\n``)."""
    return _UNSHOWN.sub(lambda m: ascii(m.group())[1:-1], text)


_PER_FILE = 20  # problems printed per file; a JSONL file with 100,000 bad lines is counted, not listed


def _print_problem(problem, seen: dict[str, int]) -> None:
    """One problem line on stderr, unless its file already had ``_PER_FILE`` (counted in ``seen``)."""
    path = problem.source.split("#", 1)[0]
    seen[path] = seen.get(path, 0) + 1
    if seen[path] <= _PER_FILE:
        colour = "red" if problem.level == "error" else "yellow"
        # a file name like "page[1].html" is not rich markup
        err.print(f"[{colour}]{problem.level}[/{colour}] {escape(_shown(problem.line()))}", highlight=False,
                  markup=True, soft_wrap=True)


def _print_unshown(seen: dict[str, int], totals: dict[str, int] | None = None) -> None:
    """One line per file with more problems than were printed; ``totals``: counts of every problem
    (an ingest report keeps only the first of a file's problems)."""
    for path, n in {**seen, **(totals or {})}.items():
        if n > _PER_FILE:
            err.print(f"... {n - _PER_FILE:,} more problem(s) in {escape(_shown(path))} not shown",
                      highlight=False, markup=True, soft_wrap=True)


def _fail(exc: StorydeskError) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(_shown(str(exc)))}", highlight=False, markup=True)
    return typer.Exit(exc.exit_code)


def _check_output(output: Path | None) -> None:
    """Fail before the slow work when the output file's folder does not exist."""
    if output is not None and not output.parent.is_dir():
        raise _fail(ConfigError(f"cannot write {output}: the folder {output.parent} does not exist"))


def _write(output: Path, text: str) -> None:
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(ConfigError(f"cannot write {output}: {exc.strerror or exc}")) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storydesk {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """storydesk: cross-source briefs of news stories."""


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, - for stdin, or http(s) URLs (fetched: the only network use).")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output",
                                                   help="Write articles as JSONL here (default: stdout).")] = None,
    annotate: Annotated[bool, typer.Option("--annotate",
                                           help="Also run the NLP pipeline and print quotes, speakers, "
                                           "sources and hedges per article.")] = False,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    roles_model: RolesOpt = None,
) -> None:
    """Turn saved pages, scraped text, JSON/JSONL exports and WARC files into clean articles."""
    from .extraction import expand_sources, iter_extract
    from .records import Article, Problem

    opts = _options(config, model, roles_model)
    try:
        out = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise _fail(ConfigError(f"cannot write {output}: {exc.strerror or exc}")) from None
    n_ok = n_err = n_warn = 0
    articles: list[Article] = []
    seen: dict[str, int] = {}
    try:
        from rich.progress import Progress

        sources = expand_sources(paths)
        with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("extracting", total=len(sources))
            for item in iter_extract(sources, options=opts, on_source_done=lambda: progress.advance(task)):
                if isinstance(item, Problem):
                    if item.level == "error":
                        n_err += 1
                    else:
                        n_warn += 1
                    _print_problem(item, seen)
                    continue
                n_ok += 1
                if annotate:
                    articles.append(item)
                else:
                    out.write(item.to_json() + "\n")
        if annotate and articles:
            from .nlp.annotate import annotate as run_annotate
            from .render.annotations import render_annotations

            for aa in run_annotate(articles, options=opts):
                if output:
                    out.write(aa.to_json() + "\n")
                else:
                    out.write(render_annotations(aa) + "\n")
    except StorydeskError as exc:
        raise _fail(exc) from None
    finally:
        if output:
            out.close()
    _print_unshown(seen)
    err.print(f"{n_ok} article(s), {n_warn} warning(s), {n_err} error(s)", highlight=False)
    if n_err:
        raise typer.Exit(2)


@app.command()
def brief(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Article files, directories, globs or http(s) URLs (fetched).")] = None,
    story: Annotated[Optional[str], typer.Option("--story", help="Story id in the corpus (with --db).")] = None,
    pick: Annotated[int, typer.Option("--pick", min=1, help=(
        "When the articles form several stories, brief the N-th largest (listed on stderr)."))] = 1,
    together: Annotated[bool, typer.Option("--together", help=(
        "Brief all the articles as one story, without splitting them into stories first."))] = False,
    db: DbOpt = Path("storydesk.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown, json or html.")] = "markdown",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write here (default: stdout).")] = None,
    width: Annotated[int, typer.Option("--width", help="Markdown line width.")] = 80,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    roles_model: RolesOpt = None,
) -> None:
    """The cross-source brief of one story: agreement, contradictions, sources, summary."""
    from .render import render, renderers

    if (fmt or "").lower() not in renderers():
        raise _fail(ConfigError(f"unknown output format {fmt!r} (choose from {', '.join(renderers())})"))
    _check_output(output)
    opts = _options(config, model, roles_model)
    try:
        if story:
            from .store.corpus import Corpus

            with Corpus(db, options=opts, readonly=True) as corpus:
                result = corpus.brief(story)
        elif paths:
            result = _brief_paths(paths, opts, pick=pick, together=together)
        else:
            raise typer.BadParameter("give the article paths, or --story ID with --db")
        text = render(result, fmt, width=width)
    except StorydeskError as exc:
        raise _fail(exc) from None
    if output:
        _write(output, text)
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _brief_paths(paths: list[str], opts, *, pick: int, together: bool):
    """Extract, split into stories (unless ``together``), brief the chosen one (group/pick.py); the
    bad sources and the stories found are listed on stderr before the slow NLP step."""
    from .api import brief_story_selection
    from .group.pick import select_story

    selection = select_story(paths, opts, pick=None if together else pick)
    for p in selection.problems:
        err.print(f"[yellow]warning[/] {escape(_shown(p.line()))}")
    if selection.chosen is not None:
        err.print(f"These {selection.total} articles form {len(selection.stories)} stories:")
        for n, s in enumerate(selection.stories, 1):
            mark = "→" if n == pick else " "
            err.print(f" {mark} {n}. {escape(_shown(s.label or ''))} ({len(s.article_ids)} article(s))")
        err.print(f"Briefing story {pick}; choose another with --pick N, or brief all with --together.")
    return brief_story_selection(selection, opts)


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the HTML brief.")] = Path(
        "storydesk-demo.html"),
    config: ConfigOpt = None,
    model: ModelOpt = None,
    roles_model: RolesOpt = None,
) -> None:
    """Brief the bundled example corpus: Markdown to the terminal, HTML to a file."""
    from .api import brief as make_brief
    from .examples import example_corpus_paths
    from .render import render

    _check_output(output)
    opts = _options(config, model, roles_model)
    try:
        # the corpus also holds an unrelated story: split, then brief the largest, as `brief PATHS` does
        result = make_brief(example_corpus_paths(), options=opts, pick=1)
        sys.stdout.write(render(result, "markdown", width=80) + "\n")
        _write(output, render(result, "html"))
    except StorydeskError as exc:
        raise _fail(exc) from None
    err.print(f"HTML brief written to {output}")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, - for stdin, or http(s) URLs (fetched: the only network use).")],
    db: DbOpt = Path("storydesk.db"),
    workers: Annotated[int, typer.Option("--workers", help="Processes for extraction and annotation (Dask).")] = 1,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="tcp://host:port of a Dask scheduler.")] = None,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Store articles without running the NLP pipeline.")] = False,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    roles_model: RolesOpt = None,
) -> None:
    """Extract, annotate, deduplicate and cluster articles into a corpus database."""
    from .store.corpus import Corpus

    opts = _options(config, model, roles_model)
    try:
        with Corpus(db, options=opts) as corpus:
            report = corpus.ingest(paths, workers=workers, scheduler=scheduler, nlp=not no_nlp,
                                   progress=err if err.is_terminal else None)
    except StorydeskError as exc:
        raise _fail(exc) from None
    seen: dict[str, int] = {}
    for problem in report.problems:
        _print_problem(problem, seen)
    _print_unshown(seen, report.per_file)
    err.print(report.summary(), highlight=False)
    if report.errors:
        raise typer.Exit(2)


@app.command()
def stories(
    db: DbOpt = Path("storydesk.db"),
    since: Annotated[Optional[str], typer.Option("--since", help="Only stories active since this date.")] = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Full-text search.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many stories.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List the stories in a corpus, newest first."""
    from .store.corpus import Corpus

    try:
        with Corpus(db, readonly=True) as corpus:
            found = corpus.stories(since=since, query=query, limit=limit)
    except StorydeskError as exc:
        raise _fail(exc) from None
    if as_json:
        for s in found:
            sys.stdout.write(s.to_json() + "\n")
        return
    from rich.table import Column, Table
    from rich.text import Text

    # ids whole (they are what `brief --story` takes); headlines and outlets are untrusted text, not markup
    table = Table(Column("id", no_wrap=True, min_width=max((len(s.id) for s in found), default=2)),
                  "label", "articles", "outlets", Column("from", no_wrap=True), Column("to", no_wrap=True))
    for s in found:
        table.add_row(_shown(s.id), Text(_shown(s.label or "")), str(len(s.article_ids)),
                      Text(_shown(", ".join(s.outlets))),
                      (s.first_published or "")[:10], (s.last_published or "")[:10])
    Console().print(table)


@app.command()
def serve(
    db: DbOpt = Path("storydesk.db"),
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Enable the write endpoint.")] = False,
) -> None:
    """A local web app over the corpus: stories, briefs and articles."""
    from .web.app import run

    try:
        run(db, host=host, port=port, allow_ingest=allow_ingest)
    except StorydeskError as exc:
        raise _fail(exc) from None


@app.command()
def schema() -> None:
    """Print the JSON Schema of the brief (what `brief --format json` writes)."""
    from .records import brief_json_schema

    sys.stdout.write(json.dumps(brief_json_schema(), indent=2) + "\n")


if __name__ == "__main__":  # pragma: no cover
    app()
