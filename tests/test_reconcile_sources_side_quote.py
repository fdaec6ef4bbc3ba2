"""A statement hanging off a sentence by an -ing cue ("... before ordering the deckhands to the bow") does
not make its speaker the source of the whole sentence; a speaker's own "said" sentence still is theirs.
Fictional story."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities
from storydesk.reconcile.sources import analyse_sources
from storydesk.records import Quote, Span


def _with_cue(aa, cue: str):
    text = aa.article.text
    quotes = []
    for q in aa.quotes:
        i = text.find(cue, q.speaker.end if q.speaker else 0)
        quotes.append(q.model_copy(update={"cue": Span(start=i, end=i + len(cue), text=cue)})
                      if q.content.text.startswith(("the deckhands", "the engine")) and i >= 0 else q)
    return aa.model_copy(update={"quotes": quotes})


def _origins():
    aa = make_article("Brackwater Echo", "Tug turns back", "2025-08-02", [
        "The pilot, Arne Voss, turned the tug around before ordering the deckhands to the bow.",
        "Arne Voss said the engine had stalled.",
    ], entities=[("Arne Voss", "PERSON")], quotes=[
        {"kind": "indirect", "content": "the deckhands to the bow", "speaker": "The pilot",
         "speaker_name": "Arne Voss"},
    ])
    aa = _with_cue(aa, "ordering")
    text = aa.article.text
    i = text.find("the engine had stalled")
    j = text.find("Arne Voss said")
    said = Quote(kind="indirect", content=Span(start=i, end=i + 22, text="the engine had stalled"),
                 cue=Span(start=j + 10, end=j + 14, text="said"), speaker=Span(start=j, end=j + 9, text="Arne Voss"),
                 speaker_name="Arne Voss", sentence=1)
    aa = aa.model_copy(update={"quotes": [*aa.quotes, said]})
    views = [ArticleView(index=0, aa=aa)]
    analysis = analyse_sources(views, reconcile_entities(views), [])
    return analysis, views[0]


def test_side_statement_speaker_is_not_the_sentence_source():
    analysis, v = _origins()
    first = analysis.origins[(0, v.sentence_of(0))]
    second = analysis.origins[(0, v.sentence_of(v.text.find("Arne Voss said")))]
    voss = second - first
    assert voss and any("voss" in analysis.labels.get(k, k).lower() for k in voss)
    assert not any("voss" in analysis.labels.get(k, k).lower() for k in first)


def test_a_ship_or_a_common_word_is_no_source():
    aa = make_article("Brackwater Echo", "Tug sinks", "2025-08-03", [
        "The tug Kestrel Dawn sank off Brackwater on Sunday. The Kestrel Dawn was built in 1990.",
        "Footage released by the harbour board showed the Kestrel Dawn listing.",
        "The owner, Ilse Marten, said the crew were safe. He denied that the pumps had failed.",
    ], entities=[("Kestrel Dawn", "PERSON"), ("Footage", "PERSON"), ("Ilse Marten", "PERSON"),
                 ("Brackwater", "GPE")], quotes=[
        {"kind": "indirect", "content": "the harbour board showed the Kestrel Dawn listing", "speaker": "Footage",
         "speaker_name": "Footage"},
        {"kind": "indirect", "content": "the crew were safe", "speaker": "The owner", "speaker_name": "Ilse Marten"},
        {"kind": "indirect", "content": "that the pumps had failed", "speaker": "He", "speaker_name": "Kestrel Dawn"},
    ])
    views = [ArticleView(index=0, aa=aa)]
    index = reconcile_entities(views)
    analysis = analyse_sources(views, index, [])
    labels = {n.label for n in analysis.nodes if n.kind != "article"}
    assert "Ilse Marten" in labels
    assert not labels & {"Kestrel Dawn", "Footage"}
    ship = [e for e in index.entities if e.name == "Kestrel Dawn"]
    assert ship and ship[0].label != "PERSON" and ship[0].quotes == []
