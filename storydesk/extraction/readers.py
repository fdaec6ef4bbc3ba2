"""Readers: where bytes come from (files, stdin, gzip, JSON/JSONL records, WARC) and which extractor
gets them.

Every size is bounded before memory is spent on it: a file's raw bytes (``max_file_bytes``), gunzip
output (``max_decompressed_bytes``, read in chunks so a gzip bomb stops at the bound instead of filling
memory), one JSONL line (``max_line_chars``) and the number of records in a container
(``max_records_per_file``). Containers (JSONL, WARC) are streamed record by record, so a multi-gigabyte
crawl file needs constant memory; the per-record bound replaces the file bound for them.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import (
    DecodeError,
    EmptyInputError,
    InputError,
    LanguageWarning,
    MalformedRecordError,
    NoArticleError,
    TooLargeError,
    UnsupportedFormatError,
)
from ..options import ExtractOptions
from ..records import Article, Problem
from .encoding import check_not_binary, decode_bytes, to_utf8, wide_encoding
from .fetch import fetch_url, is_url
from .html import HtmlResult, extract_html, visible_text
from .metadata import guess_language, host_of, normalize_date, outlet_from, split_authors
from .safety import cap_attributes, clean_field, clean_paragraph, clean_url
from .text import CleanResult, clean_text

__all__ = ["KINDS", "sniff_kind", "read_path", "iter_bytes", "iter_path", "problem_from"]

KINDS = ("html", "txt", "json", "jsonl", "warc")
_SUFFIX_KIND = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".php": "html",
    ".asp": "html",
    ".aspx": "html",
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
}
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_SNIFF = re.compile(rb"<(!doctype\s+html|html|head|body|div|p|article|meta|title|span|br|table)\b", re.I)
_CHUNK = 1 << 20

Item = Article | Problem


def problem_from(exc: InputError, source: str, level: str = "error") -> Problem:
    return Problem(source=exc.source or source, level=level, code=exc.code, message=exc.message)


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def sniff_kind(name: str, head: bytes) -> str:
    """The format of a source: from its file name, else from its first bytes."""
    suffix = Path(_strip_gz(name)).suffix.lower()
    if suffix in _SUFFIX_KIND:
        kind = _SUFFIX_KIND[suffix]
        if kind == "txt" and _HTML_SNIFF.search(head[:4096]) and head.count(b"<") > 5:
            return "html"  # a "text" file that is really a saved page
        return kind
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped[:1] in (b"{", b"["):
        first, _, rest = stripped.partition(b"\n")
        if first.rstrip().endswith(b"}") and rest.lstrip()[:1] == b"{":
            return "jsonl"
        return "json"
    if _HTML_SNIFF.search(stripped[:4096]):
        return "html"
    return "txt"


def _read_bounded(f: IO[bytes], limit: int, *, source: str, what: str) -> bytes:
    """Read at most ``limit`` bytes; raise :class:`TooLargeError` when there are more."""
    buf = bytearray()
    while True:
        chunk = f.read(min(_CHUNK, limit + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > limit:
            raise TooLargeError(f"{what} over the size bound ({limit:,} bytes)", source=source)


def gunzip_bounded(data: bytes, limit: int, *, source: str) -> bytes:
    """Decompress gzip data (multi-member too), never producing more than ``limit`` bytes."""
    out = bytearray()
    rest = data
    try:
        while rest:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            pending = rest
            while pending:
                out += d.decompress(pending, limit + 1 - len(out))
                if len(out) > limit:
                    raise TooLargeError(
                        f"decompressed size over the bound ({limit:,} bytes): possibly a decompression bomb",
                        source=source,
                    )
                pending = d.unconsumed_tail
                if d.eof:
                    break
            if not d.eof:
                raise DecodeError("truncated gzip data", source=source)
            rest = d.unused_data.lstrip(b"\x00")
            if rest and not rest.startswith(_GZIP_MAGIC):
                break  # trailing garbage after the last member: gzip(1) ignores it too
    except zlib.error as exc:
        raise DecodeError(f"corrupt gzip data ({exc})", source=source) from exc
    return bytes(out)


def gunzip_layers(data: bytes, opts: ExtractOptions, *, source: str) -> bytes:
    """``data`` gunzipped as many times as it is gzip (a server's gzip of a .gz file), each layer bounded
    by ``max_decompressed_bytes``, at most ``max_gzip_layers`` deep."""
    layers = 0
    while data.startswith(_GZIP_MAGIC):
        if layers >= opts.max_gzip_layers:
            raise UnsupportedFormatError(
                f"gzip nested more than {opts.max_gzip_layers} deep (max_gzip_layers)", source=source)
        data = gunzip_bounded(data, opts.max_decompressed_bytes, source=source)
        layers += 1
    return data


def read_path(path: str, opts: ExtractOptions) -> bytes:
    """The raw bytes of a file or of stdin (``-``), bounded, gunzipped when compressed."""
    if path == "-":
        data = _read_bounded(sys.stdin.buffer, opts.max_file_bytes, source=path, what="stdin")
    else:
        p = Path(path)
        try:
            size = p.stat().st_size
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from exc
        if size > opts.max_file_bytes:
            raise TooLargeError(
                f"file of {size:,} bytes is over the size bound ({opts.max_file_bytes:,})", source=path
            )
        try:
            with p.open("rb") as f:
                data = _read_bounded(f, opts.max_file_bytes, source=path, what="file")
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from exc
    return gunzip_layers(data, opts, source=path)


# --------------------------------------------------------------------------- articles from content


def _finish(art: Article, opts: ExtractOptions, notes: tuple[str, ...] = ()) -> list[Item]:
    """Checks every article goes through: enough text, language flag. ``notes``: what the reader cut
    from the input before extraction (a warning each)."""
    body_chars = sum(len(p) for p in art.paragraphs)
    if body_chars < opts.min_article_chars:
        why = "no article text found" if not body_chars else f"only {body_chars} characters of article text"
        after = f" after {notes[0]}" if notes else ""
        raise NoArticleError(f"{why}{after} (minimum {opts.min_article_chars})", source=art.source)
    items: list[Item] = []
    for note in notes:
        art.warnings.append(note)
        items.append(Problem(source=art.source, level="warning", code=TooLargeError.code, message=note))
    if body_chars > opts.max_article_chars:
        # a page that is one endless paragraph (a dump, a hostile file) would reach the store and the
        # brief whole; the NLP stage reads only the first max_chars_per_article anyway
        art.paragraphs = _cut_paragraphs(art.paragraphs, opts.max_article_chars)
        msg = (f"article text cut at {opts.max_article_chars:,} characters (it had {body_chars:,}): "
               "the rest is not kept")
        art.warnings.append(msg)
        items.append(Problem(source=art.source, level="warning", code=TooLargeError.code, message=msg))
    # a declared language (trafilatura, JSON field) is kept only when the text itself gives no guess:
    # the text is the better witness
    art.language = guess_language(art.text) or art.language
    if opts.language and art.language and art.language != opts.language:
        msg = f"article language is '{art.language}', expected '{opts.language}' (extracted anyway)"
        art.warnings.append(msg)
        items.append(Problem(source=art.source, level="warning", code=LanguageWarning.code, message=msg))
    return [art, *items]


def _cut_paragraphs(paragraphs: list[str], limit: int) -> list[str]:
    """The paragraphs up to ``limit`` characters in all; the one that crosses it is cut at a space."""
    out: list[str] = []
    left = limit
    for p in paragraphs:
        if len(p) <= left:
            out.append(p)
            left -= len(p)
            continue
        cut = p[:left]
        space = cut.rfind(" ")
        cut = cut[:space] if space > left // 2 else cut
        if cut.strip():
            out.append(cut.rstrip())
        break
    return out


def _article(source: str, meta: dict[str, Any], res: HtmlResult | CleanResult, *, method: str,
             url: str | None, outlet: str | None, language: str | None = None,
             dateline: str | None = None) -> Article:
    """The one place an Article is put together from an extractor's result: what the caller knows
    (``meta``: JSON record fields) wins over what the extractor found in the page; ``url``, ``outlet``
    and ``language`` are the extractor's own guesses, each extractor making them its way.

    Every text field is cleaned of terminal escape sequences and control characters here (safety.py),
    and a URL that is not http(s) is dropped: whatever renders an Article gets no ESC sequence to
    pass to a terminal and no ``javascript:`` address to link."""
    byline = clean_field(meta.get("byline") or res.byline, 1000)
    authors = meta.get("authors") or res.authors or split_authors(byline)
    paragraphs = [p for p in (clean_paragraph(p).strip() for p in res.paragraphs) if p]
    removed = [b.model_copy(update={"text": clean_paragraph(b.text)}) for b in res.removed]
    return Article(
        source=source,
        url=clean_url(url),
        outlet=clean_field(meta.get("outlet") or outlet, 200),
        title=clean_field(meta.get("title") or res.title, 1000),
        byline=byline,
        authors=[a for a in (clean_field(a, 200) for a in authors[:50]) if a],
        published=meta.get("published") or res.published,
        dateline=clean_field(dateline, 200),
        language=clean_field(meta.get("language") or language, 20),
        paragraphs=paragraphs,
        removed=removed,
        method=method,
    )


def _from_html(
    text: str,
    source: str,
    opts: ExtractOptions,
    meta: dict[str, Any] | None = None,
    method: str = "trafilatura",
) -> list[Item]:
    meta = meta or {}
    url = meta.get("url")
    notes: list[str] = []
    text, n_cut = cap_attributes(clean_paragraph(text))  # first: attributes may be most of the page
    if n_cut:
        notes.append(f"{n_cut:,} tag(s) with more than 1,000 attributes cut to their first 1,000 "
                     "(a hostile page: the HTML parser's time grows with the square of their number)")
    if len(text) > opts.max_html_chars:
        notes.append(f"page cut at {opts.max_html_chars:,} characters of HTML (it had {len(text):,}) "
                     "before parsing (max_html_chars)")
        text = text[:opts.max_html_chars]
    n_tags = text.count("<")
    if n_tags > opts.max_html_tags:
        # memory and time follow the number of elements, not of characters: 8 MB of "<i>x</i>" (a
        # million elements) took 1.9 GB and 27 s
        cut = -1
        for _ in range(opts.max_html_tags):
            cut = text.find("<", cut + 1)
        notes.append(f"page cut at its {opts.max_html_tags:,}th tag (it had {n_tags:,}) before parsing "
                     "(max_html_tags)")
        text = text[:cut]
    res = extract_html(text, url=url, options=opts)
    if res is not None and sum(len(p) for p in res.paragraphs) >= opts.min_article_chars:
        url = url or res.url
        art = _article(source, meta, res, method=method, url=url,
                       outlet=outlet_from(res.site_name, clean_url(url)), language=res.language)
        return _finish(art, opts, tuple(notes))
    # trafilatura found nothing worth keeping: the page may still be an article it could not parse
    flat = visible_text(text)
    items = _from_text(flat, source, opts, meta, method=f"{method}+text-cleaner" if res else "text-cleaner",
                       notes=tuple(notes))
    for it in items:
        if isinstance(it, Article) and res is not None and not it.title:
            it.title = res.title
    return items


def _from_text(
    text: str,
    source: str,
    opts: ExtractOptions,
    meta: dict[str, Any] | None = None,
    method: str = "text-cleaner",
    notes: tuple[str, ...] = (),
) -> list[Item]:
    meta = meta or {}
    if len(text) > opts.max_text_chars:
        # the cleaner's per-block features cost ~30x the text in memory: a 45 MB one-line text (65 KB
        # gzipped) peaked at 1.5 GB before this bound
        cut = text.rfind("\n", opts.max_text_chars // 2, opts.max_text_chars)
        cut = cut if cut > 0 else opts.max_text_chars
        notes = (*notes, f"text cut at {cut:,} characters (it had {len(text):,}) before cleaning "
                 "(max_text_chars)")
        text = text[:cut]
    # escape sequences go before the cleaner, whose own control-character pass would leave "[31m"
    res = clean_text(clean_paragraph(text), title_hint=meta.get("title"), max_paragraphs=opts.max_paragraphs)
    url = meta.get("url")
    art = _article(source, meta, res, method=method, url=url, outlet=host_of(clean_url(url)) or res.outlet,
                   dateline=res.dateline)
    return _finish(art, opts, notes)


def _long_lines(text: str, opts: ExtractOptions, source: str) -> None:
    if len(text) > opts.max_decompressed_bytes:
        raise TooLargeError("text over the size bound", source=source)


def extract_document(
    data: bytes, *, source: str, kind: str, opts: ExtractOptions, meta: dict[str, Any] | None = None
) -> list[Item]:
    """One HTML page or text file (already read and decompressed) into an article (or problems)."""
    if kind == "html":
        text, _ = decode_bytes(data, source=source, html=True)
        if not text.strip():
            raise EmptyInputError("the page is empty", source=source)
        return _from_html(text, source, opts, meta)
    if kind == "txt":
        text, _ = decode_bytes(data, source=source)
        _long_lines(text, opts, source)
        return _from_text(text, source, opts, meta)
    raise UnsupportedFormatError(f"cannot read '{kind}' documents", source=source)


# --------------------------------------------------------------------------- JSON / JSONL records

_TEXT_KEYS = (
    "text",
    "body",
    "content",
    "maintext",
    "article",
    "articleBody",
    "article_body",
    "full_text",
    "plain_text",
    "description",
)
_HTML_KEYS = ("html", "raw_html", "content_html", "body_html", "page", "raw_content")
_TITLE_KEYS = ("title", "headline", "name")
_URL_KEYS = ("url", "link", "uri", "canonical_url", "source_url", "target_uri")
_DATE_KEYS = (
    "date",
    "published",
    "published_at",
    "publishedAt",
    "date_publish",
    "datePublished",
    "pubDate",
    "pub_date",
    "publish_date",
    "time",
    "timestamp",
    "created_at",
)
_OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "source_domain", "publisher", "site", "domain")
_AUTHOR_KEYS = ("authors", "author", "byline", "creator")
_LANG_KEYS = ("language", "lang", "locale")


def _first(rec: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = rec.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_str(v: Any, limit: int = 2000) -> str | None:
    if isinstance(v, dict):
        v = _first(v, ("name", "title", "url", "value"))
    if isinstance(v, list):
        v = ", ".join(str(_as_str(x)) for x in v[:20] if _as_str(x))
    if v is None or isinstance(v, (dict, list)):
        return None
    s = " ".join(str(v).split())
    return s[:limit] or None


def record_meta(rec: dict[str, Any]) -> dict[str, Any]:
    """storydesk's metadata from the many field names news exports use."""
    authors_raw = _first(rec, _AUTHOR_KEYS)
    if isinstance(authors_raw, list):
        authors = [a for a in (_as_str(x, 200) for x in authors_raw[:20]) if a]
        byline = ", ".join(authors) or None
    else:
        byline = _as_str(authors_raw, 300)
        authors = split_authors(byline)
    lang = _as_str(_first(rec, _LANG_KEYS), 20)
    return {
        "url": _as_str(_first(rec, _URL_KEYS)),
        "title": _as_str(_first(rec, _TITLE_KEYS), 1000),
        "published": normalize_date(_first(rec, _DATE_KEYS)),
        "outlet": _as_str(_first(rec, _OUTLET_KEYS), 200),
        "byline": byline,
        "authors": authors,
        "language": lang.split("-")[0].split("_")[0].lower() if lang else None,
    }


def extract_record(rec: Any, *, source: str, opts: ExtractOptions) -> list[Item]:
    """One JSON record (url, title, text or html, date, outlet...) into an article."""
    if not isinstance(rec, dict):
        raise MalformedRecordError(f"a record must be a JSON object, not {type(rec).__name__}", source=source)
    meta = record_meta(rec)
    if not meta["outlet"]:
        meta["outlet"] = host_of(clean_url(meta["url"]))
    html = _first(rec, _HTML_KEYS)
    text = _first(rec, _TEXT_KEYS)
    if isinstance(html, str) and html.strip():
        return _from_html(html, source, opts, meta, method="json-html")
    if isinstance(text, list):
        text = "\n".join(str(t) for t in text if isinstance(t, (str, int, float)))
    if isinstance(text, str) and text.strip():
        if _HTML_SNIFF.search(text[:4096].encode("utf-8", "ignore")) and text.count("<") > 5:
            return _from_html(text, source, opts, meta, method="json-html")
        return _from_text(text, source, opts, meta, method="json-text")
    raise NoArticleError("record has no text or html field", source=source)


def _records_in(doc: Any) -> list[Any] | None:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for k in ("articles", "items", "records", "data", "results", "documents", "docs"):
            if isinstance(doc.get(k), list):
                return doc[k]
    return None


# a JSON string, possessive so a 50 MB document is scanned once, without a backtracking stack
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.S)


