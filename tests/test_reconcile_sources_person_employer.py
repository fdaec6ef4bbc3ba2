"""A named person's statement rests on the organisation their description says they speak for
("Orrin Valley Rail chief executive Marta Selvik said", "the chief executive of Orrin Valley Rail"), when the story's
entity list knows that name as an organisation, even where one article's NER took it for a place. Roles
that tie no one to a body (a passenger, a former official, an expert at a university) do not.
Hand-built fictional records."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

OTHER = make_article("Quayside Ledger", "Port work", "2026-05-12T10:00:00", [
    "Orrin Valley Rail said the crane repairs were finished.",
], entities=[("Orrin Valley Rail", "ORG")], sources=[
    {"text": "Orrin Valley Rail said", "kind": "reported", "organization": "Orrin Valley Rail"}])


def _original(sentence: str, description: str, speaker: str, *, name: str = "Marta Selvik",
              quote: bool = True, extra_sentence: str | None = None) -> list[str]:
    paragraphs = [sentence] + ([extra_sentence] if extra_sentence else [])
    content = "the quay would reopen on Friday"
    a = make_article("Orrin Post", "Quay shut", "2026-05-12T08:00:00", paragraphs,
                     entities=[("Orrin Valley Rail", "LOC"), (name, "PERSON")],
                     quotes=[{"content": content, "kind": "indirect", "speaker": speaker, "speaker_name": name,
                              "description": description}] if quote else [],
                     sources=[] if quote else [{"text": speaker, "kind": "according_to", "person": name,
                                                "chain": [name]}])
    brief = build_brief([a, OTHER])
    (st,) = [s for s in brief.statements if "reopen" in s.text]
    return st.original_sources


def test_company_before_the_role_ties_the_person_to_it():
    ents = {e.name: e.label for e in build_brief([make_article(
        "Orrin Post", "Quay shut", "2026-05-12T08:00:00", ["Orrin Valley Rail chief executive Marta Selvik spoke."],
        entities=[("Orrin Valley Rail", "LOC"), ("Marta Selvik", "PERSON")]), OTHER]).entities}
    assert ents["Orrin Valley Rail"] == "ORG"  # typed across articles, though this article's NER said LOC
    assert _original("Orrin Valley Rail chief executive Marta Selvik said the quay would reopen on Friday.",
                     "Orrin Valley Rail chief executive", "Orrin Valley Rail chief executive Marta Selvik") \
        == ["Marta Selvik / Orrin Valley Rail"]


def test_company_after_the_role_ties_the_person_to_it():
    assert _original("Marta Selvik, the chief executive of Orrin Valley Rail, said the quay would reopen on Friday.",
                     "the chief executive of Orrin Valley Rail", "Marta Selvik") == ["Marta Selvik / Orrin Valley Rail"]


def test_mention_without_a_description_still_gives_the_title():
    assert _original("Orrin Valley Rail spokeswoman Marta Selvik said the quay would reopen on Friday.",
                     None, "Orrin Valley Rail spokeswoman Marta Selvik") == ["Marta Selvik / Orrin Valley Rail"]


def test_according_to_a_described_person_rests_on_the_company():
    assert _original("According to Orrin Valley Rail chief executive Marta Selvik, the quay would reopen on Friday.",
                     None, "According to Orrin Valley Rail chief executive Marta Selvik", quote=False) \
        == ["Marta Selvik / Orrin Valley Rail"]


def test_roles_that_speak_for_no_body_give_no_organisation():
    for sentence, description in [
        ("Marta Selvik, a former Orrin Valley Rail executive, said the quay would reopen on Friday.",
         "a former Orrin Valley Rail executive"),
        ("Marta Selvik, an Orrin Valley Rail passenger, said the quay would reopen on Friday.",
         "an Orrin Valley Rail passenger"),
        ("Marta Selvik, an engineer at Orrin Valley Rail, said the quay would reopen on Friday.",
         "an engineer at Orrin Valley Rail"),
        ("Marta Selvik, a critic of Orrin Valley Rail, said the quay would reopen on Friday.",
         "a critic of Orrin Valley Rail"),
    ]:
        assert _original(sentence, description, "Marta Selvik") == ["Marta Selvik / Orrin Post"], description


def test_a_place_named_in_the_description_is_no_organisation():
    a = make_article("Orrin Post", "Quay shut", "2026-05-12T08:00:00", [
        "Brenlow harbour master Marta Selvik said the quay would reopen on Friday.",
    ], entities=[("Brenlow", "GPE"), ("Marta Selvik", "PERSON")], quotes=[
        {"content": "the quay would reopen on Friday", "kind": "indirect",
         "speaker": "Brenlow harbour master Marta Selvik", "speaker_name": "Marta Selvik",
         "description": "Brenlow harbour master"}])
    (st,) = [s for s in build_brief([a]).statements if "reopen" in s.text]
    assert st.original_sources == ["Marta Selvik / Orrin Post"]
