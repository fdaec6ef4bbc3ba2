"""An entity's quotes (reconcile/entities.py) leave out a quotation the NLP stage gave to a pronoun
speaker ("he said") whose own words name that person in the third person: the pronoun stands for someone
else, as the sources step already reads it (common.pronoun_named_in_quote). A spouse's title ("Mrs.
Kovac" in what "he" said) and a compound ("the Kovac/Brandt ticket") name no one in the third person.
Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import pronoun_named_in_quote

ENTS = [("Tomas Brandt", "PERSON"), ("Brandt", "PERSON"), ("Ilse Varga", "PERSON")]


def _quotes_of(name: str, paragraphs: list[str], quotes: list[dict]) -> list[str]:
    arts = [make_article(outlet, "Brandt and Varga", "2026-05-06", paragraphs, entities=ENTS, quotes=quotes)
            for outlet in ["Marl Echo", "Valley Post"]]
    brief = build_brief(arts)
    return [q.text for e in brief.entities if e.name == name for q in e.quotes]


def test_entity_quotes_leave_out_words_that_name_the_pronoun_speaker():
    content = "Mr. Brandt has said that he is determined to cut the harbour tax"
    quotes = _quotes_of("Tomas Brandt",
                        ["Tomas Brandt spoke in Kessel on Monday.", f"\u201c{content},\u201d he said on the radio."],
                        [{"content": content, "speaker": "he", "speaker_name": "Tomas Brandt"}])
    assert not any("determined" in q for q in quotes)


def test_entity_quotes_keep_words_that_do_not_name_the_speaker():
    content = "I am determined to cut the harbour tax"
    quotes = _quotes_of("Tomas Brandt",
                        ["Tomas Brandt spoke in Kessel on Monday.", f"\u201c{content},\u201d he said on the radio."],
                        [{"content": content, "speaker": "he", "speaker_name": "Tomas Brandt"}])
    assert any("determined" in q for q in quotes)


def test_pronoun_refutation_spares_a_spouse_and_a_compound():
    assert pronoun_named_in_quote("Tomas Brandt", "he", "Mr. Brandt is the wrong man")
    assert not pronoun_named_in_quote("Tomas Brandt", "he", "they mocked Mrs. Brandt at the dinner")
    assert pronoun_named_in_quote("Tomas Brandt", "she", "they mocked Ms. Brandt at the dinner")
    assert not pronoun_named_in_quote("Tomas Brandt", "he", "they blame the Varga/Brandt ticket")
