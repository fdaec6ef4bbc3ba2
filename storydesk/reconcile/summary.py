"""The extractive summary: the story's most central, best corroborated statements, each cited.

Every summary sentence is a sentence some article printed (with only a leading dateline trimmed), and
it cites the articles that carry it; a disputed statement cites only the article whose wording is used,
because the other members of its group disagree with that wording.
"""

from __future__ import annotations

import re

from ..records.brief import StatementGroup, SummarySentence
from .common import content_stems

_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40},\s+(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s+)?(?:\([^)]{1,40}\)\s*)?[-–—]+\s*")


def trim_dateline(text: str) -> str:
    """"PORT ELLIN, March 3 (CPA) - Fire broke out..." -> "Fire broke out..."."""
    out = _DATELINE.sub("", text, count=1)
    return out[0].upper() + out[1:] if out else text


def summarise(groups: list[StatementGroup], *, n: int = 6) -> list[SummarySentence]:
    """4-8 sentences (``n``, bounded by what the story has), best first."""
    n = max(4, min(8, n))
    # the main event (highest score) leads; then the best corroborated facts. A disputed statement
    # yields to an undisputed one of similar weight, since the summary states it in one outlet's words
    by_score = sorted(groups, key=lambda g: g.score, reverse=True)
    rest = sorted(by_score[1:], key=lambda g: g.score - (1.5 if g.status == "disputed" else 0)
                  + (1.0 if g.status == "corroborated" else 0), reverse=True)
    ranked = by_score[:1] + rest
    chosen: list[SummarySentence] = []
    chosen_stems: list[set[str]] = []
    for g in ranked:
        if len(chosen) >= n:
            break
        text = trim_dateline(g.text)
        if len(text) > 400 or text.count('"') % 2 or text.count("“") != text.count("”"):
            continue  # overlong, or a quotation cut in half: not a sentence to lift on its own
        stems = set(content_stems(text))
        if not stems or any(len(stems & s) / len(stems | s) > 0.45 for s in chosen_stems):
            continue
        # the representative sentence is the group's first citation
        cites = g.citations[:1] if g.status == "disputed" else g.citations
        seen = set()
        uniq = []
        for c in cites:
            if c.article_id not in seen:
                seen.add(c.article_id)
                uniq.append(c)
        chosen.append(SummarySentence(text=text, citations=uniq, statement=g.id))
        chosen_stems.append(stems)
    return chosen

