"""The brief as Markdown for a terminal: every line fits ``width`` columns (80 by default).

Articles are numbered A1, A2...; a citation ``[A2.5]`` is sentence 5 of article A2 (the sentences are
numbered from 1 in the article appendix of the HTML brief and the JSON ``sentences`` lists from 0).
"""

from __future__ import annotations

import textwrap

from ..extraction.safety import clean_paragraph
from ..records.brief import Brief, Citation, Contradiction
from .display import (
    answer_doubt,
    carried_by_copies,
    cited_sources,
    contested,
    dependence,
    quoted,
    sides_by_value,
    source_unsaid,
    statement,
    story_span,
    trim_dateline,
    when,
)

MAX_STATEMENTS = 25
MAX_SINGLE_PER_OUTLET = 6
MAX_ENTITIES = 30


def article_labels(brief: Brief) -> dict[str, str]:
    """Article id -> short label ("A1")."""
    return {a.id: f"A{i}" for i, a in enumerate(brief.story.articles, start=1)}


def cite(c: Citation, labels: dict[str, str]) -> str:
    label = labels.get(c.article_id, "?")
    return f"{label}.{c.sentence + 1}" if c.sentence is not None else label


def cites(cs: list[Citation], labels: dict[str, str], limit: int = 8) -> str:
    seen = list(dict.fromkeys(cite(c, labels) for c in cs))
    more = f", +{len(seen) - limit}" if len(seen) > limit else ""
    return "[" + ", ".join(seen[:limit]) + more + "]"


def _one_line(text: str) -> str:
    # Markdown must not be driven by article text: no headings, tables or HTML from the input
    return " ".join(text.split()).replace("<", "‹").replace(">", "›")


class _Out:
    def __init__(self, width: int) -> None:
        self.width = max(40, width)
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def heading(self, text: str, level: int = 2) -> None:
        self.blank()
        self.para("#" * level + " " + text)
        self.lines.append("")

    def para(self, text: str, *, first: str = "", rest: str = "") -> None:
        self.lines.extend(textwrap.wrap(_one_line(text), width=self.width, initial_indent=first,
                                        subsequent_indent=rest or " " * len(first), break_long_words=True,
                                        break_on_hyphens=False) or [first.rstrip()])

    def bullet(self, text: str, level: int = 0) -> None:
        pad = "  " * level
        self.para(text, first=pad + "- ", rest=pad + "  ")

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _contradiction(out: _Out, c: Contradiction, labels: dict[str, str]) -> None:
    out.bullet(f"**{c.slot}** ({c.kind})" + (f": {c.note}" if c.note else ""))
    for s, same in sides_by_value(c):
        also = "; also " + ", ".join(f"{x.outlet or '?'} {cite(x, labels)}" for x in same) if same else ""
        out.bullet(f"{s.value}: {s.citation.outlet or '?'} {cite(s.citation, labels)} "
                   f"{quoted(trim_dateline(s.text))}{also}", 1)


