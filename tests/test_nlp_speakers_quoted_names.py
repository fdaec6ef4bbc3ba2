"""A pronoun speaker ("..., he said") never stands for a person named only inside what that quote says,
and a person whose surname is also an outlet's last word ("Marta Fox", cf. "Fox News") is a person.
Fictional sentences, the bundled pipeline."""

from __future__ import annotations

from model_marks import needs_model


def _quote(doc, words: str):
    return next(q for q in doc.spans["sd_quotes"] if words in q.text)


def _given_quote(nlp, doc, content: str, word: str, after: str):
    """A quote of ``content`` with the ``word`` after ``after`` as its speaker mention, then speakers resolved
    again: independent of which speaker the quote finder chose."""
    at = doc.text.index(content)
    quote = doc.char_span(at, at + len(content), label="direct")
    w = doc.text.index(f"{after} {word} ") + len(after) + 1
    quote._.sd_speaker = (w, w + len(word))
    quote._.sd_parts = [[at, at + len(content)]]
    doc.spans["sd_quotes"] = [q for q in doc.spans["sd_quotes"] if q.start_char != at] + [quote]
    nlp.get_pipe("storydesk_speakers")(doc)
    return next(q for q in doc.spans["sd_quotes"] if q.start_char == at)


@needs_model
def test_a_name_inside_the_quote_is_not_the_pronouns_antecedent(nlp):
    doc = nlp("Kestle's former mayor Ada Brennick criticised the visit on Tuesday.\n\n"
              "\"I think Governor Pell is taking an enormous risk by hosting Tomas Varga,\" she said.")
    content = "I think Governor Pell is taking an enormous risk by hosting Tomas Varga"
    q = _given_quote(nlp, doc, content, "she", ",\"")
    assert q._.sd_speaker_name == "Ada Brennick"


@needs_model
def test_a_name_inside_an_indirect_content_is_not_the_antecedent_either(nlp):
    doc = nlp("Ada Brennick spoke at the harbour on Monday. Tomas Varga had lied about the pier, she said.")
    q = _given_quote(nlp, doc, "Tomas Varga had lied about the pier", "she", ",")
    assert q._.sd_speaker_name == "Ada Brennick"


@needs_model
def test_the_same_person_named_before_the_quote_still_counts(nlp):
    # the rule drops the mention inside the quote, not the person: named before, they may speak
    doc = nlp("Tomas Varga arrived at the pier on Monday.\n\n"
              "\"Everyone knows Tomas Varga keeps his promises,\" he said.")
    content = "Everyone knows Tomas Varga keeps his promises"
    q = _given_quote(nlp, doc, content, "he", ",\"")
    assert q._.sd_speaker_name == "Tomas Varga"


@needs_model
def test_a_person_whose_surname_is_an_outlet_word_is_a_person(nlp):
    doc = nlp("Former Kestle mayor Marta Fox said the ferry contract was a mistake. \"Nobody asked the town,\" "
              "Fox told the Kestle Courier. She added that the council had ignored her letters.")
    told = next(s for s in doc.spans["sd_sources"] if s.label_ == "told")
    assert told._.sd_person == "Marta Fox"
    assert told._.sd_organization == "Kestle Courier"
    q = _quote(doc, "the council had ignored her letters")
    assert q._.sd_speaker_name == "Marta Fox"
    assert "Marta Fox" in doc._.sd_people


@needs_model
def test_an_outlet_whose_last_word_is_a_surname_stays_an_outlet(nlp):
    doc = nlp("The ferry was late again, the Kestle Post reported on Monday.")
    src = next(s for s in doc.spans["sd_sources"] if "Post" in s.text)
    assert src._.sd_organization and "Post" in src._.sd_organization
    assert src._.sd_person is None
