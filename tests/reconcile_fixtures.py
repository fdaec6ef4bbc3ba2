"""Hand-built annotated articles for the reconcile and render tests (a fictional flood story).

``make_article`` finds each listed entity string in the text and records its mentions, splits sentences,
and marks the sentences containing a hedge or denial phrase, so that a fixture reads like the article.
"""

from __future__ import annotations

import re

from storydesk.records import (
    AnnotatedArticle,
    Article,
    EntityMention,
    Hedge,
    Quote,
    Sentence,
    SourceRef,
    Span,
)


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^.!?\n]+(?:[.!?]+[\"”]?|$)", text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        if b > a:
            out.append((a, b))
    return out


def make_article(outlet: str, title: str, published: str, paragraphs: list[str], *,
                 entities: list[tuple[str, str]] = (), quotes: list[dict] = (),
                 sources: list[dict] = (), hedges: list[tuple[str, str]] = (),
                 byline: str | None = None) -> AnnotatedArticle:
    art = Article(source=f"{outlet.lower().replace(' ', '_')}.txt", outlet=outlet, title=title,
                  published=published, paragraphs=paragraphs, byline=byline, language="en")
    text = art.text
    bounds = _sentences(text)

    def sent_of(pos: int) -> int | None:
        for i, (a, b) in enumerate(bounds):
            if a <= pos < b:
                return i
        return None

    mentions = []
    for surface, label in entities:
        for m in re.finditer(r"(?<![\w])" + re.escape(surface) + r"(?![\w])", text):
            if any(e.start <= m.start() < e.end or m.start() <= e.start < m.end() for e in mentions):
                continue
            mentions.append(EntityMention(start=m.start(), end=m.end(), text=surface, label=label))
    mentions.sort(key=lambda e: e.start)
    hedge_recs = []
    statuses = {}
    for phrase, kind in hedges:
        i = text.find(phrase)
        assert i >= 0, phrase
        si = sent_of(i)
        hedge_recs.append(Hedge(start=i, end=i + len(phrase), text=phrase, kind=kind, sentence=si))
        statuses[si] = "denied" if kind == "denial" else "hedged"
    sentences = [Sentence(start=a, end=b, status=statuses.get(i, "asserted")) for i, (a, b) in enumerate(bounds)]
    quote_recs = []
    for q in quotes:
        i = text.find(q["content"])
        assert i >= 0, q["content"]
        speaker = None
        if q.get("speaker"):
            j = text.find(q["speaker"], i + len(q["content"]))
            j = j if j >= 0 else text.find(q["speaker"])
            speaker = Span(start=j, end=j + len(q["speaker"]), text=q["speaker"])
        quote_recs.append(Quote(kind=q.get("kind", "direct"),
                                content=Span(start=i, end=i + len(q["content"]), text=q["content"]),
                                speaker=speaker, speaker_name=q.get("speaker_name"),
                                speaker_description=q.get("description"), via=q.get("via", []),
                                sentence=sent_of(i)))
    source_recs = []
    for s in sources:
        i = text.find(s["text"])
        assert i >= 0, s["text"]
        source_recs.append(SourceRef(kind=s.get("kind", "according_to"),
                                     span=Span(start=i, end=i + len(s["text"]), text=s["text"]),
                                     person=s.get("person"), organization=s.get("organization"),
                                     chain=s.get("chain", []), sentence=sent_of(i)))
    return AnnotatedArticle(article=art, pipeline="hand-made", sentences=sentences, entities=mentions,
                            quotes=quote_recs, sources=source_recs, hedges=hedge_recs)


ENTS = [
    ("Mikhail Sergeyevich Orlov", "PERSON"), ("Mikhail Orlov", "PERSON"), ("Mikhail Orlow", "PERSON"),
    ("Orlov", "PERSON"), ("Orlow", "PERSON"), ("Chen Wei", "PERSON"), ("Wei Chen", "PERSON"),
    ("Hanna Keel", "PERSON"), ("Keel", "PERSON"), ("Regional Water Authority", "ORG"), ("RWA", "ORG"),
    ("Harbor Wire", "ORG"), ("Lake Dorin", "LOC"), ("Tessby", "GPE"), ("Saint Ives Clinic", "FAC"),
]


def flood_story() -> list[AnnotatedArticle]:
    """Four articles: A (Tribune), B (Ledger) and C (Post) report; D copies A word for word."""
    a = make_article("Valley Tribune", "Dam breach floods Tessby; 32 evacuated", "2026-04-07T08:00:00", [
        ("TESSBY, April 7 - A dam on Lake Dorin gave way early on Tuesday, flooding dozens of homes in "
        "Tessby and forcing 32 people from their houses, the Regional Water Authority (RWA) said."),
        "A girl aged 10 was taken to the Saint Ives Clinic with a broken arm.",
        ("Interior Minister Hanna Keel visited the town in the afternoon. \"We will rebuild every street,\" "
        "the minister said."),
        ("Mikhail Sergeyevich Orlov, an engineer at the RWA, said the spillway gates had failed. Orlov "
        "said repairs would take months."),
        "The dam was poorly maintained for years, residents said.",
    ], entities=ENTS, byline="By Tove Lind", quotes=[
        {"content": "We will rebuild every street,", "speaker": "the minister", "speaker_name": None},
        {"content": "the spillway gates had failed", "kind": "indirect", "speaker": "Mikhail Sergeyevich Orlov",
         "speaker_name": "Mikhail Sergeyevich Orlov"},
    ], sources=[{"text": "the Regional Water Authority (RWA) said", "kind": "according_to",
                 "organization": "Regional Water Authority"}])
    b = make_article("Mountain Ledger", "Tessby flooded after dam fails", "2026-04-07T11:30:00", [
        ("A dam on Lake Dorin gave way early on Wednesday, flooding 48 homes in Tessby and forcing "
        "32 people from their houses, according to the Harbor Wire."),
        "The 12-year-old girl was taken to the Saint Ives Clinic with a broken arm, the Harbor Wire reported.",
        "Mikhail Orlov, an engineer at the water authority, said the spillway gates had failed.",
        "Wei Chen, who runs a bakery on the main street, said the water rose within minutes.",
    ], entities=ENTS, quotes=[
        {"content": "the spillway gates had failed", "kind": "indirect", "speaker": "Mikhail Orlov",
         "speaker_name": "Mikhail Orlov"},
    ], sources=[
        {"text": "according to the Harbor Wire", "organization": "Harbor Wire"},
        {"text": "the Harbor Wire reported", "kind": "reported", "organization": "Harbor Wire"},
    ])
    c = make_article("Lakeside Post", "Dam gives way at Lake Dorin", "2026-04-08T07:00:00", [
        ("A dam on Lake Dorin gave way on Tuesday, forcing 32 people from their houses in Tessby, "
        "the Harbor Wire reported."),
        "Chen Wei, a baker, said the water rose within minutes.",
        "Mikhail Orlow of the Regional Water Authority said the spillway gates had failed.",
        "The dam may have been poorly maintained, according to unconfirmed reports.",
    ], entities=ENTS, quotes=[
        {"content": "the water rose within minutes", "kind": "indirect", "speaker": "Chen Wei",
         "speaker_name": "Chen Wei"},
        {"content": "the spillway gates had failed", "kind": "indirect", "speaker": "Mikhail Orlow",
         "speaker_name": "Mikhail Orlow"},
    ], sources=[{"text": "the Harbor Wire reported", "kind": "reported", "organization": "Harbor Wire"}],
        hedges=[("may have been", "hedge")])
    d = make_article("Evening Courier", "Dam breach floods Tessby; 32 evacuated", "2026-04-07T09:00:00",
                     a.article.paragraphs[:4], entities=ENTS)
    return [a, b, c, d]


def script_story() -> list[AnnotatedArticle]:
    """Two small articles whose text carries markup that must never reach HTML unescaped."""
    a = make_article("Evil <Outlet>", "<script>alert('t')</script> headline", "2026-01-02", [
        "The council said <script>alert('x')</script> that the road will close on Monday.",
        "Residents of Brackwater objected to the closure of the road.",
    ], entities=[("Brackwater", "GPE")])
    b = make_article("Quiet Gazette", "Road to close", "2026-01-03", [
        "The council said the road will close on Monday.",
        "Residents of Brackwater objected to the closure of the road at a meeting.",
    ], entities=[("Brackwater", "GPE")])
    return [a, b]
