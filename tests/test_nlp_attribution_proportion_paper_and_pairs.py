"""Attribution: "according to" meaning "in proportion to" names no source, "the paper" stands for the
outlet that reported just before, and coordinated outlets are each a source. Invented outlets and people."""

import pytest

from storydesk.nlp.annotate import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _sources(doc, kind="according_to"):
    return [(s.text, s._.sd_organization, list(s._.sd_chain)) for s in doc.spans["sd_sources"] if s.label_ == kind]


def test_attribution_according_to_after_a_verb_of_measuring_is_no_source(nlp):
    doc = nlp("Pensions are calculated according to a worker's contributions over his or her lifetime.")
    assert _sources(doc) == []


def test_attribution_according_to_a_measure_noun_is_no_source(nlp):
    doc = nlp("Ferry fares vary according to income in Dorrow.")
    assert _sources(doc) == []


def test_attribution_according_to_a_person_stays_a_source(nlp):
    # guard
    doc = nlp("The ferry sank at dawn, according to the harbour master.")
    assert [c for _t, _o, c in _sources(doc)] == [["the harbour master"]]


def test_attribution_the_paper_is_the_outlet_that_reported_before(nlp):
    doc = nlp("The Kestle Journal reported that the harbour union is softening its opposition to toll cuts. "
              "Olga Vesk's thinking, according to the paper, is that tolls alone cannot keep the ferries running.")
    paper = [s for s in _sources(doc) if "paper" in s[0]]
    assert paper and paper[0][1] == "Kestle Journal" and paper[0][2] == ["Kestle Journal"]


def test_attribution_the_paper_without_an_outlet_before_stays_unnamed(nlp):
    # guard: no outlet reported before, so nothing to resolve to
    doc = nlp("Olga Vesk's thinking, according to the paper, is that tolls alone cannot keep the ferries running.")
    paper = [s for s in _sources(doc) if "paper" in s[0]]
    assert paper and paper[0][1] is None


def test_attribution_coordinated_outlets_are_both_sources(nlp):
    doc = nlp("Mayor Ada Lind told donors of her plans in a phone call Tuesday, according to KTV and the Ledger.")
    orgs = {o for _t, o, _c in _sources(doc)}
    assert {"KTV", "Ledger"} <= orgs


def test_attribution_the_paper_is_an_outlet_known_by_its_short_name(nlp):
    # "The Journal" is a name even though "journal" is also an outlet noun
    doc = nlp("The Journal reported that the harbour union is softening its opposition to toll cuts. "
              "Olga Vesk's thinking, according to the paper, is that tolls alone cannot keep the ferries running.")
    paper = [s for s in _sources(doc) if "paper" in s[0]]
    assert paper and paper[0][1] == "Journal"
