"""How brief text is shown to a reader, the same in every rendering: dates, statements made to stand
alone, contradiction sides grouped by value. The records keep the text as printed; only display changes."""

from __future__ import annotations

from datetime import datetime

from ..records.brief import Brief, Citation, Contradiction, ContradictionSide

__all__ = ["cited_sources", "sides_by_value", "statement", "story_span", "trim_dateline", "when"]


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


def statement(text: str) -> str:
    """A sentence as printed, made to stand alone: without its dateline ("PORT ELLIN, March 3 (CPA) -"),
    and with the quotation mark it opens or closes in a neighbouring sentence (a quotation running over
    several sentences) added, so that a quoted line reads as a quote."""
    text = trim_dateline(text)
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
