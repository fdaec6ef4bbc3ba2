"""Speakers as a news reader takes them (hand-written fictional text; the error classes found by reading
BASIL articles): a pronoun goes to the clause's subject rather than to the nearest name, a pronoun
speaker carries on to the next "he said", a description needs words of its own to stand for a named
person, a party tag or a word that governs the name is no description, and "Secretary of State" is no
part of the name. Each test runs the bundled pipeline end to end."""

from __future__ import annotations

from model_marks import needs_model

pytestmark = needs_model


def _quote(doc, content_word: str):
    (q,) = [q for q in doc.spans["sd_quotes"] if content_word in q.text]
    return q


def test_speakers_pronoun_goes_to_the_subject_not_the_nearest_name(nlp):
    doc = nlp("In his interview with the Tarsby Courier, Aldo Verhoek also hammered Mina Castell for what "
              "he called her failure on jobs. Amplifying the party message, he said her borrowing is "
              "dragging down growth.")
    q = _quote(doc, "dragging down growth")
    assert q._.sd_speaker_name == "Aldo Verhoek"


def test_speakers_pronoun_skips_a_subject_inside_what_is_reported(nlp):
    doc = nlp("Harbour master Olaf Brenner said that Pieter Sandvik still needs to resign. "
              "“I think it would be better if he went,” he said.")
    q = _quote(doc, "better if he went")
    assert q._.sd_speaker_name == "Olaf Brenner"


def test_speakers_pronoun_speaker_carries_on_to_the_next_he_said(nlp):
    doc = nlp("Tomas Kell has stepped up his attacks on Edda Marsh. In a statement released Tuesday, he "
              "decried the council's decision to close the ferry line. “This is just the latest example of "
              "a council at war with its islands,” he said.")
    q = _quote(doc, "latest example")
    assert q._.sd_speaker_name == "Tomas Kell"


def test_speakers_description_with_words_of_its_own_needs_a_matching_person(nlp):
    # "the harbour chief" was never said of anyone: it must not become the last name before it
    doc = nlp("The inquiry heard from Irma Voss on Monday. The harbour chief said the crane had failed twice "
              "before.")
    q = _quote(doc, "crane had failed")
    assert q._.sd_speaker_name is None
    assert q._.sd_speaker_description == "The harbour chief"


def test_speakers_anonymous_person_is_not_resolved_to_a_named_one(nlp):
    doc = nlp("“We will cooperate fully,” the lawyer, Marten Olde, said in an email. According to the person "
              "briefed on the matter, the subpoenas seek emails and calendars.")
    src = next(s for s in doc.spans["sd_sources"] if s.label_ == "according_to")
    assert src._.sd_person != "Marten Olde"


def test_speakers_a_representative_of_a_person_is_not_that_person(nlp):
    doc = nlp("Former Rep. Daniel Frank praised the plan. A Frank representative said he would not respond to "
              "questions.")
    q = _quote(doc, "not respond")
    assert q._.sd_speaker_name is None
    assert q._.sd_speaker_description == "A Frank representative"


def test_speakers_party_tag_is_no_description(nlp):
    doc = nlp("Governor Asta Lindqvist (R) said she would sign the amended bill on Thursday.")
    q = _quote(doc, "sign the amended bill")
    assert q._.sd_speaker_description != "R"


def test_speakers_word_governing_the_name_is_no_description(nlp):
    doc = nlp("The judge is scheduled to sentence Mr. Orvik on June 28. “I misled the people of Tarsby,” "
              "Mr. Orvik said.")
    q = _quote(doc, "misled the people")
    assert q._.sd_speaker_description != "sentence"


def test_speakers_introductory_phrase_before_a_comma_is_no_description(nlp):
    doc = nlp("To the dismay of lawmakers, Harbour Secretary Edith Callow said she never saw the cable.")
    q = _quote(doc, "never saw the cable")
    assert q._.sd_speaker_description != "of lawmakers"
    assert "lawmakers" not in (q._.sd_speaker_description or "")


def test_speakers_description_before_the_comma_is_read_up_to_the_person(nlp):
    doc = nlp("The federal judge overseeing the case, Ruth Ellery, said the hearing would resume in March.")
    q = _quote(doc, "hearing would resume")
    assert q._.sd_speaker_name == "Ruth Ellery"
    assert q._.sd_speaker_description == "The federal judge overseeing the case"


def test_speakers_title_of_state_is_no_part_of_the_name(nlp):
    doc = nlp("Secretary of State Laura Mendez said Tuesday that she would be in Geneva negotiating.")
    q = _quote(doc, "Geneva")
    assert q._.sd_speaker_name == "Laura Mendez"


def test_speakers_pronoun_prefers_a_subject_of_its_own_sentence_to_the_one_before(nlp):
    doc = nlp("Deputy Mayor Ilka Strand traveled to the harbour on Wednesday for a private meeting. Some "
              "councillors are unhappy that Mayor Tomas Kell agreed to extend the ferry subsidy, and that he "
              "agreed to impose a lower harbour fee on wealthy yacht owners.")
    q = _quote(doc, "lower harbour fee")
    assert q._.sd_speaker_name == "Tomas Kell"


def test_speakers_specific_role_is_not_a_differently_described_person_of_its_kind(nlp):
    # "chairman" and "President" are one family of roles, but "the chairman of the Harbour Board" says
    # more than that: it is not the President named before it
    doc = nlp("President Ada Lindqvist spoke on Monday. The chairman of the Harbour Board confirmed he knew "
              "about the cable.")
    q = _quote(doc, "knew about the cable")
    assert q._.sd_speaker_name is None


def test_speakers_description_after_a_party_tag_and_not_the_phrase_before_the_subject(nlp):
    doc = nlp("In a letter to the Hale family’s lawyer, Rep. Ivo Brandt (R-S.C.), the committee chairman, said "
              "the committee is not interested in personal emails.")
    assert doc._.sd_people.get("Ivo Brandt") == "the committee chairman"


def test_speakers_a_quoted_speaker_s_wording_is_not_the_article_s_description(nlp):
    doc = nlp("“You may have heard that Governor Ruud just chose his running mate, Congressman Alder,” Mayor "
              "Ilsa Venn said. Alder said the plan would save the ferry line.")
    q = _quote(doc, "save the ferry line")
    assert q._.sd_speaker_description != "his running mate"
