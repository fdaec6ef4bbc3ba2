"""A short name that always heads a place word ("the Kessel river") names the place: it does not join
the longer organisation named after it ("Kessel Mountain Rescue"). Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities

ENTS = [("Kessel Mountain Rescue", "ORG"), ("Kessel", "ORG")]


def _index(*texts):
    arts = [make_article(f"Outlet {i}", "Flood report", "2026-04-02", [t], entities=ENTS)
            for i, t in enumerate(texts)]
    return reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(arts)])


def test_short_name_heading_a_river_stays_out_of_the_organisation():
    index = _index("The Kessel river burst its banks near Orrin on Sunday. Forty people were moved to "
                   "safety, Kessel Mountain Rescue said.",
                   "Kessel Mountain Rescue said the water was falling, and the Kessel valley road reopened.")
    by_name = {e.name: e for e in index.entities}
    assert by_name["Kessel Mountain Rescue"].variants == ["Kessel Mountain Rescue"]
    assert by_name["Kessel Mountain Rescue"].label == "ORG"
    assert by_name["Kessel"].label in {"LOC", "GPE", "FAC"}


def test_short_name_used_alone_still_joins_the_organisation():
    index = _index("Kessel Mountain Rescue moved forty people to safety on Sunday. Kessel said its teams "
                   "would stay overnight.",
                   "Kessel Mountain Rescue said the water was falling near the Kessel river.")
    # one mention of "Kessel" is the organisation's ("Kessel said its teams"): not every use is a place
    (rescue,) = [e for e in index.entities if e.name == "Kessel Mountain Rescue"]
    assert "Kessel" in rescue.variants