def _json_values(text: str) -> int:
    """An upper bound on the values (objects, arrays, scalars) ``json.loads(text)`` would build."""
    bare = _JSON_STRING.sub("", text)
    return bare.count(",") + bare.count("[") + bare.count("{") + 1


def _records_cut(source: str, opts: ExtractOptions) -> Problem:
    """The warning for a JSON, JSONL or WARC file cut at ``max_records_per_file``."""
    return Problem(source=source, level="warning", code=TooLargeError.code,
                   message=f"stopped after {opts.max_records_per_file:,} records (max_records_per_file)")


def iter_json(data: bytes, *, source: str, opts: ExtractOptions) -> Iterator[Item]:
    text, _ = decode_bytes(data, source=source)
    # json.loads builds every value at once, ~50-100 bytes of memory each: 50 MB of "[[],[],..." is
    # 1.6 GB. A text of n characters holds at most n/2 + 1 values, so only big files are counted.
    if len(text) > 2 * opts.max_json_values and (n_values := _json_values(text)) > opts.max_json_values:
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from iter_jsonl(io.BytesIO(data), source=source, opts=opts)  # JSON lines in a .json
            return
        raise TooLargeError(f"JSON file of about {n_values:,} values is over the bound "
                            f"({opts.max_json_values:,}, max_json_values); split it or use JSON lines",
                            source=source)
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError: JSONDecodeError, an int of 5,000 digits
        # a ".json" file that is really JSON lines
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from iter_jsonl(io.BytesIO(data), source=source, opts=opts)
            return
        raise MalformedRecordError(f"invalid JSON ({exc})", source=source) from None
    records = _records_in(doc)
    if records is None:
        yield from _guard(lambda: extract_record(doc, source=source, opts=opts), source)
        return
    if not records:
        raise EmptyInputError("the JSON file holds no records", source=source)
    for n, rec in enumerate(records):
        if n >= opts.max_records_per_file:
            yield _records_cut(source, opts)
            return
        src = f"{source}#record={n}"
        yield from _guard(lambda rec=rec, src=src: extract_record(rec, source=src, opts=opts), src)


