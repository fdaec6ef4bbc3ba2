"""How brief text is shown to a reader, the same in every rendering: dates, statements made to stand
alone, contradiction sides grouped by value. The records keep the text as printed; only display changes."""

from __future__ import annotations

import re
from datetime import datetime

from ..records.brief import (
    Answer,
    Brief,
    Citation,
    Contradiction,
    ContradictionSide,
    Dependence,
    StatementGroup,
)

__all__ = ["answer_doubt", "carried_by_copies", "cited_sources", "contested", "dependence", "quoted", "sides_by_value", "source_unsaid", "statement", "story_span",
           "trim_dateline", "when"]


def trim_dateline(text: str) -> str:
    """"PORT ELLIN, March 3 (CPA) - Fire broke out..." -> "Fire broke out..." (the summary's rule)."""
    # imported here: rendering a stored brief need not load the reconcile stage (numpy and all)
    from ..reconcile.summary import trim_dateline as trim

    return trim(text)


def when(value: str | None) -> str:
    """An ISO date or datetime as a reader reads it ("2026-03-03 06:12 UTC"); anything else as given."""
    if not value:
        return ""
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return dt.date().isoformat()
    stamp = dt.strftime("%Y-%m-%d %H:%M")
    if dt.utcoffset() is None:
        return stamp
    return f"{stamp} UTC" if not dt.utcoffset() else f"{stamp} {dt.strftime('%z')[:3]}:{dt.strftime('%z')[3:]}"


def story_span(first: str | None, last: str | None) -> str:
    """"2026-03-03 to 2026-03-04": the days a story's articles were published over."""
    days = list(dict.fromkeys(when(x)[:10] for x in (first, last) if x))
    return " to ".join(days)


_LEADING_PUNCT = re.compile(r"^([“\"‘']?)\s*[,;:]+\s*(?=\w)")


def statement(text: str) -> str:
    """A sentence as printed, made to stand alone: without its dateline ("PORT ELLIN, March 3 (CPA) -"),
    and with the quotation mark it opens or closes in a neighbouring sentence (a quotation running over
    several sentences) added, so that a quoted line reads as a quote."""
    text = trim_dateline(text)
    # a line that opens on a comma ("“, I invited you ...": a name the page showed as a link, lost in
    # the scrape) reads from its first word
    text = _LEADING_PUNCT.sub(r"\1", text)
    t = text.rstrip()
    if t.count('"') % 2:
        text = '"' + text if t.endswith('"') else t + '"'
    elif t.count("“") < t.count("”"):
        text = "“" + text
    elif t.count("“") > t.count("”"):
        text = t + "”"
    return text


def sides_by_value(c: Contradiction) -> list[tuple[ContradictionSide, list[Citation]]]:
    """The sides of a contradiction grouped by value: the first side of each value (its wording is
    shown) and the citations of the others that give the same value (a wire story and its copies)."""
    groups: dict[str, tuple[ContradictionSide, list[Citation]]] = {}
    for s in c.sides:
        if s.value in groups:
            groups[s.value][1].append(s.citation)
        else:
            groups[s.value] = (s, [])
    return list(groups.values())


def cited_sources(brief: Brief) -> dict[str, list[str]]:
    """Article id -> what it cites directly, as "label (kind)" in a reader's words ("passengers (person,
    unnamed)"), in the order cited. A copy's edge to its original is no citation (the original's title is
    no source); the copy is said where articles are."""
    node = {n.id: n for n in brief.source_nodes}
    out: dict[str, list[str]] = {a.id: [] for a in brief.story.articles}
    for e in brief.source_edges:
        t = node.get(e.target)
        if not e.source.startswith("a:") or t is None or e.kind == "copy_of" or t.kind == "article":
            continue
        names = out.setdefault(e.source[2:], [])
        label = f"{t.label} ({t.kind_word})"
        if label not in names:
            names.append(label)
    return out


