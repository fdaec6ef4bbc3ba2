"""Stage 3 records: duplicates and stories (grouping)."""

from __future__ import annotations

from pydantic import Field

from .base import Record


class DuplicateGroup(Record):
    """One canonical article and its exact or near copies (syndication): one source, not several."""

    canonical_id: str
    copies: list[str] = Field(default_factory=list)  # article ids
    outlets: list[str] = Field(default_factory=list)  # outlets carrying a copy
    similarity: dict[str, float] = Field(default_factory=dict)  # copy id -> estimated Jaccard


class Story(Record):
    """A group of articles about the same event."""

    id: str
    label: str = ""
    article_ids: list[str] = Field(default_factory=list)  # canonical articles only
    duplicate_ids: list[str] = Field(default_factory=list)  # copies folded into members
    outlets: list[str] = Field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    top_terms: list[str] = Field(default_factory=list)
    top_entities: list[str] = Field(default_factory=list)
    contradictions: int | None = None  # known once a brief has been built for the current members