def iter_jsonl(f: IO[bytes], *, source: str, opts: ExtractOptions) -> Iterator[Item]:
    """JSON lines, one record at a time; an overlong or broken line is a problem, not the end."""
    n = -1
    seen = 0
    while True:
        line = f.readline(opts.max_line_chars + 1)
        if not line:
            break
        n += 1
        src = f"{source}#record={n}"
        if len(line) > opts.max_line_chars and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line without holding it
                more = f.readline(_CHUNK)
                if not more or more.endswith(b"\n"):
                    break
            yield Problem(
                source=src,
                level="error",
                code=TooLargeError.code,
                message=f"line over the size bound ({opts.max_line_chars:,} bytes)",
            )
            continue
        if not line.strip():
            continue
        seen += 1
        if seen > opts.max_records_per_file:
            yield _records_cut(source, opts)
            return

        def one(line: bytes = line, src: str = src) -> list[Item]:
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                text, _ = decode_bytes(line, source=src)
            try:
                rec = json.loads(text)
            except (ValueError, RecursionError) as exc:  # ValueError: an int of over 4,300 digits too
                raise MalformedRecordError(f"invalid JSON line ({exc})", source=src) from None
            return extract_record(rec, source=src, opts=opts)

        yield from _guard(one, src)
    if seen == 0:
        yield Problem(
            source=source, level="error", code=EmptyInputError.code, message="no records in the file"
        )


