"""Alignment: the body an unnamed speaker speaks for ("A spokeswoman for the Wrenmouth Port Authority
said ...") tells who says it, not what is said, so two different claims that share only that body and a
few words are not one statement; the same claim still aligns. Hand-written fictional articles."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief

ENTS = [("Wrenmouth Port Authority", "ORG"), ("Aldous Grey", "PRODUCT"), ("Wrenmouth", "GPE"),
        ("Ivo Castell", "PERSON")]
SPOKESWOMAN = ("A spokeswoman for the Wrenmouth Port Authority said inspectors would board the ship once "
               "the hull had been checked by divers.")


def _quote(content: str, speaker: str, name: str | None) -> dict:
    return {"content": content, "kind": "indirect", "speaker": speaker, "speaker_name": name}


def _gazette(second: str, quotes: list[dict]):
    return make_article("Wrenmouth Gazette", "Ferry at anchor", "2026-02-02", [
        "The ferry Aldous Grey caught fire off Wrenmouth on Sunday.", second], entities=ENTS, quotes=quotes)


def _courier():
    return make_article("Tideline Courier", "Ferry fire inquiry", "2026-02-02", [
        "The ferry Aldous Grey caught fire off Wrenmouth on Sunday.", SPOKESWOMAN], entities=ENTS,
        quotes=[_quote("inspectors would board the ship once the hull had been checked by divers",
                       "A spokeswoman for the Wrenmouth Port Authority", "spokeswoman for the Wrenmouth Port Authority")])


def _outlets_with(brief, sentence_part: str) -> set[str]:
    """The outlets of the statement group whose sentences include ``sentence_part``."""
    refs = {a.id: a for a in brief.story.articles}
    for s in brief.statements:
        if any(sentence_part in refs[c.article_id].sentences[c.sentence] for c in s.citations):
            return {c.outlet for c in s.citations}
    return set()


def test_a_different_claim_sharing_only_the_speakers_body_is_not_aligned():
    flare = _gazette("The Wrenmouth Port Authority has opened an inquiry, and the ship stays at anchor while "
                     "divers check the hull.", [])
    brief = build_brief([_courier(), flare])
    assert _outlets_with(brief, "inspectors would board") == {"Tideline Courier"}


def test_the_same_claim_told_by_the_body_itself_still_aligns():
    same = _gazette("The Wrenmouth Port Authority said inspectors would board the ship once divers had checked "
                    "the hull.", [_quote("inspectors would board the ship once divers had checked the hull",
                                         "The Wrenmouth Port Authority", "Wrenmouth Port Authority")])
    brief = build_brief([_courier(), same])
    assert _outlets_with(brief, "inspectors would board") == {"Tideline Courier", "Wrenmouth Gazette"}


def test_a_role_that_names_a_known_person_is_not_an_unnamed_source():
    from storydesk.reconcile.common import ArticleView
    from storydesk.reconcile.statements import _unnamed_speakers

    aa = make_article("Wrenmouth Gazette", "Mayor speaks", "2026-02-02", [
        "Ivo Castell is the mayor of Wrenmouth.", "The mayor said the quay would reopen on Friday."],
        entities=ENTS, quotes=[_quote("the quay would reopen on Friday", "The mayor", "Ivo Castell")])
    assert _unnamed_speakers(ArticleView(index=0, aa=aa)) == {}
    aa = _courier()
    assert list(_unnamed_speakers(ArticleView(index=0, aa=aa))) == [1]
