"""The shared base of every storydesk record.

Records are pydantic models so that one definition gives validation, JSON round-trips and a JSON
Schema (the versioned ``Brief`` schema is generated from the model, not written twice).
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Base class: strict about unknown fields, JSON-friendly."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible dict (what ``--format json`` and SQLite store)."""
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls.model_validate(data)

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        return cls.model_validate_json(text)


class Span(Record):
    """A stretch of an article's text: character offsets into ``Article.text``."""

    start: int
    end: int
    text: str