class _BoundedReader(io.RawIOBase):
    """A stream that raises once more than ``limit`` bytes were read: bounds gunzip of a JSONL.gz."""

    def __init__(self, raw: IO[bytes], limit: int, source: str) -> None:
        self.raw, self.limit, self.count, self.source = raw, limit, 0, source

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.raw.read(len(b))
        self.count += len(data)
        if self.count > self.limit:
            raise TooLargeError(
                f"decompressed size over the bound ({self.limit:,} bytes)", source=self.source
            )
        b[: len(data)] = data
        return len(data)


# --------------------------------------------------------------------------- WARC


_WARC_MARK = b"WARC/1."
_MAX_RESYNCS = 100  # damaged spots skipped in one WARC file before giving up on it


def _next_record_at(f: IO[bytes], start: int, gz: bool) -> int | None:
    """Offset of the next thing that looks like a record start at or after ``start``: a gzip member
    (WARC.gz) or a ``WARC/1.x`` line (WARC); None at the end of the file. Reads in bounded chunks."""
    mark = _GZIP_MAGIC + b"\x08" if gz else b"\n" + _WARC_MARK
    pos = max(0, start - (0 if gz else 1))
    tail = b""
    while True:
        f.seek(pos)
        chunk = f.read(_CHUNK)
        if not chunk:
            return None
        buf = tail + chunk
        i = buf.find(mark)
        if i >= 0:
            return pos - len(tail) + i + (0 if gz else 1)
        tail = buf[-len(mark):]
        pos += len(chunk)


