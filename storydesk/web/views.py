"""What each page shows, computed from records: plain data for the templates and the JSON API.

Nothing here produces markup. Every string taken from an article ends up in a Jinja2 template with
autoescaping on, so a title, a quote or an entity name can never become HTML; the article highlighter
returns (text, classes) segments for the same reason instead of building tagged strings.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, Field

from ..records import AnnotatedArticle, Article, Brief, Story
from ..records.brief import ENTITY_KIND_WORDS, Citation
from ..render.display import answer_doubt, contested, dependence, quoted, sides_by_value, source_unsaid, statement

#: the article page's NER labels in a reader's words (the bundled NER also tags MISC)
_NER_WORDS = {**ENTITY_KIND_WORDS, "MISC": "other name"}

#: how an article relies on a source (SourceEdge.kind), in a reader's words
EDGE_KIND_WORDS = {"quote": "quoted", "according_to": "according to", "first_reported": "first reported by",
                   "copy_of": "copy of"}

#: identifiers of stories and articles as they may appear in a URL path (content hashes, uuids, slugs)
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
_ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: caps on what one page renders, so that a pathological story cannot produce a huge page
MAX_MATRIX_ROWS = 300
MAX_MATRIX_OUTLETS = 40
MAX_QUOTES_PER_SPEAKER = 20
MAX_SPEAKERS = 60
MAX_ENTITIES = 200
MAX_EDGES = 300


# --- JSON API shapes (records are returned as they are; these only wrap lists) -------------------------


class StoryItem(BaseModel):
    """One row of the stories list: the stored story plus figures computed for the list."""

    story: Story
    article_count: int
    contradictions: int | None = None  # None: unknown (brief not built yet, or it failed)


class StoryPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    query: str | None = None
    since: str | None = None
    until: str | None = None
    items: list[StoryItem] = Field(default_factory=list)


# --- small validators ----------------------------------------------------------------------------------


def valid_id(value: str | None) -> bool:
    return bool(value) and bool(_ID_RE.match(value or ""))


def parse_day(value: str | None) -> str | None:
    """A ``YYYY-MM-DD`` filter value, or None when empty; ValueError for anything else."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _DATE_RE.match(value):
        raise ValueError("dates are written YYYY-MM-DD")
    date.fromisoformat(value)  # rejects 2026-02-30
    return value


def safe_link(url: str | None) -> str | None:
    """``url`` when it is safe to put in an href (absolute http or https), else None.

    Only the scheme decides: javascript:, data:, vbscript:, relative and protocol-relative URLs are shown
    as text and never become links. The app never fetches or redirects to the URL.
    """
    if not url or len(url) > 2048:
        return None
    url = url.strip()
    if any(ord(c) < 0x21 or c == "\x7f" for c in url):
        return None  # whitespace/control characters hide schemes from naive parsers
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def short_day(value: str | None) -> str:
    return (value or "")[:10]


def time_span(first: str | None, last: str | None) -> str:
    a, b = short_day(first), short_day(last)
    if a and b and a != b:
        return f"{a} – {b}"
    return a or b


