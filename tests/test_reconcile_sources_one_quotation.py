"""Fact-checker's independence: outlets quoting the same words quote one speaker, whoever each credits;
an outlet's short name that is a person's surname ("Brandt" of Ilse Brandt, beside "Brandt News") is
the person; the place of a wire dateline ("Kestrel Falls (AP) –") is no one's source. Fictional names."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.sources import one_quotation

QUOTE = ("We can confirm that the campaign and the county committee received subpoenas for documents from "
         "the prosecutor's office")
ENTS = [("Lena Marsh", "PERSON"), ("Marsh", "PERSON"), ("Tomas Ivers", "PERSON"), ("Ivers", "PERSON")]


def test_the_same_quoted_words_rest_on_one_speaker_however_credited():
    # the Echo takes the lawyer's statement for her client's
    a = make_article("Marl Echo", "Subpoenas", "2026-05-06", [
        "Tomas Ivers faces an inquiry into the closure of the Ferrin bridge.",
        f"\"{QUOTE},\" Ivers said."], entities=ENTS,
        quotes=[{"content": QUOTE, "speaker": "Ivers", "speaker_name": "Tomas Ivers"}])
    b = make_article("Valley Post", "Subpoenas", "2026-05-06", [
        "The campaign of Tomas Ivers was subpoenaed over the closure of the Ferrin bridge.",
        f"\"{QUOTE},\" said Lena Marsh."], entities=ENTS,
        quotes=[{"content": QUOTE, "speaker": "Lena Marsh", "speaker_name": "Lena Marsh"}])
    c = make_article("Lakeside Post", "Subpoenas", "2026-05-06", [
        "Prosecutors subpoenaed the campaign of Tomas Ivers over the Ferrin bridge closure.",
        f"“{QUOTE},” Ms. Marsh said."], entities=ENTS,
        quotes=[{"content": QUOTE, "speaker": "Ms. Marsh", "speaker_name": "Lena Marsh"}])
    brief = build_brief([a, b, c])
    group = next(g for g in brief.statements if "We can confirm" in g.text)
    assert len(group.articles) == 3
    assert group.independent_sources == 1
    assert group.status != "corroborated"
    assert group.original_sources[0].startswith("Lena Marsh") and "Ivers" not in group.original_sources[0]


def test_a_shared_phrase_is_not_one_quotation():
    assert not one_quotation(["\"These people are on the wrong side of history,\" Tvarda said.",
                              "\"I think it shows they are on the wrong side of history,\" Okafor said."])
    assert one_quotation(["He’s got the money.”", "“He’s got the money,” Okafor said."])
    # the middle of a quotation running over sentences, without marks, repeating it word for word
    assert one_quotation(["He will be seen as a traitor because we do not accept to be offended like this.",
                          "“He will be seen as a traitor because we do not accept to be offended,” he said."])


PEOPLE = [("Ilse Brandt", "PERSON"), ("Brandt", "PERSON"), ("Ms. Brandt", "PERSON"), ("Orlan Tevis", "PERSON"),
          ("Tevis", "PERSON")]


def test_an_outlets_short_name_that_is_a_persons_surname_is_the_person():
    a = make_article("Brandt News", "Brandt rebukes Tevis", "2026-05-06", [
        "Former governor Ilse Brandt rebuked Orlan Tevis on Wednesday.",
        "“He is not welcome in this province,” Brandt said in an interview."], entities=PEOPLE,
        quotes=[{"content": "He is not welcome in this province,", "speaker": "Brandt", "speaker_name": "Brandt"}])
    b = make_article("Valley Post", "Ex-governor scoffs at Tevis", "2026-05-06", [
        "Ilse Brandt, a former governor, scoffed at the visit of Orlan Tevis on Wednesday.",
        "“He is not welcome in this province,” Ms. Brandt told a radio station."], entities=PEOPLE,
        quotes=[{"content": "He is not welcome in this province,", "speaker": "Ms. Brandt",
                 "speaker_name": "Ms. Brandt"}])
    brief = build_brief([a, b])
    group = next(g for g in brief.statements if "not welcome" in g.text)
    # the person first, then the outlet that relays her ("Ilse Brandt / Brandt News")
    assert group.original_sources and all(o.startswith("Ilse Brandt") for o in group.original_sources)
    assert not any(d.reason == "shared-source" for d in brief.dependencies)


def test_a_dateline_place_is_no_source():
    a = make_article("Marl Echo", "County defends law", "2026-05-06", [
        "Kestrel Falls (AP) – The county's top law officer promises to defend the new law in court."],
        entities=[("Kestrel Falls", "GPE")],
        sources=[{"text": "Kestrel Falls", "kind": "quote", "person": "Kestrel Falls", "chain": ["Kestrel Falls"]}],
        quotes=[{"content": "to defend the new law in court", "kind": "indirect", "speaker": "Kestrel Falls",
                 "speaker_name": "Kestrel Falls"}])
    b = make_article("Valley Post", "Law challenged", "2026-05-06", [
        "Two neighbouring counties challenged the new law in court on Monday."])
    brief = build_brief([a, b])
    assert not any("Kestrel Falls" in n.label for n in brief.source_nodes)
