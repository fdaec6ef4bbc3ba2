"""Hostile-input guards shared by the extractors: text fields without terminal control sequences, page
URLs that are safe to link, and HTML whose tags cannot make the parser quadratic.

Every Article field goes through :func:`clean_field` (paragraphs through :func:`clean_paragraph`), so
no renderer downstream ever receives an ESC sequence that a terminal would execute from Markdown output,
whatever a page, a text file or a JSON record held.
"""

from __future__ import annotations

import re
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

# The guard is a one-pass scan that follows the tokenizer of libxml2 2.14 (an HTML5 tokenizer), written
# as one regex loop: each alternative is atomic and consumes a whole token (a run of text, a comment, a
# tag with its attributes, a raw-text element with its content), so every character is read a bounded
# number of times (a cut tag's attributes three times), whatever the page. Searching for "a tag with
# more than 1,000 attributes" instead restarts at every "<" + letter, including those inside quoted
# values, and re-reads up to 1,000 tokens from each (2.4 MB of values full of "<a ": 25 s).
# Hand-written because no installed library exposes a tokenizer that is cheap here: lxml's parsers and
# iterparse run the very attribute check this guards against, the stdlib html.parser is not an HTML5
# tokenizer (quotes, comments, end tags differ) and costs Python calls per tag, html5lib (pure Python)
# and selectolax are not installed.
# The unsafe disagreement with the parser is reading as text what it reads as a tag (a bomb would pass):
# the scan reads text only in quoted values, comments, "<!...>"/"<?...>" and raw-text elements, each
# modelled on the HTML5 state libxml2 follows, and checked against lxml on random markup in
# tests/test_extract_attribute_bombs.py.
_WS = r"\t\n\f\r "  # HTML white space only: U+00A0 and other Unicode spaces belong to names and values
# One attribute, from the states "before attribute name" to "after attribute value": it starts after
# white space or "/", or straight after a quoted value (``a="1"b="2"``); a name runs to white space,
# "/", ">" or "=" (quotes and "<" included, "=" too as its first character); a value is quoted (an
# unclosed quote runs to the end of the page, as in the parser) or runs to white space or ">".
_ATTR = (
    rf"""(?>(?:[{_WS}/]++|(?<=["']))[^{_WS}/>][^{_WS}/>=]*+"""
    rf"""(?>[{_WS}]*+=[{_WS}]*+(?>"[^"]*+"?+|'[^']*+'?+|[^{_WS}>]*+))?+)"""
)
_NAME_END = rf"(?=[{_WS}/>])"
# a tag's name runs to white space, "/" or ">", however long
_TAG_HEAD = rf"<[A-Za-z][^{_WS}/>]*+"
# end tags are read the same way (quotes in them hide a ">" all the same) but never cut: the parser
# drops their attributes without comparing them (20,000 of them: 2 ms)
_END_TAG = rf"</[A-Za-z][^{_WS}/>]*+(?:{_ATTR})*+[{_WS}/]*+(?:>|\Z)"
# a tag that ends within the cap (at ">" or the end of the page); on a wider tag this fails, which
# stops the scan at its "<"
_TAG_REST = rf"(?:{_ATTR}){{0,{MAX_ATTRIBUTES}}}+[{_WS}/]*+(?:>|\Z)"


def _ci(name: str) -> str:
    # case-insensitive literal without re.IGNORECASE, which would slow every character class in the loop
    return "".join(f"[{c.upper()}{c.lower()}]" for c in name)


