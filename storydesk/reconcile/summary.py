"""The extractive summary: the story's most central, best corroborated statements, each cited.

Every summary sentence is a sentence some article printed (with only a leading dateline trimmed), and
it cites the articles that carry it; a disputed statement cites only the article whose wording is used,
because the other members of its group disagree with that wording.
"""

from __future__ import annotations

import re

from ..records.brief import Contradiction, StatementGroup, SummarySentence
from .common import content_stems, trim_dateline  # trim_dateline: also the renderers'
from .contradictions import figure_value

#: words that, opening a sentence, point back at the sentence before it: a pronoun or possessive ("He
#: pleaded guilty ...", "Its captain, ...") or a connective ("However, ..."). Lifted alone into a summary
#: such a sentence names nobody, or answers something the reader has not seen.
_BACK_REFERENCE = re.compile(r"^(?:he|she|it|its|his|her|they|their|them|him|this|these|those|however|but|and|"
                             r"also|yet|still|moreover|meanwhile|instead|nevertheless|separately)\b",
                             re.IGNORECASE)


#: a pronoun as the subject after an opening phrase: "From 1997 to 2009, he practiced ..."
_LATE_PRONOUN = re.compile(r"^(?:[^,“\"]{1,80},\s+){1,2}(?:he|she|they|it)\b", re.IGNORECASE)


def opens_with_reference(text: str) -> bool:
    """Whether a sentence (its dateline aside) opens with a word that refers to an earlier one. A
    quotation is the speaker's words, whoever "he" is in them: not counted."""
    text = trim_dateline(text)
    return not text.startswith(("“", '"', "‘", "'")) and bool(_BACK_REFERENCE.match(text)
                                                            or _LATE_PRONOUN.match(text))


def _unfit_for_summary(text: str) -> bool:
    """A dateline, byline, a quotation cut in half by the sentence splitter, the writer's question or a
    sentence that leans on the one before it: not a summary sentence."""
    if opens_with_reference(text):
        return True
    if text.rstrip().endswith("?") and not text.lstrip().startswith(("“", '"', "‘", "'")):
        return True  # the writer's own question ("So who is X?") states no fact
    words = text.split()
    if len(words) < 6 or not text.rstrip().endswith((".", "!", "?", '"', "”", "’")):
        return True
    caps = sum(w.isupper() and len(w) > 1 for w in words)
    return caps > len(words) / 2 or text.count('"') % 2 == 1 or text.count("“") != text.count("”")


def _against(contradictions: list[Contradiction]) -> dict[tuple[str, int | None], set[tuple[str, int | None]]]:
    """Cited sentence -> the sentences that give another value of a disputed detail it states."""
    out: dict[tuple[str, int | None], set[tuple[str, int | None]]] = {}
    for c in contradictions:
        for s in c.sides:
            here = (s.citation.article_id, s.citation.sentence)
            out.setdefault(here, set()).update(
                (o.citation.article_id, o.citation.sentence) for o in c.sides if figure_value(o.value) != figure_value(s.value))
    return out


def summarise(groups: list[StatementGroup], *, n: int = 6, main: str | None = None,
              contradictions: list[Contradiction] | None = None) -> list[SummarySentence]:
    """4-8 sentences (``n``, bounded by what the story has), the main event (statement ``main``, else
    the highest score) first, then the best corroborated facts.

    A sentence cites the articles that carry it, except those that give another value of a detail in
    ``contradictions`` ("a boy aged 10" does not cite the article that says he was 12)."""
    against = _against(contradictions or [])
    n = max(4, min(8, n))
    # A disputed statement yields to an undisputed one of similar weight, since the summary states it
    # in one outlet's words
    by_score = sorted(groups, key=lambda g: g.score, reverse=True)
    first = [g for g in by_score if g.id == main] or by_score[:1]
    rest = sorted((g for g in by_score if g not in first),
                  key=lambda g: g.score - (1.5 if g.status == "disputed" else 0)
                  + (1.0 if g.status == "corroborated" else 0), reverse=True)
    ranked = first + rest
    chosen: list[SummarySentence] = []
    chosen_stems: list[set[str]] = []
    for g in ranked:
        if len(chosen) >= n:
            break
        text = trim_dateline(g.text)
        if len(text) > 400 or _unfit_for_summary(text):
            continue  # overlong, a dateline, or a quotation cut in half: not a sentence to lift alone
        stems = set(content_stems(text))
        if not stems or any(len(stems & s) / len(stems | s) > 0.45 for s in chosen_stems):
            continue
        # the representative sentence is the group's first citation
        cites = g.citations[:1] if g.status == "disputed" else g.citations
        rep = (g.citations[0].article_id, g.citations[0].sentence) if g.citations else None
        other = against.get(rep, set()) if rep else set()
        seen = set()
        uniq = []
        for c in cites:
            if (c.article_id, c.sentence) in other:
                continue
            if c.article_id not in seen:
                seen.add(c.article_id)
                uniq.append(c)
        chosen.append(SummarySentence(text=text, citations=uniq, statement=g.id))
        chosen_stems.append(stems)
    return chosen

