"""A headline "<speaker>: <statement>" is an attribution of the statement to the speaker; a headline label
before the colon ("The Latest:", "BREAKING:") is not. Fictional headlines through the bundled pipeline."""

from __future__ import annotations


def _readings(nlp, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    return [(doc.text[slice(*q._.sd_parts[0])], doc.text[slice(*q._.sd_speaker)] if q._.sd_speaker else None)
            for q in doc.spans["sd_quotes"] if q._.sd_cue and doc.text[slice(*q._.sd_cue)] == ":"]


_BODY = "\nThe harbour at Tollen has been closed since the storm in March."


def test_headline_colon_attributes_the_statement_to_the_name_before_it(nlp):
    [(content, speaker)] = _readings(nlp, "Mayor Ilse Brandvold: Tollen Harbour Bridge Will Reopen In May." + _BODY)
    assert content == "Tollen Harbour Bridge Will Reopen In May"
    assert speaker is not None and "Brandvold" in speaker


def test_headline_labels_and_body_colons_are_not_speakers(nlp):
    assert _readings(nlp, "The Latest: Tollen Harbour Bridge Will Reopen In May." + _BODY) == []
    assert _readings(nlp, "BREAKING: Tollen Harbour Bridge Will Reopen In May." + _BODY) == []
    assert _readings(nlp, "Bridge news from Tollen\nMayor Ilse Brandvold: the bridge will reopen in May.") == []
