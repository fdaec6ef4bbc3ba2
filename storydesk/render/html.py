"""The brief as one self-contained HTML file: inline CSS and SVG, no script, no external request.

All article text goes through Jinja2 autoescaping; the two SVG drawings are built by ``svg.py``, which
escapes its own labels, and are the only strings marked safe.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..extraction.safety import clean_paragraph
from ..records.brief import Brief, Citation
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
from .markdown import article_labels, cite
from .svg import source_graph_svg, timeline_svg

MATRIX_ROWS = 40
MAX_SINGLE_PER_OUTLET = 10


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def anchor(c: Citation, index: dict[str, int], sentences: dict[str, list[str]] | None = None) -> str:
    """The id of a cited sentence in the appendix ("a2-s5"), or of the article when no sentence.

    With ``sentences`` (each article's list), a citation of a sentence the appendix does not show (an
    empty fragment joined to its neighbour, or an index past the end) points at the nearest shown
    sentence before it, else after it, else the article: every citation link has a target."""
    n = index.get(c.article_id, 0)
    if c.sentence is None:
        return f"a{n}"
    if sentences is not None:
        sents = sentences.get(c.article_id, [])
        i = min(c.sentence, len(sents) - 1)
        shown = [j for j in range(i, -1, -1) if sents[j]] or [j for j in range(i + 1, len(sents)) if sents[j]]
        return f"a{n}-s{shown[0] + 1}" if shown else f"a{n}"
    return f"a{n}-s{c.sentence + 1}"


def render_html(brief: Brief, *, width: int = 80) -> str:
    """The whole brief as a standalone HTML page."""
    labels = article_labels(brief)
    index = {a.id: i for i, a in enumerate(brief.story.articles, start=1)}
    sentences = {a.id: a.sentences for a in brief.story.articles}
    shared = sorted((g for g in brief.statements if len(g.articles) > 1), key=lambda g: -g.score)
    matrix_rows = shared[:MATRIX_ROWS]
    outlets = brief.story.outlets
    matrix = []
    for g in matrix_rows:
        cells = []
        for o in outlets:
            hits = [c for c in g.citations if c.outlet == o]
            cells.append(hits[0] if hits else None)
        matrix.append((g, cells))
    cited: dict[str, set[int]] = {}
    for g in brief.statements:
        for c in g.citations:
            if c.sentence is not None and len(g.articles) > 1:
                cited.setdefault(c.article_id, set()).add(c.sentence)
    by_id = {g.id: g for g in brief.statements}
    single = {o: [by_id[i] for i in sorted(ids, key=lambda i: -by_id[i].score)[:MAX_SINGLE_PER_OUTLET]]
              for o, ids in brief.single_outlet.items()}
    node = {n.id: n for n in brief.source_nodes}
    template = _env().get_template("brief.html.j2")
    # no control characters in the page, whatever the records hold (see markdown.render_markdown)
    return clean_paragraph(template.render(
        brief=brief, labels=labels, story=brief.story, shared=shared[:60], matrix=matrix, outlets=outlets,
        single=single, single_total={o: len(ids) for o, ids in brief.single_outlet.items()}, node=node, cited=cited, cites_of=cited_sources(brief),
        source_svg=Markup(source_graph_svg(brief)), timeline_svg=Markup(timeline_svg(brief)),
        anchor=lambda c: anchor(c, index, sentences), cite=lambda c: cite(c, labels), when=when, statement=statement,
        trim_dateline=trim_dateline, sides_by_value=sides_by_value, quoted=quoted, source_unsaid=source_unsaid, contested=contested(brief),
        copies_of=lambda o: carried_by_copies(brief, o), doubt=lambda a: answer_doubt(brief, a),
        dependence=lambda d: dependence(d, brief, labels), span=story_span(brief.story.first_published, brief.story.last_published)))
