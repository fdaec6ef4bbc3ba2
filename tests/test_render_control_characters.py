"""Renderings never pass terminal escape sequences through, even from records that did not come through
extraction (the Python API, a corpus stored before extraction stripped them)."""

from __future__ import annotations

import pytest

import storydesk
from storydesk.records import Article
from storydesk.render import render

ESC = "\x1b"


@pytest.fixture(scope="module")
def hostile_brief():
    paras = [
        "The council of Varrow said on Tuesday that the tram budget would rise by ten percent from May, officials said.",
        f"The mayor, Irma Solberg, said: \"We will not cut the night tram.\" {ESC}[2J{ESC}[31mShe added that fares stay.",
    ]
    arts = [Article(source=f"api-{i}", title=f"Tram budget {ESC}[31mapproved", outlet=f"Outlet {i} {ESC}]0;owned{ESC}\\",
                    byline=f"Erik {ESC}[5mNord", paragraphs=paras, published=f"2024-05-0{i + 1}") for i in range(2)]
    return storydesk.brief(arts)


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_render_brief_drops_escape_sequences(hostile_brief, fmt):
    out = render(hostile_brief, fmt)
    assert ESC not in out
    assert "approved" in out


def test_render_annotations_markdown_drops_escape_sequences():
    from storydesk.render.annotations import _md

    assert _md(f"fares {ESC}[31mstay") == "fares stay"
