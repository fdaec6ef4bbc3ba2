"""Stage 4 records: the cross-source brief of one story.

``BRIEF_SCHEMA_VERSION`` is part of every serialised brief; bump the minor for added fields, the major
for anything a consumer could trip over. ``brief_json_schema()`` is the documented schema
(docs/brief-schema.md).

Ids inside a brief are stable within that brief only: entities ``e1, e2...``, statement groups
``s1, s2...``, source-graph nodes ``a:<article id>`` (articles) and ``src:<key>`` (cited sources).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Record, Span

BRIEF_SCHEMA_VERSION = "1.1"

# "denied" since schema 1.1: a source in the story denies it and none states it as fact
StatementStatus = Literal["corroborated", "single-source", "hedged", "denied", "disputed"]


class ArticleRef(Record):
    """One input article as the brief sees it (its sentences make the HTML appendix)."""

    id: str
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    source: str = ""
    language: str | None = None
    copy_of: str | None = None  # id of the canonical article when this one is a syndicated copy
    # sentence texts; citations index into these. An empty one is a fragment the sentence splitter
    # cut off ("Harbour master"), joined to its neighbour: indices stay those of the NLP stage
    sentences: list[str] = Field(default_factory=list)


class Citation(Record):
    """A pointer to the sentence a claim comes from."""

    article_id: str
    outlet: str | None = None
    sentence: int | None = None  # index into ArticleRef.sentences
    span: Span | None = None  # the exact stretch (quote content, mention) when narrower than the sentence


class StoryInfo(Record):
    headline: str
    articles: list[ArticleRef] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    languages: list[str] = Field(default_factory=list)


class EntityQuote(Record):
    """Something an entity said, as one article reports it."""

    text: str
    kind: Literal["direct", "indirect"] = "direct"
    citation: Citation


#: what a reader is shown for an entity's ``label`` (the JSON keeps the code): one wording for the
#: Markdown, HTML and web renderings
ENTITY_KIND_WORDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
                     "PRODUCT": "ship, vehicle or thing"}
#: what a reader is shown for an entity that is a news outlet (``Entity.news_outlet``)
NEWS_OUTLET_WORD = "news outlet"
#: the same for a source node's ``kind``
SOURCE_KIND_WORDS = {"article": "article", "outlet": "outlet", "person": "person",
                     "organization": "organisation", "document": "document"}


class Entity(Record):
    """One person, organisation or place, merged across articles and outlets."""

    id: str
    name: str  # the fullest form seen
    label: str  # PERSON, ORG, GPE, LOC, ...
    variants: list[str] = Field(default_factory=list)  # every surface form, as written
    acronyms: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)  # outlets that name it
    articles: list[str] = Field(default_factory=list)
    descriptions: list[str] = Field(default_factory=list)  # "an economist at ...", "the harbour master"
    quotes: list[EntityQuote] = Field(default_factory=list)
    mentions: int = 0
    # a news outlet: one of the story's outlets, a known agency, or cited as an outlet by another
    # article; ``label`` keeps the NER code (an outlet is still an ORG). Since schema 1.1.
    news_outlet: bool = False

    @property
    def kind_word(self) -> str:
        """The label in a reader's words ("organisation" for ORG, "news outlet" for an outlet); not
        serialised."""
        if self.news_outlet:
            return NEWS_OUTLET_WORD
        return ENTITY_KIND_WORDS.get(self.label.upper(), self.label.lower())


class SourceNode(Record):
    id: str
    label: str
    kind: Literal["article", "outlet", "person", "organization", "document"]
    # "unnamed": people the article does not name ("passengers", "his family", "a spokesman for X");
    # "anonymous": a source whose name is withheld ("a source close to the crew", "who asked not to be
    # named"). Since schema 1.1.
    naming: Literal["named", "unnamed", "anonymous"] = "named"
    article_id: str | None = None  # for article nodes
    outlet: str | None = None  # for article nodes: the publishing outlet

    @property
    def kind_word(self) -> str:
        """The kind in a reader's words, with how it is named when it is not ("person, anonymous";
        "unnamed" is not repeated after a label that says it); not serialised."""
        word = SOURCE_KIND_WORDS.get(self.kind, self.kind)
        if self.naming == "anonymous" or (self.naming == "unnamed" and "unnamed" not in self.label.lower()):
            word += f", {self.naming}"
        return word


class SourceEdge(Record):
    source: str  # node id of the citing article (or of an intermediate source in a chain)
    target: str  # node id of the cited source
    kind: str = "cites"  # "according_to", "reported", "citing", "quote", "copy_of", ...
    citations: list[Citation] = Field(default_factory=list)


class Dependence(Record):
    """Articles that are not independent of each other, and why."""

    articles: list[str]  # article ids
    reason: Literal["syndicated-copy", "shared-source"]
    sources: list[str] = Field(default_factory=list)  # node ids of the shared sources


class StatementGroup(Record):
    """Sentences (or attributed statements) from several articles that report the same fact."""

    id: str
    text: str  # representative sentence
    citations: list[Citation] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    independent_sources: int = 0
    original_sources: list[str] = Field(default_factory=list)  # labels of the sources it rests on
    status: StatementStatus = "single-source"
    hedged_in: list[str] = Field(default_factory=list)  # article ids where it is hedged or denied
    entities: list[str] = Field(default_factory=list)  # entity ids mentioned
    score: float = 0.0  # how central to the story (used for ordering and the summary)


class ContradictionSide(Record):
    value: str
    citation: Citation
    text: str  # the sentence


class Contradiction(Record):
    slot: str  # what the sides disagree about ("age of the boy", "number evacuated")
    kind: str  # "number", "age", "date", "weekday", "name", "place", "agent", "status"
    sides: list[ContradictionSide] = Field(default_factory=list)
    statement: str | None = None  # id of the statement group, when the sides are aligned statements
    note: str = ""


class SummarySentence(Record):
    text: str
    citations: list[Citation] = Field(default_factory=list)
    statement: str | None = None


class Answer(Record):
    text: str
    citation: Citation | None = None


class Brief(Record):
    schema_version: str = BRIEF_SCHEMA_VERSION
    story: StoryInfo
    entities: list[Entity] = Field(default_factory=list)
    source_nodes: list[SourceNode] = Field(default_factory=list)
    source_edges: list[SourceEdge] = Field(default_factory=list)
    dependencies: list[Dependence] = Field(default_factory=list)
    statements: list[StatementGroup] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    differences_in_detail: list[Contradiction] = Field(default_factory=list)
    single_outlet: dict[str, list[str]] = Field(default_factory=dict)  # outlet -> statement ids
    summary: list[SummarySentence] = Field(default_factory=list)
    main_event: dict[str, Answer] = Field(default_factory=dict)  # who/what/when/where/why/how
    warnings: list[str] = Field(default_factory=list)

    def article(self, article_id: str) -> ArticleRef | None:
        """The article record with this id, or None."""
        for ref in self.story.articles:
            if ref.id == article_id:
                return ref
        return None

    def statement(self, statement_id: str) -> StatementGroup | None:
        for group in self.statements:
            if group.id == statement_id:
                return group
        return None


def brief_json_schema() -> dict[str, Any]:
    """The JSON Schema of a serialised :class:`Brief` (documented in docs/brief-schema.md)."""
    schema = Brief.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://storydesk.invalid/schema/brief-{BRIEF_SCHEMA_VERSION}.json"
    schema["title"] = "storydesk Brief"
    return schema
