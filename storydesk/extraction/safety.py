"""Hostile-input guards shared by the extractors: text fields without terminal control sequences, page
URLs that are safe to link, and HTML whose tags cannot make the parser quadratic.

Every Article field goes through :func:`clean_field` (paragraphs through :func:`clean_paragraph`), so
no renderer downstream ever receives an ESC sequence that a terminal would execute from Markdown output,
whatever a page, a text file or a JSON record held.
"""

from __future__ import annotations

import re
from itertools import islice
from urllib.parse import urlsplit

__all__ = ["MAX_ATTRIBUTES", "cap_attributes", "clean_field", "clean_paragraph", "clean_url", "note_clean"]

# ECMA-48 escape sequences: CSI (ESC [ params intermediates final), OSC (ESC ] ... BEL or ST, bounded
# so an unterminated one cannot swallow the article), and the two-byte forms (ESC + one character).
# The C1 controls (U+0080-U+009F, 8-bit CSI/OSC among them) and C0 controls go in a second pass.
_ESCAPE_SEQ = re.compile(
    r"\x1b(?:\[[0-?]{0,64}[ -/]{0,16}[@-~]|\][^\x07\x1b\n]{0,2048}(?:\x07|\x1b\\)|[PX^_][^\x1b]{0,2048}\x1b\\"
    r"|[ -/]{0,4}[0-~])"
)
# C0 controls and DEL; tab, newline and CR are text (the cleaners normalise CR), vertical tab and form
# feed are spaces
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BREAKS = re.compile(r"[\x0b\x0c]")
# C1 controls (U+0080-U+009F, the 8-bit CSI among them) are nearly always Windows-1252 punctuation
# decoded as Latin-1: curly quotes and dashes get their characters back; the five unassigned go
_C1 = re.compile(r"[\x80-\x9f]")
# any character one of the passes above would touch (ESC included): a page or paragraph without one,
# nearly all of them, costs one scan instead of three substitutions that each copy it
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def _from_c1(m: re.Match[str]) -> str:
    try:
        return m.group().encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return ""


# The last page text the decoder found free of those characters (by a check on its UTF-8 bytes, several
# times cheaper than scanning the str): compared by identity, so only that very object skips the scan.
_known_clean: str | None = None


def note_clean(text: str) -> None:
    """Record that ``text`` holds no character :func:`clean_paragraph` would change, so that cleaning that
    same object next costs nothing (the HTML reader cleans the whole decoded page before parsing)."""
    global _known_clean
    _known_clean = text


def clean_paragraph(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (newlines and tabs kept)."""
    global _known_clean
    if text is _known_clean:
        _known_clean = None  # one use: no page is kept alive longer than its own extraction
        return text
    if _UNSAFE.search(text) is None:
        return text
    if "\x1b" in text:
        text = _ESCAPE_SEQ.sub("", text)
    text = _C1.sub(_from_c1, _CONTROLS.sub("", text))
    return _BREAKS.sub(" ", text)


def clean_field(value: str | None, limit: int | None = None) -> str | None:
    """A one-line metadata field (title, outlet, byline...): no escapes or controls, spaces collapsed,
    at most ``limit`` characters; None when nothing is left."""
    if value is None:
        return None
    text = _SPACES.sub(" ", clean_paragraph(str(value))).strip()
    if limit is not None:
        text = text[:limit].rstrip()
    return text or None


def clean_url(url: str | None) -> str | None:
    """``url`` (cleaned) when it is an http(s) address or has no scheme (a host and path, a path), else
    None.

    A page's URL is metadata that renderers show and link: ``javascript:``, ``data:`` and ``file:``
    addresses from a hostile record are dropped here rather than trusted downstream."""
    url = clean_field(url, 4000)
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme and " " not in url:
        return url  # "www.example.com/story" or "/news/story": no scheme to run, nothing to link yet
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


# libxml2's HTML parser checks each new attribute of a tag against all earlier ones: a tag with n
# distinct attributes costs O(n^2) (50k attributes: 3 s; a million: hours). Real tags have a few dozen.
MAX_ATTRIBUTES = 1000
# One attribute as libxml2 2.14 (an HTML5 tokenizer) reads it: after white space or "/", or straight
# after a quoted value (``a="1"b="2"``); a name is anything up to white space, "/", ">" or "=" (quotes
# and "<" included); a value is quoted, or runs to white space or ">". Where this reads more
# attributes than the parser (Unicode spaces end a name here), a tag is only cut sooner.
_ATTR = (
    r"""(?>(?:[\s/]++|(?<=["']))[^\s/>][^\s/>=]*+"""
    r"""(?>\s*+=\s*+(?>"[^"]*+"|'[^']*+'|[^\s>]*+))?+)"""
)
_TAG_NAME = re.compile(r"<[A-Za-z][^\s/>]{0,64}+")
# atomic groups and possessive quantifiers: an attempt that does not reach the count fails in time
# linear in the tag. Known gap: attempts restart at every "<" + letter, so quoted values full of "<a "
# make the whole search super-linear (2.4 MB crafted: 22 s); a fix needs an HTML5-state scanner.
_MANY_ATTRS = re.compile(_TAG_NAME.pattern + _ATTR + f"{{{MAX_ATTRIBUTES + 1},}}")
_ONE_ATTR = re.compile(_ATTR)


def cap_attributes(html: str) -> tuple[str, int]:
    """``html`` with every tag cut to its first :data:`MAX_ATTRIBUTES` attributes, and how many tags
    were cut (0: ``html`` is returned unchanged).

    Every page is searched: counting "=" first would let through tags of attributes without values
    (``<div a0 a1 a2 ...>``), which cost libxml2 the same square time. On an ordinary page the search
    is one scan (about 2 ns a character); the substitution, which copies the page, runs only from
    the first tag found."""
    first = _MANY_ATTRS.search(html)
    if first is None:
        return html, 0
    cut = 0

    def shorten(m: re.Match[str]) -> str:
        nonlocal cut
        cut += 1
        tag = m.group(0)
        name_end = _TAG_NAME.match(tag).end()  # type: ignore[union-attr]  # the match starts with it
        kept = islice(_ONE_ATTR.finditer(tag, name_end), MAX_ATTRIBUTES)
        return tag[:name_end] + "".join(a.group(0) for a in kept)

    start = first.start()
    return html[:start] + _MANY_ATTRS.sub(shorten, html[start:]), cut
