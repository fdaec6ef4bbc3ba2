"""The brief as JSON: the versioned schema of docs/brief-schema.md."""

from __future__ import annotations

import json as _json

from ..records.brief import Brief


def render_json(brief: Brief, *, width: int = 80) -> str:
    """``brief`` serialised (``schema_version`` first), two-space indented."""
    return _json.dumps(brief.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
