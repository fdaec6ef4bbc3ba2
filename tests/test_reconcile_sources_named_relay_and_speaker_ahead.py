"""Whom a statement rests on, as a reader checks it: a line that names the outlet it comes from
("..., the Hesk Wire reported") rests on that outlet, not on the paper that repeats it; a sentence that
only names a speaker before their quote is the outlet's own report, the quote is the speaker's.
Fictional names."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Hesk Wire", "ORG"), ("Orla Venn", "PERSON"), ("Tallow", "GPE"), ("Brisk Line", "ORG")]


def _sources_of(brief, words: str) -> list[str]:
    return next(g.original_sources for g in brief.statements if words in g.text)


def test_a_line_naming_its_outlet_rests_on_that_outlet():
    wire = make_article("Hesk Wire", "Ferry fire off Tallow", "2026-06-01T06:00:00+00:00", [
        "A fire broke out on a Brisk Line ferry off Tallow late on Monday, forcing passengers into lifeboats.",
    ], entities=ENTS)
    tab = make_article("Gull Flare", "INFERNO", "2026-06-02T07:00:00+00:00", [
        "Eleven terrified people had to be plucked from the burning deck by a rescue helicopter, the Hesk Wire reported.",
        "Passengers scrambled for the lifeboats, according to the Hesk Wire.",
        "Gull Flare readers were horrified by the pictures.",
    ], entities=ENTS, sources=[
        {"text": "the Hesk Wire reported", "kind": "reported", "organization": "Hesk Wire", "chain": ["Hesk Wire"]},
        {"text": "according to the Hesk Wire", "kind": "according_to", "organization": "Hesk Wire",
         "chain": ["Hesk Wire"]}])
    brief = build_brief([wire, tab])
    assert _sources_of(brief, "plucked from the burning deck") == ["Hesk Wire"]
    # the tabloid's own line is still its own
    assert _sources_of(brief, "readers were horrified") == ["Gull Flare"]


def test_a_speaker_named_ahead_of_the_quote_is_not_the_source_of_that_sentence():
    art = make_article("Tallow Beacon", "Quay fire", "2026-06-01", [
        "Orla Venn, the harbour master, was on the quay as the first boats came in.",
        "\"There was smoke coming out of every vent, and you could smell it from the lighthouse.\"",
    ], entities=ENTS, quotes=[{"content": "There was smoke coming out of every vent, and you could smell it "
                                          "from the lighthouse.", "speaker": "Orla Venn",
                               "speaker_name": "Orla Venn"}],
        sources=[{"text": "Orla Venn", "kind": "quote", "person": "Orla Venn", "chain": ["Orla Venn"]}])
    brief = build_brief([art])
    assert _sources_of(brief, "was on the quay") == ["Tallow Beacon"]
    assert _sources_of(brief, "smoke coming out") == ["Orla Venn / Tallow Beacon"]


def _filler(n: int) -> list[str]:
    return [f"Commuters waited at the station for the {w} hour as the boards stayed blank." for w in
            ["first", "second", "third", "fourth", "fifth", "sixth"][:n]]


def test_the_operator_is_the_business_not_the_union_named_just_before():
    ents = [("Brisk Rail", "ORG"), ("Tallow Drivers Guild", "ORG"), ("TDG", "ORG"), ("Tallow", "GPE")]
    art = make_article("Tallow Beacon", "Rail strike", "2026-06-01", [
        "Drivers at Brisk Rail walked out on Monday, and only a few trains ran, the operator said.",
        "The Tallow Drivers Guild (TDG) union says the new rosters cut rest days.",
        *_filler(5),
        "The TDG has warned of further walkouts in June.",
        "Replacement buses will run every 30 minutes until Thursday, the operator said.",
    ], entities=ents, quotes=[
        {"content": "Drivers at Brisk Rail walked out on Monday, and only a few trains ran", "kind": "indirect",
         "speaker": "the operator"},
        {"content": "Replacement buses will run every 30 minutes until Thursday", "kind": "indirect",
         "speaker": "the operator"}],
        sources=[{"text": "the operator", "kind": "quote"},
                 {"text": "The TDG", "kind": "quote", "organization": "Tallow Drivers Guild",
                  "chain": ["Tallow Drivers Guild"]}])
    # the second "the operator" needs its own source ref, at its own offset
    second = art.article.text.rindex("the operator")
    art.sources.append(art.sources[0].model_copy(update={"span": art.sources[0].span.model_copy(
        update={"start": second, "end": second + len("the operator")}), "sentence": 9}))
    brief = build_brief([art])
    assert _sources_of(brief, "Replacement buses") == ["Brisk Rail / Tallow Beacon"]
    assert _sources_of(brief, "only a few trains ran") == ["Brisk Rail / Tallow Beacon"]
