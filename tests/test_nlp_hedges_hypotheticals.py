"""Modal perfects, conditions and "claim" readings that keep no distance from a fact (hand-written
fictional text; the error classes found by reading BASIL articles): a counterfactual "could have", a
claimed responsibility, a supposed rejection. Each test runs the bundled pipeline end to end."""

from __future__ import annotations

from doc_reading import hedge_texts as _hedges
from doc_reading import sentence_status as _status
from model_marks import needs_model

pytestmark = needs_model


def test_hedges_could_have_in_a_relative_clause_is_a_use_forgone_not_a_doubt(nlp):
    doc = nlp("The port authority has spent millions on harbour murals that could have been spent on flood "
              "walls.")
    assert not any(h.startswith("could have") for h in _hedges(doc))
    assert _status(doc, "murals") != "hedged"


def test_hedges_could_have_guessing_at_what_happened_stays_a_hedge(nlp):
    # guard for the rule above: a main-clause "could have" and a relative "may have" still doubt a fact
    doc = nlp("The blaze could have been caused by faulty wiring. Police are looking for the clerk who may "
              "have shredded the ledgers.")
    assert _status(doc, "blaze") == "hedged"
    assert _status(doc, "ledgers") == "hedged"


def test_hedges_only_x_could_have_compares_what_was_not_done(nlp):
    doc = nlp("Of the proposals on the table, only the toll cap could have had a real effect on the ferry "
              "strike.")
    assert not any(h.startswith("could have") for h in _hedges(doc))
    assert _status(doc, "toll cap") == "asserted"


def test_hedges_claimed_responsibility_is_an_admission_not_a_claim(nlp):
    doc = nlp("The Kestle Front claimed responsibility for the blast at the depot. The Orrin Brigade "
              "reportedly claimed responsibility for the fire, though it's unclear if the brigade set it.")
    assert "claimed" not in _hedges(doc)
    assert _status(doc, "depot") != "hedged"
    # "reportedly" and "it's unclear" still hedge the second sentence
    assert "reportedly" in _hedges(doc)


def test_hedges_claimed_with_a_clause_stays_a_hedge(nlp):
    # guard: a claim of a clause keeps its distance, with and without "that"
    doc = nlp("Mayor Ilka Strand claimed that the ferry tolls were illegal. Councillor Ada Brin claimed "
              "voters were turned away.")
    assert _status(doc, "tolls") == "hedged"
    assert _status(doc, "voters") == "hedged"


def test_hedges_a_rejection_in_a_condition_is_no_denial(nlp):
    doc = nlp("If Governor Piet Vance were to reject the party's tariff plank, it would send a difficult "
              "message to farmers.")
    assert _status(doc, "plank") != "denied"
    assert not any(q._.sd_status == "denied" for q in doc.spans["sd_quotes"])


def test_hedges_a_reported_rejection_stays_a_denial(nlp):
    # guard for the rule above
    doc = nlp("Governor Piet Vance rejected the party's claims that the tariff had failed.")
    assert _status(doc, "tariff") == "denied"


def test_hedges_headline_noun_claims_is_no_verb_of_claiming(nlp):
    # the tagger reads the plural noun as a verb, as an object or as a relative clause
    for headline in ("Republicans challenge Kroll claims on budget cuts, harbour cable",
                     "Democrats question Vance claims on tax cuts, Tarsby cable"):
        assert "claims" not in _hedges(nlp(headline))
    # guard: the verb keeps its distance
    assert "claims" in _hedges(nlp("The ferry is safe, as Mayor Piet Vance claims."))
