"""The local web app over a corpus: stories, briefs and articles, as pages and as a JSON API.

Everything an article contains is untrusted. Pages are Jinja2 templates with autoescaping; every
response carries a Content-Security-Policy that allows scripts from the app's own static folder only;
plots are separate SVG documents shown through ``<img>``; an article's original URL is shown and, when it
is http(s), linked, but never fetched or redirected to. The app is read-only unless started with
``--allow-ingest``: a middleware turns away every method but GET/HEAD before any route runs, and the Host
header must name the machine (a DNS-rebinding page cannot read the corpus through the browser).
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import sys
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import NotFoundError, StoreError, StorydeskError
from ..options import Options, WebOptions
from ..records import AnnotatedArticle, Article, Brief, Story
from ..render.display import when
from ..render.svg import source_graph_svg, timeline_svg
from . import views

__all__ = ["create_app", "run"]

HERE = Path(__file__).resolve().parent

#: the page policy: scripts and styles from /static only, nothing inline, no plugins, no framing
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            "form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
#: SVG plots are documents of their own: their inline styles are allowed, scripts never (sandbox)
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'; " \
          "frame-ancestors 'none'; sandbox"
INGEST_PATH = "/api/ingest"
_READ_METHODS = frozenset({"GET", "HEAD"})


# --- middleware -----------------------------------------------------------------------------------------


class _Guard:
    """Security headers on every response; Host check; read-only unless ingest is enabled.

    A plain ASGI middleware (not ``BaseHTTPMiddleware``) so that it sees every response, streamed or
    not, and costs nothing per request beyond the header edits.
    """

    def __init__(self, app: ASGIApp, *, allowed_hosts: frozenset[str], allow_ingest: bool) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.allow_ingest = allow_ingest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if "*" not in self.allowed_hosts and _hostname(headers.get("host", "")) not in self.allowed_hosts:
            await self._plain(send, 400, "unknown Host header")
            return
        method = scope["method"]
        writable = self.allow_ingest and method == "POST" and scope["path"] == INGEST_PATH
        if method not in _READ_METHODS and not writable:
            allow = "GET, HEAD, POST" if self.allow_ingest and scope["path"] == INGEST_PATH else "GET, HEAD"
            await self._plain(send, 405, "read-only: this server was started without --allow-ingest"
                              if not self.allow_ingest else "method not allowed", {"allow": allow})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                h = MutableHeaders(scope=message)
                for key, value in _security_headers().items():
                    if key not in h:
                        h[key] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    async def _plain(send: Send, status: int, text: str, extra: dict[str, str] | None = None) -> None:
        body = text.encode()
        headers = {"content-type": "text/plain; charset=utf-8", "content-length": str(len(body)),
                   **_security_headers(), **(extra or {})}
        await send({"type": "http.response.start", "status": status,
                    "headers": [(k.encode(), v.encode()) for k, v in headers.items()]})
        await send({"type": "http.response.body", "body": body})


def _security_headers() -> dict[str, str]:
    return {
        "content-security-policy": PAGE_CSP,
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=()",
    }


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8000
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


# --- corpus access --------------------------------------------------------------------------------------


class _Corpora:
    """One read-only Corpus shared by the worker threads (it keeps a connection per thread), a writer
    opened per ingest request, and the briefs built in this process.

    The web app never writes to the database unless ingest is enabled, not even the brief cache the
    store keeps: a brief built here is kept in memory, keyed by the story's member set, so a story page
    costs one build per change of the story rather than one per view.
    """

    def __init__(self, db_path: str | Path | None, options: Options, corpus: Any | None,
                 max_briefs: int = 64) -> None:
        self.db_path = db_path
        self.options = options
        self.fixed = corpus
        self._reader: Any | None = None
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._briefs: OrderedDict[tuple[str, frozenset[str]], Brief] = OrderedDict()
        self._counts: OrderedDict[tuple[str, frozenset[str]], int] = OrderedDict()
        self._max_briefs = max_briefs

    def reader(self) -> Any:
        if self.fixed is not None:
            return self.fixed
        with self._lock:
            if self._reader is None:
                from ..store.corpus import Corpus

                self._reader = Corpus(self.db_path, options=self.options, readonly=True)
            return self._reader

    @contextlib.contextmanager
    def writer(self) -> Iterator[Any]:
        with self.write_lock:
            if self.fixed is not None:
                yield self.fixed
                return
            from ..store.corpus import Corpus

            with Corpus(self.db_path, options=self.options) as corpus:
                yield corpus

    @staticmethod
    def _key(story: Story) -> tuple[str, frozenset[str]]:
        return story.id, frozenset(story.article_ids) | frozenset(story.duplicate_ids)

    def known_contradictions(self, story: Story) -> int | None:
        """The number of contradictions of the story's current brief, if this process built it."""
        with self._lock:
            return self._counts.get(self._key(story))

    def brief(self, story: Story) -> Brief:
        key = self._key(story)
        with self._lock:
            if key in self._briefs:
                self._briefs.move_to_end(key)
                return self._briefs[key]
        result = self.reader().brief(story.id)
        with self._lock:
            self._briefs[key] = result
            while len(self._briefs) > self._max_briefs:
                self._briefs.popitem(last=False)
            self._counts[key] = len(result.contradictions)
            while len(self._counts) > 100_000:  # a few MB at most
                self._counts.popitem(last=False)
        return result

    def forget_briefs(self) -> None:
        with self._lock:
            self._briefs.clear()
            self._counts.clear()

    def close(self) -> None:
        with self._lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()


