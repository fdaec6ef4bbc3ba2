"""Small readers of an annotated Doc shared by the hedge tests (the conftest's ``nlp`` fixture gives the Doc)."""

from __future__ import annotations


def hedge_texts(doc) -> list[str]:
    """The text of every hedge cue the pipeline marked."""
    return [h.text for h in doc.spans["sd_hedges"]]


def sentence_status(doc, word: str) -> str:
    """The status (asserted / attributed / hedged / denied) of the one sentence that contains ``word``."""
    (row,) = [r for r in doc._.sd_sentence_status if word in doc.text[r[0]:r[1]]]
    return row[2]
