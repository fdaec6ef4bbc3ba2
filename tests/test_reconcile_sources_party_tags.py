"""A politician's party-and-state tag ("(D-Ga.)", ", R-Neb.,", ", Republican of Idaho,") gives no person and no source, whatever
the NER or the attribution step made of the state; nor does a pronoun taken for a name the article only
quotes (“K-Dollar”), or for a state written after its town ("Tarrow, Conn."). Fictional names."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import in_party_tag, party_tag_places


def test_party_tag_states_are_read():
    text = "Rep. Ann Vale (D-Ga.) and Sen. Ole Brisk, R-Neb., met Rep. Ida Moss (R-N.Y.) on Monday."
    assert party_tag_places(text) == {"ga", "neb", "n.y"}
    assert in_party_tag(text, text.index("Ga"), text.index("Ga") + 2)
    assert not in_party_tag(text, text.index("Ann"), text.index("Ann") + 3)


def test_a_party_tag_state_is_no_person_and_no_source():
    a = make_article("Marl Echo", "Budget", "2026-03-02", [
        "Rep. Ann Vale (D-Ga.) said the budget would pass. Sen. Ole Brisk (R-Neb.) disagreed, Brisk said.",
        "Ira Penn, Republican of Idaho, according to Republican of Idaho staff, stayed away."],
        entities=[("Ann Vale", "PERSON"), ("Ga", "PERSON"), ("Ole Brisk", "PERSON"), ("Neb", "PERSON"),
                  ("Brisk", "PERSON"), ("Republican of Idaho", "ORG"), ("Ira Penn", "PERSON")],
        quotes=[{"content": "the budget would pass", "kind": "indirect", "speaker": "Ga", "speaker_name": "Ga"}],
        sources=[{"text": "Brisk said", "kind": "quote", "person": "Neb"},
                 {"text": "according to Republican of Idaho staff", "organization": "Republican of Idaho"}])
    b = make_article("Valley Post", "Budget", "2026-03-02", [
        "Ann Vale said the budget would pass on Monday."], entities=[("Ann Vale", "PERSON")])
    brief = build_brief([a, b])
    assert not [e for e in brief.entities if e.name in {"Ga", "Neb", "Republican of Idaho"}]
    assert not [n for n in brief.source_nodes if n.label in {"Ga", "Neb", "Republican of Idaho"}]
    assert [e for e in brief.entities if e.name == "Ann Vale" and e.label == "PERSON"]


def test_a_pronoun_taken_for_a_quoted_name_or_a_state_is_no_source():
    a = make_article("Marl Echo", "Remarks", "2026-08-30", [
        "Governor Tam Rolle said dealers with names like “K-Dollar and Smoothie” came to the state.",
        "He later said he had misspoken. Most of them came from Tarrow, Conn., he told reporters."],
        entities=[("Tam Rolle", "PERSON"), ("Dollar", "PERSON"), ("Tarrow", "GPE"), ("Conn", "PERSON")],
        quotes=[{"content": "he had misspoken", "kind": "indirect", "speaker": "He", "speaker_name": "Dollar"},
                {"content": "Most of them came from Tarrow", "kind": "indirect", "speaker": "he",
                 "speaker_name": "Conn"}],
        sources=[{"text": "he told reporters", "kind": "told", "person": "Conn", "chain": ["Conn"]}])
    b = make_article("Valley Post", "Remarks", "2026-08-30", [
        "Tam Rolle said he had misspoken about the dealers."], entities=[("Tam Rolle", "PERSON")])
    brief = build_brief([a, b])
    labels = {n.label for n in brief.source_nodes}
    assert "Dollar" not in labels and "Conn" not in labels
    conn = [e for e in brief.entities if e.name == "Conn"]
    assert all(e.label != "PERSON" for e in conn)


def test_a_state_after_a_county_tagged_with_its_period_is_no_source():
    a = make_article("Marl Echo", "Suit", "2026-12-19", [
        "“It comes over the line every week,” said Sheriff Ada Hollis of Dorne County, Neb., on Friday.",
        "He said the state had been warned."],
        entities=[("Ada Hollis", "PERSON"), ("Neb.", "PERSON")],
        quotes=[{"content": "the state had been warned", "kind": "indirect", "speaker": "He", "speaker_name": "Neb"}])
    brief = build_brief([a])
    assert "Neb" not in {n.label for n in brief.source_nodes}
    assert all(e.label != "PERSON" for e in brief.entities if e.name == "Neb")
