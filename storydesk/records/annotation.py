"""Stage 2 records: what the NLP pipeline finds in one article.

All offsets are character offsets into ``Article.text`` (paragraphs joined by a blank line).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .article import Article
from .base import Record, Span

Status = Literal["asserted", "attributed", "hedged", "denied"]


class Sentence(Record):
    start: int
    end: int
    status: Status = "asserted"
    hedges: list[int] = Field(default_factory=list)  # indexes into AnnotatedArticle.hedges


class EntityMention(Record):
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE/LOC, ...


class Quote(Record):
    """A statement attributed to a speaker, direct ("...") or indirect (X said that ...)."""

    kind: Literal["direct", "indirect"]
    content: Span
    cue: Span | None = None
    speaker: Span | None = None  # the mention in the text ("he", "the spokesman", "Smith")
    speaker_name: str | None = None  # canonical name within the article ("John Smith")
    speaker_description: str | None = None  # "an economist at the University of X"
    via: list[str] = Field(default_factory=list)  # outlets/organisations it was told to ("Reuters")
    medium: str | None = None  # "statement", "twitter", "interview", ...
    status: Status = "attributed"
    sentence: int | None = None
    # a quote split around its cue or running over paragraphs is one statement in several pieces;
    # ``content`` then spans from the first piece to the last, ``parts`` lists the pieces
    parts: list[Span] = Field(default_factory=list)
    hedges: list[int] = Field(default_factory=list)  # indexes into AnnotatedArticle.hedges


class SourceRef(Record):
    """A source an article relies on: "according to X", "X reported", "X, citing Y"..."""

    kind: str  # "according_to", "reported", "citing", "first_reported", "interview", "told", "quote"
    span: Span
    person: str | None = None
    organization: str | None = None  # outlet, agency, organisation or document
    chain: list[str] = Field(default_factory=list)  # outermost first: ["Jane Roe", "Le Monde"]
    sentence: int | None = None


class Hedge(Record):
    start: int
    end: int
    text: str
    kind: Literal["hedge", "denial", "unverified"] = "hedge"
    sentence: int | None = None


class Quantity(Record):
    """A number, age, count, date or weekday mentioned in the text, normalised when possible."""

    start: int
    end: int
    text: str
    kind: str  # "count", "age", "money", "percent", "date", "weekday", "time", "ordinal", "vague"
    value: float | None = None
    low: float | None = None  # ranges and vague amounts ("dozens" -> 24..99, "in his thirties")
    high: float | None = None
    unit: str | None = None
    iso: str | None = None  # for dates
    counted: str | None = None  # the noun a count counts ("14 people" -> "people"), when the parse gives it
    sentence: int | None = None


class AnnotatedArticle(Record):
    article: Article
    pipeline: str = ""  # name/version of the spaCy pipeline used
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    hedges: list[Hedge] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