def _warc_damage(exc: BaseException) -> str:
    """A short description of why warcio stopped, without the raw bytes its messages quote."""
    from warcio.exceptions import ArchiveLoadFailed

    text = str(exc)
    if "Unknown archive format" in text:
        return "not a WARC record header (a wrong Content-Length before it, or damaged data)"
    if isinstance(exc, (zlib.error, EOFError)) or "gzip" in text.lower():
        return f"damaged compressed data ({type(exc).__name__})"
    if isinstance(exc, ArchiveLoadFailed):
        return clean_field(text, 200) or "not a WARC record"
    return clean_field(f"a record header the WARC reader cannot use ({type(exc).__name__}: {text})",
                       240) or ""


def iter_warc(f: IO[bytes], *, source: str, opts: ExtractOptions) -> Iterator[Item]:
    """HTML responses of a WARC (or WARC.gz) file, one record at a time.

    A damaged spot (a record whose Content-Length is wrong, a corrupt gzip member, garbage between
    records) is one error Problem; reading goes on at the next record start found after it, so one bad
    record does not cost the rest of a crawl file."""
    from warcio.archiveiterator import ArchiveIterator

    n = -1
    found = 0
    try:
        f.seek(0)
        gz = f.read(2) == _GZIP_MAGIC
        f.seek(0)
        seekable = True
    except (OSError, AttributeError, ValueError):
        gz, seekable = False, False
    for attempt in range(_MAX_RESYNCS + 1):
        it = ArchiveIterator(f, arc2warc=True)
        records = iter(it)
        try:
            while True:
                # warcio writes its complaints about damaged records (with raw bytes) straight to
                # stderr; storydesk reports a Problem instead
                complaints = io.StringIO()
                with contextlib.redirect_stderr(complaints):
                    record = next(records, None)
                if complaints.getvalue() and n >= 0:
                    # warcio skipped a line it did not expect after the record before this one
                    yield Problem(source=f"{source}#record={n}", level="warning",
                                  code=MalformedRecordError.code,
                                  message="unexpected bytes after this record: its Content-Length header "
                                  "may be wrong, and its text incomplete")
                if record is None:
                    break
                n += 1
                if n >= opts.max_records_per_file:
                    yield _records_cut(source, opts)
                    return
                if record.rec_type not in ("response", "resource"):
                    continue
                src = f"{source}#record={n}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                ctype = ""
                if record.http_headers is not None:
                    status = record.http_headers.get_statuscode()
                    if status and not str(status).startswith("2"):
                        continue
                    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                else:
                    ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
                if ctype and "html" not in ctype and "text/plain" not in ctype:
                    continue  # images, scripts, PDFs: a crawl holds many; they are not articles
                found += 1
                yield from _guard(lambda record=record, src=src, url=url, ctype=ctype:
                                  _warc_record(record, src, url, ctype, opts), src)
            break
        except Exception as exc:  # noqa: BLE001 - warcio also fails with AttributeError/TypeError on
            # damaged headers (a response record without WARC-Target-URI): every failure is damage here
            at = getattr(it, "offset", None)
            where = f" at byte {at:,}" if isinstance(at, int) and at > 0 else ""
            nxt = (_next_record_at(f, (at or 0) + 1, gz)
                   if seekable and isinstance(at, int) and attempt < _MAX_RESYNCS else None)
            then = (f"; reading goes on at the next record, byte {nxt:,}" if nxt is not None
                    else "; the rest of the file is not read")
            yield Problem(
                source=source if n < 0 else f"{source}#record={n + 1}",
                level="error",
                code=MalformedRecordError.code,
                message=f"invalid WARC data{where}: {_warc_damage(exc)}{then}",
            )
            if nxt is None:
                return
            f.seek(nxt)
    if found == 0:
        yield Problem(
            source=source,
            level="error",
            code=NoArticleError.code,
            message="no HTML response records in the WARC file",
        )


