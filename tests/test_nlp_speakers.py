"""Speaker resolution: pronouns and descriptions to named people, canonical names, descriptions."""

from __future__ import annotations

import pytest
import spacy
from model_marks import needs_model
from parsed_docs import columns, parsed_doc
from spacy.tokens import Doc

from storydesk.nlp.annotate import add_components, annotate_doc
from storydesk.records import Article


@pytest.fixture(scope="module")
def nlp():
    from storydesk.nlp.annotate import load_pipeline

    return load_pipeline()


def _doc(rows, ents) -> Doc:
    """rows: (word, pos, head, dep)."""
    words, pos, heads, deps = columns(rows)
    return parsed_doc(add_components(spacy.blank("en")), words, pos=pos, heads=heads, deps=deps, ents=ents)


def test_pronoun_and_surname_resolve_to_the_full_name():
    # Vera Lind arrived . “ No , ” she said . “ Never , ” Lind said .
    rows = [("Vera", "PROPN", 1, "compound"), ("Lind", "PROPN", 2, "nsubj"), ("arrived", "VERB", 2, "ROOT"),
            (".", "PUNCT", 2, "punct"),
            ("“", "PUNCT", 5, "punct"), ("No", "INTJ", 9, "intj"), (",", "PUNCT", 5, "punct"),
            ("”", "PUNCT", 5, "punct"), ("she", "PRON", 9, "nsubj"), ("said", "VERB", 9, "ROOT"),
            (".", "PUNCT", 9, "punct"),
            ("“", "PUNCT", 12, "punct"), ("Never", "ADV", 16, "advmod"), (",", "PUNCT", 12, "punct"),
            ("”", "PUNCT", 12, "punct"), ("Lind", "PROPN", 16, "nsubj"), ("said", "VERB", 16, "ROOT"),
            (".", "PUNCT", 16, "punct")]
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 13 + ["B-PERSON", "O", "O"]
    doc = _doc(rows, ents)
    aa = annotate_doc(Article(source="t", paragraphs=[doc.text]), doc)
    assert [(q.content.text, q.speaker.text, q.speaker_name) for q in aa.quotes] == [
        ("No", "she", "Vera Lind"), ("Never", "Lind", "Vera Lind")]


def test_gendered_pronoun_skips_a_person_of_the_other_gender():
    # Mr. Olsen met Ms. Dahl . “ Fine , ” he said .
    rows = [("Mr.", "PROPN", 1, "compound"), ("Olsen", "PROPN", 2, "nsubj"), ("met", "VERB", 2, "ROOT"),
            ("Ms.", "PROPN", 4, "compound"), ("Dahl", "PROPN", 2, "obj"), (".", "PUNCT", 2, "punct"),
            ("“", "PUNCT", 7, "punct"), ("Fine", "ADJ", 11, "ccomp"), (",", "PUNCT", 7, "punct"),
            ("”", "PUNCT", 7, "punct"), ("he", "PRON", 11, "nsubj"), ("said", "VERB", 11, "ROOT"),
            (".", "PUNCT", 11, "punct")]
    ents = ["O", "B-PERSON", "O", "O", "B-PERSON"] + ["O"] * 8
    doc = _doc(rows, ents)
    (q,) = doc.spans["sd_quotes"]
    assert q._.sd_speaker_name == "Olsen"


def _annotate(nlp, *paragraphs):
    article = Article(source="test", paragraphs=list(paragraphs))
    return annotate_doc(article, nlp(article.text))


@needs_model
def test_model_description_resolves_to_the_described_person(nlp):
    aa = _annotate(nlp, "Jonas Brekke, a spokesman for the Halden police, confirmed the arrest on Monday.",
                   "Investigators found the car later that night, the spokesman said.")
    q = next(q for q in aa.quotes if q.speaker and q.speaker.text == "the spokesman")
    assert q.speaker_name == "Jonas Brekke"


@needs_model
def test_model_speaker_description_from_apposition(nlp):
    aa = _annotate(nlp, "“Prices will fall by summer,” said Tomas Virta, an economist at the University of Halden.",
                   "“It is only a matter of time,” Virta said.")
    names = {q.speaker_name for q in aa.quotes}
    assert names == {"Tomas Virta"}
    assert all("economist" in (q.speaker_description or "") for q in aa.quotes)


@needs_model
def test_model_pronoun_resolves_to_nearest_compatible_person(nlp):
    aa = _annotate(nlp, "Sara Holm, the mayor, met the workers on Friday.",
                   "She said the factory would stay open.")
    q = next(q for q in aa.quotes if q.speaker and q.speaker.text == "She")
    assert q.speaker_name == "Sara Holm"


def test_acronyms_are_read_back_from_their_long_form():
    from storydesk.nlp.components.speakers import _acronyms

    nlp = spacy.blank("en")
    doc = nlp("Officials at the Harbour Safety Authority (HSA) said the pier was closed.")
    assert _acronyms(doc) == {"HSA": "Harbour Safety Authority"}
    # a long run of capitals before an acronym (a headline) gives no long form, and returns at once
    # (the former single pattern backtracked exponentially here)
    doc = nlp("HARBOURWATCH" + "X" * 60 + " (HW) notes. " + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 4 + "(ZZ)")
    assert _acronyms(doc) == {}