# Elements whose content libxml2 reads as text up to their end tag (by name alone, in <svg> too;
# <noscript> is parsed as markup); <plaintext> runs to the end of the page.
_RAW_NAMES = ("style", "title", "textarea", "xmp", "iframe", "noembed", "noframes")
_SCRIPT = _ci("script") + _NAME_END
# Script content follows HTML5's script-data states, which libxml2 implements: after "<!--" a
# "</script>" still ends the element, but once "<script" has been seen there, the next "</script>" only
# returns to the escaped state, and "-->" leaves both.
_ESCAPED = rf"(?:[^<-]++|-(?!->)|<(?!/?{_SCRIPT}))*+"
_DOUBLE_ESCAPED = rf"(?:[^<-]++|-(?!->)|<(?!/{_SCRIPT}))*+"
_SCRIPT_BODY = (
    rf"(?:[^<]++|<(?!!--|/{_SCRIPT})|<!(?=--){_ESCAPED}"
    rf"(?:<{_SCRIPT}{_DOUBLE_ESCAPED}</{_SCRIPT}[{_WS}/>]{_ESCAPED})*+"
    rf"(?:<{_SCRIPT}{_DOUBLE_ESCAPED})?+(?:-->)?+)*+"
)
_BODIES = {"script": _SCRIPT_BODY, "plaintext": r"[\s\S]*+"} | {
    name: rf"(?:[^<]++|<(?!/{_ci(name)}{_NAME_END}))*+" for name in _RAW_NAMES
}
# (behind a look at the first letter: trying nine names at every "<" cost a third more time)
_RAW_ELEMENT = (
    "(?=<[SsTtXxIiNnPp])(?:"
    + "|".join(rf"<{_ci(name)}{_NAME_END}{_TAG_REST}{body}" for name, body in _BODIES.items())
    + ")"
)
_TOKENS = (
    r"[^<]++"
    r"|<(?![A-Za-z!?/])"  # a "<" that opens nothing is text (first: a page of "<<<<" is then cheap)
    r"|<!--(?>>|->|(?:[^-]++|-(?!-!?+>))*+(?:--!?+>)?+)"  # comments, "<!-->" and "--!>" included
    rf"|{_RAW_ELEMENT}"
    rf"|{_TAG_HEAD}{_TAG_REST}|{_END_TAG}"
    r"|<(?:!|\?|/(?![A-Za-z]))[^>]*+>?+"  # "<!doctype", "<?", "</ ": up to the first ">", quotes or not
)  # no alternative reads the "<" of a tag too wide for the ones above: the loop stops there
# From a position in text: the longest run of tokens, ending at the page's end or at a tag too wide
_SCAN = re.compile(rf"(?:{_TOKENS})*+")
_WIDE_KEPT = re.compile(rf"(?P<head>{_TAG_HEAD})(?:{_ATTR}){{{MAX_ATTRIBUTES}}}")
_MORE_ATTRS = re.compile(rf"(?:{_ATTR})*+")
# what follows a cut tag's attributes: its end, then the content of a raw-text element
_TAIL = rf"[{_WS}/]*+(?:>|\Z)"
_TAILS = {name: re.compile(_TAIL + body) for name, body in _BODIES.items()}
_PLAIN_TAIL = re.compile(_TAIL)


def cap_attributes(html: str) -> tuple[str, int]:
    """``html`` with every tag cut to its first :data:`MAX_ATTRIBUTES` attributes, and how many tags
    were cut (0: ``html`` is returned unchanged).

    Every page is scanned (counting "=" first would let through tags of attributes without values,
    ``<div a0 a1 a2 ...>``, which cost libxml2 the same square time), in time linear in its length:
    the scan runs in one regex call up to the first tag too wide, and the page is copied only then."""
    end = len(html)
    pos = _SCAN.match(html).end()  # type: ignore[union-attr]  # a star loop always matches
    if pos == end:
        return html, 0
    pieces: list[str] = []
    done = 0
    cut = 0
    while pos < end:
        kept = _WIDE_KEPT.match(html, pos)
        if kept is None:  # not expected (the scan stops only at a tag that wide): read the "<" as text
            pos = _SCAN.match(html, pos + 1).end()  # type: ignore[union-attr]
            continue
        cut += 1
        pieces.append(html[done : kept.end()])
        done = _MORE_ATTRS.match(html, kept.end()).end()  # type: ignore[union-attr]
        name = kept.group("head")[1:].lower()
        tail = _TAILS.get(name, _PLAIN_TAIL)
        pos = _SCAN.match(html, tail.match(html, done).end()).end()  # type: ignore[union-attr]
    pieces.append(html[done:])
    return "".join(pieces), cut