# --- request bodies ----------------------------------------------------------------------------------------


class IngestDocument(BaseModel):
    name: str = Field(max_length=200, description="File name; its extension tells the extractor the format.")
    content: str


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=200)
    nlp: bool = True


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


# --- the handlers ---------------------------------------------------------------------------------------


class _Handlers:
    def __init__(self, corpora: _Corpora, web: WebOptions, templates: jinja2.Environment) -> None:
        self.corpora = corpora
        self.web = web
        self.templates = templates

    # shared pieces

    def _render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("allow_ingest", self.web.allow_ingest)
        return HTMLResponse(self.templates.get_template(name).render(**context), status_code=status)

    def _list_params(self, q: str | None, since: str | None, until: str | None, page: int,
                     per_page: int | None) -> dict[str, Any]:
        per_page = self.web.page_size if per_page is None else per_page
        if per_page > self.web.max_page_size:
            raise HTTPException(422, f"per_page is at most {self.web.max_page_size}")
        q = (q or "").strip() or None
        if q is not None and len(q) > self.web.max_query_chars:
            raise HTTPException(422, f"the query is at most {self.web.max_query_chars} characters")
        try:
            since, until = views.parse_day(since), views.parse_day(until)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        return {"query": q, "since": since, "until": until, "page": page, "per_page": per_page}

    def _contradictions(self, stories: list[Story]) -> list[int | None]:
        """Contradiction counts for a list page: from the store when it has them, else from briefs built
        in this process; missing ones are built newest first until ``list_brief_budget_s`` is spent, so
        a fresh corpus fills in over a few page loads instead of making one load slow. None: unknown."""
        counts: list[int | None] = []
        deadline = time.monotonic() + self.web.list_brief_budget_s
        for story in stories:
            n = story.contradictions
            if n is None:
                n = self.corpora.known_contradictions(story)
            if n is None and time.monotonic() < deadline:
                try:
                    n = len(self.corpora.brief(story).contradictions)
                except StorydeskError:
                    n = None
            counts.append(n)
        return counts

    def _brief(self, story_id: str) -> Brief:
        return self.corpora.brief(self.corpora.reader().story(story_id))

    def _story_page(self, p: dict[str, Any]) -> views.StoryPage:
        corpus = self.corpora.reader()
        filters = {"since": p["since"], "until": p["until"], "query": p["query"]}
        try:
            total = corpus.count_stories(**filters)
            found = corpus.stories(**filters, limit=p["per_page"], offset=(p["page"] - 1) * p["per_page"])
        except StoreError as exc:  # e.g. a search the full-text index cannot parse
            raise HTTPException(400, f"cannot search for that: {exc.message}") from None
        items = [views.StoryItem(story=s, article_count=len(s.article_ids), contradictions=n)
                 for s, n in zip(found, self._contradictions(found))]
        pg = views.pager(p["page"], p["per_page"], total)
        return views.StoryPage(total=total, page=p["page"], per_page=p["per_page"], pages=pg["pages"],
                               query=p["query"], since=p["since"], until=p["until"], items=items)

    # pages

    def stories_page(self, q: str | None = Query(None, max_length=1000),
                     since: str | None = Query(None, max_length=32),
                     until: str | None = Query(None, max_length=32),
                     page: int = Query(1, ge=1, le=1_000_000),
                     per_page: int | None = Query(None, ge=1, le=1_000_000)) -> HTMLResponse:
        p = self._list_params(q, since, until, page, per_page)
        result = self._story_page(p)
        pg = views.pager(result.page, result.per_page, result.total)
        base = {k: v for k, v in (("q", p["query"]), ("since", p["since"]), ("until", p["until"])) if v}
        if per_page is not None:
            base["per_page"] = str(p["per_page"])

        def page_url(n: int) -> str:
            return "/?" + urlencode({**base, "page": n})

        api_url = "/api/stories?" + urlencode({**base, "page": result.page})
        return self._render("stories.html", result=result, pager=pg, page_url=page_url, api_url=api_url,
                            params=p, title="Stories")

    def story_page(self, story_id: str = PathParam(pattern=views.ID_PATTERN)) -> HTMLResponse:
        corpus = self.corpora.reader()
        story = corpus.story(story_id)
        view = views.story_view(self.corpora.brief(story), story)
        return self._render("story.html", view=view, story_id=story_id, brief=view.brief,
                            title=story.label or view.brief.story.headline)

    def article_page(self, article_id: str = PathParam(pattern=views.ID_PATTERN),
                     removed: bool = False,
                     story: str | None = Query(None, max_length=128)) -> HTMLResponse:
        corpus = self.corpora.reader()
        article = corpus.article(article_id)
        annotated = corpus.annotated(article_id)
        return self._render(
            "article.html", article=article, paragraphs=views.highlight(annotated, article),
            counts=views.annotation_counts(annotated), kinds=views.HIGHLIGHT_KINDS,
            labels=views.HIGHLIGHT_LABELS,
            show_removed=removed, url=views.safe_link(article.url),
            story_id=story if views.valid_id(story) else None,
            duplicates=self._duplicates(corpus, article_id), title=article.title or article.id)

    @staticmethod
    def _duplicates(corpus: Any, article_id: str) -> list[dict[str, str]]:
        """The other members of the article's duplicate group (syndicated copies or their original)."""
        try:
            group = corpus.duplicates_of(article_id)
        except StorydeskError:
            return []
        if not group:
            return []
        out = []
        for other in [group.canonical_id, *group.copies][:50]:
            if other == article_id or not views.valid_id(other):
                continue
            try:
                art = corpus.article(other)
            except StorydeskError:
                continue
            role = "original" if other == group.canonical_id else "copy"
            out.append({"id": other, "label": f"{art.outlet or art.title or other[:12]} ({role})"})
        return out

    def api_index(self, request: Request) -> HTMLResponse:
        schema = request.app.openapi()
        # the descriptions are docstrings: their ``literal`` backticks are noise on an HTML page
        endpoints = [(method.upper(), path,
                      (op.get("description") or op.get("summary", "")).split("\n")[0].replace("``", ""))
                     for path, ops in schema.get("paths", {}).items() for method, op in ops.items()]
        return self._render("api.html", endpoints=endpoints, title="JSON API")

    def story_graph(self, story_id: str = PathParam(pattern=views.ID_PATTERN)) -> Response:
        return _svg(source_graph_svg(self._brief(story_id)))

    def story_timeline(self, story_id: str = PathParam(pattern=views.ID_PATTERN)) -> Response:
        return _svg(timeline_svg(self._brief(story_id)))

    # JSON API: the stored records, serialised exactly as ``--format json`` does (``Record.to_dict``)

    def api_stories(self, q: str | None = Query(None, max_length=1000),
                    since: str | None = Query(None, max_length=32, description="YYYY-MM-DD"),
                    until: str | None = Query(None, max_length=32, description="YYYY-MM-DD"),
                    page: int = Query(1, ge=1, le=1_000_000),
                    per_page: int | None = Query(None, ge=1, le=1_000_000)) -> JSONResponse:
        """Stories, newest first; full-text search with ``q``, date filters, pagination."""
        result = self._story_page(self._list_params(q, since, until, page, per_page))
        return JSONResponse(result.model_dump(mode="json"))

    def api_story(self, story_id: str = PathParam(pattern=views.ID_PATTERN)) -> JSONResponse:
        """One stored story."""
        return JSONResponse(self.corpora.reader().story(story_id).to_dict())

    def api_brief(self, story_id: str = PathParam(pattern=views.ID_PATTERN)) -> JSONResponse:
        """The brief of one story (the same JSON as ``storydesk brief --story ID --format json``)."""
        return JSONResponse(self._brief(story_id).to_dict())

    def api_story_articles(self, story_id: str = PathParam(pattern=views.ID_PATTERN)) -> JSONResponse:
        """The articles of one story."""
        return JSONResponse([a.to_dict() for a in self.corpora.reader().articles(story_id)])

    def api_article(self, article_id: str = PathParam(pattern=views.ID_PATTERN)) -> JSONResponse:
        """One article: clean text, metadata and the boilerplate the extractor removed."""
        return JSONResponse(self.corpora.reader().article(article_id).to_dict())

    def api_annotations(self, article_id: str = PathParam(pattern=views.ID_PATTERN)) -> JSONResponse:
        """Quotes, speakers, sources, hedges and entities found in one article."""
        corpus = self.corpora.reader()
        annotated = corpus.annotated(article_id)
        if annotated is None:
            corpus.article(article_id)  # unknown article: NotFoundError -> 404
            raise HTTPException(404, "this article was stored without NLP annotations")
        return JSONResponse(annotated.to_dict())

    def api_search(self, q: str = Query(..., min_length=1, max_length=1000),
                   page: int = Query(1, ge=1, le=1_000_000),
                   per_page: int | None = Query(None, ge=1, le=1_000_000)) -> JSONResponse:
        """Full-text search over articles."""
        p = self._list_params(q, None, None, page, per_page)
        try:
            hits = self.corpora.reader().search(p["query"], limit=p["per_page"],
                                                offset=(page - 1) * p["per_page"])
        except StoreError as exc:
            raise HTTPException(400, f"cannot search for that: {exc.message}") from None
        return JSONResponse({"query": p["query"], "page": page, "per_page": p["per_page"],
                             "items": [_jsonable(h) for h in hits]})

    def api_stats(self) -> JSONResponse:
        """Counts of articles, stories and duplicates in the corpus."""
        return JSONResponse(_jsonable(self.corpora.reader().stats()))

    async def api_ingest(self, request: Request) -> JSONResponse:
        """Add documents to the corpus (only with ``--allow-ingest``). Body: ``IngestRequest`` JSON."""
        if not request.headers.get("content-type", "").startswith("application/json"):
            # a cross-site form can only send form encodings; JSON needs a CORS preflight we never grant
            raise HTTPException(415, "send application/json")
        limit = self.web.max_ingest_bytes
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise HTTPException(413, f"the request body is over {limit} bytes")
        try:
            req = IngestRequest.model_validate_json(bytes(body))
        except ValidationError as exc:
            # no "input": for a body that is not JSON it is the raw bytes, which JSON cannot carry back
            raise HTTPException(422, exc.errors(include_url=False, include_context=False,
                                                include_input=False)) from None
        return JSONResponse(await run_in_threadpool(self._ingest, req))

    def _ingest(self, req: IngestRequest) -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix="storydesk-upload-") as tmp:
            paths = []
            sent: dict[str, str] = {}  # temp path -> the name the client sent: what the store and problems show
            for i, doc in enumerate(req.documents):
                name = _SAFE_NAME.sub("_", Path(doc.name).name).strip("._") or "document.txt"
                path = Path(tmp) / f"{i:04d}-{name[:100]}"
                path.write_text(doc.content, encoding="utf-8")
                paths.append(str(path))
                sent[str(path)] = name
            with self.corpora.writer() as corpus:
                report = corpus.ingest(paths, workers=1, nlp=req.nlp, names=sent)
        self.corpora.forget_briefs()
        summary = report.summary() if hasattr(report, "summary") else str(report)
        problems = [_jsonable(p) for p in getattr(report, "problems", [])]
        return {"summary": summary, "problems": problems}


