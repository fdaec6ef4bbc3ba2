"""Stage 4 records: the cross-source brief of one story.

``BRIEF_SCHEMA_VERSION`` is part of every serialised brief; bump the minor for added fields, the major
for anything a consumer could trip over. ``brief_json_schema()`` is the documented schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Record, Span

BRIEF_SCHEMA_VERSION = "1.0"


class ArticleRef(Record):
    id: str
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    source: str = ""
    language: str | None = None
    copy_of: str | None = None  # id of the canonical article when this one is a syndicated copy


class Citation(Record):
    """A pointer to the sentence a claim comes from."""

    article_id: str
    outlet: str | None = None
    sentence: int | None = None
    span: Span | None = None


class StoryInfo(Record):
    headline: str
    articles: list[ArticleRef] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    languages: list[str] = Field(default_factory=list)


class Entity(Record):
    id: str
    name: str
    label: str
    variants: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    descriptions: list[str] = Field(default_factory=list)
    quotes: list[Citation] = Field(default_factory=list)
    mentions: int = 0


class SourceNode(Record):
    id: str
    label: str
    kind: Literal["article", "outlet", "person", "organization", "document"]


class SourceEdge(Record):
    source: str  # node id of the citing article
    target: str  # node id of the cited source
    kind: str = "cites"
    citations: list[Citation] = Field(default_factory=list)


class StatementGroup(Record):
    id: str
    text: str  # representative sentence
    citations: list[Citation] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    independent_sources: int = 0
    original_sources: list[str] = Field(default_factory=list)
    status: Literal["corroborated", "single-source", "hedged", "disputed"] = "single-source"


class ContradictionSide(Record):
    value: str
    citation: Citation
    text: str  # the sentence


class Contradiction(Record):
    slot: str  # what the sides disagree about ("age of the boy", "number evacuated")
    kind: str  # "number", "age", "date", "weekday", "name", "place", "agent", "status"
    sides: list[ContradictionSide] = Field(default_factory=list)
    note: str = ""


class SummarySentence(Record):
    text: str
    citations: list[Citation] = Field(default_factory=list)


class Answer(Record):
    text: str
    citation: Citation | None = None


class Brief(Record):
    schema_version: str = BRIEF_SCHEMA_VERSION
    story: StoryInfo
    entities: list[Entity] = Field(default_factory=list)
    source_nodes: list[SourceNode] = Field(default_factory=list)
    source_edges: list[SourceEdge] = Field(default_factory=list)
    statements: list[StatementGroup] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    differences_in_detail: list[Contradiction] = Field(default_factory=list)
    single_outlet: dict[str, list[str]] = Field(default_factory=dict)  # outlet -> statement ids
    summary: list[SummarySentence] = Field(default_factory=list)
    main_event: dict[str, Answer] = Field(default_factory=dict)  # who/what/when/where/why/how
    warnings: list[str] = Field(default_factory=list)


def brief_json_schema() -> dict[str, Any]:
    """The JSON Schema of a serialised :class:`Brief` (documented in docs/brief-schema.md)."""
    schema = Brief.model_json_schema(mode="serialization")
    schema["$id"] = f"https://storydesk.invalid/schema/brief-{BRIEF_SCHEMA_VERSION}.json"
    schema["title"] = "storydesk Brief"
    return schema
