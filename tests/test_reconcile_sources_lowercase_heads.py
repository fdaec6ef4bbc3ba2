"""A cited "name" headed by a lower-case noun (reconcile/sources.py, EntityIndex.is_no_name): the NLP stage
takes "The Marl campaign" or "the Valley primary" for a speaker's name. A body's noun makes it an
organisation, a document's noun a document, a happening's noun no source at all; a noun for people stays
a person. Fictional outlets and people."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.entities import common_head

ENTS = [("Ada Marl", "PERSON"), ("Marl", "PERSON"), ("Tarn", "GPE")]


def _q(content: str, speaker: str) -> dict:
    return {"content": content, "kind": "indirect", "speaker": speaker, "speaker_name": speaker}


def _kinds(paragraphs: list[str], quotes: list[dict]) -> dict[str, str]:
    arts = [make_article(outlet, "Marl's run", "2026-03-04", paragraphs, entities=ENTS, quotes=quotes)
            for outlet in ["Marl Echo", "Valley Post"]]
    brief = build_brief(arts)
    return {n.label.lower(): n.kind for n in brief.source_nodes if n.kind != "article"}


def test_sources_a_body_cited_by_its_noun_is_an_organisation():
    kinds = _kinds(["Senator Ada Marl of Tarn filed her papers on Monday.",
                    "The Marl campaign said the filing would come with a new television ad."],
                   [_q("the filing would come with a new television ad", "Marl campaign")])
    assert kinds.get("marl campaign") == "organization"


def test_sources_a_document_cited_by_its_lower_case_noun_is_a_document():
    kinds = _kinds(["Senator Ada Marl of Tarn filed her papers on Monday.",
                    "Another security review found that guards had warned about the gate for weeks."],
                   [_q("that guards had warned about the gate for weeks", "Another security review")])
    assert kinds.get("another security review") == "document"


def test_sources_a_happening_cited_as_a_name_is_no_source():
    kinds = _kinds(["Senator Ada Marl of Tarn filed her papers on Monday.",
                    "The winner of the Tarn primary, many expect, will face a hard race in the autumn."],
                   [_q("will face a hard race in the autumn", "Tarn primary")])
    assert "tarn primary" not in kinds and all(k != "person" for lab, k in kinds.items() if "primary" in lab)


def test_sources_people_cited_by_their_noun_stay_people():
    kinds = _kinds(["Senator Ada Marl of Tarn filed her papers on Monday.",
                    "Tarn conservatives said the filing came too late to matter."],
                   [_q("the filing came too late to matter", "Tarn conservatives")])
    assert kinds.get("tarn conservatives") == "person"


def test_common_head_reads_the_case_of_the_head_noun():
    assert common_head("Marl campaign") == "campaign"
    assert common_head("the winner of the Tarn primary") == "winner"
    assert common_head("Bank of Tarn") is None and common_head("Ada Marl") is None
