"""Cross-article steps: entities, sources and independence, aligned statements, contradictions,
summary and the main event, put together by :func:`build_brief` (pure) and :func:`brief` (from paths).

Each step is a plain function over records (no spaCy here); see the module of each step.
"""

# only build_brief is re-exported: a function named ``brief`` here would hide the submodule of that name
from .brief import build_brief

__all__ = ["build_brief"]
