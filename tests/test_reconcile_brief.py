"""The cross-source brief on a hand-built fictional story (tests/reconcile_fixtures.py)."""

from __future__ import annotations

import jsonschema
import pytest
from reconcile_fixtures import flood_story, make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.contradictions import values_from_text
from storydesk.reconcile.entities import person_tokens, persons_compatible, translit_key
from storydesk.reconcile.sources import count_independent
from storydesk.records import brief_json_schema


@pytest.fixture(scope="module")
def brief():
    return build_brief(flood_story())


def _entity(brief, name):
    hits = [e for e in brief.entities if name in e.variants]
    assert len(hits) == 1, (name, [e.variants for e in brief.entities])
    return hits[0]


def test_brief_validates_against_schema(brief):
    jsonschema.validate(brief.model_dump(mode="json"), brief_json_schema())


def test_name_variants_merge_into_one_person(brief):
    orlov = _entity(brief, "Mikhail Orlov")
    assert {"Mikhail Sergeyevich Orlov", "Mikhail Orlow", "Orlov"} <= set(orlov.variants)
    assert len(orlov.outlets) >= 3
    assert _entity(brief, "Chen Wei") is _entity(brief, "Wei Chen") or \
        _entity(brief, "Chen Wei").id == _entity(brief, "Wei Chen").id


def test_acronym_links_to_expansion(brief):
    rwa = _entity(brief, "Regional Water Authority")
    assert "RWA" in rwa.acronyms


def test_role_reference_gives_quote_speaker(brief):
    keel = _entity(brief, "Hanna Keel")
    assert any("rebuild every street" in q.text for q in keel.quotes)
    assert any("minister" in d.lower() for d in keel.descriptions)


def test_planted_contradictions_found(brief):
    kinds = {(c.kind, frozenset(s.value for s in c.sides)) for c in brief.contradictions}
    assert any(k == "weekday" and {"Tuesday", "Wednesday"} <= v for k, v in kinds)
    assert any(k == "age" and {"aged 10", "12-year-old"} <= v for k, v in kinds)
    assert any(k == "status" for k, _ in kinds)


def test_compatible_values_are_details_not_contradictions(brief):
    values = [{s.value for s in c.sides} for c in brief.contradictions]
    assert not any({"dozens", "48"} <= v for v in values)
    assert any({"dozens", "48"} <= {s.value for s in c.sides} for c in brief.differences_in_detail)


def test_name_order_is_not_a_contradiction(brief):
    assert not any("Chen" in c.slot or "Wei" in c.slot for c in brief.contradictions)


def test_copies_and_shared_wire_are_not_independent(brief):
    reasons = {d.reason for d in brief.dependencies}
    assert reasons == {"syndicated-copy", "shared-source"}
    copy = next(a for a in brief.story.articles if a.outlet == "Evening Courier")
    assert copy.copy_of is not None
    # the lead fact: Tribune (own, via the authority) + Ledger/Post (both on the Harbor Wire) = 2
    lead = next(g for g in brief.statements if "gave way" in g.text and len(g.articles) >= 3)
    assert lead.independent_sources == 2
    # the engineer's words rest on him alone, however many outlets repeat them
    spill = next(g for g in brief.statements if "spillway" in g.text)
    assert len(spill.outlets) >= 3 and spill.independent_sources == 1


def test_single_outlet_and_summary_are_cited(brief):
    assert "Valley Tribune" in brief.single_outlet
    assert 4 <= len(brief.summary) <= 8
    sentences = {a.id: a.sentences for a in brief.story.articles}
    for s in brief.summary:
        assert s.citations
        assert any(s.text.rstrip(".") in sentences[c.article_id][c.sentence] for c in s.citations)


def test_main_event_answers_cite_sentences(brief):
    assert {"what", "when", "where"} <= set(brief.main_event)
    assert brief.main_event["when"].text == "Tuesday"


def test_count_independent_merges_shared_origins():
    n, _ = count_independent([frozenset({"a"}), frozenset({"a", "b"}), frozenset({"c"})])
    assert n == 2


def test_person_name_helpers():
    assert translit_key("Dmitri") == translit_key("Dmitry")
    assert persons_compatible(person_tokens("Dmitri Olegovich Sarkanov"), person_tokens("Dmitry Sarkanov"))
    assert not persons_compatible(person_tokens("Anna Petrova"), person_tokens("Anna Petrov"))
    assert not persons_compatible(person_tokens("John Smith"), person_tokens("Jane Smith"))


def test_value_extraction_ranges():
    aa = make_article("X", "t", "2026-01-01", ["A man in his late thirties and about 200 people, aged 10."])
    v = ArticleView(index=0, aa=aa)
    vals = values_from_text(v, 0, len(v.text), 2026)
    ages = [x for x in vals if x.kind == "age"]
    assert any(x.low == 36 and x.high == 39 for x in ages)
    assert any(x.exact == 10 for x in ages)
    assert any(x.kind == "count" and x.low is not None and x.low < 200 < x.high for x in vals)


def test_one_article_and_empty_input_do_not_crash():
    one = build_brief(flood_story()[:1])
    assert one.warnings
    empty = build_brief([])
    assert empty.story.articles == [] and empty.statements == []


def test_every_sentence_of_a_multi_sentence_quote_rests_on_its_speaker():
    ents = [("Hanna Keel", "PERSON"), ("Keel", "PERSON"), ("Lake Dorin", "LOC")]
    a = make_article("Valley Tribune", "Minister visits Lake Dorin", "2026-04-07T08:00:00", [
        "Interior Minister Hanna Keel visited Lake Dorin on Tuesday.",
        "Keel said: \"The gates failed in the night. We are checking every dam on Lake Dorin this week.\"",
    ], entities=ents, quotes=[{"content": "The gates failed in the night. We are checking every dam on "
                                          "Lake Dorin this week.", "speaker": "Keel", "speaker_name": "Hanna Keel"}])
    b = make_article("Mountain Ledger", "Keel: every dam to be checked", "2026-04-07T10:00:00", [
        "\"We are checking every dam on Lake Dorin this week,\" Hanna Keel said on Tuesday.",
    ], entities=ents, quotes=[{"content": "We are checking every dam on Lake Dorin this week,",
                               "speaker": "Hanna Keel", "speaker_name": "Hanna Keel"}])
    result = build_brief([a, b])
    check = next(g for g in result.statements if "checking every dam" in g.text and len(g.articles) == 2)
    assert check.independent_sources == 1
    assert "Hanna Keel" in check.original_sources[0]


def test_a_bare_description_resolves_to_the_one_organisation_it_names():
    from storydesk.reconcile.entities import reconcile_entities

    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate(flood_story())]
    index = reconcile_entities(views)
    rwa = index.resolve("Regional Water Authority")
    assert rwa is not None
    assert index.resolve("the authority", 0) == rwa
    assert index.resolve("the clinic", 0) is None  # a place, not an organisation
    assert index.resolve("the spokesman", 0) is None
