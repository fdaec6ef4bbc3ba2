"""Statement alignment looks at what a sentence says more than at who says it: a long description of a
speaker both outlets repeat does not make two things he said one fact, while a spokesman's words and his
body's own align. Fictional story."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Grenmoor Port Authority", "ORG"), ("Velka Ferries", "ORG"), ("Ansa Brell", "PERSON"),
        ("University of Tarn", "ORG")]


def test_two_things_one_described_expert_said_are_two_facts():
    desc = "a naval engineer at the University of Tarn who has studied fires on roll-on ferries"
    a = make_article("Tarn Wire", "Expert view", "2026-06-01T08:00:00", [
        "The ferry ran aground off Ostrel on Sunday and 140 passengers were taken off in lifeboats.",
        f"Ansa Brell, {desc}, said the evacuation had been quick.",
        "Velka Ferries said the crossing would resume on Tuesday.",
    ], entities=ENTS, quotes=[{"content": "the evacuation had been quick", "kind": "indirect", "speaker": "Ansa Brell",
                               "speaker_name": "Ansa Brell", "description": desc}])
    b = make_article("Ostrel Beacon", "Old ferries", "2026-06-01T18:00:00", [
        "All 140 passengers were taken off in lifeboats after the ferry ran aground on Sunday.",
        f"Ansa Brell, {desc}, warned that older ferries shared the same weakness.",
        "The crossing is due to resume on Tuesday, Velka Ferries said.",
    ], entities=ENTS, quotes=[{"content": "older ferries shared the same weakness", "kind": "indirect",
                               "speaker": "Ansa Brell", "speaker_name": "Ansa Brell", "description": desc}])
    brief = build_brief([a, b])
    assert not [s for s in brief.statements if len(s.articles) == 2 and "Ansa Brell" in s.text]
    # the facts both report still align
    assert [s for s in brief.statements if len(s.articles) == 2 and "lifeboats" in s.text]


def test_a_spokesman_and_his_body_saying_one_thing_align():
    a = make_article("Tarn Wire", "Crossings cut", "2026-06-01T08:00:00", [
        "Velka Ferries runs the crossing.",
        "A company spokesman said every crossing to Ostrel would stay cancelled until Tuesday.",
    ], entities=ENTS, sources=[{"text": "A company spokesman", "kind": "quote", "organization": "company spokesman",
                                "chain": ["company spokesman"]}],
        quotes=[{"content": "every crossing to Ostrel would stay cancelled until Tuesday", "kind": "indirect",
                 "speaker": "A company spokesman", "speaker_name": "company spokesman"}])
    b = make_article("Ostrel Beacon", "Crossings cut", "2026-06-01T18:00:00", [
        "Velka Ferries said every crossing to Ostrel would stay cancelled until Tuesday.",
    ], entities=ENTS, sources=[{"text": "Velka Ferries said", "kind": "quote", "organization": "Velka Ferries",
                                "chain": ["Velka Ferries"]}],
        quotes=[{"content": "every crossing to Ostrel would stay cancelled until Tuesday", "kind": "indirect",
                 "speaker": "Velka Ferries", "speaker_name": "Velka Ferries"}])
    brief = build_brief([a, b])
    (st,) = [s for s in brief.statements if "cancelled until Tuesday" in s.text and len(s.articles) == 2]
    assert st.independent_sources == 1  # the spokesman speaks for the company
