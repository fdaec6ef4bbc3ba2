"""'Reported by one outlet only' says when it lists fewer statements than the outlet's count."""

from reconcile_fixtures import flood_story

import storydesk.render.markdown as md
from storydesk.reconcile.brief import build_brief
from storydesk.render import render


def test_outlet_line_tells_how_many_are_shown(monkeypatch):
    brief = build_brief(flood_story())
    outlet, ids = max(brief.single_outlet.items(), key=lambda kv: len(kv[1]))
    assert len(ids) >= 2, "the fixture needs an outlet with two statements of its own"
    monkeypatch.setattr(md, "MAX_SINGLE_PER_OUTLET", 1)
    text = render(brief, "markdown", width=200)
    section = text.split("## Reported by one outlet only")[1].split("\n## ")[0]
    head = next(line for line in section.splitlines() if line.startswith(f"- **{outlet}**"))
    assert f"{len(ids)} statement(s)" in head and "1 shown" in head, head
    monkeypatch.setattr(md, "MAX_SINGLE_PER_OUTLET", 100)
    full = render(brief, "markdown", width=200).split("## Reported by one outlet only")[1].split("\n## ")[0]
    assert "shown" not in full  # nothing left out, nothing to say


def test_html_outlet_heading_tells_how_many_are_shown(monkeypatch):
    from storydesk.render import html

    brief = build_brief(flood_story())
    outlet, ids = max(brief.single_outlet.items(), key=lambda kv: len(kv[1]))
    monkeypatch.setattr(html, "MAX_SINGLE_PER_OUTLET", 1)
    page = render(brief, "html")
    section = page.split('id="single-outlet"')[1].split("<h2")[0]
    assert f"{outlet} <small>({len(ids)} statements, 1 shown" in section
    monkeypatch.setattr(html, "MAX_SINGLE_PER_OUTLET", 100)
    assert "shown" not in render(brief, "html").split('id="single-outlet"')[1].split("<h2")[0]
