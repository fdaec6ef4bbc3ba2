"""Cues that look like hedges or denials but keep no distance from a claim (hand-written fictional text;
the classes found reading BASIL articles, seed 10): a refusal to comment ("could not confirm, deny or
comment"), withholding ("deny Vance the nomination"), an option put forward ("suggested a possible
job", "flirted with a possible bid"), a negated suggestion, and a hedge in another clause after a
statement. Guards keep the readings that do doubt a fact. Each test runs the bundled pipeline."""

from __future__ import annotations

from doc_reading import hedge_texts as _hedges
from doc_reading import sentence_status as _status
from model_marks import needs_model

pytestmark = needs_model


def _statuses(doc) -> list[tuple[str, str]]:
    return [(q.text, q._.sd_status) for q in doc.spans["sd_quotes"]]


def test_hedges_deny_in_a_refusal_to_comment_is_no_denial(nlp):
    doc = nlp("A spokesman for the Tarsby prosecutor said he could not confirm, deny or comment on the case.")
    assert "deny" not in _hedges(doc)
    assert _status(doc, "prosecutor") == "hedged"  # unverified: "could not confirm"
    assert all(status != "denied" for _t, status in _statuses(doc))


def test_hedges_deny_someone_something_withholds_and_denies_no_claim(nlp):
    doc = nlp("Whether that means a fight to overhaul the party platform – or a last-ditch bid to somehow deny "
              "Lind the nomination – remains to be seen.")
    assert "deny" not in _hedges(doc)
    assert _status(doc, "platform") == "hedged"  # "remains to be seen" still hedges


def test_hedges_denied_a_report_stays_a_denial(nlp):
    # guard: a plain denial of a claim and a denial of what someone said
    doc = nlp("The minister denied the report on Monday. The union has denied Vance's account of the talks.")
    assert _status(doc, "minister") == "denied"
    assert _status(doc, "union") == "denied"


def test_hedges_possible_on_an_option_put_forward_is_no_hedge(nlp):
    doc = nlp("Mr. Lind's deputy, Ada Moor, suggested a possible cabinet job to Ivo Brandt to keep him out of the "
              "primary. Mr. Vance, who previously flirted with a possible presidential bid, would not rule out a "
              "run.")
    assert "possible" not in _hedges(doc)
    assert _status(doc, "deputy") != "hedged"
    assert all(status != "hedged" for _t, status in _statuses(doc))


def test_hedges_suggesting_a_thing_with_a_purpose_and_a_credit_puts_forward_an_option(nlp):
    doc = nlp("Mr. Lind’s deputy, Ada Moor, suggested a possible cabinet job to Ivo Brandt to get him to not "
              "challenge Sen. Tom Hale in a Kestle primary, The Tarsby Post has reported, citing unnamed sources.")
    assert all(status != "hedged" for t, status in _statuses(doc) if "cabinet job" in t)


def test_hedges_possible_on_what_may_have_happened_stays_a_hedge(nlp):
    # guard: "under investigation for possible violations" doubts that the violations happened
    doc = nlp("The ethics committee announced that Ivo Brandt was under investigation for possible campaign "
              "finance violations.")
    assert "possible" in _hedges(doc)
    assert _status(doc, "ethics") == "hedged"


def test_hedges_a_negated_suggestion_keeps_no_distance(nlp):
    doc = nlp("Mr. Vance was not suggesting any rounding up of migrants, an aide later made clear.")
    assert all(status != "hedged" for _t, status in _statuses(doc))


def test_hedges_a_suggested_clause_stays_hedged(nlp):
    # guard: "suggested that ... " keeps its distance
    doc = nlp("Republicans suggested such actions may constitute a crime.")
    assert any(status == "hedged" for _t, status in _statuses(doc))


def test_hedges_a_suggested_clause_without_that_stays_hedged(nlp):
    # guard: the parse may make "such actions" the verb's object; the modal after it opens the clause
    doc = nlp("Democrats and some Republicans have said it is hardly unusual for governors to offer political "
              "posts to clear the way for allies. But Republicans have suggested such actions may constitute a "
              "crime.")
    assert ("such actions may constitute a crime", "hedged") in _statuses(doc)
