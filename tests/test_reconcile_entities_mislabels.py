"""NER mislabels corrected across the story, by how the texts write a name: a title before it makes a
person of an "organisation", a name the texts put in places ("in Harlowe", "Harlowe, Mo.") is a place, a
law or words written in lower case elsewhere are no one, a surname taken at ("digs at Brannigan") is
still the person's, a nickname between the names ('Willem "Bo" Castell') is the same man, and a
headline's words ("Fill Darrow") are not a second Darrow. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import name_after_title, reconcile_entities


def _index(*articles):
    return reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(articles)])


def _with(entities, word: str):
    return [e for e in entities if any(word in v for v in [e.name, *e.variants])]


def test_a_title_makes_a_person_of_an_organisation_and_one_source_node():
    a = make_article("Marl Echo", "Vote", "2026-05-06", [
        "Representative Tobin Marsk of Oregon said the bill would fail, according to Representative Tobin Marsk "
        + "of Oregon."],
        entities=[("Representative Tobin Marsk of Oregon", "ORG")],
        sources=[{"text": "according to Representative Tobin Marsk of Oregon",
                  "organization": "Representative Tobin Marsk of Oregon"}])
    b = make_article("Valley Post", "Vote", "2026-05-06", [
        "Tobin Marsk voted against the bill on Tuesday. Marsk said it would fail."],
        entities=[("Tobin Marsk", "PERSON"), ("Marsk", "PERSON")],
        quotes=[{"content": "it would fail", "kind": "indirect", "speaker": "Marsk", "speaker_name": "Marsk"}])
    c = make_article("Tolland Daily", "Vote", "2026-05-06", [
        "House Majority Whip Tobin Marsk counted the votes on Tuesday."],
        entities=[("House Majority Whip Tobin Marsk", "ORG")])
    brief = build_brief([a, b, c])
    people = _with(brief.entities, "Marsk")
    assert len(people) == 1
    assert people[0].name == "Tobin Marsk" and people[0].label == "PERSON" and len(people[0].articles) == 3
    assert len([n for n in brief.source_nodes if "Marsk" in n.label]) == 1


def test_the_name_after_a_title():
    assert name_after_title("Representative Tobin Marsk of Oregon") == "Tobin Marsk"
    assert name_after_title("Secretary of State Ida Vorn") == "Ida Vorn"
    assert name_after_title("Sheriff Arno Pell") == "Arno Pell"
    assert name_after_title("General Dynamo Works") is None  # a firm's name that opens with a title
    assert name_after_title("Harbour Safety Authority") is None


def test_a_one_word_person_written_as_a_place_is_the_place():
    a = make_article("Marl Echo", "Visit", "2026-08-20", [
        "HARLOWE, Mo. -- The minister arrived in Harlowe on Wednesday.",
        "Harlowe has endured a week of protests."],
        entities=[("HARLOWE", "PERSON"), ("Harlowe", "PERSON")])
    b = make_article("Valley Post", "Visit", "2026-08-20", [
        "The minister flew to the suburb of Harlowe, Mo., where protests went on.",
        "Agents have been sent to Harlowe, and more will follow into Harlowe."],
        entities=[("Harlowe", "LOC")])
    places = _with(_index(a, b).entities, "Harlowe")
    assert len(places) == 1 and places[0].label in {"GPE", "LOC"}


def test_a_surname_taken_at_or_in_a_possessive_is_still_the_person():
    a = make_article("Marl Echo", "Debate", "2026-10-12", [
        "Carl Brannigan debated on Thursday. Polls swung in Brannigan's favor.",
        "His rival took digs at Brannigan all night."],
        entities=[("Carl Brannigan", "PERSON"), ("Brannigan", "ORG")])
    b = make_article("Valley Post", "Debate", "2026-10-12", [
        "Brannigan said he had won the debate."], entities=[("Brannigan", "ORG")])
    found = _with(_index(a, b).entities, "Brannigan")
    assert len(found) == 1 and found[0].label == "PERSON" and len(found[0].articles) == 2


def test_a_law_and_words_written_in_lower_case_elsewhere_are_no_people():
    a = make_article("Marl Echo", "Law", "2026-12-19", [
        "The state broke the federal Grainger Waters Act, the attorney said.",
        "Mr. Tull would not say the words 'Radical Zorism' on Sunday."],
        entities=[("Grainger Waters Act", "PERSON"), ("Radical Zorism", "PERSON"), ("Tull", "PERSON")])
    b = make_article("Valley Post", "Law", "2026-12-19", [
        "Critics said Tull avoided the term radical Zorism in his speech."], entities=[("Tull", "PERSON")])
    ents = _index(a, b).entities
    assert not _with(ents, "Grainger") and not _with(ents, "Zorism")
    assert _with(ents, "Tull")


def test_a_nickname_between_the_names_is_the_same_person():
    a = make_article("Marl Echo", "Seat", "2026-01-30", [
        'The governor picked Willem "Bo" Castell for the seat.'], entities=[("Willem", "PERSON")])
    b = make_article("Valley Post", "Seat", "2026-01-30", [
        "Bo Castell will hold the seat until June. Castell thanked the governor."],
        entities=[("Bo Castell", "PERSON"), ("Castell", "PERSON")])
    c = make_article("Tolland Daily", "Seat", "2026-01-30", [
        "The governor appointed Willem Castell, a lawyer, to the seat."], entities=[("Willem Castell", "PERSON")])
    people = _with(_index(a, b, c).entities, "Castell")
    assert len(people) == 1 and len(people[0].articles) == 3


def test_a_headline_word_before_a_surname_is_not_a_second_person():
    a = make_article("Marl Echo", "Seat", "2026-01-30", [
        "Governor Appoints Former Aide to Fill Darrow’s Seat",
        "The governor had to fill the seat of Jon Darrow on Wednesday. Mr. Darrow left for the cabinet."],
        entities=[("Fill Darrow", "PERSON"), ("Jon Darrow", "PERSON"), ("Mr. Darrow", "PERSON")])
    darrows = [e for e in _index(a).entities if "Mr. Darrow" in e.variants]
    assert len(darrows) == 1 and darrows[0].name == "Jon Darrow"


def test_the_first_words_of_a_law_tagged_before_its_act_are_no_person():
    a = make_article("Marl Echo", "Law", "2026-12-19", [
        "It remains illegal under the 1970 Grainger Waters Act, Mr. Tull said."],
        entities=[("Grainger Waters", "PERSON"), ("Tull", "PERSON")])
    assert not _with(_index(a).entities, "Grainger")


def test_a_word_of_a_company_name_tagged_person_is_not_the_company():
    a = make_article("Marl Echo", "Ferry", "2026-03-03", [
        "The ferry of Varn Line caught fire on the Varn crossing on Monday. Varn Line said it was investigating."],
        entities=[("Varn Line", "PERSON"), ("Varn", "PERSON")])
    line = [e for e in _index(a).entities if e.name == "Varn Line"]
    assert len(line) == 1 and "Varn" not in line[0].variants
