"""The descriptions of an entity as the brief lists them: each once, the fullest kept. Fictional names."""

from __future__ import annotations

from storydesk.reconcile.entities import tidy_descriptions


def test_descriptions_are_shown_once_each_and_the_fullest_kept():
    assert tidy_descriptions(["Harbour master", "the Orrin harbour master", "the harbour master", "master"]) == [
        "the Orrin harbour master"]
    assert tidy_descriptions(["The captain", "Its captain", "a Hesk Islander in his fifties"]) == [
        "the captain", "a Hesk Islander in his fifties"]
    assert tidy_descriptions(["a naval engineer", "a naval engineer at Orrin University", "Hero skipper"]) == [
        "a naval engineer at Orrin University", "Hero skipper"]


def test_a_headline_style_label_before_a_name_is_not_a_description():
    from storydesk.reconcile.entities import trim_epithet

    texts = ["Hero skipper Orrin Vale, 54, was the last man off. Harbour master Tam Brock said the crew did well.",
             "The Lerberg tour operator said bookings fell. Later the harbour master spoke again."]
    assert trim_epithet("Hero skipper", texts) == "skipper"  # a label: nothing ties "hero" to the role
    assert trim_epithet("Harbour master", texts) == "Harbour master"  # "the harbour master" elsewhere
    assert trim_epithet("Lerberg tour operator", texts) == "Lerberg tour operator"  # a name word
    assert trim_epithet("Deputy minister", texts) == "Deputy minister"  # a title word
    assert trim_epithet("Maritime Minister", texts) == "Maritime Minister"  # title case: a title
    assert trim_epithet("the captain", texts) == "the captain"
    assert trim_epithet("Councillor", texts) == "Councillor"


def test_the_entity_list_keeps_the_role_and_drops_the_label():
    from reconcile_fixtures import make_article

    from storydesk.reconcile.brief import build_brief

    ents = [("Orrin Vale", "PERSON"), ("Tam Brock", "PERSON")]
    a = make_article("Tallow Beacon", "Ferry fire", "2026-06-01", [
        "The captain, Orrin Vale, turned the ferry back to port.",
        "Hero skipper Orrin Vale, 54, was the last man off the ship.",
        "Harbour master Tam Brock said the crew had done well.",
        "The harbour master said the quay was ready.",
    ], entities=ents, quotes=[{"content": "the crew had done well", "kind": "indirect", "speaker": "Tam Brock",
                               "speaker_name": "Tam Brock", "description": "Harbour master"}])
    desc = {e.name: e.descriptions for e in build_brief([a]).entities}
    assert "Hero skipper" not in desc["Orrin Vale"] and "the captain" in desc["Orrin Vale"]
    assert "skipper" in desc["Orrin Vale"]
    assert "Harbour master" in desc["Tam Brock"]
