"""A relative pronoun as the speaker mention ("One passenger, who asked not to be named, alleged ..."):
the mention stays "who" (PolNeAR marks it as the source), the name or description shown comes from the
noun the relative clause belongs to, as for a pronoun's antecedent. Fictional sentences."""

from __future__ import annotations

from model_marks import needs_model


def _quote(doc, cue: str):
    return next(q for q in doc.spans["sd_quotes"] if q._.sd_cue and doc.text[slice(*q._.sd_cue)] == cue)


def _given_quote(nlp, doc, content: str, word: str):
    """A quote of ``content`` with ``word`` as its speaker mention (as the role readings may give it),
    then speakers resolved again: independent of which speaker the quote finder chose."""
    at = doc.text.index(content)
    quote = doc.char_span(at, at + len(content), label="indirect")
    w = doc.text.index(f" {word} ") + 1
    quote._.sd_speaker = (w, w + len(word))
    doc.spans["sd_quotes"] = [q for q in doc.spans["sd_quotes"] if q.start_char != at] + [quote]
    nlp.get_pipe("storydesk_speakers")(doc)
    return next(q for q in doc.spans["sd_quotes"] if q.start_char == at)


@needs_model
def test_who_speaks_for_an_unnamed_antecedent(nlp):
    doc = nlp("One passenger, who asked not to be named, alleged that crew members had told people to stay "
              "in their cabins.")
    q = _given_quote(nlp, doc, "that crew members had told people to stay in their cabins", "who")
    assert doc.text[slice(*q._.sd_speaker)] == "who"
    assert q._.sd_speaker_name is None
    assert q._.sd_speaker_description == "One passenger"


@needs_model
def test_who_speaks_for_a_named_antecedent(nlp):
    doc = nlp("Ines Varga, who said the pier had been closed since dawn, was among the last to leave.")
    q = _quote(doc, "said")
    assert doc.text[slice(*q._.sd_speaker)] == "who"
    assert q._.sd_speaker_name == "Ines Varga"


@needs_model
def test_who_after_an_indefinite_description(nlp):
    doc = nlp("A second passenger, who told the Courier that the alarm had sounded late, was taken to hospital.")
    q = _quote(doc, "told")
    assert doc.text[slice(*q._.sd_speaker)] == "who"
    assert (q._.sd_speaker_name, q._.sd_speaker_description) == (None, "A second passenger")


@needs_model
def test_which_speaks_for_an_organisation(nlp):
    doc = nlp("Brenlow Ferries, which said the vessel had passed every inspection, has suspended its crossings.")
    q = _quote(doc, "said")
    assert doc.text[slice(*q._.sd_speaker)] == "which"
    assert q._.sd_speaker_name == "Brenlow Ferries"
    src = next(s for s in doc.spans["sd_sources"] if s.text == "which")
    assert (src._.sd_person, src._.sd_organization) == (None, "Brenlow Ferries")


@needs_model
def test_a_later_pronoun_goes_to_the_described_speaker(nlp):
    doc = nlp("Tomas Brekke, the harbour master, praised the crew. One passenger, who asked not to be named, "
              "alleged that crew members had told people to stay in their cabins. \"It was chaos,\" he said.")
    _given_quote(nlp, doc, "that crew members had told people to stay in their cabins", "who")
    he = _quote(doc, "said")
    assert he._.sd_speaker_name is None
    assert he._.sd_speaker_description == "One passenger"


@needs_model
def test_who_after_an_apposition_speaks_for_the_named_person(nlp):
    doc = nlp("Linus Sorvik, a consultant who said the plan would fail, was not invited.")
    q = _quote(doc, "said")
    assert doc.text[slice(*q._.sd_speaker)] == "who"
    assert q._.sd_speaker_name == "Linus Sorvik"