def pager(page: int, per_page: int, total: int) -> dict[str, Any]:
    pages = max(1, -(-total // per_page)) if per_page > 0 else 1
    return {"page": page, "per_page": per_page, "total": total, "pages": pages,
            "prev": page - 1 if page > 1 else None, "next": page + 1 if page < pages else None}


def path_id(value: str) -> str:
    """An id made safe for a URL path segment (ids are validated already; this is belt and braces)."""
    return quote(value, safe="")


# --- story page ------------------------------------------------------------------------------------------


@dataclass
class CitationView:
    article_id: str
    label: str
    sentence: int | None
    text: str
    story_id: str | None = None  # the page links back to this story

    @property
    def href(self) -> str:
        back = f"?story={path_id(self.story_id)}" if self.story_id else ""
        anchor = f"#s{self.sentence}" if self.sentence is not None else ""
        return f"/article/{path_id(self.article_id)}{back}{anchor}"


class _Citer:
    """Turns citations into links labelled with the outlet, with the cited text as a tooltip."""

    def __init__(self, brief: Brief, story_id: str | None) -> None:
        self.refs = {a.id: a for a in brief.story.articles}
        self.story_id = story_id

    def __call__(self, cit: Citation) -> CitationView:
        ref = self.refs.get(cit.article_id)
        label = cit.outlet or (ref.outlet if ref else None) or cit.article_id[:8]
        # the whole sentence reads better than the span, which is often just a name or a pronoun
        text = cit.span.text if cit.span else ""
        if ref is not None and cit.sentence is not None and 0 <= cit.sentence < len(ref.sentences):
            text = ref.sentences[cit.sentence]
        return CitationView(article_id=cit.article_id, label=label, sentence=cit.sentence, text=text,
                            story_id=self.story_id)


@dataclass
class MatrixRow:
    id: str
    text: str
    status: str
    independent_sources: int
    cells: list[CitationView | None]
    source: str | None = None  # whom it rests on, when the sentence does not say it
    contested: list[str] = field(default_factory=list)  # contradictions a sentence of it takes a side in


@dataclass
class StoryView:
    brief: Brief
    story: Story | None
    summary: list[tuple[str, list[CitationView]]] = field(default_factory=list)
    matrix_outlets: list[str] = field(default_factory=list)
    matrix: list[MatrixRow] = field(default_factory=list)
    matrix_truncated: int = 0
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    differences: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    entities: list[Any] = field(default_factory=list)
    #: speaker -> (words, "direct"/"indirect", where: the article and any syndicated copies of it)
    quotes_by_speaker: list[tuple[str, list[tuple[str, str, list[CitationView]]]]] = field(default_factory=list)
    coverage: list[tuple[str, int, str]] = field(default_factory=list)  # outlet, articles, span
    articles: list[dict[str, Any]] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)  # "Nordvik Post rests in part on ..."
    doubts: dict[str, str] = field(default_factory=dict)  # main-event key -> "hedged", "denied", "disputed"


def _contradiction_view(c: Any, cite: _Citer) -> dict[str, Any]:
    # one card per value, as every rendering shows it: a wire story and its copies are one side, not three
    return {"slot": c.slot, "kind": c.kind, "note": c.note,
            "sides": [{"value": s.value, "text": statement(s.text), "citation": cite(s.citation),
                       "also": [cite(x) for x in same]} for s, same in sides_by_value(c)]}


def story_view(brief: Brief, story: Story | None = None) -> StoryView:
    """Everything the story page shows, from the brief (plus the stored story for its id and label)."""
    cite = _Citer(brief, story.id if story is not None else None)
    view = StoryView(brief=brief, story=story)
    view.summary = [(s.text, [cite(c) for c in s.citations]) for s in brief.summary]
    view.doubts = {k: d for k, ans in brief.main_event.items() if (d := answer_doubt(brief, ans))}

    outlets = list(brief.story.outlets)
    for st in brief.statements:
        outlets.extend(o for o in st.outlets if o not in outlets)
    view.matrix_outlets = outlets[:MAX_MATRIX_OUTLETS]
    disputed = contested(brief)
    for st in brief.statements[:MAX_MATRIX_ROWS]:
        by_outlet: dict[str, CitationView] = {}
        for c in st.citations:
            cv = cite(c)
            by_outlet.setdefault(cv.label, cv)
        cells: list[CitationView | None] = []
        for o in view.matrix_outlets:
            if o in by_outlet:
                cells.append(by_outlet[o])
            elif o in st.outlets:  # listed without a citation: still corroborating
                cells.append(CitationView(article_id="", label=o, sentence=None, text=""))
            else:
                cells.append(None)
        view.matrix.append(MatrixRow(id=st.id, text=statement(st.text), status=st.status,
                                     independent_sources=st.independent_sources, cells=cells,
                                     source=source_unsaid(st), contested=disputed.get(st.id, [])))
    view.matrix_truncated = max(0, len(brief.statements) - MAX_MATRIX_ROWS)

    view.contradictions = [_contradiction_view(c, cite) for c in brief.contradictions]
    view.differences = [_contradiction_view(c, cite) for c in brief.differences_in_detail]

    nodes = {n.id: n for n in brief.source_nodes}
    for e in brief.source_edges[:MAX_EDGES]:
        src, tgt = nodes.get(e.source), nodes.get(e.target)
        src_label = (src.outlet or src.label) if src is not None and src.kind == "article" else \
            (src.label if src is not None else e.source)
        view.edges.append({"source": src_label, "target": tgt.label if tgt is not None else e.target,
                           "target_kind": tgt.kind if tgt is not None else "",
                           "kind": EDGE_KIND_WORDS.get(e.kind, e.kind.replace("_", " ")),
                           "count": len(e.citations),
                           "citation": cite(e.citations[0]) if e.citations else None})

    view.entities = brief.entities[:MAX_ENTITIES]
    speakers = sorted((e for e in brief.entities if e.quotes), key=lambda e: (-len(e.quotes), e.name))
    copy_of = {a.id: a.copy_of for a in brief.story.articles if a.copy_of}
    for e in speakers[:MAX_SPEAKERS]:
        # a wire quote and its syndicated copies' are one quote, shown once with every outlet that carries it
        rows: dict[tuple[str, str, str], tuple[str, str, list[CitationView]]] = {}
        for q in e.quotes:
            home = copy_of.get(q.citation.article_id, q.citation.article_id)
            key = (" ".join(q.text.split()).casefold(), q.kind, home)
            if key in rows:
                rows[key][2].append(cite(q.citation))
            elif len(rows) < MAX_QUOTES_PER_SPEAKER:
                rows[key] = (quoted(q.text) if q.kind == "direct" else q.text, q.kind, [cite(q.citation)])
        view.quotes_by_speaker.append((e.name, list(rows.values())))

    per_outlet: dict[str, list[str]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for a in brief.story.articles:
        name = a.outlet or "unknown outlet"
        counts[name] += 1
        if a.published:
            per_outlet[name].append(a.published)
    view.coverage = [(o, n, time_span(min(per_outlet[o], default=None), max(per_outlet[o], default=None)))
                     for o, n in counts.most_common()]
    outlet_of = {a.id: a.outlet for a in brief.story.articles}
    view.articles = [{"id": a.id, "outlet": a.outlet, "title": a.title or a.id, "published": a.published,
                      "copy_of": a.copy_of, "copy_of_outlet": outlet_of.get(a.copy_of) if a.copy_of else None}
                     for a in brief.story.articles]
    # the page names articles by outlet (an outlet with two articles is named with the title too)
    per = Counter(a.outlet for a in brief.story.articles)
    names = {a.id: (a.outlet if a.outlet and per[a.outlet] == 1 else f"{a.outlet or 'unknown outlet'}: {a.title or a.id}")
             for a in brief.story.articles}
    view.dependencies = [dependence(d, brief, names) for d in brief.dependencies]
    return view


# --- article page: highlighted text ----------------------------------------------------------------------

#: highlight kinds, in the order their CSS classes are listed (also the toggles on the article page)
HIGHLIGHT_KINDS = ("quote", "speaker", "source", "hedge", "entity")
HIGHLIGHT_LABELS = {"quote": "quotes", "speaker": "speakers", "source": "sources", "hedge": "hedges",
                    "entity": "entities"}


@dataclass
class Segment:
    text: str
    classes: tuple[str, ...] = ()
    title: str = ""
    anchor: str | None = None  # id of the sentence that starts here


def _clip(start: Any, end: Any, n: int) -> tuple[int, int] | None:
    try:
        s, e = max(0, int(start)), min(n, int(end))
    except (TypeError, ValueError):
        return None
    return (s, e) if s < e else None


def highlight(aa: AnnotatedArticle | None, article: Article) -> list[list[Segment]]:
    """The article's paragraphs cut into segments, each carrying the highlight kinds that cover it.

    Annotations may overlap (an entity inside a quote) or carry offsets out of range (a stale or
    hand-edited record); the sweep below turns them into flat, non-overlapping segments and ignores
    what does not fit, so the result is always well-formed whatever the offsets say.
    """
    text = article.text
    n = len(text)
    marks: list[tuple[int, int, str, str]] = []  # start, end, kind, title
    sentence_starts: dict[int, int] = {}
    if aa is not None:
        for q in aa.quotes:
            if (r := _clip(q.content.start, q.content.end, n)):
                who = q.speaker_name or (q.speaker.text if q.speaker else "unknown speaker")
                marks.append((*r, "quote", f"{q.kind} quote — {who}"))
            if q.speaker and (r := _clip(q.speaker.start, q.speaker.end, n)):
                marks.append((*r, "speaker", f"speaker: {q.speaker_name or q.speaker.text}"))
        for s in aa.sources:
            if (r := _clip(s.span.start, s.span.end, n)):
                chain = " ← ".join(s.chain) or s.organization or s.person or ""
                marks.append((*r, "source", f"source ({s.kind}): {chain}".rstrip(": ")))
        for h in aa.hedges:
            if (r := _clip(h.start, h.end, n)):
                marks.append((*r, "hedge", h.kind))
        for e in aa.entities:
            if (r := _clip(e.start, e.end, n)):
                marks.append((*r, "entity", f"entity: {_NER_WORDS.get(e.label, e.label.lower())}"))
        for i, s in enumerate(aa.sentences):
            if (r := _clip(s.start, s.end, n)):
                sentence_starts.setdefault(r[0], i)

    paragraphs: list[list[Segment]] = []
    pos = 0
    for para in article.paragraphs:
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 2  # PARAGRAPH_SEP
        cuts = {p_start, p_end}
        inside = [m for m in marks if m[0] < p_end and m[1] > p_start]
        for m in inside:
            cuts.update((max(m[0], p_start), min(m[1], p_end)))
        cuts.update(k for k in sentence_starts if p_start <= k < p_end)
        bounds = sorted(cuts)
        segments: list[Segment] = []
        for a, b in zip(bounds, bounds[1:]):
            if a >= b:
                continue
            covering = [m for m in inside if m[0] <= a and m[1] >= b]
            kinds = tuple(k for k in HIGHLIGHT_KINDS if any(m[2] == k for m in covering))
            title = "; ".join(dict.fromkeys(m[3] for m in covering))
            anchor = f"s{sentence_starts[a]}" if a in sentence_starts else None
            segments.append(Segment(text=text[a:b], classes=kinds, title=title, anchor=anchor))
        paragraphs.append(segments or [Segment(text=para)])
    return paragraphs


def annotation_counts(aa: AnnotatedArticle | None) -> dict[str, int]:
    if aa is None:
        return {}
    return {"quote": len(aa.quotes), "speaker": sum(1 for q in aa.quotes if q.speaker),
            "source": len(aa.sources), "hedge": len(aa.hedges), "entity": len(aa.entities)}
