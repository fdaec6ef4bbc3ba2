"""The same one or two quoted words ("Stop lying!") in a statement group are one utterance with one
speaker, even when an outlet credits them to the wrong person; under three words a quotation has to be
the very same words for that. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.sources import one_short_quotation

ENTS = [("Ilka Ostrander", "PERSON"), ("Ostrander", "PERSON"), ("Harl Brackett", "PERSON"), ("Brackett", "PERSON")]


def test_one_short_quotation_wants_the_same_words_in_marks():
    assert one_short_quotation(["Stop lying!", 'Ostrander called on Brackett to apologize and "stop lying."',
                                "“Stop lying!”"])
    assert not one_short_quotation(['He said "never".', 'She said "no".'])
    assert not one_short_quotation(["Stop lying!", "Stop lying!"])  # no quotation marks anywhere
    assert not one_short_quotation(['She said "so".', 'He said "so".'])  # nothing said but a stopword


def test_the_same_short_quotation_rests_on_one_speaker():
    a = make_article("Marl Echo", "Feud", "2026-05-06", [
        'Ilka Ostrander then posted a reply to Harl Brackett on her account: "Stop lying!"'],
        entities=ENTS, quotes=[{"content": "Stop lying!", "speaker": "Ilka Ostrander",
                                "speaker_name": "Ilka Ostrander"}],
        sources=[{"text": "Ilka Ostrander", "kind": "quote", "person": "Ilka Ostrander",
                  "chain": ["Ilka Ostrander"]}])
    b = make_article("Valley Post", "Feud", "2026-05-06", [
        'Harl Brackett then got a reply from Ilka Ostrander on her account: "Stop lying!"'],
        entities=ENTS, quotes=[{"content": "Stop lying!", "speaker": "Harl Brackett",
                                "speaker_name": "Harl Brackett"}],
        sources=[{"text": "Harl Brackett", "kind": "quote", "person": "Harl Brackett",
                  "chain": ["Harl Brackett"]}])
    c = make_article("Harbour Star", "Feud", "2026-05-06", [
        'Ilka Ostrander then posted a reply to Brackett on her account: "Stop lying!"'],
        entities=ENTS, quotes=[{"content": "Stop lying!", "speaker": "Ilka Ostrander",
                                "speaker_name": "Ilka Ostrander"}],
        sources=[{"text": "Ilka Ostrander", "kind": "quote", "person": "Ilka Ostrander",
                  "chain": ["Ilka Ostrander"]}])
    brief = build_brief([a, b, c])
    group = next(g for g in brief.statements if len(g.articles) == 3)
    assert group.independent_sources == 1
    assert all("Brackett" not in s for s in group.original_sources), group.original_sources
