"""HTML pages: trafilatura finds the body and the metadata; storydesk keeps its paragraphs and tidies them.

trafilatura is the best-kept open HTML article extractor (its own benchmark compares it with a dozen
others), so storydesk does not write its own DOM heuristics; it asks for the extracted tree rather than
flat text, so that paragraph, list item and heading boundaries survive, then runs the gentle mode of its
own block cleaner over those paragraphs (prompts, captions, teaser lists trafilatura let through).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree, html as lxml_html

from ..options import ExtractOptions
from ..records import RemovedBlock
from .metadata import html_metadata, normalize_date, split_authors
from .text import clean_paragraphs

__all__ = ["HtmlResult", "extract_html", "visible_text"]


@dataclass(slots=True)
class HtmlResult:
    title: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)


_BLOCKS = {"p", "head", "quote", "item", "code", "row"}


def _paragraphs(body: etree._Element, max_paragraphs: int) -> list[str]:
    """One paragraph per block element of trafilatura's output tree (p, head, quote, list item, row)."""
    out: list[str] = []
    for el in body.iter():
        if el.tag == "row":
            cells = [" ".join("".join(c.itertext()).split()) for c in el if c.tag == "cell"]
            text = " | ".join(c for c in cells if c)
        elif el.tag in _BLOCKS:
            text = _own_text(el)
        else:
            continue
        if text:
            # decomposed accents (u + combining diaeresis) would not match the same word typed normally
            out.append(unicodedata.normalize("NFC", text))
            if len(out) >= max_paragraphs:
                break
    return out


def _own_text(el: etree._Element) -> str:
    """Text of a block element without the text of block elements nested in it."""
    parts = [el.text or ""]
    for child in el:
        if child.tag in _BLOCKS or child.tag in ("list", "table"):
            parts.append(child.tail or "")
            continue
        if child.tag == "lb":
            parts.append(" ")
        parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def parse_html(html: str | bytes):
    """An lxml tree of the page (trafilatura's tolerant loader), or None for unparseable input."""
    from trafilatura.utils import load_html

    return load_html(html)


def extract_html(html: str | bytes, *, url: str | None = None, options: ExtractOptions) -> HtmlResult | None:
    """The article in an HTML page, or None when trafilatura finds no main text."""
    from trafilatura import bare_extraction

    tree = parse_html(html)
    if tree is None:
        return None
    meta = html_metadata(tree)  # before trafilatura prunes the tree in place
    doc = bare_extraction(
        tree,
        url=url or meta["url"],
        with_metadata=False,
        include_comments=options.include_comments,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        include_formatting=False,
        include_links=False,
        include_images=False,
        deduplicate=False,
        # not "python" (the default), which also flattens the body to text: storydesk reads doc.body
        output_format="txt",
    )
    if doc is None or doc.body is None:
        return None
    paragraphs = _paragraphs(doc.body, options.max_paragraphs)
    if options.include_comments and doc.commentsbody is not None:
        paragraphs += _paragraphs(doc.commentsbody, options.max_paragraphs)
    title = meta["title"]
    # some pages repeat the headline as the first block of the body
    if title and paragraphs and " ".join(paragraphs[0].split()).lower() == title.lower():
        paragraphs = paragraphs[1:]
    kept, removed = clean_paragraphs(paragraphs)
    byline = meta["author"]
    return HtmlResult(
        title=title,
        byline=byline,
        authors=split_authors(byline.replace(";", ",")) if byline else [],
        published=normalize_date(meta["date"]),
        site_name=meta["site_name"],
        url=url or meta["url"],
        language=meta["language"],
        paragraphs=kept,
        removed=removed,
    )


_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "iframe",
    "object",
    "canvas",
    "button",
    "select",
    "option",
    "input",
    "textarea",
)
_BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "title",
}
_SPACES = re.compile(r"\s+")


def visible_text(html: str | bytes) -> str:
    """All visible text of a page, one block per line, as a scraper saves it (and the benchmark floor)."""
    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError, TypeError):
        return ""
    title = tree.findtext(".//title") or ""
    for bad in tree.xpath("|".join(f"//{t}" for t in _INVISIBLE)):
        if bad.getparent() is not None:
            bad.drop_tree()
    for el in tree.xpath('//*[@hidden or contains(translate(@style," ",""),"display:none")]'):
        if el.getparent() is not None:
            el.drop_tree()
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                flush()
            if el.text and tag:
                current.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                flush()
            if el.tail:
                current.append(el.tail)
    flush()
    title = " ".join(title.split())
    return "\n".join(([title] if title else []) + lines)
