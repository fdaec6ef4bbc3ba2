"""The main event's "who" (reconcile/events.py): the people, organisations or groups of people the event
happened to or who did it, never a thing (a ship, a lorry) and never the source that told of it, over
hand-written fictional articles (records built by hand, no model)."""

from __future__ import annotations

import re

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.records import Quantity

_COUNTED = re.compile(r"\b(\d+) (people|passengers|workers|tonnes|flights)\b")


def _with_counts(aa):
    """Count quantities as the NLP stage records them ("14 people": the number, and the noun it counts)."""
    text = aa.article.text
    qs = [Quantity(start=m.start(1), end=m.end(1), text=m.group(1), kind="count", value=float(m.group(1)),
                   counted=m.group(2)) for m in _COUNTED.finditer(text)]
    return aa.model_copy(update={"quantities": qs})


def _said(content: str, speaker: str) -> dict:
    return {"content": content, "kind": "indirect", "speaker": speaker, "speaker_name": speaker}


def test_who_is_not_a_ship_named_in_the_main_sentence():
    ents = [("Aldous Grey", "PERSON"), ("Wrenmouth", "GPE"), ("Wrenmouth Coastguard", "ORG")]
    lead = ("Fire broke out on the ferry Aldous Grey off Wrenmouth on Sunday night, forcing 120 passengers "
            "into lifeboats and leaving 9 people to be winched off by helicopter, the Wrenmouth Coastguard said.")
    content = lead[:lead.index(", the Wrenmouth Coastguard")]
    a = make_article("Tidewater Wire", "Ferry fire off Wrenmouth", "2026-02-01", [
        lead, "The Aldous Grey was towed into the harbour on Monday."], entities=ents,
        quotes=[_said(content, "the Wrenmouth Coastguard")])
    b = make_article("Wrenmouth Gazette", "Ferry fire", "2026-02-01", [
        lead, "The Aldous Grey is the oldest ship of its line."], entities=ents,
        quotes=[_said(content, "the Wrenmouth Coastguard")])
    brief = build_brief([_with_counts(a), _with_counts(b)])
    who = brief.main_event["who"]
    assert who.text == "120 passengers; 9 people"
    assert "Aldous Grey" not in who.text and "Coastguard" not in who.text
    assert who.citation is not None and who.citation.sentence == 0


def test_who_is_not_the_police_who_reported_the_crash():
    ents = [("Hallow Road", "LOC"), ("Dunmere Police", "ORG")]
    lead = ("A lorry carrying 20 workers overturned on the Hallow Road early on Friday, injuring 6 people, "
            "Dunmere Police said.")
    content = lead[:lead.index(", Dunmere Police")]
    arts = [make_article(outlet, "Lorry overturns on Hallow Road", "2026-05-08", [
        lead, "The road was closed for five hours while the lorry was lifted."], entities=ents,
        quotes=[_said(content, "Dunmere Police")]) for outlet in ("Dunmere Echo", "Fenwick Daily")]
    brief = build_brief([_with_counts(x) for x in arts])
    who = brief.main_event["who"].text
    assert "Dunmere Police" not in who and "lorry" not in who
    assert who == "20 workers; 6 people"


def test_who_is_the_organisation_that_acted_not_the_agency_that_said_so():
    ents = [("Brackwater Mining Company", "ORG"), ("River Lune", "LOC"), ("Lune Valley Environment Agency", "ORG")]
    lead = ("Brackwater Mining Company dumped 300 tonnes of slurry into the River Lune on Tuesday, "
            "the Lune Valley Environment Agency said.")
    content = lead[:lead.index(", the Lune Valley")]
    arts = [make_article(outlet, "Slurry in the Lune", "2026-06-02", [
        lead, "Anglers reported dead fish for two miles downstream."], entities=ents,
        quotes=[_said(content, "the Lune Valley Environment Agency")]) for outlet in ("Lune Courier", "Valley Post")]
    brief = build_brief([_with_counts(x) for x in arts])
    assert brief.main_event["who"].text == "Brackwater Mining Company"


def test_a_speaker_who_tells_of_its_own_act_is_the_actor():
    ents = [("Velmar Airways", "ORG"), ("Ostby", "GPE")]
    lead = "Velmar Airways said on Monday that it had grounded its fleet at Ostby after a software failure."
    arts = [make_article(outlet, "Velmar grounds fleet", "2026-03-09", [lead, "Queues formed at the terminal."],
                         entities=ents, quotes=[_said("it had grounded its fleet at Ostby after a software failure",
                                                      "Velmar Airways")])
            for outlet in ("Ostby Herald", "Skyline News")]
    brief = build_brief(arts)
    assert brief.main_event["who"].text == "Velmar Airways"


def test_who_is_not_an_organisation_whose_short_name_heads_a_place():
    # "Venn" of "the Venn river" joins the entity "Venn Rescue Service" by its short name; the river is
    # not who the flood happened to
    ents = [("Venn", "ORG"), ("Brackwater", "GPE"), ("Venn Rescue Service", "ORG")]
    lead = "The Venn river burst its banks in Brackwater on Monday night, forcing 40 people from their homes."
    arts = [make_article(outlet, "Flood in Brackwater", "2026-03-09", [
        lead, "The Venn Rescue Service sent four boats to the town."], entities=ents)
        for outlet in ("Brackwater Echo", "Lune Valley Post")]
    brief = build_brief([_with_counts(x) for x in arts])
    who = brief.main_event["who"].text
    assert "Venn" not in who
    assert who == "40 people"
