"""Markdown, JSON and HTML renderings of a brief."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from reconcile_fixtures import flood_story, script_story

from storydesk.errors import ConfigError
from storydesk.reconcile.brief import build_brief
from storydesk.records import Brief, brief_json_schema
from storydesk.render import render
from storydesk.render.svg import source_graph_svg, timeline_svg


@pytest.fixture(scope="module")
def flood():
    return build_brief(flood_story())


@pytest.fixture(scope="module")
def evil():
    return build_brief(script_story())


def test_markdown_fits_80_columns(flood):
    text = render(flood, "markdown")
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "## Contradictions" in text and "Tuesday" in text


def test_markdown_narrow_width(flood):
    text = render(flood, "markdown", width=50)
    assert max(len(line) for line in text.splitlines()) <= 50


def test_json_round_trips_and_validates(flood):
    data = json.loads(render(flood, "json"))
    jsonschema.validate(data, brief_json_schema())
    assert data["schema_version"] == flood.schema_version
    assert Brief.model_validate(data) == flood


def test_html_is_self_contained(flood):
    html = render(flood, "html")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<svg" in html and 'id="a1-s1"' in html
    assert "<script" not in html


def test_html_escapes_article_text(evil):
    html = render(evil, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "Evil &lt;Outlet&gt;" in html


def test_svgs_escape_labels(evil):
    for svg in (source_graph_svg(evil), timeline_svg(evil)):
        assert svg.startswith("<svg") and "<script" not in svg and "<Outlet>" not in svg


def test_unknown_format_is_a_config_error(flood):
    with pytest.raises(ConfigError):
        render(flood, "pdf")