def _warc_record(record: Any, src: str, url: str | None, ctype: str, opts: ExtractOptions) -> list[Item]:
    """The article of one WARC response record (or problems)."""
    data = _read_bounded(record.content_stream(), opts.max_file_bytes, source=src, what="WARC record")
    # warcio stops quietly at the end of a file cut off mid-record (an interrupted download): the bytes
    # its length header promised and the stream never gave tell the reader
    missing = getattr(record.raw_stream, "limit", 0)
    cut = ""
    if isinstance(missing, int) and missing > 0:
        cut = (f"record cut off: {missing:,} of its {record.length:,} bytes missing (a truncated file?)")
    kind = "txt" if "text/plain" in ctype else "html"
    meta = {"url": url} if url else None  # the outlet: the page's site name, else this host
    try:
        items = extract_document(data, source=src, kind=kind, opts=opts, meta=meta)
    except InputError as exc:
        if cut:
            exc.message = f"{exc.message}; {cut}"
        raise
    if cut:
        items.append(Problem(source=src, level="warning", code=MalformedRecordError.code,
                             message=f"{cut}; the text may be incomplete"))
    return items


# --------------------------------------------------------------------------- dispatch


def _guard(fn: Any, source: str) -> Iterator[Item]:
    """Run one extraction; any failure becomes a Problem so that the batch goes on."""
    try:
        items = fn()
    except InputError as exc:
        yield problem_from(exc, source)
        return
    except RecursionError:
        yield Problem(
            source=source,
            level="error",
            code=MalformedRecordError.code,
            message="document nested too deeply to parse",
        )
        return
    except MemoryError:
        yield Problem(source=source, level="error", code=TooLargeError.code, message="out of memory")
        return
    except Exception as exc:  # noqa: BLE001 - a third-party parser bug must not end a batch of thousands
        yield Problem(
            source=source,
            level="error",
            code=InputError.code,
            message=f"unexpected failure while extracting ({type(exc).__name__}: {exc})"[:500],
        )
        return
    yield from items


