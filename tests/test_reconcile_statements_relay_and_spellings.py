"""Statement alignment: a name spelt two ways ("Yury"/"Yuri") is one word once the entity step has
merged the two, and an outlet passing a fact on ("..., the agency reported") is not part of the fact.
Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities
from storydesk.reconcile.statements import (
    _name_spellings,
    _relaying_outlets,
    align_statements,
    build_units,
    similarity_matrix,
)

THRESHOLD = 0.4  # BriefOptions.min_statement_similarity's default
ENTS = [("Yuri Tallek", "PERSON"), ("Yury Tallek", "PERSON"), ("Tallek", "PERSON"),
        ("Brisk Line", "ORG"), ("Osterby", "GPE"), ("Gullmere Press Agency", "ORG"), ("GPA", "ORG")]
FILLER = ["Passengers queued at the terminal for replacement buses.",
          "The harbour cafe stayed open for stranded travellers.",
          "Talks with the operator are due to resume next week."]


def _story(first: list[str], second: list[str], second_quotes: list[dict] = ()):
    a = make_article("Gullmere Press Agency", "Ferry fire off Osterby", "2026-07-01T06:00:00",
                     first + FILLER[:2], entities=ENTS)
    b = make_article("Osterby Tidings", "Ferry fire", "2026-07-01T12:00:00", second + FILLER[1:],
                     entities=ENTS, quotes=list(second_quotes))
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate([a, b])]
    return views, reconcile_entities(views)


def _aligned(views, entities) -> tuple[float, bool]:
    units = build_units(views, entities)
    sim = similarity_matrix(units)
    (i,) = [k for k, u in enumerate(units) if (u.article, u.sentence) == (0, 0)]
    (j,) = [k for k, u in enumerate(units) if (u.article, u.sentence) == (1, 0)]
    groups = align_statements(units, sim, threshold=THRESHOLD)
    together = any({(u.article, u.sentence) for u in g.units} >= {(0, 0), (1, 0)} for g in groups)
    return float(sim[i, j]), together


RELAYED = "The captain, Yury Tallek, turned the ferry back towards port after the alarm was raised"


def test_one_fact_relayed_by_another_outlet_with_a_respelt_name_is_aligned():
    # the agency's own telling, a paper relaying the agency with the name spelt another way, and a
    # third outlet's telling: one fact, carried by all three
    ents = ENTS + [("Yuri Olegovich Tallek", "PERSON")]
    a = make_article("Gullmere Press Agency", "Ferry fire", "2026-07-01T06:00:00", [
        ("Its captain, Yuri Tallek, turned the ship back towards the harbour before ordering passengers to "
         "the muster stations."), *FILLER[:2]], entities=ents)
    b = make_article("Osterby Tidings", "Ferry fire", "2026-07-01T12:00:00",
                     [f"{RELAYED}, the Gullmere Press Agency reported."] + FILLER[1:], entities=ents,
                     quotes=[{"content": RELAYED, "kind": "indirect", "speaker": "the Gullmere Press Agency",
                              "speaker_name": "Gullmere Press Agency"}])
    c = make_article("Skerry Herald", "Ferry fire", "2026-07-01T14:00:00", [
        ("The ship's captain, Yuri Olegovich Tallek, turned the burning vessel back towards the harbour and "
         "ordered an evacuation."), *FILLER[:1]], entities=ents)
    views = [ArticleView(index=i, aa=x) for i, x in enumerate([a, b, c])]
    units = build_units(views, reconcile_entities(views))
    groups = align_statements(units, similarity_matrix(units), threshold=THRESHOLD)
    assert any({(u.article, u.sentence) for u in g.units} == {(0, 0), (1, 0), (2, 0)} for g in groups)


def test_a_respelt_name_word_reads_as_the_entity_name_word():
    views, entities = _story(["Yuri Tallek, the captain, stayed on the bridge."],
                             ["Yury Tallek, the captain, stayed on the bridge all night."])
    (tallek,) = [e for e in entities.entities if "Tallek" in e.name]
    assert {"Yuri Tallek", "Yury Tallek"} <= set(tallek.variants)
    # the sentence that spells it otherwise than the entity's name reads the entity's spelling
    other = 1 if tallek.name == "Yuri Tallek" else 0
    assert _name_spellings(views[other], entities) == {0: {"yury": "yuri"} if other else {"yuri": "yury"}}
    assert _name_spellings(views[1 - other], entities) == {}


def test_a_relaying_outlet_is_found_and_a_quoted_company_is_not():
    views, entities = _story(
        ["Brisk Line said the ship would stay in port."],
        ["The ship will stay in port, according to GPA.", "Brisk Line said the crew had trained well."],
        [{"content": "The ship will stay in port", "kind": "indirect", "speaker": "GPA", "speaker_name": "GPA"},
         {"content": "the crew had trained well", "kind": "indirect", "speaker": "Brisk Line",
          "speaker_name": "Brisk Line"}])
    relayed = _relaying_outlets(views[1], entities, frozenset({"gullmere press", "gpa", "osterby tidings"}))
    assert list(relayed) == [0]
    assert relayed[0] == {entities.resolve("GPA", 1)} != {None}


def test_two_facts_relayed_by_one_outlet_are_not_aligned_by_the_relay():
    views, entities = _story(
        ["Divers found a crack in the hull below the waterline, the agency reported."],
        ["The harbour cafe served soup to stranded travellers overnight, the agency reported."],
        [{"content": "The harbour cafe served soup to stranded travellers overnight", "kind": "indirect",
          "speaker": "the agency", "speaker_name": "Gullmere Press Agency"}])
    sim, together = _aligned(views, entities)
    assert not together and sim < THRESHOLD
