"""storydesk_quotes: question-and-answer interview lines, a content that stops before its speaker's next
verb of saying, a poll as the source of its sentence's finding, and the scorer's content-end features.
Fictional sentences through the bundled pipeline."""

from __future__ import annotations

from storydesk.nlp.components.cue_lexicon import candidate_features

_INTERVIEW = ("Harbour master Oda Lindqvist spoke to the Tollen Courier about the storm.\n\n"
              "Q: Will the bridge reopen before the summer ferries start?\n\n"
              "A: We hope so, but the engineers have not finished their report on the pillars.\n\n"
              "Q: What happens to the fishing boats until then?\n\n"
              "A: They will moor at Krask, where the council has rented space for them.")


def _colon_readings(doc) -> list[tuple[str, str | None]]:
    return [(doc.text[slice(*q._.sd_parts[0])], doc.text[slice(*q._.sd_speaker)] if q._.sd_speaker else None)
            for q in doc.spans["sd_quotes"] if q._.sd_cue and doc.text[slice(*q._.sd_cue)] == ":"]


def test_interview_lines_are_the_askers_and_the_answerers_statements(nlp):
    readings = _colon_readings(nlp(_INTERVIEW))
    assert ("We hope so, but the engineers have not finished their report on the pillars", "A") in readings
    assert ("Will the bridge reopen before the summer ferries start?", "Q") in readings
    assert len(readings) == 4


def test_a_lone_answer_line_is_a_list_item_not_an_interview(nlp):
    text = ("The council listed its options for the Tollen bridge.\n\n"
            "A: Repair the pillars before the summer ferries start.\n\n"
            "B: Close the bridge until a new one is built in 2031.")
    assert _colon_readings(nlp(text)) == []


def test_a_reported_statement_stops_before_the_speakers_next_verb_of_saying(nlp):
    doc = nlp("Mayor Ilse Brandvold said the harbour bridge at Tollen was unsafe for lorries, noting that "
              "inspectors had found deep cracks in two of its pillars in March.")
    said = [q for q in doc.spans["sd_quotes"] if q._.sd_cue and doc.text[slice(*q._.sd_cue)] == "said"]
    assert said
    for q in said:
        content = doc.text[q._.sd_parts[0][0]:q._.sd_parts[-1][1]]
        assert "noting" not in content and "harbour bridge" in content


def test_a_poll_is_proposed_as_the_source_of_its_sentences_finding(nlp):
    finder = nlp.get_pipe("storydesk_quotes")
    finder.keep_candidates = True
    try:
        doc = nlp("Brandvold fell to 12 percent in the latest Tollen Courier poll of harbour residents.")
        polls = [q for _f, q in finder.candidates if q.origin == "poll_in"]
        doc2 = nlp("Brandvold fell into the harbour in the storm.")
        none = [q for _f, q in finder.candidates if q.origin == "poll_in"]
    finally:
        finder.keep_candidates = False
    [q] = polls
    assert doc.text[slice(*q.parts[0])] == "Brandvold fell to 12 percent"
    assert "poll" in doc.text[slice(*q.speaker)]
    assert none == [] and doc2.text.startswith("Brandvold")


def test_scorer_features_tell_where_a_content_stops(nlp):
    doc = nlp("Brandvold defended the bridge plan on her weekly radio show.")
    cue = next(t for t in doc if t.text == "defended")
    text = doc.text
    short = [(text.index("the bridge plan"), text.index("the bridge plan") + len("the bridge plan"))]
    whole = [(short[0][0], text.index("show") + len("show"))]
    f_short = candidate_features(cue, short, doc[0], "frame", None, 0.0, 0.0)
    f_whole = candidate_features(cue, whole, doc[0], "frame", None, 0.0, 0.0)
    assert f_short.get("c_next=ADP") == 1.0 and "c_next=." not in f_short
    assert f_whole.get("c_next=.") == 1.0 and f_whole.get("c_last=NOUN") == 1.0


def test_scorer_features_tell_a_cue_that_closes_its_sentence(nlp):
    doc = nlp("The ferry left Tollen an hour late, the harbour office said. It reached Krask at noon.")
    cue = next(t for t in doc if t.text == "said")
    text = doc.text
    parts = [(0, text.index(", the harbour"))]
    assert candidate_features(cue, parts, doc[8], "parenthetical", None, 0.0, 0.0).get(
        "cue_closes=True|parenthetical") == 1.0
    doc2 = nlp("The harbour office said the ferry left Tollen an hour late.")
    cue2 = next(t for t in doc2 if t.text == "said")
    parts2 = [(doc2.text.index("the ferry"), len(doc2.text) - 1)]
    f2 = candidate_features(cue2, parts2, doc2[2], "ccomp", None, 0.0, 0.0)
    assert f2.get("cue_closes=False|ccomp") == 1.0
