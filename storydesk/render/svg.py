"""Standalone SVG drawings of a brief: the source graph and the coverage timeline.

Both functions return one ``<svg>`` element with inline presentation attributes only (no CSS classes
that need a stylesheet, no external references), so the HTML brief and the web app can embed them as
they are. Every label is escaped; article titles are untrusted text.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from ..records.brief import SOURCE_KIND_WORDS, Brief, SourceNode
from .display import when

__all__ = ["source_graph_svg", "timeline_svg"]

_KIND_FILL = {
    "article": "#dbe8f6",
    "outlet": "#f6e3c8",
    "person": "#d9f0d9",
    "organization": "#ece0f4",
    "document": "#f2f2f2",
}
_FONT = "font-family=\"system-ui, sans-serif\" font-size=\"12\""
# about what fits a 230-pixel box at 12 px; a clip path keeps what a wider font would still push past
# the box edge inside the box
_MAX_LABEL = 31
_MAX_NODES = 200  # beyond this a drawing stops being readable; the JSON keeps everything


def _clip(text: str, n: int = _MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _layers(brief: Brief) -> dict[str, int]:
    """Column of each node: articles at 0, a cited source one column right of whatever cites it."""
    col = {n.id: 0 for n in brief.source_nodes if n.kind == "article"}
    for n in brief.source_nodes:
        col.setdefault(n.id, 1)
    # Longest-path layering, bounded so that a cycle in the citation chains cannot loop forever.
    for _ in range(4):
        changed = False
        for e in brief.source_edges:
            if e.source in col and e.target in col and col[e.target] <= col[e.source] and col[e.target] < 4:
                col[e.target] = col[e.source] + 1
                changed = True
        if not changed:
            break
    return col


def source_graph_svg(brief: Brief) -> str:
    """The source graph (article -> cited source) as a layered left-to-right SVG drawing."""
    nodes: list[SourceNode] = brief.source_nodes[:_MAX_NODES]
    if not nodes:
        return ('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40" role="img" '
                f'aria-label="source graph"><text x="8" y="24" {_FONT} fill="#555">'
                'No sources recorded.</text></svg>')
    col = _layers(brief)
    columns: dict[int, list[SourceNode]] = {}
    for n in nodes:
        columns.setdefault(col.get(n.id, 1), []).append(n)
    node_w, node_h, gap_x, gap_y, pad = 230, 26, 90, 12, 14
    pos: dict[str, tuple[float, float]] = {}
    height = 0.0
    for c, members in sorted(columns.items()):
        for i, n in enumerate(members):
            x = pad + c * (node_w + gap_x)
            y = pad + 22 + i * (node_h + gap_y)
            pos[n.id] = (x, y)
            height = max(height, y + node_h + pad)
    width = pad * 2 + (max(columns) + 1) * node_w + max(columns) * gap_x
    # a key to the colours, under the drawing: only the kinds drawn
    kinds = [k for k in _KIND_FILL if any(n.kind == k for n in nodes)]
    key_y = height + 4
    height += 26
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="source graph">'),
        ('<defs><marker id="sd-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#777"/>'
        f'</marker><clipPath id="sd-clip"><rect x="0" y="0" width="{node_w - 4}" height="{node_h}"/></clipPath>'
        '</defs>'),
    ]
    heads = {0: "articles", 1: "cited sources", 2: "their sources", 3: "further", 4: "further"}
    for c in sorted(columns):
        x = pad + c * (node_w + gap_x)
        parts.append(f'<text x="{x}" y="{pad + 10}" {_FONT} font-weight="bold" fill="#333">'
                     f'{escape(heads.get(c, ""))}</text>')
    for e in brief.source_edges:
        if e.source not in pos or e.target not in pos:
            continue
        x1, y1 = pos[e.source]
        x2, y2 = pos[e.target]
        sx, sy = x1 + node_w, y1 + node_h / 2
        tx, ty = x2, y2 + node_h / 2
        if x2 <= x1:  # same column or backwards: route around the right side
            sx, tx = x1 + node_w, x2 + node_w
            mid = max(sx, tx) + 30
            d = f"M{sx:.0f},{sy:.0f} C{mid:.0f},{sy:.0f} {mid:.0f},{ty:.0f} {tx:.0f},{ty:.0f}"
        else:
            mid = (sx + tx) / 2
            d = f"M{sx:.0f},{sy:.0f} C{mid:.0f},{sy:.0f} {mid:.0f},{ty:.0f} {tx:.0f},{ty:.0f}"
        dash = ' stroke-dasharray="5,3"' if e.kind == "copy_of" else ""
        parts.append(f'<path d="{d}" fill="none" stroke="#777" stroke-width="1.2"{dash} '
                     f'marker-end="url(#sd-arrow)"><title>{escape(e.kind)}</title></path>')
    for n in nodes:
        x, y = pos[n.id]
        fill = _KIND_FILL.get(n.kind, "#eee")
        label = n.label if n.kind != "article" or not n.outlet else f"{n.outlet}: {n.label}"
        parts.append(
            f'<g transform="translate({x:.0f},{y:.0f})"><title>{escape(n.kind_word)}: {escape(label)}</title>'
            f'<rect x="0" y="0" width="{node_w}" height="{node_h}" rx="5" fill="{fill}" '
            f'stroke="#999"/><text x="8" y="17" {_FONT} fill="#111" clip-path="url(#sd-clip)">'
            f'{escape(_clip(label))}</text></g>')
    kx = pad
    for k in kinds:
        word = SOURCE_KIND_WORDS.get(k, k)
        parts.append(f'<rect x="{kx}" y="{key_y}" width="14" height="14" rx="3" fill="{_KIND_FILL[k]}" '
                     f'stroke="#999"/><text x="{kx + 19}" y="{key_y + 11}" {_FONT} fill="#333">'
                     f'{escape(word)}</text>')
        kx += 19 + 7 * len(word) + 18
    parts.append("</svg>")
    return "".join(parts)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        try:
            dt = datetime.fromisoformat(value[:10])
        except ValueError:
            return None
    return dt.replace(tzinfo=None)


def timeline_svg(brief: Brief) -> str:
    """Articles per outlet over time: one row per outlet, one dot per dated article."""
    dated = [(a, _parse_date(a.published)) for a in brief.story.articles]
    dated = [(a, d) for a, d in dated if d is not None]
    if not dated:
        return ('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40" role="img" '
                f'aria-label="timeline"><text x="8" y="24" {_FONT} fill="#555">'
                'No dated articles.</text></svg>')
    outlets = sorted({a.outlet or "unknown outlet" for a, _ in dated})[:_MAX_NODES]
    t0 = min(d for _, d in dated)
    t1 = max(d for _, d in dated)
    span = max((t1 - t0).total_seconds(), 1.0)
    label_w, plot_w, row_h, pad = 170, 520, 24, 12
    width = label_w + plot_w + pad * 2
    height = pad * 2 + row_h * len(outlets) + 30
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="articles per outlet over time">')]
    for i, outlet in enumerate(outlets):
        y = pad + i * row_h + row_h / 2
        parts.append(f'<text x="{pad}" y="{y + 4:.0f}" {_FONT} fill="#222">{escape(_clip(outlet, 24))}</text>')
        parts.append(f'<line x1="{label_w}" y1="{y:.0f}" x2="{label_w + plot_w}" y2="{y:.0f}" '
                     'stroke="#ddd"/>')
    for a, d in dated:
        row = outlets.index(a.outlet or "unknown outlet") if (a.outlet or "unknown outlet") in outlets else None
        if row is None:
            continue
        x = label_w + (d - t0).total_seconds() / span * plot_w if t1 > t0 else label_w + plot_w / 2
        y = pad + row * row_h + row_h / 2
        title = f"{a.outlet or ''}: {a.title or a.id} ({when(a.published)})"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.0f}" r="5" fill="#3b6ea8"><title>{escape(title)}'
                     '</title></circle>')
    axis_y = pad + row_h * len(outlets) + 16
    parts.append(f'<text x="{label_w}" y="{axis_y}" {_FONT} fill="#555">{escape(t0.isoformat(" ", "minutes"))}'
                 '</text>')
    if t1 > t0:
        parts.append(f'<text x="{label_w + plot_w}" y="{axis_y}" {_FONT} fill="#555" text-anchor="end">'
                     f'{escape(t1.isoformat(" ", "minutes"))}</text>')
    parts.append("</svg>")
    return "".join(parts)
