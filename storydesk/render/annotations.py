"""Readable Markdown of one annotated article (``storydesk extract --annotate``): who said what and
through whom, the sources the article relies on, and its hedged or denied statements."""

from __future__ import annotations

import re

from ..records import AnnotatedArticle, Quote

_MAX_QUOTE_CHARS = 400


def _clip(text: str, limit: int = _MAX_QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _md(text: str) -> str:
    """Text from an article as inert Markdown: no markup or raw HTML of its own."""
    out = []
    for ch in text:
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _who(q: Quote) -> str:
    # each wording once: the speaker's own words are often the description itself ("A spokeswoman for
    # the service, Ines Marlow, said"; "a spokeswoman said"), which is then not repeated as an alias
    desc = (q.speaker_description or "").strip()
    said = q.speaker.text.strip() if q.speaker else ""
    if q.speaker_name:
        who = q.speaker_name
        # "the Venn Rescue Service" is the name "Venn Rescue Service" again: no alias
        bare = re.sub(r"^(?:the|an?)\s+", "", said, flags=re.IGNORECASE).casefold()
        if said and bare not in q.speaker_name.casefold() and said.casefold() != desc.casefold():
            who += f" (“{said}”)"
    elif said:
        who = said
    else:
        who = "unknown speaker"
    if desc and desc.casefold() != (q.speaker_name or said).casefold():
        # after a comma, "A spokeswoman for the service" (as it opened the sentence) reads "a spokeswoman ..."
        first, _, rest = desc.partition(" ")
        if first in {"A", "An", "The"} and rest:
            desc = f"{first.lower()} {rest}"
        who += f", {desc}"
    return who


def render_annotations(aa: AnnotatedArticle) -> str:
    """Markdown: title/outlet, quotes with speakers (and via whom), sources (chains), hedged/denied
    statements."""
    art = aa.article
    lines = [f"## {_md(art.title or art.source)}"]
    meta = [x for x in (art.outlet, art.published, art.byline) if x]
    if meta:
        lines.append("_" + _md(" · ".join(meta)) + "_")
    lines.append("")
    lines.append(f"### Quotes ({len(aa.quotes)})")
    if not aa.quotes:
        lines.append("none found")
    for q in aa.quotes:
        mark = "“…”" if q.kind == "direct" else "reported"
        extra = []
        if q.via:
            extra.append("to " + ", ".join(q.via))
        if q.medium:
            extra.append(q.medium)
        if q.status != "attributed":
            extra.append(q.status)
        tail = f" [{'; '.join(extra)}]" if extra else ""
        text = " … ".join(p.text for p in q.parts) if q.parts else q.content.text
        lines.append(f"- **{_md(_who(q))}** ({mark}{', ' + q.cue.text if q.cue else ''}): "
                     f"{_md(_clip(text))}{_md(tail)}")
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
        kinds = ", ".join(dict.fromkeys(r.kind.replace("_", " ") for r in refs))
        times = f", {len(refs)}×" if len(refs) > 1 else ""
        lines.append(f"- {_md(label)} ({kinds}{times}: “{_md(_clip(refs[0].span.text, 120))}”)")
    flagged = [(i, s) for i, s in enumerate(aa.sentences) if s.status in {"hedged", "denied"}]
    lines.append("")
    lines.append(f"### Hedged or denied statements ({len(flagged)})")
    if not flagged:
        lines.append("none found")
    text = art.text
    for _, s in flagged:
        cues = ", ".join(aa.hedges[h].text for h in s.hedges if 0 <= h < len(aa.hedges))
        lines.append(f"- {s.status}{' (' + _md(cues) + ')' if cues else ''}: {_md(_clip(text[s.start:s.end], 300))}")
    return "\n".join(lines) + "\n"
