"""Hedges: "possible" on people or options to choose among, "may" under a free-choice pronoun or in a
concession, "reported" on a counted plural, and rejecting a proposal. Invented places and people."""

import pytest

from storydesk.nlp.annotate import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _hedges(doc):
    return [(h.label_, h.text) for h in doc.spans["sd_hedges"]]


def _statuses(doc):
    return [q._.sd_status for q in doc.spans["sd_quotes"]]


def test_hedges_possible_on_candidates_is_no_hedge(nlp):
    doc = nlp("Olga Vesk and Tomas Brill had also been mentioned as possible candidates for the harbour "
              "board, the Kestle Ledger said.")
    assert ("hedge", "possible") not in _hedges(doc)
    assert "hedged" not in _statuses(doc)


def test_hedges_possible_on_what_may_have_happened_stays_a_hedge(nlp):
    # guard: "possible" on an act that may have taken place
    doc = nlp("The Dorrow port authority is under review for possible violations of the berthing rules.")
    assert ("hedge", "possible") in _hedges(doc)


def test_hedges_may_under_anyone_is_no_hedge(nlp):
    doc = nlp('Mayor Ada Lind apologized to the council and "anyone I may have offended" after the '
              'recording surfaced.')
    assert not any(t == "may have offended" for _l, t in _hedges(doc))
    assert doc._.sd_sentence_status[0][2] != "hedged"


def test_hedges_may_in_a_relative_clause_of_a_person_stays_a_hedge(nlp):
    # guard: "the clerk who may have shredded the ledgers" doubts what the clerk did
    doc = nlp("Investigators questioned the harbour clerk who may have shredded the ferry ledgers.")
    assert any(t.startswith("may have") for _l, t in _hedges(doc))


def test_hedges_concessive_may_but_not_is_no_hedge(nlp):
    doc = nlp('"Thrift may be fine for bankers but not for the families of Dorrow," said Ivo Brandt.')
    assert ("hedge", "may be") not in _hedges(doc)
    assert _statuses(doc) == ["attributed"]


def test_hedges_may_be_with_a_plain_but_stays_a_hedge(nlp):
    # guard: a "but" clause without a negated alternative leaves the doubt in place
    doc = nlp("The ferry toll may be higher, but harbour officials declined to give a figure.")
    assert ("hedge", "may be") in _hedges(doc)


def test_hedges_reported_on_a_counted_plural_is_no_hedge(nlp):
    doc = nlp('"There have been numerous, reported instances when earlier councils offered berths to '
              'rivals," Ivo Brandt wrote.')
    assert ("hedge", "reported") not in _hedges(doc)
    assert _statuses(doc) == ["attributed"]


def test_hedges_reported_on_one_event_stays_a_hedge(nlp):
    # guard: one event known only by report
    doc = nlp("The reported collision near the Dorrow pier closed the ferry route for a day.")
    assert ("hedge", "reported") in _hedges(doc)


def test_hedges_rejecting_an_agenda_is_no_denial(nlp):
    doc = nlp("Harbour Democrats rejected the mayor's ferry agenda in overwhelming numbers.")
    assert "denied" not in _statuses(doc)
    assert doc._.sd_sentence_status[0][2] != "denied"


def test_hedges_rejecting_calls_for_a_measure_is_no_denial(nlp):
    doc = nlp("He rejects calls for a toll increase, saying his plan will pay for the docks.")
    assert "denied" not in _statuses(doc)


def test_hedges_rejecting_an_allegation_stays_a_denial(nlp):
    # guard: a claim rejected is denied
    doc = nlp("The Dorrow Union rejected the allegations that it had hidden the ferry accounts.")
    assert doc._.sd_sentence_status[0][2] == "denied"
