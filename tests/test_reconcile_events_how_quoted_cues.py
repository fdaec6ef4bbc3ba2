"""The main event's How (reconcile/events.py) is the outlet's account of the manner: a cue inside someone's
quoted words ('"... help ourselves by putting people back to work!"') or a line introducing a quotation
("Read the full speech via the Herald:") gives none. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Tomas Brandt", "PERSON"), ("Kessel", "GPE")]


def _how(more: list[str]):
    arts = [make_article(outlet, "Brandt speaks", "2026-05-06",
                         ["Mayor Tomas Brandt opened the new harbour in Kessel on Wednesday.", *more], entities=ENTS)
            for outlet in ["Marl Echo", "Valley Post"]]
    return build_brief(arts).main_event.get("how")


def test_how_is_no_cue_inside_a_quotation():
    how = _how(["\u201cWe trust the town,\u201d Brandt said, \u201cbut the town must help itself by putting "
                "people back to work!\u201d"])
    assert how is None or "putting people back" not in how.text


def test_how_is_no_line_that_introduces_a_quotation():
    how = _how(["Read the full speech via the Kessel Herald:"])
    assert how is None or "full speech" not in how.text


def test_how_is_the_outlets_own_account_of_the_manner():
    how = _how(["Brandt opened the harbour by cutting a rope with a ceremonial axe."])
    assert how is not None and "cutting a rope" in how.text
