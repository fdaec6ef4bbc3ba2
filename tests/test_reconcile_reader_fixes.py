"""What a reader of the brief sees named and numbered: entity kinds, source nodes, the wording that
stands for a statement, statement numbers, conflict values. Hand-written fictional articles."""

from __future__ import annotations

from reconcile_fixtures import flood_story, make_article

from storydesk.reconcile.brief import build_brief


def test_an_outlet_or_an_organisation_tagged_as_a_person_is_an_organisation():
    a = make_article("Harbour Times", "Ferry late", "2025-11-07", [
        "The ferry run by Kessel Line was three hours late on Friday, Kessel Line said.",
        "Passengers waited on the quay at Brannock for most of the evening."],
        entities=[("Kessel Line", "PERSON"), ("Brannock", "GPE")])
    b = make_article("Brannock Echo", "Ferry delay", "2025-11-07", [
        "The Kessel Line ferry was three hours late on Friday, as first reported by the Harbour Times.",
        "Edda Morn, a passenger, said the crew had kept everyone informed."],
        entities=[("Kessel Line", "PERSON"), ("Harbour Times", "PERSON"), ("Edda Morn", "PERSON")])
    c = make_article("Kessel Chronicle", "Vigil", "2025-11-08", [
        "Rev Ottilie Brand led a vigil on the quay on Saturday for the passengers of the Kessel Line ferry.",
        "General Dynamo Works, the ferry's engine maker, said it would send engineers."],
        entities=[("Rev Ottilie Brand", "ORG"), ("General Dynamo Works", "ORG"), ("Kessel Line", "ORG")])
    labels = {e.name: e.label for e in build_brief([a, b, c]).entities}
    assert labels["Kessel Line"] == "ORG" and labels["Harbour Times"] == "ORG"
    assert labels["Edda Morn"] == "PERSON"
    assert labels["Ottilie Brand"] == "PERSON" and labels["General Dynamo Works"] == "ORG"


def test_a_source_named_alike_in_two_articles_is_one_node():
    # quoted in one article (a person, as a speaker), cited in the other (an organisation, as a source)
    a = make_article("Harbour Times", "Ferry late", "2025-11-07", [
        "The ferry had passed its inspection in May, according to the Tarn family that owns it.",
        "The ferry was three hours late on Friday."],
        sources=[{"text": "according to the Tarn family", "organization": "the Tarn family"}])
    b = make_article("Brannock Echo", "Ferry delay", "2025-11-07", [
        '"The ferry passed its inspection in May," the Tarn family said.',
        "The ferry was three hours late on Friday."],
        quotes=[{"content": "The ferry passed its inspection in May", "speaker": "the Tarn family"}])
    nodes = [n for n in build_brief([a, b]).source_nodes if "tarn" in n.label.lower()]
    assert len(nodes) == 1


def test_an_article_resting_on_another_outlet_yields_the_wording_to_it():
    wire = make_article("Kessel Wire", "Ferry fire", "2025-11-07T06:00:00", [
        ("Fire broke out on the ferry Tamsin Ray off Brannock late on Friday night and all 80 passengers on "
        "board were taken off by lifeboat before midnight."),
        "Nobody was hurt, the harbour office said."])
    post = make_article("Fjord Post", "Ferry fire", "2025-11-07T09:00:00", [
        "According to Kessel Wire, fire broke out on the ferry Tamsin Ray off Brannock on Friday night.",
        "Kessel Wire reported that nobody was hurt."],
        sources=[{"text": "According to Kessel Wire", "organization": "Kessel Wire"},
                 {"text": "Kessel Wire reported", "kind": "reported", "organization": "Kessel Wire"}])
    brief = build_brief([post, wire])
    (fire,) = [s for s in brief.statements if "Tamsin Ray" in s.text and len(s.articles) == 2]
    assert fire.text.startswith("Fire broke out")  # the wire's own sentence, not the relay's
    assert fire.citations[0].outlet == "Kessel Wire"


def test_statements_are_numbered_in_the_order_of_their_weight():
    brief = build_brief(flood_story())
    by_number = sorted(brief.statements, key=lambda s: int(s.id[1:]))
    assert [s.id for s in by_number] == [f"s{n}" for n in range(1, len(by_number) + 1)]
    scores = [s.score for s in by_number]
    assert scores == sorted(scores, reverse=True)
    ids = {s.id for s in brief.statements}
    assert all(c.statement in ids for c in brief.contradictions if c.statement)
    assert all(s.statement in ids for s in brief.summary if s.statement)


def test_a_conflict_about_whether_it_happened_says_so_in_words():
    brief = build_brief(flood_story())
    status = [c for c in brief.contradictions if c.kind == "status"]
    assert status
    words = {"stated as fact", "reported", "reported with a hedge", "denied"}
    assert all(s.value in words for c in status for s in c.sides)


def test_a_place_an_outlet_is_named_after_stays_apart_from_the_outlet():
    a = make_article("Fjord Post", "Fjord citizens safe", "2025-11-08", [
        "Two Fjord citizens were on the ferry, the Fjord foreign ministry told the Fjord Post.",
        "The Tarn Herald said the ferry had been late."],
        entities=[("Fjord Post", "ORG"), ("Tarn Herald", "ORG"), ("Fjord", "ORG")])
    b = make_article("Tarn Herald", "Ferry late", "2025-11-08", [
        "The ferry was three hours late, the Herald has learned.",
        "Passengers from Fjord waited on the quay."],
        entities=[("Herald", "ORG")])
    names = {e.name: set(e.variants) for e in build_brief([a, b]).entities}
    assert not any({"Fjord", "Fjord Post"} <= variants for variants in names.values())
    assert "Herald" in names["Tarn Herald"]  # an outlet's last word still names it
