"""Attributed sources: "according to", "reported", "citing", "first reported by", interviews, "told"."""

from __future__ import annotations

import pytest
import spacy
from model_marks import needs_model
from spacy.tokens import Doc

from storydesk.nlp.annotate import add_components, annotate_doc
from storydesk.records import Article


@pytest.fixture(scope="module")
def nlp():
    from storydesk.nlp.annotate import load_pipeline

    return load_pipeline()


def _run(rows, ents, lemmas=None, tags=None) -> Doc:
    nlp = add_components(spacy.blank("en"))
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", "."} for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=[r[1] for r in rows], heads=[r[2] for r in rows],
              deps=[r[3] for r in rows], ents=ents, lemmas=lemmas, tags=tags)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_according_to_reporter_of_newspaper_gives_person_and_outlet():
    # According to Jane Roe of Le Monde , the talks failed .   (UD parse)
    rows = [("According", "VERB", 3, "case"), ("to", "ADP", 0, "fixed"), ("Jane", "PROPN", 3, "flat"),
            ("Roe", "PROPN", 10, "obl"), ("of", "ADP", 6, "case"), ("Le", "PROPN", 6, "compound"),
            ("Monde", "PROPN", 3, "nmod"), (",", "PUNCT", 10, "punct"), ("the", "DET", 9, "det"),
            ("talks", "NOUN", 10, "nsubj"), ("failed", "VERB", 10, "ROOT"), (".", "PUNCT", 10, "punct")]
    ents = ["O", "O", "B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O"]
    # lemmas and tags as any real pipeline gives them: the trained scorer reads them
    lemmas = ["accord", "to", "Jane", "Roe", "of", "Le", "Monde", ",", "the", "talk", "fail", "."]
    tags = ["VBG", "IN", "NNP", "NNP", "IN", "NNP", "NNP", ",", "DT", "NNS", "VBD", "."]
    doc = _run(rows, ents, lemmas, tags)
    (src,) = doc.spans["sd_sources"]
    assert src.label_ == "according_to"
    assert (src._.sd_person, src._.sd_organization) == ("Jane Roe", "Le Monde")
    assert src._.sd_chain == ["Jane Roe", "Le Monde"]
    (q,) = doc.spans["sd_quotes"]
    assert q.text == "the talks failed" and q._.sd_cue_lemma == "according to"
    aa = annotate_doc(Article(source="t", paragraphs=[doc.text]), doc)
    assert aa.sources[0].chain == ["Jane Roe", "Le Monde"] and aa.quotes[0].speaker_name == "Jane Roe"


def _annotate(nlp, *paragraphs):
    article = Article(source="test", paragraphs=list(paragraphs))
    return annotate_doc(article, nlp(article.text))


def _source(aa, kind):
    found = [s for s in aa.sources if s.kind == kind]
    assert found, f"no {kind} source in {[(s.kind, s.span.text) for s in aa.sources]}"
    return found[0]


@needs_model
def test_model_citing_chain(nlp):
    aa = _annotate(nlp, "The Halden Courier, citing Nordpress, reported that the mine would close.")
    src = _source(aa, "citing")
    assert src.chain[-1] == "Nordpress" and "Halden Courier" in src.chain[0]


@needs_model
def test_model_first_reported_by(nlp):
    aa = _annotate(nlp, "The merger, as first reported by the Varden Gazette, will cost 300 jobs.")
    assert _source(aa, "first_reported").organization == "Varden Gazette"


@needs_model
def test_model_outlet_reported(nlp):
    aa = _annotate(nlp, "The Varden Gazette reported on Sunday that two ministers had resigned.")
    assert _source(aa, "reported").organization == "Varden Gazette"


@needs_model
def test_model_interview_with_outlet(nlp):
    aa = _annotate(nlp, "In an interview with the Halden Courier, Petra Moe said the port was safe.")
    src = _source(aa, "interview")
    assert src.organization == "Halden Courier"


@needs_model
def test_model_told_outlet(nlp):
    aa = _annotate(nlp, "Petra Moe told Nordpress that the port was safe.")
    src = next(s for s in aa.sources if s.person == "Petra Moe")
    assert "Nordpress" in src.chain and src.organization == "Nordpress"


@needs_model
def test_model_according_to_person_of_outlet(nlp):
    aa = _annotate(nlp, "The talks collapsed, according to Jane Roe of the Varden Gazette.")
    src = _source(aa, "according_to")
    assert src.person == "Jane Roe" and src.organization == "Varden Gazette"


@needs_model
def test_planted_attributions_are_found(annotated_examples):
    key, annotated = annotated_examples
    by_title = {(aa.article.title or "").strip(): aa for aa in annotated}
    items = [it for it in key["items"] if it["type"] == "attribution" and it["expected"].get("named", True)]
    missed = []
    for it in items:
        ev = it["evidence"][0]
        aa = by_title.get(key["articles"][ev["article"]].get("title", "").strip())
        want = it["expected"]["source"]
        at = aa.article.text.find(ev["text"]) if aa is not None else -1
        hit = aa is not None and at >= 0 and any(
            want in (s.person, s.organization) or want in s.chain for s in aa.sources
            if at - 200 <= s.span.start < at + len(ev["text"]) + 200)
        if not hit:
            missed.append(it["id"])
    assert len(missed) <= len(items) // 4, f"{len(missed)} of {len(items)} planted sources missed: {missed}"


@needs_model
def test_model_organisation_of_a_described_person_is_the_full_name(nlp):
    aa = _annotate(nlp, "Dr Lukas Brenner, a chemist at the University of Tarsby, said the spill was small.")
    src = next(s for s in aa.sources if s.person == "Lukas Brenner")
    assert src.organization == "University of Tarsby"
