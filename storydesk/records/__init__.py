"""One record type per stage, serialised the same way to JSON and to SQLite."""

from .annotation import (
    AnnotatedArticle,
    EntityMention,
    Hedge,
    Quantity,
    Quote,
    Sentence,
    SourceRef,
)
from .article import PARAGRAPH_SEP, Article, Problem, RemovedBlock, content_id
from .base import Record, Span
from .brief import BRIEF_SCHEMA_VERSION, Brief, brief_json_schema
from .story import DuplicateGroup, Story

__all__ = [
    "PARAGRAPH_SEP",
    "BRIEF_SCHEMA_VERSION",
    "AnnotatedArticle",
    "Article",
    "Brief",
    "DuplicateGroup",
    "EntityMention",
    "Hedge",
    "Problem",
    "Quantity",
    "Quote",
    "Record",
    "RemovedBlock",
    "Sentence",
    "SourceRef",
    "Span",
    "Story",
    "brief_json_schema",
    "content_id",
]
