"""The entity step leaves out what is no person or organisation however the NER tagged it: the words of
a heading in headline case ("Varga Willing", "Fill Ostrand"), weekdays, months and pronouns a source
finder took for names, a "name" with a digit ("Vitamin B12"), a preposition glued before a name; and it
makes one person of a name the NER cut at a nickname and of a surname misspelt by one letter. Fictional
names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities


def _index(paragraphs_by_article, entities, sources=()):
    arts = [make_article(outlet, "Harbour vote", "2026-05-06", paras, entities=entities,
                         sources=list(sources) if k == 0 else [])
            for k, (outlet, paras) in enumerate(zip(["Marl Echo", "Valley Post", "Tolland Daily"],
                                                    paragraphs_by_article))]
    return reconcile_entities([ArticleView(index=i, aa=aa) for i, aa in enumerate(arts)])


def _names(index) -> set[str]:
    return {e.name for e in index.entities}


def test_entities_words_of_a_heading_are_no_names():
    index = _index([["Varga Willing To Fill Ostrand Seat",
                     "Mayor Tomas Varga said on Monday he would name a deputy to fill Ostrand's seat."]],
                   [("Varga Willing", "PERSON"), ("Fill Ostrand", "PERSON"), ("Tomas Varga", "PERSON"),
                    ("Ostrand", "PERSON")])
    names = _names(index)
    assert "Varga Willing" not in names and "Fill Ostrand" not in names
    assert "Tomas Varga" in names


def test_entities_a_name_with_a_digit_is_no_person():
    index = _index([["Dr. Lisa Marrow prescribed antihistamines and Vitamin B12 to Tomas Varga."]],
                   [("Lisa Marrow", "PERSON"), ("Vitamin B12", "PERSON"), ("Tomas Varga", "PERSON")])
    assert "Vitamin B12" not in _names(index)
    assert "vitamin b12" in index.not_names


def test_entities_weekdays_months_and_pronouns_are_no_source_names_unless_someone_is_so_named():
    index = _index([["Tomas Varga spoke on Thursday. Her office said the vote would come in May."]],
                   [("Tomas Varga", "PERSON")])
    assert {"thursday", "may", "her"} <= index.not_names
    # a month that is someone's surname in the story stays a name
    named = _index([["Ada May, the harbour master, said the vote would come in June."]], [("Ada May", "PERSON")])
    assert "may" not in named.not_names and "june" in named.not_names


def test_entities_a_preposition_or_weekday_glued_to_a_name_is_dropped():
    index = _index([["Among Mrs. Varga's critics was the port union.", "Ilse Varga said nothing on Tuesday."]],
                   [("Among Mrs. Varga", "PERSON"), ("Ilse Varga", "PERSON")])
    assert _names(index) == {"Ilse Varga"}
    # a cited name with a weekday before it ("said Tuesday Varga's ...") finds the person
    assert index.resolve("Tuesday Varga", 0) == index.resolve("Ilse Varga", 0)


def test_entities_name_cut_at_a_nickname_is_the_person():
    index = _index([['Chief of Staff Wendell "Bo" Karsk will take the seat, and Karsk starts on Monday.'],
                    ["Wendell Karsk, 44, was sworn in."]],
                   [("Staff Wendell", "LOC"), ("Bo", "LOC"), ("Karsk", "PERSON"), ("Wendell Karsk", "PERSON")])
    names = _names(index)
    assert "Staff Wendell" not in names
    karsk = [e for e in index.entities if e.name == "Wendell Karsk"]
    assert len(karsk) == 1 and len(karsk[0].articles) == 2


def test_entities_surname_misspelt_by_one_letter_joins_the_full_name_of_its_article():
    index = _index([["Wendell Karsk took the seat on Monday.", '"I can do the job," said Kersk, 44.',
                     "Karsk thanked the mayor."]],
                   [("Wendell Karsk", "PERSON"), ("Kersk", "PERSON"), ("Karsk", "PERSON")])
    assert _names(index) == {"Wendell Karsk"}


def test_entities_two_names_written_in_full_are_never_merged_as_misspellings():
    index = _index([["Wendell Karsk and Oona Kersk both ran.", "Kersk lost by nine votes."]],
                   [("Wendell Karsk", "PERSON"), ("Oona Kersk", "PERSON"), ("Kersk", "PERSON")])
    people = {e.name: e for e in index.entities}
    assert set(people) == {"Wendell Karsk", "Oona Kersk"}
    assert people["Oona Kersk"].mentions == 2


def test_entities_speaker_description_standing_for_the_name_is_not_given_to_another_person():
    # the NLP step resolved "The port-backed candidate" to the interviewer named last; the article never
    # writes the interviewer's name beside that description
    a = make_article("Marl Echo", "Harbour vote", "2026-05-06", [
        "Wendell Karsk celebrated his win in an interview with Marl Radio's Ilse Varga.",
        'The port-backed candidate called the win "a miracle."'],
        entities=[("Wendell Karsk", "PERSON"), ("Ilse Varga", "PERSON"), ("Marl Radio", "ORG")],
        quotes=[{"content": "a miracle.", "speaker": "The port-backed candidate", "speaker_name": "Ilse Varga",
                 "description": "the port-backed candidate", "kind": "direct"}])
    b = make_article("Valley Post", "Harbour vote", "2026-05-06", [
        'Ilse Varga, the Marl Radio host, asked the questions. "It went well," said Ilse Varga, the host.'],
        entities=[("Ilse Varga", "PERSON"), ("Marl Radio", "ORG")],
        quotes=[{"content": "It went well,", "speaker": "Ilse Varga", "speaker_name": "Ilse Varga",
                 "description": "the host", "kind": "direct"}])
    brief = build_brief([a, b])
    varga = next(e for e in brief.entities if e.name == "Ilse Varga")
    assert not any("candidate" in d for d in varga.descriptions)
    assert any("host" in d for d in varga.descriptions)
