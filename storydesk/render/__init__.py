"""Output formats for a brief, registered by name (``markdown``, ``json``, ``html``).

A renderer is a function ``(brief, *, width) -> str``; :func:`register_renderer` adds one, so that
another format does not touch the CLI.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ConfigError
from ..records.brief import Brief

__all__ = ["register_renderer", "render", "renderers"]

Renderer = Callable[..., str]
_RENDERERS: dict[str, Renderer] = {}


def register_renderer(name: str, fn: Renderer) -> None:
    """Make ``fn`` available as ``render(brief, name)``."""
    _RENDERERS[name] = fn


def _load_builtin() -> None:
    if _RENDERERS:
        return
    from . import html, json, markdown

    register_renderer("markdown", markdown.render_markdown)
    register_renderer("md", markdown.render_markdown)
    register_renderer("json", json.render_json)
    register_renderer("html", html.render_html)


def renderers() -> list[str]:
    """Names of the available formats."""
    _load_builtin()
    return sorted(_RENDERERS)


def render(brief: Brief, fmt: str, *, width: int = 80) -> str:
    """The brief in format ``fmt`` ("markdown", "json" or "html")."""
    _load_builtin()
    fn = _RENDERERS.get((fmt or "").lower())
    if fn is None:
        raise ConfigError(f"unknown output format {fmt!r} (choose from {', '.join(renderers())})")
    return fn(brief, width=width)
