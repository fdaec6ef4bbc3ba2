"""Alignment must not group two different things said, or two acts of two people, however alike their
words: two quotations of one speaker that share no wording are two facts, and so are "X tweeted on
Tuesday that ..." and "On Wednesday, Y expressed disbelief that ...". The same quotation, cut or framed
differently by each outlet, still aligns. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView
from storydesk.reconcile.entities import reconcile_entities
from storydesk.reconcile.statements import (
    align_statements,
    build_units,
    different_utterances,
    similarity_matrix,
)

ENTS = [("Ilka Ostrander", "PERSON"), ("Ostrander", "PERSON"), ("Harl Brackett", "PERSON"),
        ("Mr. Brackett", "PERSON"), ("Brackett", "PERSON"), ("Republic of Vostra", "GPE"), ("Marl", "GPE")]


def _pair(first: str, second: str):
    a = make_article("Marl Echo", "Ostrander launches bid", "2026-05-06", [first], entities=ENTS)
    b = make_article("Valley Post", "Ostrander in Marl", "2026-05-06", [second], entities=ENTS)
    return [a, b]


def _together(articles) -> bool:
    return any(len(g.articles) == 2 for g in build_brief(articles).statements)


def _together_without_rule(articles) -> bool:
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate(articles)]
    units = build_units(views, reconcile_entities(views))
    groups = align_statements(units, similarity_matrix(units), threshold=0.4)
    return any(len({u.article for u in g.units}) == 2 for g in groups)


TWO_QUOTES = _pair(
    '"I am now ready to fight for the people of the Republic of Vostra," Ilka Ostrander said at the public '
    "announcement in Marl.",
    '"I am not running for president of the Republic of Vostra as a favour to my old class," Ilka Ostrander '
    "said at the public announcement in Marl.")


def test_two_quotations_sharing_no_wording_are_two_facts():
    assert _together_without_rule(TWO_QUOTES)  # the fixture: words around the quotes make them look alike
    assert not _together(TWO_QUOTES)


def test_different_utterances_reads_the_quoted_words_only():
    a = '"Clearly, this did not turn out the way we wanted," Brackett said after the vote.'
    b = 'Brackett told reporters the race did not turn out as he wanted, but he did "a pretty good job" of it.'
    assert not different_utterances(a, b)  # one outlet says the quote in its own words
    c = '"We will not raise a single tax this year," Brackett said after the vote.'
    assert different_utterances(a, c)
    # the same words, transcribed differently
    d = '"And I think they are different from how most people think in Vostra," he said.'
    e = 'But I am talking about his views, and they are different from what most people think in Vostra."'
    assert not different_utterances(d, e)


def test_one_quotation_framed_two_ways_still_aligns():
    articles = _pair(
        'Ilka Ostrander also charged that Brackett had "left behind a record of bankruptcies, lawsuits and '
        'angry contractors who feel cheated."',
        '"Throughout his career, Brackett has left behind a record of bankruptcies, lawsuits and angry '
        'contractors who feel cheated," Ilka Ostrander said.')
    assert _together(articles)


def test_two_people_acting_on_two_days_are_two_facts():
    articles = _pair(
        "Ostrander tweeted Tuesday that she had accepted an invitation to meet Harl Brackett in private in Marl.",
        "On Wednesday, Mr. Brackett expressed disbelief that Ostrander would accept an invitation to a private "
        "meeting in Marl.")
    assert _together_without_rule(articles)
    assert not _together(articles)
