"""News outlets in the entity list are news outlets, not just organisations: the story's own outlets
(also by acronym), known agencies, and names another article cites as an outlet. The JSON keeps the
label code and says so in ``news_outlet``; every rendering says "news outlet". Fictional names."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.render import render

ENTS = [("Gull Gazette", "ORG"), ("Brisk Line", "ORG"), ("Tallow Beacon", "ORG"), ("Hesk Wire", "ORG"),
        ("Reuters", "ORG"), ("Orla Venn", "PERSON"), ("Tallow", "GPE")]


def _story():
    a = make_article("Tallow Beacon", "Ferry fire off Tallow", "2026-06-01", [
        "A fire broke out on a Brisk Line ferry off Tallow on Monday, the Gull Gazette reported.",
        "Orla Venn, a passenger, said the alarm sounded late.",
        "According to the Hesk Wire, the ferry had been inspected in May.",
    ], entities=ENTS, quotes=[{"content": "the alarm sounded late", "kind": "indirect", "speaker": "Orla Venn",
                               "speaker_name": "Orla Venn"}],
        sources=[{"text": "the Gull Gazette reported", "kind": "reported", "organization": "Gull Gazette",
                  "chain": ["Gull Gazette"]},
                 {"text": "According to the Hesk Wire", "kind": "according_to", "organization": "Hesk Wire",
                  "chain": ["Hesk Wire"]}])
    b = make_article("Gull Gazette", "Tallow ferry fire", "2026-06-01", [
        "Fire broke out on a Brisk Line ferry off Tallow late on Monday, forcing passengers into lifeboats.",
        "Brisk Line said nobody was badly hurt, Reuters reported.",
    ], entities=ENTS)
    return build_brief([a, b])


def test_outlets_of_the_story_and_cited_outlets_are_news_outlets():
    brief = _story()
    kinds = {e.name: (e.label, e.news_outlet, e.kind_word) for e in brief.entities}
    assert kinds["Gull Gazette"] == ("ORG", True, "news outlet")  # an outlet of the story, cited by the other
    assert kinds["Hesk Wire"][1:] == (True, "news outlet")  # cited as an outlet, no article of its own here
    assert kinds["Reuters"][1:] == (True, "news outlet")  # a known agency
    assert kinds["Brisk Line"] == ("ORG", False, "organisation")
    assert kinds["Orla Venn"] == ("PERSON", False, "person")
    assert kinds["Tallow"][1] is False


def test_renderings_say_news_outlet_and_the_json_keeps_the_code():
    brief = _story()
    md = render(brief, "markdown")
    assert "**Gull Gazette** (news outlet;" in md
    assert "**Brisk Line** (organisation;" in md
    html = render(brief, "html")
    assert '<td><b>Gull Gazette</b></td><td data-label="type">news outlet</td>' in html
    data = brief.model_dump(mode="json")
    gazette = next(e for e in data["entities"] if e["name"] == "Gull Gazette")
    assert gazette["label"] == "ORG" and gazette["news_outlet"] is True
    line = next(e for e in data["entities"] if e["name"] == "Brisk Line")
    assert line["news_outlet"] is False


def test_an_agency_of_government_or_a_press_secretary_is_no_outlet():
    ents = [("Tallow Water Agency", "ORG"), ("Orla Venn", "PERSON"), ("Gull Gazette", "ORG")]
    a = make_article("Tallow Beacon", "Quay flood", "2026-06-01", [
        "The quay flooded on Monday, according to the Tallow Water Agency.",
        "The mayor's press secretary said the road would reopen on Friday.",
        "Orla Venn told the Gull Gazette that the pumps had failed.",
    ], entities=ents, sources=[
        {"text": "according to the Tallow Water Agency", "kind": "according_to",
         "organization": "Tallow Water Agency", "chain": ["Tallow Water Agency"]},
        {"text": "The mayor's press secretary said", "kind": "quote", "person": "The mayor's press secretary",
         "chain": ["The mayor's press secretary"]}])
    brief = build_brief([a])
    kinds = {n.label: n.kind for n in brief.source_nodes if n.kind != "article"}
    assert kinds["Tallow Water Agency"] == "organization"
    assert not [label for label, kind in kinds.items() if "press secretary" in label and kind == "outlet"]
    ents_by_name = {e.name: e for e in brief.entities}
    assert ents_by_name["Tallow Water Agency"].news_outlet is False
    assert ents_by_name["Tallow Water Agency"].kind_word == "organisation"