def quoted(text: str) -> str:
    """``text`` inside curly double quotation marks, the double marks within it made single, as a
    quotation inside a quotation is printed: “the decision had ‘probably saved the ship’”, not
    “the decision had “probably saved the ship””."""
    out = []
    for i, ch in enumerate(text):
        if ch == "\u201c":
            ch = "\u2018"
        elif ch == "\u201d":
            ch = "\u2019"
        elif ch == '"':
            # a straight mark opens at the start or after a space or bracket, and closes elsewhere
            ch = "\u2018" if i == 0 or text[i - 1].isspace() or text[i - 1] in "([{\u2014\u2013-" else "\u2019"
        out.append(ch)
    return "\u201c" + "".join(out) + "\u201d"


def dependence(d: Dependence, brief: Brief, labels: dict[str, str]) -> str:
    """A line saying which articles are not independent and why, in a reader's words: "A3 is a copy of
    A2 (syndicated)"; "A5, A6 rest in part on Coastline Press Agency (A2)", the outlet's own article
    named apart from the ones that relay it (it does not rest on itself)."""
    arts = [labels.get(x, x) for x in d.articles]
    if d.reason == "syndicated-copy":
        return f"{', '.join(arts)} (syndicated copies of one article)"
    node = {n.id: n for n in brief.source_nodes}
    names = [node[s].label if s in node else s for s in d.sources]
    outlet_of = {a.id: a.outlet for a in brief.story.articles}
    own = [x for x in d.articles if outlet_of.get(x) and outlet_of[x] in names]
    others = [labels.get(x, x) for x in d.articles if x not in own]
    who = others if own and others else arts
    rest = "rests" if len(who) == 1 else "rest"
    own_labels = [labels.get(x, x) for x in own if labels.get(x, x) not in names]
    where = f" ({', '.join(own_labels)})" if own and others and own_labels else ""
    return f"{', '.join(who)} {rest} in part on {', '.join(names)}{where}"


def source_unsaid(g: StatementGroup) -> str | None:
    """Whom a statement rests on, when its words do not say it: a quote whose speaker was named a
    sentence before ("There was smoke coming out of every vent" -> "Teodor Vlasko"), or "He denied ..."
    (-> "an unnamed spokesman for Skerra Line"). None when the outlet says it in its own name, or when
    a word of the source's name is in the sentence already."""
    if len(g.original_sources) != 1:
        return None
    first = g.original_sources[0].split(" / ")[0].strip()
    if not first or first in g.outlets:
        return None
    text = g.text.casefold()
    if any(re.search(rf"\b{re.escape(w.casefold())}\b", text) for w in re.findall(r"[^\W\d_]{4,}", first)):
        return None
    return first


def contested(brief: Brief) -> dict[str, list[str]]:
    """Statement id -> the contradictions one of its sentences takes a side in ("age of boy"): a
    statement corroborated as a whole may still disagree with another outlet on a detail, and a reader
    must not take "corroborated" for "every detail agreed"."""
    where: dict[tuple[str, int | None], list[str]] = {}
    for c in brief.contradictions:
        for side in c.sides:
            slots = where.setdefault((side.citation.article_id, side.citation.sentence), [])
            if c.slot not in slots:
                slots.append(c.slot)
    out: dict[str, list[str]] = {}
    for g in brief.statements:
        slots = [x for cit in g.citations for x in where.get((cit.article_id, cit.sentence), ())]
        if slots:
            out[g.id] = list(dict.fromkeys(slots))
    return out


def carried_by_copies(brief: Brief, outlet: str) -> list[str]:
    """The outlets whose syndicated copies of ``outlet``'s articles are in the story: what "reported by
    one outlet only" also cites (a wire's line and the portal that ran it word for word)."""
    own = {a.id for a in brief.story.articles if a.outlet == outlet}
    return list(dict.fromkeys(a.outlet for a in brief.story.articles
                              if a.copy_of in own and a.outlet and a.outlet != outlet))


#: statement statuses a reader must see next to an answer lifted from the statement
_DOUBTS = ("hedged", "denied", "disputed")


def answer_doubt(brief: Brief, answer: Answer) -> str | None:
    """"hedged", "denied" or "disputed" when the sentence a main-event answer comes from is so ("Why: The
    fire is believed to have started near one of the ship's two generators" is a belief, not a cause
    established), else None."""
    c = answer.citation
    if c is None:
        return None
    for g in brief.statements:
        if g.status in _DOUBTS and any(x.article_id == c.article_id and x.sentence == c.sentence for x in g.citations):
            return g.status
    return None
