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
