"""A person's name with a middle initial or a generational suffix ("Corwin T. Hallam Jr.") is the same
person as the name written without the initial ("Corwin Hallam Jr."), but never the same as the name
without the suffix: "Corwin Hallam" and "Corwin Hallam Jr." are father and son. Fictional names."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import generation, person_tokens, reconcile_entities


def _index(texts: list[str], names: list[list[str]]):
    arts = [make_article(outlet, "Plea", "2026-05-06", [text], entities=[(n, "PERSON") for n in ns])
            for outlet, text, ns in zip(["Marl Echo", "Valley Post", "Tolland Daily"], texts, names)]
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate(arts)]
    return reconcile_entities(views)


def _people_with(entities, word: str):
    return [e for e in entities if e.label == "PERSON" and any(word in v for v in [e.name, *e.variants])]


def test_the_suffix_is_read_apart_from_the_surname():
    assert person_tokens("Corwin T. Hallam Jr.") == ["Corwin", "T", "Hallam"]
    assert generation("Corwin T. Hallam Jr.") == "jr"
    assert person_tokens("Rep. Corwin Hallam III") == ["Corwin", "Hallam"]
    assert generation("Rep. Corwin Hallam III") == "iii"
    # "King" before the suffix is the surname, not a title
    assert person_tokens("Bertram Lowe King Jr.") == ["Bertram", "Lowe", "King"]
    assert generation("Corwin Hallam") == ""
    # no two names before it: read as written
    assert generation("Mr. Hallam Jr.") == ""


def test_a_middle_initial_with_a_suffix_is_the_same_person():
    ents = _index(["Former Rep. Corwin Hallam Jr. pleaded guilty on Wednesday.",
                   "Corwin Hallam Jr. pleaded guilty in a federal court on Wednesday.",
                   "Corwin T. Hallam Jr., a former representative, pleaded guilty on Wednesday."],
                  [["Corwin Hallam Jr."], ["Corwin Hallam Jr."], ["Corwin T. Hallam Jr."]]).entities
    people = _people_with(ents, "Hallam")
    assert len(people) == 1
    assert len(people[0].articles) == 3


def test_father_and_son_of_one_name_stay_two_people():
    texts = ["Corwin Hallam Jr. pleaded guilty on Wednesday. His father, Corwin Hallam, sat behind him.",
             "Corwin T. Hallam Jr. pleaded guilty. The Rev. Corwin T. Hallam did not speak to reporters.",
             "Corwin Hallam Jr. pleaded guilty in a federal court on Wednesday."]
    ents = _index(texts, [["Corwin Hallam Jr.", "Corwin Hallam"], ["Corwin T. Hallam Jr.", "Corwin T. Hallam"],
                          ["Corwin Hallam Jr."]]).entities
    people = _people_with(ents, "Hallam")
    assert len(people) == 2
    son = [e for e in people if generation(e.name) == "jr"]
    father = [e for e in people if generation(e.name) == ""]
    assert len(son) == 1 and len(son[0].articles) == 3
    assert len(father) == 1 and len(father[0].articles) == 2


def test_a_suffix_just_after_the_span_counts():
    # the NER stopped before "Jr."; the son is still not his father
    texts = ["Corwin Hallam Jr. pleaded guilty on Wednesday.",
             "Corwin Hallam, Jr. pleaded guilty. His father, Corwin Hallam, did not speak.",
             "Nobody else was there."]
    index = _index(texts, [["Corwin Hallam Jr."], ["Corwin Hallam", "Corwin Hallam"], []])
    people = _people_with(index.entities, "Hallam")
    assert len(people) == 2
    son = next(e for e in people if generation(e.name) == "jr")
    assert len(son.articles) == 2


def test_a_name_is_resolved_to_its_own_generation():
    texts = ["Corwin Hallam Jr. pleaded guilty on Wednesday. His father, Corwin Hallam, sat behind him.",
             "Corwin Hallam Jr. pleaded guilty.", "Nobody else was there."]
    index = _index(texts, [["Corwin Hallam Jr.", "Corwin Hallam"], ["Corwin Hallam Jr."], []])
    son, father = index.resolve("Corwin T. Hallam Jr."), index.resolve("Corwin T. Hallam")
    assert son and father and son != father
    assert generation(index.get(son).name) == "jr"


def test_a_middle_initial_alone_still_merges():
    ents = _index(["Rep. Dorian Welk denied sending the photograph.",
                   "Dorian Welk said on Wednesday he did not send it.",
                   "Representative Dorian K. Welk denied on Wednesday that he had sent it."],
                  [["Dorian Welk"], ["Dorian Welk"], ["Dorian K. Welk"]]).entities
    people = _people_with(ents, "Welk")
    assert len(people) == 1 and len(people[0].articles) == 3


def _untagged_index(texts: list[str], tagged: list[list[str]]):
    return _index(texts, tagged)


def test_a_full_name_the_ner_missed_is_found_with_its_middle_initial():
    # the third outlet's lead writes the name with an initial and the NER tagged only "Mr. Welk" there
    index = _untagged_index(["Rep. Dorian Welk denied sending the photograph.",
                             "Dorian Welk said on Wednesday he did not send it.",
                             ("MARLTON — Representative Dorian K. Welk denied on Wednesday that he had sent it. "
                              "Mr. Welk spoke for an hour.")],
                            [["Dorian Welk"], ["Dorian Welk"], ["Mr. Welk"]])
    people = _people_with(index.entities, "Welk")
    assert len(people) == 1
    assert "Dorian K. Welk" in people[0].variants
    lead = index.by_sentence.get((2, 0), set())
    assert people[0].id in lead


def test_an_untagged_name_keeps_its_generation_and_its_neighbours():
    # "Dorian Welk Jr." is the son, "Dorian Welk Foundation" an organisation, "Ilse Dorian Welk" another
    # woman: none of them is taken for the tagged "Dorian Welk"
    index = _untagged_index(["Dorian Welk opened the hall on Tuesday.",
                             "Dorian Welk Jr. was there. The Dorian Welk Foundation paid for it.",
                             "Guests included Ilse Dorian Welk and the mayor."],
                            [["Dorian Welk"], [], []])
    people = _people_with(index.entities, "Welk")
    assert len(people) == 1
    assert people[0].articles and len(people[0].articles) == 1


def test_the_surname_alone_is_the_person_named_first():
    # the son is introduced first and called "Mr. Hallam" before his father is named: every "Mr. Hallam"
    # of that article is the son
    texts = [("Corwin Hallam Jr. pleaded guilty on Wednesday. Mr. Hallam faces five years in prison. "
              "His father, Corwin Hallam, sat behind him. Mr. Hallam did not speak."),
             "Corwin Hallam Jr. pleaded guilty in a federal court on Wednesday.", "Nobody else was there."]
    index = _index(texts, [["Corwin Hallam Jr.", "Corwin Hallam", "Mr. Hallam"], ["Corwin Hallam Jr."], []])
    son = next(e for e in _people_with(index.entities, "Hallam") if generation(e.name) == "jr")
    assert "Mr. Hallam" in son.variants


def test_a_surname_used_only_after_both_are_named_stays_apart():
    # both were named before the surname alone: it may be either
    texts = ["Corwin Hallam Jr. pleaded guilty. His father, Corwin Hallam, sat behind him. Mr. Hallam wept.",
             "Nobody else was there.", "Nobody else was there either."]
    index = _index(texts, [["Corwin Hallam Jr.", "Corwin Hallam", "Mr. Hallam"], [], []])
    people = _people_with(index.entities, "Hallam")
    assert not any("Mr. Hallam" in e.variants and len(person_tokens(e.name)) >= 2 for e in people)


def test_a_suffix_other_outlets_leave_out_is_one_person():
    # no article names both forms, and each is the other's only match: one man
    texts = ["Vice President Joe Marwick did not attend. Marwick was abroad.",
             "Joe Marwick stayed away from the speech.",
             "Vice President Joseph R. Marwick Jr., who presides over the Senate, did not attend."]
    index = _index(texts, [["Joe Marwick", "Marwick"], ["Joe Marwick"], ["Joseph R. Marwick Jr."]])
    people = _people_with(index.entities, "Marwick")
    assert len(people) == 1 and len(people[0].articles) == 3
    assert index.resolve("Joseph Marwick") == people[0].id
