"""Cross-article steps: entities, sources and independence, aligned statements, contradictions,
summary and the main event, put together by :func:`build_brief` (pure) and :func:`brief` (from paths).

Each step is a plain function over records (no spaCy here); see the module of each step.
"""

from .brief import brief, build_brief

__all__ = ["brief", "build_brief"]