def _svg(text: str) -> Response:
    return Response(text, media_type="image/svg+xml",
                    headers={"content-security-policy": SVG_CSP, "cache-control": "no-store"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "_asdict"):
        return _jsonable(value._asdict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


# --- the app ----------------------------------------------------------------------------------------------


def _routes(app: FastAPI, h: _Handlers, *, allow_ingest: bool) -> None:
    """Every route of the app, in one place."""
    html = {"response_class": HTMLResponse, "include_in_schema": False}
    app.add_api_route("/", h.stories_page, methods=["GET"], **html)
    app.add_api_route("/story/{story_id}", h.story_page, methods=["GET"], **html)
    app.add_api_route("/article/{article_id}", h.article_page, methods=["GET"], **html)
    app.add_api_route("/api", h.api_index, methods=["GET"], **html)
    svg = {"include_in_schema": False, "response_class": Response}
    app.add_api_route("/story/{story_id}/graph.svg", h.story_graph, methods=["GET"], **svg)
    app.add_api_route("/story/{story_id}/timeline.svg", h.story_timeline, methods=["GET"], **svg)

    api = {"methods": ["GET"], "response_class": JSONResponse}
    app.add_api_route("/api/stories", h.api_stories, response_model=views.StoryPage, **api)
    app.add_api_route("/api/stories/{story_id}", h.api_story, response_model=Story, **api)
    app.add_api_route("/api/stories/{story_id}/brief", h.api_brief, response_model=Brief, **api)
    app.add_api_route("/api/stories/{story_id}/articles", h.api_story_articles,
                      response_model=list[Article], **api)
    app.add_api_route("/api/articles/{article_id}", h.api_article, response_model=Article, **api)
    app.add_api_route("/api/articles/{article_id}/annotations", h.api_annotations,
                      response_model=AnnotatedArticle, **api)
    app.add_api_route("/api/search", h.api_search, **api)
    app.add_api_route("/api/stats", h.api_stats, **api)
    if allow_ingest:
        app.add_api_route(INGEST_PATH, h.api_ingest, methods=["POST"], response_class=JSONResponse,
                          openapi_extra={"requestBody": {"required": True, "content": {
                              "application/json": {"schema": IngestRequest.model_json_schema()}}}})
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its extension: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = views.short_day
    env.filters["when"] = when  # "2026-03-03 19:30 UTC", as every rendering of a brief writes a time
    env.globals["span"] = views.time_span
    env.globals["pid"] = views.path_id
    return env


def create_app(db_path: str | Path | None, *, options: Options | None = None,
               corpus: Any | None = None) -> FastAPI:
    """The FastAPI app over the corpus at ``db_path`` (or over ``corpus``, any object with the
    :class:`~storydesk.store.corpus.Corpus` read methods: tests pass a hand-built one)."""
    opts = options or Options.default()
    web = opts.web
    if corpus is None and (db_path is None or not Path(db_path).is_file()):
        raise StoreError(f"no corpus database at {db_path}: create one with `storydesk ingest FILES --db "
                         f"{db_path}`")
    corpora = _Corpora(db_path, opts, corpus)
    templates = _templates()
    handlers = _Handlers(corpora, web, templates)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        corpora.close()

    # Swagger UI and ReDoc load from a CDN: off (the app works offline); /api lists the endpoints and
    # /api/openapi.json is the schema
    app = FastAPI(title="storydesk", version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan)
    _routes(app, handlers, allow_ingest=web.allow_ingest)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api"

    def error(request: Request, status: int, message: Any) -> Response:
        if wants_json(request) and request.url.path != "/api":
            return JSONResponse({"detail": message}, status_code=status)
        text = message if isinstance(message, str) else "invalid request parameters"
        return handlers._render("error.html", status=status, status_code=status, message=text,
                                title=f"Error {status}")

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException is a subclass
    async def on_starlette_http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = "not found" if exc.status_code == 404 else exc.detail
        return error(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        # the messages name the parameter, never echo the (untrusted) value back as markup
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return error(request, 422, errors)

    @app.exception_handler(NotFoundError)
    async def on_not_found(request: Request, exc: NotFoundError) -> Response:
        return error(request, 404, exc.message)

    @app.exception_handler(StorydeskError)
    async def on_storydesk(request: Request, exc: StorydeskError) -> Response:
        return error(request, 500, str(exc))

    hosts = frozenset(h.lower().strip("[]") for h in web.allowed_hosts)
    app.add_middleware(_Guard, allowed_hosts=hosts, allow_ingest=web.allow_ingest)
    return app


def _version() -> str:
    from .. import __version__

    return __version__


def run(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False,
        options: Options | None = None) -> None:
    """Serve the app with uvicorn until interrupted (``storydesk serve``)."""
    import uvicorn

    opts = options or Options.default()
    opts.web.host, opts.web.port = host, port
    opts.web.allow_ingest = allow_ingest or opts.web.allow_ingest
    if host not in ("0.0.0.0", "::", ""):
        opts.web.allowed_hosts = [*opts.web.allowed_hosts, host]
    elif "*" not in opts.web.allowed_hosts:
        print(f"storydesk: listening on all interfaces, but only Host headers in {opts.web.allowed_hosts} "
              "are answered; list this machine's names in [web] allowed_hosts (or \"*\")", file=sys.stderr)
    app = create_app(db, options=opts)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False,
                access_log=False)