def iter_bytes(data: bytes, *, source: str, kind: str | None, opts: ExtractOptions) -> Iterator[Item]:
    """Articles and problems from in-memory bytes (the file's whole content, possibly gzipped)."""
    if kind is not None and kind not in KINDS:
        raise UnsupportedFormatError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})", source=source)
    if not data:
        raise EmptyInputError("the input is empty", source=source)
    if kind == "warc" or (
        kind is None and (data.lstrip()[:5] == b"WARC/" or sniff_kind(source, b"") == "warc")
    ):
        yield from iter_warc(io.BytesIO(data), source=source, opts=opts)
        return
    if data.startswith(_GZIP_MAGIC):
        head = gunzip_head(data)
        if kind == "warc" or head.lstrip()[:5] == b"WARC/":
            yield from iter_warc(io.BytesIO(data), source=source, opts=opts)
            return
        data = gunzip_layers(data, opts, source=source)
    data = to_utf8(data, source=source)
    if not data.strip():
        raise EmptyInputError("the input is empty", source=source)
    kind = kind or sniff_kind(source, data[:8192])
    if kind == "warc":
        yield from iter_warc(io.BytesIO(data), source=source, opts=opts)
    elif kind == "jsonl":
        check_not_binary(data, source=source)
        yield from iter_jsonl(io.BytesIO(data), source=source, opts=opts)
    elif kind == "json":
        check_not_binary(data, source=source)
        yield from iter_json(data, source=source, opts=opts)
    else:
        yield from _guard(lambda: extract_document(data, source=source, kind=kind, opts=opts), source)