def render_markdown(brief: Brief, *, width: int = 80) -> str:
    """The brief as Markdown, readable in ``width`` columns."""
    out = _Out(width)
    labels = article_labels(brief)
    st = brief.story
    out.para("# " + (st.headline or "Untitled story"))
    out.lines.append("")
    span = story_span(st.first_published, st.last_published)
    out.para(f"{len(st.articles)} article(s) from {len(st.outlets)} outlet(s)"
             + (f", {span}" if span else "") + (f"; language: {', '.join(st.languages)}" if st.languages else "")
             + f". Brief schema {brief.schema_version}.")

    out.heading("Articles")
    for a in st.articles:
        parts = [f"{labels[a.id]} {a.outlet or '?'}: {a.title or '(no title)'}"]
        if a.byline:
            parts.append(a.byline)
        if a.published:
            parts.append(when(a.published))
        if a.copy_of:
            parts.append(f"copy of {labels.get(a.copy_of, a.copy_of)}")
        out.bullet("; ".join(parts))

    if brief.summary:
        out.heading("Summary")
        for s in brief.summary:
            out.bullet(f"{s.text} {cites(s.citations, labels)}")

    if brief.main_event:
        out.heading("Main event")
        for key, ans in brief.main_event.items():
            ref = f" [{cite(ans.citation, labels)}]" if ans.citation else ""
            doubt = answer_doubt(brief, ans)
            out.bullet(f"**{key.title()}**: {ans.text}{ref}" + (f" ({doubt})" if doubt else ""))

    out.heading("Contradictions")
    if brief.contradictions:
        for c in brief.contradictions:
            _contradiction(out, c, labels)
    else:
        out.para("None found.")
    if brief.differences_in_detail:
        out.heading("Differences in detail (compatible)")
        for c in brief.differences_in_detail:
            _contradiction(out, c, labels)

    shared = [g for g in brief.statements if len(g.articles) > 1]
    out.heading("Statements across articles")
    if not shared:
        out.para("No statement is carried by more than one article.")
    disputed = contested(brief)
    for g in sorted(shared, key=lambda g: -g.score)[:MAX_STATEMENTS]:
        detail = f" (contradicted on: {', '.join(disputed[g.id])})" if g.id in disputed else ""
        out.bullet(f"{g.id} **{g.status}**{detail}, {g.independent_sources} independent source(s) "
                   f"({'; '.join(g.original_sources)}); {', '.join(g.outlets)}: {statement(g.text)} "
                   f"{cites(g.citations, labels)}")
    if len(shared) > MAX_STATEMENTS:
        out.para(f"... and {len(shared) - MAX_STATEMENTS} more (see --format json).")

    if brief.single_outlet:
        out.heading("Reported by one outlet only")
        by_id = {g.id: g for g in brief.statements}
        for outlet, ids in brief.single_outlet.items():
            shown = f"; {MAX_SINGLE_PER_OUTLET} shown, all in --format json" \
                if len(ids) > MAX_SINGLE_PER_OUTLET else ""
            copies = carried_by_copies(brief, outlet)
            also = f"; also in its syndicated copies: {', '.join(copies)}" if copies else ""
            out.bullet(f"**{outlet}** ({len(ids)} statement(s){shown}{also})")
            for sid in sorted(ids, key=lambda i: -by_id[i].score)[:MAX_SINGLE_PER_OUTLET]:
                g = by_id[sid]
                # the id ties the line to the JSON output, like the shared statements' ids above
                who = source_unsaid(g)
                said = f" (source: {who})" if who else ""
                out.bullet(f"{g.id} {statement(g.text)}{said} {cites(g.citations, labels)}", 1)

    if brief.entities:
        out.heading("People, organisations and places")
        for e in brief.entities[:MAX_ENTITIES]:
            others = [v for v in e.variants if v != e.name]
            line = f"**{e.name}** ({e.kind_word}; {e.mentions} mention(s); {', '.join(e.outlets)})"
            if others:
                line += f"; also: {', '.join(others)}"
            if e.acronyms:
                line += f"; acronym: {', '.join(e.acronyms)}"
            out.bullet(line)
            if e.descriptions:
                out.bullet("described as: " + "; ".join(e.descriptions[:4]), 1)
            for q in e.quotes[:3]:
                out.bullet(f"{quoted(q.text)} {q.citation.outlet or ''} [{cite(q.citation, labels)}]", 1)
        if len(brief.entities) > MAX_ENTITIES:
            out.para(f"... and {len(brief.entities) - MAX_ENTITIES} more.")

    out.heading("Sources")
    cited = cited_sources(brief)
    for a in st.articles:
        names = cited.get(a.id, [])
        copy = f" (copy of {labels.get(a.copy_of, a.copy_of)})" if a.copy_of else ""
        out.bullet(f"{labels[a.id]} {a.outlet or '?'}{copy} cites: {', '.join(names) if names else 'no named source'}")
    for d in brief.dependencies:
        out.bullet(f"Not independent: {dependence(d, brief, labels)}")

    if brief.warnings:
        out.heading("Warnings")
        for w in brief.warnings:
            out.bullet(w)
    # records built in Python (or stored before extraction stripped them) and file names in warnings can
    # hold terminal escape sequences: Markdown goes to a terminal, so none leaves here
    return clean_paragraph(out.text())
