"""Unnamed and anonymous speakers are sources: people a story describes but does not name ("Passengers
said", "A source close to the crew claimed", "His family said", "Islanders complained") and bodies it
describes ("The regional chamber of commerce urged") are nodes of the source graph, marked unnamed or
anonymous; things ("The fire is believed to", "A video appears to") are not. An unnamed source is one
article family's own and counts as no more than the outlet that reports it. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import is_people_group, is_people_noun


def _q(content: str, speaker: str) -> dict:
    return {"content": content, "kind": "indirect", "speaker": speaker, "speaker_name": None}


def _nodes(brief, article_index: int = 0) -> dict[str, tuple[str, str]]:
    """{label: (kind, naming)} of what one article cites directly."""
    node = {n.id: n for n in brief.source_nodes}
    aid = f"a:{brief.story.articles[article_index].id}"
    return {node[e.target].label: (node[e.target].kind, node[e.target].naming) for e in brief.source_edges
            if e.source == aid and e.target in node and e.kind != "copy_of"}


FLARE = [
    "Passengers described scenes of confusion as the lights failed below deck.",
    ("A source close to the crew, citing a maintenance log, claimed engineers had warned managers about "
     "the pump weeks ago."),
    "His family said he was sore but cheerful.",
    "Islanders have long complained about cancellations on the route.",
    "The regional chamber of commerce urged the operator to add more sailings.",
    "The fire is believed to have started near a generator.",
    "A video appears to show flames at a vent near the stern.",
    "Another passenger, who did not want to be named, said crew had ordered people back to their cabins.",
]
FLARE_QUOTES = [
    _q("scenes of confusion as the lights failed below deck", "Passengers"),
    _q("engineers had warned managers about the pump weeks ago", "A source"),
    _q("he was sore but cheerful", "His family"),
    _q("cancellations on the route", "Islanders"),
    _q("the operator to add more sailings", "The regional chamber of commerce"),
    _q("to have started near a generator", "The fire"),
    _q("to show flames at a vent near the stern", "A video"),
    _q("crew had ordered people back to their cabins", "Another passenger"),
]


def test_described_speakers_are_sources_marked_unnamed_or_anonymous():
    a = make_article("Tallow Beacon", "Ferry fire", "2026-06-01", FLARE, quotes=FLARE_QUOTES)
    assert _nodes(build_brief([a])) == {
        "passengers": ("person", "unnamed"),
        "a source close to the crew": ("person", "anonymous"),
        "his family": ("person", "unnamed"),
        "islanders": ("person", "unnamed"),
        "the regional chamber of commerce": ("organization", "named"),
        "an unnamed passenger": ("person", "anonymous"),
    }


def test_a_bare_body_word_and_a_possessive_body_are_left_to_the_body_rules():
    a = make_article("Tallow Beacon", "Ferry fire", "2026-06-01", [
        "The ferry's operator said in a statement that it was cooperating with investigators.",
        "Sailings will resume on Friday, the operator said.",
    ], quotes=[_q("that it was cooperating with investigators", "The ferry's operator"),
               _q("Sailings will resume on Friday", "the operator")])
    assert _nodes(build_brief([a])) == {}


def _two_outlets(second_outlet: str):
    said = "scenes of confusion as the lights failed below deck"
    a = make_article("Tallow Beacon", "Ferry fire", "2026-06-01T08:00:00",
                     [f"Passengers described {said}.", "The harbour cafe stayed open all night."],
                     quotes=[_q(said, "Passengers")])
    b = make_article(second_outlet, "Ferry fire off Tallow", "2026-06-01T10:00:00",
                     [f"Passengers described {said}.", "Buses took travellers home at dawn."],
                     quotes=[_q(said, "Passengers")])
    return build_brief([a, b])


def test_two_outlets_passengers_are_two_sources_each_counting_as_its_outlet():
    brief = _two_outlets("Quayside Post")
    passengers = [n for n in brief.source_nodes if n.label == "passengers"]
    assert len(passengers) == 2 and all(n.naming == "unnamed" for n in passengers)
    (g,) = [g for g in brief.statements if len(g.articles) == 2]
    assert g.independent_sources == 2  # each outlet's own reporting: no more, no fewer
    assert all("passengers" in s for s in g.original_sources)


def test_an_unnamed_source_in_a_copy_adds_nothing():
    # the same article carried by a second outlet word for word: one family, one node, one source
    said = "scenes of confusion as the lights failed below deck"
    paras = [f"Passengers described {said}.", "The harbour cafe on the quay stayed open all night long.",
             "Buses took the last stranded travellers home to the island villages at dawn on Tuesday.",
             "Sailings between Tallow and the island are suspended until the hull has been inspected."]
    a = make_article("Tallow Beacon", "Ferry fire", "2026-06-01T08:00:00", paras, quotes=[_q(said, "Passengers")])
    b = make_article("Quayside Post", "Ferry fire", "2026-06-01T09:00:00", paras, quotes=[_q(said, "Passengers")])
    brief = build_brief([a, b])
    assert any(r.copy_of for r in brief.story.articles)
    assert len([n for n in brief.source_nodes if n.label == "passengers"]) == 1
    (g,) = [g for g in brief.statements if "Passengers described" in g.text]
    assert len(g.articles) == 2 and g.independent_sources == 1


def test_words_for_people():
    for w in ("Islanders", "pals", "lock keepers", "dockworkers", "passengers", "family", "townsfolk"):
        assert is_people_noun(w.split()[-1]), w
    for w in ("fire", "video", "boat", "tankers", "chamber", "containers"):
        assert not is_people_noun(w), w
    assert is_people_group("two lock keepers") and is_people_group("Three islanders")
    assert not is_people_group("two tankers") and not is_people_group("two police")


def test_a_relative_pronoun_speaker_is_named_by_its_antecedent():
    sentences = ["One passenger, who asked not to be named, alleged that the crew had been slow to act."]
    quotes = [{"content": "the crew had been slow to act", "kind": "indirect", "speaker": "who",
               "speaker_name": None, "description": "One passenger"}]
    a = make_article("Tallow Beacon", "Ferry fire", "2026-06-01", sentences, quotes=quotes)
    assert _nodes(build_brief([a])) == {"an unnamed passenger": ("person", "anonymous")}
