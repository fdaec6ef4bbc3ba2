"""A hand-built, in-memory stand-in for ``storydesk.store.corpus.Corpus`` for the web tests.

Fictional story: the Tarnwick bridge closure, covered by three invented outlets that disagree on how
many residents were evacuated. ``FakeCorpus(hostile=True)`` adds an article whose every field carries a
script payload, for the escaping tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storydesk.errors import NotFoundError, StoreError
from storydesk.records import AnnotatedArticle, Article, Brief, DuplicateGroup, Story
from storydesk.records.annotation import EntityMention, Hedge, Quote, Sentence, SourceRef
from storydesk.records.base import Span
from storydesk.records.brief import (
    ArticleRef,
    Citation,
    Contradiction,
    ContradictionSide,
    Entity,
    EntityQuote,
    SourceEdge,
    SourceNode,
    StatementGroup,
    StoryInfo,
    SummarySentence,
)
from storydesk.records.article import RemovedBlock

PAYLOAD = '<script>alert("xss")</script><img src=x onerror="alert(1)">'
JS_URL = "javascript:alert(document.domain)"

GAZETTE_TEXT = [
    "The Tarnwick river bridge was closed on Tuesday after engineers found a crack in a main girder.",
    '"We could not take the risk," said Mara Quill, the county engineer. About 40 residents were '
    "evacuated, according to the fire service.",
]
COURIER_TEXT = [
    "Engineers shut the Tarnwick bridge on Tuesday. Some 60 residents were evacuated, the mayor said.",
    "Mayor Ivo Brandt said the crossing could reopen next month, although this has not been confirmed.",
]


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start=start, end=start + len(needle), text=needle)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] in " \n"):
            out.append(Sentence(start=start, end=i + 1))
            start = i + 2 if i + 2 <= len(text) else i + 1
            while start < len(text) and text[start] in " \n":
                start += 1
    return out


@dataclass
class IngestReport:
    paths: list[str]
    problems: list = field(default_factory=list)
    errors: int = 0

    def summary(self) -> str:
        return f"{len(self.paths)} file(s) ingested"


class FakeCorpus:
    """The read API of Corpus over hand-built records (and an ``ingest`` that only records its call)."""

    def __init__(self, *, hostile: bool = False, extra_stories: int = 0) -> None:
        self.ingested: list[list[str]] = []
        gazette = Article(
            source="gazette.html", outlet="Tarnwick Gazette", title="Tarnwick bridge shut after girder crack",
            url="https://gazette.example/tarnwick-bridge", published="2026-05-12T09:00:00+00:00",
            byline="By Lena Hart", paragraphs=GAZETTE_TEXT,
            removed=[RemovedBlock(text="Subscribe to our newsletter for more", reason="newsletter-prompt")])
        courier = Article(
            source="courier.html", outlet="Valley Courier", title="Bridge closed, dozens leave homes",
            url="http://courier.example/bridge", published="2026-05-12T15:30:00+00:00",
            paragraphs=COURIER_TEXT)
        # the North Post ran the Gazette's story word for word: a syndicated copy
        copy = gazette.model_copy(update={"outlet": "North Post", "source": "northpost.html",
                                          "url": "https://northpost.example/bridge", "id": "northpost-copy"})
        self.articles_by_id = {a.id: a for a in (gazette, courier, copy)}
        group = DuplicateGroup(canonical_id=gazette.id, copies=[copy.id], outlets=["North Post"],
                               similarity={copy.id: 1.0})
        self.duplicate_groups = {gazette.id: group, copy.id: group}
        gt, ct = gazette.text, courier.text
        self.annotated_by_id = {
            gazette.id: AnnotatedArticle(
                article=gazette, sentences=_sentences(gt),
                entities=[EntityMention(start=gt.index("Tarnwick"), end=gt.index("Tarnwick") + 8,
                                        text="Tarnwick", label="GPE"),
                          EntityMention(start=gt.index("Mara Quill"), end=gt.index("Mara Quill") + 10,
                                        text="Mara Quill", label="PERSON")],
                quotes=[Quote(kind="direct", content=_span(gt, "We could not take the risk,"),
                              speaker=_span(gt, "Mara Quill"), speaker_name="Mara Quill",
                              cue=_span(gt, "said"))],
                sources=[SourceRef(kind="according_to", span=_span(gt, "according to the fire service"),
                                   organization="fire service", chain=["fire service"])],
            ),
            courier.id: AnnotatedArticle(
                article=courier, sentences=_sentences(ct),
                hedges=[Hedge(start=ct.index("although"), end=ct.index("confirmed") + 9,
                              text="although this has not been confirmed", kind="unverified")],
                quotes=[Quote(kind="indirect", content=_span(ct, "Some 60 residents were evacuated"),
                              speaker=_span(ct, "the mayor"), speaker_name="Ivo Brandt")],
                # an annotation whose offsets run past the text: must be ignored, not crash
                entities=[EntityMention(start=len(ct) + 5, end=len(ct) + 50, text="bogus", label="ORG")],
            ),
        }
        self.story_list = [Story(id="s-tarnwick", label="Tarnwick bridge closure",
                                 article_ids=[gazette.id, courier.id], duplicate_ids=[copy.id],
                                 outlets=["Tarnwick Gazette", "Valley Courier"], contradictions=1,
                                 first_published=gazette.published, last_published=courier.published)]
        self.members = {"s-tarnwick": [gazette.id, courier.id]}
        self.briefs = {"s-tarnwick": self._tarnwick_brief(gazette, courier)}
        for i in range(extra_stories):  # filler for pagination, older than the main story
            sid = f"s-filler-{i:03d}"
            self.story_list.append(Story(id=sid, label=f"Filler story {i:03d} about the harbour",
                                         outlets=["North Post"], first_published=f"2026-01-{1 + i % 28:02d}",
                                         last_published=f"2026-01-{1 + i % 28:02d}"))
            self.members[sid] = []
            self.briefs[sid] = Brief(story=StoryInfo(headline=f"Filler {i}"))
        if hostile:
            self._add_hostile()

    def _tarnwick_brief(self, gazette: Article, courier: Article) -> Brief:
        def cite(a: Article, needle: str, sentence: int) -> Citation:
            return Citation(article_id=a.id, outlet=a.outlet, sentence=sentence, span=_span(a.text, needle))

        g40 = cite(gazette, "About 40 residents were evacuated", 2)
        c60 = cite(courier, "Some 60 residents were evacuated", 1)
        closed_g = cite(gazette, "The Tarnwick river bridge was closed on Tuesday", 0)
        closed_c = cite(courier, "Engineers shut the Tarnwick bridge on Tuesday", 0)
        return Brief(
            story=StoryInfo(
                headline="Tarnwick bridge closure",
                articles=[ArticleRef(id=a.id, outlet=a.outlet, title=a.title, published=a.published,
                                     url=a.url, source=a.source) for a in (gazette, courier)],
                outlets=["Tarnwick Gazette", "Valley Courier"],
                first_published=gazette.published, last_published=courier.published),
            entities=[Entity(id="e1", name="Mara Quill", label="PERSON", variants=["Mara Quill", "Quill"],
                             outlets=["Tarnwick Gazette"], descriptions=["the county engineer"],
                             quotes=[EntityQuote(text="We could not take the risk,",
                                                 citation=cite(gazette, "We could not take the risk,", 1))],
                             mentions=1),
                      Entity(id="e2", name="Ivo Brandt", label="PERSON",
                             variants=["Ivo Brandt", "Mayor Ivo Brandt", "the mayor"],
                             outlets=["Valley Courier"], mentions=2,
                             quotes=[EntityQuote(text="Some 60 residents were evacuated", kind="indirect",
                                                 citation=c60)])],
            source_nodes=[SourceNode(id=f"a:{gazette.id}", label=gazette.title, kind="article",
                                     article_id=gazette.id, outlet=gazette.outlet),
                          SourceNode(id=f"a:{courier.id}", label=courier.title, kind="article",
                                     article_id=courier.id, outlet=courier.outlet),
                          SourceNode(id="src:fire", label="fire service", kind="organization"),
                          SourceNode(id="src:brandt", label="Ivo Brandt", kind="person")],
            source_edges=[SourceEdge(source=f"a:{gazette.id}", target="src:fire", kind="according_to",
                                     citations=[g40]),
                          SourceEdge(source=f"a:{courier.id}", target="src:brandt", kind="quote",
                                     citations=[c60])],
            statements=[
                StatementGroup(id="st1", text="The Tarnwick bridge was closed on Tuesday.",
                               citations=[closed_g, closed_c], articles=[gazette.id, courier.id],
                               outlets=["Tarnwick Gazette", "Valley Courier"], independent_sources=2,
                               status="corroborated"),
                StatementGroup(id="st2", text="The crossing could reopen next month.",
                               citations=[cite(courier, "the crossing could reopen next month", 2)],
                               articles=[courier.id], outlets=["Valley Courier"], independent_sources=1,
                               status="hedged"),
            ],
            contradictions=[Contradiction(
                slot="number of residents evacuated", kind="number",
                sides=[ContradictionSide(value="40", citation=g40, text="About 40 residents were evacuated, "
                                         "according to the fire service."),
                       ContradictionSide(value="60", citation=c60, text="Some 60 residents were evacuated, "
                                         "the mayor said.")])],
            summary=[SummarySentence(text="The Tarnwick bridge was closed on Tuesday after engineers found "
                                     "a crack in a girder.", citations=[closed_g, closed_c])],
        )

    def _add_hostile(self) -> None:
        paragraphs = [f"Opening line {PAYLOAD} and more text.",
                      f'Click <a href="{JS_URL}">here</a> or <svg onload="alert(2)"></svg> now.']
        evil = Article(source=f"evil{PAYLOAD}.html", outlet=f"Evil {PAYLOAD} Outlet",
                       title=f"Title {PAYLOAD}", url=JS_URL, byline=PAYLOAD, published="2026-06-01", paragraphs=paragraphs,
                       removed=[RemovedBlock(text=PAYLOAD, reason=f"reason {PAYLOAD}")])
        text = evil.text
        self.articles_by_id[evil.id] = evil
        self.annotated_by_id[evil.id] = AnnotatedArticle(
            article=evil, sentences=_sentences(text),
            quotes=[Quote(kind="direct", content=_span(text, PAYLOAD), speaker_name=PAYLOAD,
                          speaker=_span(text, "Opening line"))],
            entities=[EntityMention(start=0, end=7, text="Opening", label=f"ORG{PAYLOAD}")])
        cit = Citation(article_id=evil.id, outlet=f"Evil {PAYLOAD} Outlet", sentence=0,
                       span=_span(text, PAYLOAD))
        sid = "s-hostile"
        self.story_list.insert(0, Story(id=sid, label=f"Hostile {PAYLOAD}", article_ids=[evil.id],
                                        outlets=[evil.outlet], first_published=evil.published,
                                        last_published=evil.published, top_terms=[PAYLOAD]))
        self.members[sid] = [evil.id]
        self.briefs[sid] = Brief(
            story=StoryInfo(headline=f"Hostile {PAYLOAD}",
                            articles=[ArticleRef(id=evil.id, outlet=evil.outlet, title=evil.title,
                                                 published=evil.published, url=JS_URL)],
                            outlets=[evil.outlet]),
            entities=[Entity(id="x", name=PAYLOAD, label="PERSON", variants=[PAYLOAD, JS_URL],
                             quotes=[EntityQuote(text=PAYLOAD, citation=cit)], outlets=[evil.outlet],
                             descriptions=[PAYLOAD])],
            source_nodes=[SourceNode(id=f"a:{evil.id}", label=PAYLOAD, kind="article", article_id=evil.id,
                                     outlet=evil.outlet),
                          SourceNode(id="src:x", label=PAYLOAD, kind="person")],
            source_edges=[SourceEdge(source=f"a:{evil.id}", target="src:x", kind=PAYLOAD, citations=[cit])],
            statements=[StatementGroup(id="x1", text=PAYLOAD, citations=[cit], outlets=[evil.outlet])],
            contradictions=[Contradiction(slot=PAYLOAD, kind="name", note=PAYLOAD, sides=[
                ContradictionSide(value=PAYLOAD, citation=cit, text=PAYLOAD),
                ContradictionSide(value=JS_URL, citation=cit, text=JS_URL)])],
            summary=[SummarySentence(text=PAYLOAD, citations=[cit])],
            warnings=[PAYLOAD])

    # --- the Corpus read API -------------------------------------------------------------------------

    def _filter(self, since, until, query):
        out = []
        for s in self.story_list:
            day = (s.last_published or "")[:10]
            if since and day < since:
                continue
            if until and (s.first_published or "")[:10] > until:
                continue
            if query:
                if query.startswith('"') and query.count('"') % 2:
                    raise StoreError("unbalanced quotes in the search")
                if query.lower() not in s.label.lower():
                    continue
            out.append(s)
        return sorted(out, key=lambda s: s.last_published or "", reverse=True)

    def stories(self, *, since=None, until=None, query=None, limit=20, offset=0) -> list[Story]:
        return self._filter(since, until, query)[offset:offset + limit]

    def count_stories(self, *, since=None, until=None, query=None) -> int:
        return len(self._filter(since, until, query))

    def story(self, story_id: str) -> Story:
        for s in self.story_list:
            if s.id == story_id:
                return s
        raise NotFoundError(f"no story {story_id}")

    def brief(self, story_id: str) -> Brief:
        self.story(story_id)
        return self.briefs[story_id]

    def articles(self, story_id: str) -> list[Article]:
        self.story(story_id)
        return [self.articles_by_id[i] for i in self.members[story_id]]

    def article(self, article_id: str) -> Article:
        try:
            return self.articles_by_id[article_id]
        except KeyError:
            raise NotFoundError(f"no article {article_id}") from None

    def annotated(self, article_id: str) -> AnnotatedArticle | None:
        self.article(article_id)
        return self.annotated_by_id.get(article_id)

    def duplicates_of(self, article_id: str) -> DuplicateGroup | None:
        self.article(article_id)
        return self.duplicate_groups.get(article_id)

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[Article]:
        hits = [a for a in self.articles_by_id.values() if q.lower() in a.text.lower()]
        return hits[offset:offset + limit]

    def stats(self) -> dict[str, int]:
        return {"articles": len(self.articles_by_id), "stories": len(self.story_list)}

    def ingest(self, paths, workers=1, nlp=True, names=None):
        self.ingested.append(list(paths))
        return IngestReport(paths=list(paths))

    def close(self) -> None:
        pass
