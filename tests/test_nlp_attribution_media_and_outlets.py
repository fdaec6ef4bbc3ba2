"""Sources named by the programme a speaker was on, by a parenthetical "the paper reports", and outlets
named after "the" (hand-written fictional text; the error classes found by reading BASIL articles). Each
test runs the bundled pipeline end to end."""

from __future__ import annotations

from model_marks import needs_model

pytestmark = needs_model


def _sources(doc) -> list[tuple[str, str, str | None, str | None, list[str]]]:
    return [(s.label_, s.text, s._.sd_person, s._.sd_organization, list(s._.sd_chain))
            for s in doc.spans["sd_sources"]]


def test_attribution_said_on_a_programme_puts_the_programme_in_the_chain(nlp):
    doc = nlp("Senator Ada Kroll said on 'Tarsby Sunday' that the ferry deal was dead.")
    assert any(p == "Ada Kroll" and chain[-1] == "Tarsby Sunday" for _k, _t, p, _o, chain in _sources(doc))


def test_attribution_interview_on_a_broadcaster_is_the_medium(nlp):
    doc = nlp("Piet Vance, in an interview on Radio Kestle, said he would veto the bill.")
    assert any(p == "Piet Vance" and "Radio Kestle" in chain for _k, _t, p, _o, chain in _sources(doc))


def test_attribution_programme_title_after_its_noun_keeps_its_owner(nlp):
    doc = nlp("“It would sink the port,” Ms. Ilka Strand said on the KTV program “Harbour Week.”")
    assert any(p == "Ilka Strand" and o == "KTV's Harbour Week" for _k, _t, p, o, _c in _sources(doc))


def test_attribution_day_place_or_urging_is_no_programme(nlp):
    # guard: "on" a day, a place or "called on" someone names no medium
    doc = nlp("Piet Vance said on Sunday that he would veto the bill. Ada Kroll said on Capitol Hill that "
              "she would not. Mayor Ilka Strand called on Congress to pass the ferry bill.")
    chains = {p: chain for _k, _t, p, _o, chain in _sources(doc)}
    assert chains["Piet Vance"] == ["Piet Vance"]
    assert chains["Ada Kroll"] == ["Ada Kroll"]
    assert "Congress" not in chains.get("Ilka Strand", [])


def test_attribution_parenthetical_the_paper_reports_is_a_source(nlp):
    doc = nlp("The mayor spent the weekend at the lake (the paper reports) and missed the vote. Instead, "
              "the newspaper reports, the mayor's aides chose which emails to hand over.")
    reported = [(t, o) for k, t, _p, o, _c in _sources(doc) if k == "reported"]
    assert ("the paper", "paper") in reported
    assert ("the newspaper", "newspaper") in reported


def test_attribution_name_after_the_is_an_organisation(nlp):
    doc = nlp("The council had hidden the audit, according to the Spokesman-Review. The harbour master "
              "resigned, according to the Ferndale Post-Gazette.")
    found = [(p, o) for k, _t, p, o, _c in _sources(doc) if k == "according_to"]
    assert (None, "Spokesman-Review") in found
    assert (None, "Ferndale Post-Gazette") in found


def test_attribution_title_after_the_keeps_a_person(nlp):
    # guard for the rule above: "the Rev. X" is a person
    doc = nlp("The council had hidden the audit, according to the Rev. Ada Kroll.")
    assert any(k == "according_to" and p == "Ada Kroll" and o is None for k, _t, p, o, _c in _sources(doc))


def test_attribution_the_paper_is_the_outlet_named_just_before(nlp):
    doc = nlp("The ferry contract was first reported by the Tarsby Courier. The mayor did not answer. "
              "Instead, the paper reports, the mayor's aides chose which emails to hand over.")
    assert ("the paper", "Tarsby Courier") in [(t, o) for k, t, _p, o, _c in _sources(doc) if k == "reported"]


def test_attribution_title_before_a_name_is_the_person_s_own_not_a_second_source(nlp):
    doc = nlp("Secretary of Transport Daniel Whitford said the talks would resume.")
    assert any(p == "Daniel Whitford" and chain == ["Daniel Whitford"]
               for _k, _t, p, _o, chain in _sources(doc))


def test_attribution_spokesman_for_a_person_stays_a_chain(nlp):
    # guard for the rule above: a lowercase person noun before "for X" is someone else
    doc = nlp("A spokeswoman for Daniel Whitford said the talks would resume.")
    assert any(chain == ["spokeswoman", "Daniel Whitford"] for _k, _t, _p, _o, chain in _sources(doc))