def test_relative_pronoun_speaker_resolves_to_the_noun_it_hangs_from():
    # They met Vera Lind , who said that prices would rise .
    rows = [("They", "PRON", 1, "nsubj"), ("met", "VERB", 1, "ROOT"), ("Vera", "PROPN", 3, "compound"),
            ("Lind", "PROPN", 1, "obj"), (",", "PUNCT", 3, "punct"), ("who", "PRON", 6, "nsubj"),
            ("said", "VERB", 3, "acl:relcl"), ("that", "SCONJ", 10, "mark"), ("prices", "NOUN", 10, "nsubj"),
            ("would", "AUX", 10, "aux"), ("rise", "VERB", 6, "ccomp"), (".", "PUNCT", 1, "punct")]
    doc = _doc(rows, ["O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 8)
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "that prices would rise"
    # the mention is the pronoun (as PolNeAR marks it), the name is the person it stands for
    assert doc.text[slice(*q._.sd_speaker)] == "who" and q._.sd_speaker_name == "Vera Lind"


def test_relative_which_speaker_is_the_mention_and_resolves_to_the_outlet():
    # They cited the Harbour Courier , which reported that the pier would close .
    rows = [("They", "PRON", 1, "nsubj"), ("cited", "VERB", 1, "ROOT"), ("the", "DET", 4, "det"),
            ("Harbour", "PROPN", 4, "compound"), ("Courier", "PROPN", 1, "obj"), (",", "PUNCT", 4, "punct"),
            ("which", "PRON", 7, "nsubj"), ("reported", "VERB", 4, "acl:relcl"), ("that", "SCONJ", 12, "mark"),
            ("the", "DET", 10, "det"), ("pier", "NOUN", 12, "nsubj"), ("would", "AUX", 12, "aux"),
            ("close", "VERB", 7, "ccomp"), (".", "PUNCT", 1, "punct")]
    doc = _doc(rows, ["O", "O", "O", "B-ORG", "I-ORG"] + ["O"] * 9)
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "that the pier would close"
    assert doc.text[slice(*q._.sd_speaker)] == "which" and "Harbour Courier" in (q._.sd_speaker_name or "")


@needs_model
def test_model_appositive_name_after_a_description_is_the_speaker(nlp):
    aa = _annotate(nlp, "Dr Lukas Brenner, a chemist at the University of Tarsby, said the spill was small.",
                   "A spokeswoman, Ilse Marwood, said the plant had been inspected in May.")
    q = next(q for q in aa.quotes if "inspected" in q.content.text)
    assert q.speaker_name == "Ilse Marwood"


@needs_model
def test_model_gendered_description_skips_a_person_of_the_other_gender(nlp):
    aa = _annotate(nlp, "Mr Tomas Hale, the plant manager, said he had ordered a full check.",
                   "The spokeswoman said the plant would reopen on Monday.")
    q = next(q for q in aa.quotes if "reopen" in q.content.text)
    assert q.speaker_name != "Tomas Hale"


@needs_model
def test_model_description_prefers_the_person_described_with_the_same_word(nlp):
    aa = _annotate(nlp, "Finance Minister Oda Brekk visited the port on Monday.",
                   "Jens Tarvik, the port director, said the cranes were old.",
                   "The minister said the port would get new cranes next year.")
    q = next(q for q in aa.quotes if "new cranes" in q.content.text)
    assert q.speaker_name == "Oda Brekk"


@needs_model
def test_model_the_company_resolves_to_the_company_not_the_authority(nlp):
    aa = _annotate(nlp, "The barge was operated by Fennick Line, the Rail Safety Agency (RSA) said.",
                   "The RSA has opened an inquiry.",
                   "Passengers can claim refunds, the company said.")
    q = next(q for q in aa.quotes if "refunds" in q.content.text)
    assert q.speaker_name == "Fennick Line"


def test_the_company_skips_an_agency_named_later():
    from storydesk.nlp.components.speakers import _last_company, _resolve_org

    nlp = spacy.blank("en")
    text = ("Trains are run by Orvik Rail Ltd. The Transport Board (TB) will inspect them. "
            "The TB said so, according to the company.")
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index("Transport Board"), text.index(" (TB)"), label="ORG"),
                doc.char_span(text.index("TB said"), text.index("TB said") + 2, label="ORG")]
    start = text.index("the company")
    assert _last_company(doc, start, []) == "Orvik Rail Ltd"
    assert _resolve_org(doc, "the company", start, {"TB": "Transport Board"}) == "Orvik Rail Ltd"


@needs_model
def test_model_pronoun_after_an_unnamed_speaker_is_not_given_an_earlier_name(nlp):
    aa = _annotate(nlp, "“The lights went out at once,” Mira Kolstad told the Tarn Gazette.",
                   "Another passenger, who asked not to be named, said the crew had been calm. "
                   "“We just waited for the boats,” he said.")
    q = next(q for q in aa.quotes if "waited" in q.content.text)
    assert q.speaker_name != "Mira Kolstad"
