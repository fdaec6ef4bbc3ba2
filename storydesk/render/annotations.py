"""Readable Markdown of one annotated article (``storydesk extract --annotate``): who said what and
through whom, the sources the article relies on, and its hedged or denied statements."""

from __future__ import annotations

import re

from ..extraction.safety import clean_paragraph
from ..records import AnnotatedArticle, Quote

_MAX_QUOTE_CHARS = 400


def _clip(text: str, limit: int = _MAX_QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _md(text: str) -> str:
    """Text from an article as inert Markdown: no markup, raw HTML or terminal escapes of its own."""
    out = []
    for ch in clean_paragraph(text):
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


_ARTICLE = re.compile(r"^(?:the|an?|another|one)\s+", re.IGNORECASE)
#: determiners that open a description and read in lower case after a comma ("Her skipper" -> "her skipper")
_OPENERS = {"A", "An", "The", "Another", "One", "Her", "His", "Its", "Their", "Our", "My", "Your"}


def _bare(text: str) -> str:
    """A wording compared without case, spacing, curly apostrophes or its article: "A ministry spokesman"
    and "ministry spokesman" say the same."""
    text = " ".join(text.replace("’", "'").split()).strip(" ,.;:")
    return _ARTICLE.sub("", text).casefold()


def _within(part: str, whole: str) -> bool:
    """Whether wording ``part`` says nothing ``whole`` does not (as whole words, article-insensitive)."""
    a, b = _bare(part), _bare(whole)
    return bool(a) and f" {a} " in f" {b} "


def _said_adds(said: str, name: str, desc: str) -> bool:
    """Whether the mention in the text ("He", "The expert", "the Rev Alice Mowbray") tells the reader
    something the name and the description do not."""
    if not said or _within(said, name) or (desc and _within(said, desc)):
        return False
    if name:
        # "Calder Regional Rail chief executive Simone Achterberg", "Councillor Ben Hadley": the name with
        # the description (or title) the listing shows anyway
        rest = _bare(said).replace(_bare(name), " ")
        rest = " ".join(rest.split())
        if rest != _bare(said) and (not rest or (desc and _within(rest, desc))):
            return False
    return True


def _who(q: Quote) -> str:
    """The speaker once, in its best form: the name if resolved, else the fullest description, then the
    mention in the text ("he") only when it adds something, then a description that differs."""
    desc = " ".join((q.speaker_description or "").split())
    said = " ".join(q.speaker.text.split()) if q.speaker else ""
    name = " ".join((q.speaker_name or "").split())
    if name and desc and (_bare(name) == _bare(desc) or _within(name, desc) and all(
            t[:1].islower() for t in name.split())):
        # an unnamed "company spokesman" whose name is its description ("a company spokesman"): the
        # fuller wording is the head; a real name inside a description ("the Skerra Line operator") stays
        name = ""
    if name:
        head = name
    elif desc and said and _within(desc, said) and not _within(said, desc):
        head, desc = said, ""  # the mention says more than the description
    elif desc:
        head = desc
    else:
        head = said
    if not head:
        return "unknown speaker"
    who = head
    if head != said and _said_adds(said, name, desc if head != desc else head):
        who += f" (“{said}”)"
    if desc and head != desc and not _within(desc, name):
        first, _, rest = desc.partition(" ")
        if first in _OPENERS and rest:
            desc = f"{first.lower()} {rest}"
        who += f", {desc}"
    return who


def _para(text: str, start: int) -> str:
    """The paragraph an offset is in, "¶3" (the article's paragraphs are joined by blank lines)."""
    return f"¶{text.count(chr(10) * 2, 0, max(0, start)) + 1}"


def _where(text: str, start: int, end: int) -> str:
    """Where an item is, for a reader and for a program: its paragraph and its character offsets into
    the article text."""
    return f"{_para(text, start)}, chars {start}–{end}"


_KIND = {"direct": "direct quote", "indirect": "reported speech"}
_SOURCE_KIND = {"quote": "quoted", "according_to": "according to", "first_reported": "first reported",
                "told": "told", "interview": "interview", "reported": "reported", "citing": "citing"}


def _status(status: str, cues: list[str]) -> str:
    """"hedged: allegedly, may have been" / "denied: denied"; nothing for a plain attribution."""
    if status not in {"hedged", "denied"}:
        return ""
    return status + (": " + ", ".join(dict.fromkeys(cues)) if cues else "")


def render_annotations(aa: AnnotatedArticle) -> str:
    """Markdown: title/outlet, quotes with speakers (and via whom), sources (chains), hedged/denied
    statements; each item with its paragraph and character offsets into the article text."""
    art = aa.article
    text = art.text
    lines = [f"## {_md(art.title or art.source)}"]
    meta = [x for x in (art.outlet, art.published, art.byline) if x]
    if meta:
        lines.append("_" + _md(" · ".join(meta)) + "_")
    lines.append("")
    lines.append(f"### Quotes ({len(aa.quotes)})")
    if not aa.quotes:
        lines.append("none found")
    for q in aa.quotes:
        # what kind of statement, its verb, to whom and how, its epistemic status, where: one bracket,
        # so the speaker stays first and the statement last on the line
        extra = [_KIND.get(q.kind, q.kind) + (f", “{q.cue.text}”" if q.cue else "")]
        if q.via:
            extra.append("to " + ", ".join(q.via))
        if q.medium:
            extra.append("in a " + q.medium if q.medium in {"statement", "interview", "letter", "email"} else q.medium)
        status = _status(q.status, [aa.hedges[h].text for h in q.hedges if 0 <= h < len(aa.hedges)])
        if status:
            extra.append(status)
        extra.append(_where(text, q.content.start, q.content.end))
        body = " … ".join(p.text for p in q.parts) if q.parts else q.content.text
        lines.append(f"- **{_md(_who(q))}** ({_md('; '.join(extra))}): {_md(_clip(body))}")
    lines.append("")
    # one line per source (same chain), however often the article leans on it
    groups: dict[str, list] = {}
    for src in aa.sources:
        label = " → ".join(src.chain) if src.chain else (src.person or src.organization or _clip(src.span.text, 80))
        groups.setdefault(label, []).append(src)
    lines.append(f"### Sources relied on ({len(groups)})")
    if not groups:
        lines.append("none found")
    for label, refs in groups.items():
        kinds = ", ".join(dict.fromkeys(_SOURCE_KIND.get(r.kind, r.kind.replace("_", " ")) for r in refs))
        times = f", {len(refs)}×" if len(refs) > 1 else ""
        places = ", ".join(dict.fromkeys(_para(text, r.span.start) for r in refs))
        first = refs[0].span
        lines.append(f"- {_md(label)} ({kinds}{times}; {places}: “{_md(_clip(first.text, 120))}” "
                     f"at chars {first.start}–{first.end})")
    flagged = [s for s in aa.sentences if s.status in {"hedged", "denied"}]
    lines.append("")
    lines.append(f"### Hedged or denied statements ({len(flagged)})")
    if not flagged:
        lines.append("none found")
    for s in flagged:
        status = _status(s.status, [aa.hedges[h].text for h in s.hedges if 0 <= h < len(aa.hedges)])
        lines.append(f"- {_md(status)} ({_where(text, s.start, s.end)}): {_md(_clip(text[s.start:s.end], 300))}")
    return "\n".join(lines) + "\n"
