"""Stage 1 records: what extraction produces."""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Literal

from pydantic import Field

from .base import Record

#: separator between paragraphs in ``Article.text``; every annotation offset counts it
PARAGRAPH_SEP = "\n\n"


class RemovedBlock(Record):
    """A block the extractor dropped, kept so a user can see what was cut and why."""

    text: str
    reason: str  # e.g. "teaser-list", "truncated-teaser", "caption", "cookie-prompt", "off-topic"
    position: int | None = None  # index of the block in the input, when known


class Problem(Record):
    """A per-source error or warning; the batch goes on."""

    source: str
    level: Literal["error", "warning"]
    code: str
    message: str

    def line(self) -> str:
        """The one-line form every report prints: ``source: [code] message``."""
        return f"{self.source}: [{self.code}] {self.message}"


def content_id(title: str | None, paragraphs: list[str]) -> str:
    """Content hash of an article: same text -> same id, whatever file or outlet it came from."""
    body = "\n".join(" ".join(p.split()) for p in paragraphs)
    norm = unicodedata.normalize("NFC", f"{' '.join((title or '').split())}\n{body}")
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:24]


class Article(Record):
    """A clean article: one per page, text record or WARC response."""

    id: str = ""
    source: str  # path or URI it was read from (``path#record=N`` inside a container)
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None  # ISO 8601 date or datetime
    dateline: str | None = None
    language: str | None = None
    paragraphs: list[str] = Field(default_factory=list)
    removed: list[RemovedBlock] = Field(default_factory=list)
    method: str = ""  # "trafilatura", "text-cleaner", "json-text", "json-html", ...
    warnings: list[str] = Field(default_factory=list)

    def model_post_init(self, __context: object) -> None:
        if not self.id:
            self.id = content_id(self.title, self.paragraphs)

    @property
    def text(self) -> str:
        """The body text every annotation's offsets refer to."""
        return PARAGRAPH_SEP.join(self.paragraphs)