def gunzip_head(data: bytes, n: int = 4096) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], n)
    except zlib.error:
        return b""


def iter_path(path: str, opts: ExtractOptions) -> Iterator[Item]:
    """Articles and problems from one file (or ``-``). Never raises for a bad input."""
    try:
        yield from _iter_path(path, opts)
    except InputError as exc:
        yield problem_from(exc, path)
    except (OSError, EOFError, zlib.error) as exc:
        yield Problem(
            source=path,
            level="error",
            code=InputError.code,
            message=f"cannot read ({type(exc).__name__}: {exc})"[:500],
        )
    except RecursionError:
        yield Problem(source=path, level="error", code=MalformedRecordError.code,
                      message="document nested too deeply to parse")
    except MemoryError:
        yield Problem(source=path, level="error", code=TooLargeError.code, message="out of memory")
    except Exception as exc:  # noqa: BLE001 - the last net: one file must never end a batch
        yield Problem(source=path, level="error", code=InputError.code,
                      message=f"unexpected failure while reading ({type(exc).__name__}: {exc})"[:500])


def _iter_path(path: str, opts: ExtractOptions) -> Iterator[Item]:
    if is_url(path):
        # the user asked for this page by URL: the one network read storydesk makes (fetch.py)
        got = fetch_url(path, opts)
        url = clean_url(got.url)
        for item in iter_bytes(got.data, source=path, kind=got.kind, opts=opts):
            if isinstance(item, Article) and not item.url:
                item = item.model_copy(update={"url": url, "outlet": item.outlet or host_of(url)})
            yield item
        return
    if path == "-":
        data = read_path(path, opts)
        yield from iter_bytes(data, source="<stdin>", kind=None, opts=opts)
        return
    p = Path(path)
    if not p.exists():
        if p.is_symlink():
            raise InputError("a symbolic link to nothing (broken, or a loop of links)", source=path)
        raise InputError("no such file or directory", source=path)
    if p.is_dir():
        # expand_sources gives a folder only when it holds no file storydesk would read
        raise EmptyInputError("a folder with no files to read (hidden files and folders are skipped)",
                              source=path)
    if not p.is_file():
        raise UnsupportedFormatError("not a regular file (a device, pipe or socket)", source=path)
    with p.open("rb") as f:
        head = f.read(8192)
    if not head:
        raise EmptyInputError("the file is empty", source=path)
    gz = head.startswith(_GZIP_MAGIC)
    inner_head = gunzip_head(head + b"") if gz else head
    # UTF-16 text and gzip inside gzip are read whole (bounded) and converted before the readers see them
    wide = wide_encoding(inner_head)
    whole = wide is not None or (gz and inner_head.startswith(_GZIP_MAGIC))
    if wide is not None:
        inner_head = inner_head.decode(wide, "replace").encode("utf-8", "replace")
    kind = sniff_kind(path, inner_head)
    if kind == "warc" or (gz and inner_head.lstrip()[:5] == b"WARC/"):
        with p.open("rb") as f:  # warcio gunzips record by record itself
            yield from iter_warc(f, source=path, opts=opts)
        return
    if kind == "jsonl" and not whole:
        with p.open("rb") as raw:
            stream: IO[bytes] = raw
            if gz:
                stream = io.BufferedReader(
                    _BoundedReader(gzip.GzipFile(fileobj=raw), opts.max_decompressed_bytes, path)
                )
            try:
                yield from iter_jsonl(stream, source=path, opts=opts)
            except (OSError, EOFError, zlib.error) as exc:
                yield Problem(
                    source=path,
                    level="error",
                    code=DecodeError.code,
                    message=f"corrupt compressed data ({exc})"[:500],
                )
        return
    data = read_path(path, opts)
    if kind in ("html", "txt"):
        yield from _guard(lambda: extract_document(data, source=path, kind=kind, opts=opts), path)
    else:
        yield from iter_bytes(data, source=path, kind=kind, opts=opts)


__all__ += ["extract_document", "extract_record", "record_meta", "gunzip_bounded"]
