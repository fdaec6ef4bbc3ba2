"""Turning a spaCy ``Doc`` into storydesk records (character offsets, never token indexes).

Later steps (quotes, attributions, hedges, reconcile) read records, not Docs, so every offset here is a
character offset into the text the Doc was made from, shifted by ``offset`` when that text is a slice of
a longer article.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from storydesk.records.annotation import EntityMention, Sentence

__all__ = ["doc_entities", "doc_sentences", "doc_to_annotations", "doc_tokens"]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    # A sentence span ends after the trailing whitespace token spaCy keeps ("\n\n"); records point at
    # the words only.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def doc_sentences(doc: Doc, *, offset: int = 0) -> list[Sentence]:
    """Sentences of ``doc`` as records; a Doc without sentence boundaries is one sentence."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        spans = [doc[:]] if len(doc) else []
    else:
        spans = list(doc.sents)
    out = []
    for sent in spans:
        start, end = _trimmed(doc.text, sent.start_char, sent.end_char)
        if start < end:
            out.append(Sentence(start=start + offset, end=end + offset))
    return out


def doc_entities(doc: Doc, *, offset: int = 0) -> list[EntityMention]:
    """Named entities of ``doc`` (``doc.ents``) as records."""
    return [
        EntityMention(
            start=ent.start_char + offset,
            end=ent.end_char + offset,
            text=ent.text,
            label=ent.label_,
        )
        for ent in doc.ents
    ]


def doc_tokens(doc: Doc, *, offset: int = 0) -> list[dict[str, Any]]:
    """Tokens as plain dicts (start, end, text, lemma, pos, tag, dep, head): whitespace tokens skipped.

    ``head`` is the index of the head token in this list (itself for a root), so a consumer can walk the
    tree without a Doc.
    """
    kept = [t for t in doc if not t.is_space]
    index = {t.i: n for n, t in enumerate(kept)}
    return [
        {
            "start": t.idx + offset,
            "end": t.idx + len(t.text) + offset,
            "text": t.text,
            "lemma": t.lemma_,
            "pos": t.pos_,
            "tag": t.tag_,
            "dep": t.dep_,
            "head": index.get(t.head.i, n),
        }
        for n, t in enumerate(kept)
    ]


def doc_to_annotations(doc: Doc, *, offset: int = 0, tokens: bool = False) -> dict[str, Any]:
    """Sentences and entities of ``doc`` as records (plus tokens as dicts when ``tokens`` is true).

    Returns ``{"sentences": [Sentence], "entities": [EntityMention]}`` and ``"tokens"`` if asked; the
    record lists fit ``AnnotatedArticle(sentences=..., entities=...)`` directly.
    """
    out: dict[str, Any] = {
        "sentences": doc_sentences(doc, offset=offset),
        "entities": doc_entities(doc, offset=offset),
    }
    if tokens:
        out["tokens"] = doc_tokens(doc, offset=offset)
    return out
