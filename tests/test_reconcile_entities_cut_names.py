"""Names the NER cut in pieces are made whole again by the entity step: a firm named after its
partners ("Marsh, Pellin, Dobrev & Hask") is one organisation, not four people or places; a name cut at a
hyphen ("Ferndale Post" + "Gazette") is one name; a newspaper a source cites after "the" that the NER
missed ("according to the Spokesman-Review") is a body, not a person. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import org_key, person_tokens, reconcile_entities


def _index(paragraphs_by_article: list[list[str]], entities: list[tuple[str, str]], sources=()):
    arts = [make_article(outlet, "Port dispute", "2026-05-06", paras, entities=entities,
                         sources=list(sources) if k == 0 else [])
            for k, (outlet, paras) in enumerate(zip(["Marl Echo", "Valley Post", "Tolland Daily"],
                                                    paragraphs_by_article))]
    return reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(arts)])


def _names(index) -> dict[str, str]:
    return {e.name: e.label for e in index.entities}


def test_entities_firm_with_ampersand_is_one_organisation():
    index = _index([["Lawyers from Marsh, Pellin, Dobrev & Hask represented the port authority."]],
                   [("Marsh", "LOC"), ("Pellin", "LOC"), ("Dobrev & Hask", "ORG")])
    assert _names(index) == {"Marsh, Pellin, Dobrev & Hask": "ORG"}


def test_entities_firm_with_suffix_after_and_is_one_organisation():
    index = _index([["Kelso Brandt worked at the Tallow office of Marsh, Pellin, Dobrev, Hask and Orrin PC, "
                     "where he was a partner."]],
                   [("Kelso Brandt", "PERSON"), ("Marsh", "PERSON"), ("Pellin", "PERSON"), ("Dobrev", "PERSON"),
                    ("Hask", "PERSON"), ("Orrin PC", "ORG")])
    names = _names(index)
    assert names.get("Marsh, Pellin, Dobrev, Hask and Orrin PC") == "ORG"
    assert not {"Marsh", "Pellin", "Dobrev", "Hask"} & set(names)


def test_entities_list_of_people_named_elsewhere_is_no_firm():
    # a headline's "&" list of people who are also named on their own; and "and" without a firm's suffix
    index = _index([["Vale, Orrin & Tamsin clash over the port.", "Ada Vale met Bo Orrin and Cy Tamsin on Monday."],
                    ["The mayor thanked Hask, Pellin and Dobrev for their work."]],
                   [("Ada Vale", "PERSON"), ("Bo Orrin", "PERSON"), ("Cy Tamsin", "PERSON"), ("Vale", "PERSON"),
                    ("Orrin", "PERSON"), ("Tamsin", "PERSON"), ("Hask", "PERSON"), ("Pellin", "PERSON"),
                    ("Dobrev", "PERSON")])
    names = _names(index)
    assert not any("," in n for n in names)
    assert {"Ada Vale", "Bo Orrin", "Cy Tamsin", "Hask", "Pellin", "Dobrev"} <= set(names)


def test_entities_name_cut_at_a_hyphen_is_one_organisation():
    index = _index([["The mayor resigned, according to the Ferndale Post-Gazette."]],
                   [("Ferndale Post", "ORG"), ("Gazette", "PERSON")])
    assert _names(index) == {"Ferndale Post-Gazette": "ORG"}
    # the quote finder cuts the cited name where the NER did: it still finds the whole name
    assert index.resolve("Ferndale Post", 0) == index.entities[0].id


def test_entities_untagged_newspaper_cited_after_the_is_a_body():
    sources = [{"text": "according to the Spokesman-Review", "kind": "according_to", "person": "Spokesman-Review",
                "chain": ["Spokesman-Review"]}]
    index = _index([["Dana Quill said the vote was close, according to the Spokesman-Review."]],
                   [("Dana Quill", "PERSON")], sources)
    assert _names(index) == {"Dana Quill": "PERSON", "Spokesman-Review": "ORG"}
    assert index.get(index.resolve("Spokesman-Review", 0)).label == "ORG"


def test_brief_cites_untagged_newspaper_as_no_person():
    a = make_article("Marl Echo", "Vote", "2026-05-06",
                     ["“It was close,” Dana Quill told reporters, according to the Spokesman-Review."],
                     entities=[("Dana Quill", "PERSON")],
                     sources=[{"text": "according to the Spokesman-Review", "kind": "according_to",
                               "person": "Spokesman-Review", "chain": ["Spokesman-Review"]}])
    b = make_article("Valley Post", "Vote", "2026-05-06", ["Dana Quill said the vote was close."],
                     entities=[("Dana Quill", "PERSON")])
    brief = build_brief([a, b])
    assert [e.label for e in brief.entities if e.name == "Spokesman-Review"] == ["ORG"]
    assert not [e for e in brief.entities if e.label == "PERSON" and "Spokesman" in e.name]
    assert {n.kind for n in brief.source_nodes if n.label == "Spokesman-Review"} == {"organization"}


def test_entities_role_word_after_the_stays_unresolved():
    # "the Spokesman said": a role, not a newspaper's name
    sources = [{"text": "the Spokesman said", "kind": "quote", "person": "Spokesman"}]
    index = _index([["The vote was close, the Spokesman said."]], [], sources)
    assert _names(index) == {}


def test_entities_title_before_name_joins_the_person_across_articles():
    index = _index([["Attorney Mark Jay Hellan told the court the client was in treatment."],
                    ["Lawyer Mark Hellan said the client was in treatment."],
                    ["Hellan said on Monday that the client was in treatment."]],
                   [("Attorney Mark Jay Hellan", "PERSON"), ("Mark Hellan", "PERSON"), ("Hellan", "PERSON")])
    people = [e for e in index.entities if e.label == "PERSON"]
    assert len(people) == 1 and len(people[0].articles) == 3


def test_entities_title_glued_to_the_name_is_a_title():
    assert person_tokens("Gov.Sara Pallin") == ["Sara", "Pallin"]
    assert person_tokens("Mr.Keel") == ["Keel"]
    assert person_tokens("St.John Ravel")[0] != "John"  # "St" is no honorific: a given name stays whole


def test_entities_initials_with_the_article_find_the_outlet():
    index = _index([["The Marlow Courier first reported the deal on Monday."],
                    ["TMC said the deal was signed on Monday."]],
                   [("Marlow Courier", "ORG"), ("TMC", "ORG")])
    orgs = [e for e in index.entities if e.label == "ORG"]
    assert len(orgs) == 1 and "TMC" in orgs[0].variants


def test_entities_site_domain_is_the_sites_name():
    assert org_key("Gullwatch.com") == org_key("Gullwatch") == "gullwatch"
    assert org_key("Gullwatch . com") == "gullwatch"
    assert org_key("Com Harbour") == "com harbour"


def test_entities_place_named_with_its_kind_is_the_place():
    index = _index([["The ferry sank in the Corvane Sea on Monday."], ["The Corvane was calm, the crew said."],
                    ["Mexo City and Mexo both reported rain."]],
                   [("Corvane Sea", "LOC"), ("Corvane", "LOC"), ("Mexo City", "GPE"), ("Mexo", "GPE")])
    places = {e.name: e.variants for e in index.entities}
    assert any({"Corvane Sea", "Corvane"} <= set(v) for v in places.values())
    assert not any({"Mexo City", "Mexo"} <= set(v) for v in places.values())  # a city is not its country


def test_entities_occupation_before_a_name_is_a_description():
    index = _index([["Actress Dana Quill checked into a clinic on Monday. The actress left on Tuesday."]],
                   [("Dana Quill", "PERSON")])
    (person,) = index.entities
    assert "actress" in [d.lower() for d in person.descriptions]


def test_entities_nickname_in_brackets_joins_the_full_name():
    index = _index([["Deputy Lorcan Avery (Jem) Tallis was shot outside a house on Monday."],
                    ["Deputy Jem Tallis was taken to hospital."]],
                   [("Lorcan Avery (Jem) Tallis", "PERSON"), ("Jem Tallis", "PERSON")])
    people = [e for e in index.entities if e.label == "PERSON"]
    assert len(people) == 1 and len(people[0].articles) == 2
