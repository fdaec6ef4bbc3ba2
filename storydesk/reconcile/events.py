"""The main event in 5W1H form (who, what, when, where, why, how), each answer with its sentence.

The main event is the top statement of the summary; the other answers are looked for first in the
sentences of that statement group, then in the story's highest-ranked statements, so that every answer
points at a sentence an article printed.
"""

from __future__ import annotations

import re
from collections import Counter

from ..records.brief import Answer, Citation, Entity, StatementGroup
from .common import ArticleView
from .contradictions import ValueFinder
from .entities import PERSON, PLACE_LABELS, THING, EntityIndex
from .summary import trim_dateline

_WHY = re.compile(r"\b(because|due to|caused by|blamed (?:on|for)|in response to|the cause|triggered by|"
                  r"sparked by|as a result of|believed to have (?:started|begun|been caused)|started (?:near|in) )",
                  re.IGNORECASE)
_HOW = re.compile(r"\b(by (?:helicopter|boat|air|sea|road|rail|hand|force)|using|by means of|with the help of|"
                  r"through|via|broke out|by [a-z]+ing)\b", re.IGNORECASE)


# "would not speculate on the cause": a sentence that says the cause is unknown does not answer why
_NO_CAUSE = re.compile(r"\b(?:not|no|n't|declined to|refused to)\b[^.;]{0,40}\b(?:speculate|say|know|known|clear|"
                       r"confirm|determine)[^.;]{0,30}\bcause\b|\bcause\b[^.;]{0,20}\b(?:is|was|remains|has not been)\s+"
                       r"(?:not known|unknown|unclear|under investigation|not (?:yet )?(?:known|clear|established))",
                       re.IGNORECASE)


def _cite_for(group: StatementGroup) -> Citation | None:
    return group.citations[0] if group.citations else None


def main_event(groups: list[StatementGroup], ranked_ids: list[str], entities: EntityIndex,
               views: list[ArticleView], values: ValueFinder) -> dict[str, Answer]:
    """Who/what/when/where/why/how of the story's main event (answers it cannot find are left out)."""
    by_id = {g.id: g for g in groups}
    ranked = [by_id[i] for i in ranked_ids if i in by_id]
    if not ranked:
        return {}
    main = ranked[0]
    out: dict[str, Answer] = {"what": Answer(text=trim_dateline(main.text), citation=_cite_for(main))}
    view_of = {v.id: v for v in views}
    ents = {e.id: e for e in entities.entities}

    def best_entity(group: StatementGroup, labels: set[str], skip: frozenset[str] = frozenset()) -> Entity | None:
        cand = [ents[e] for e in group.entities if e in ents and ents[e].label in labels and e not in skip]
        if not cand:
            return None
        return max(cand, key=lambda e: (len(e.articles), e.mentions))

    for g in ranked[:8]:
        # the source a statement is attributed to ("..., the authority said") told of the event; the
        # actor is another of its entities when it has one
        told = frozenset(e for e in g.entities if e in ents and any(ents[e].name in o for o in g.original_sources))
        who = best_entity(g, {PERSON, "ORG", THING}, told) or best_entity(g, {PERSON, "ORG", THING})
        if who:
            desc = f", {who.descriptions[0]}" if who.descriptions and who.label == PERSON else ""
            out["who"] = Answer(text=who.name + desc, citation=_sentence_with(g, who, view_of) or _cite_for(g))
            break
    for g in ranked[:8]:
        where = best_entity(g, PLACE_LABELS)
        if where:
            out["where"] = Answer(text=where.name, citation=_sentence_with(g, where, view_of) or _cite_for(g))
            break
    for g in ranked[:8]:
        found = _when(g, view_of, values)
        if found:
            out["when"] = found
            break
    # a cause is seldom among a story's top statements, and the "why" cues are specific enough to look
    # further down than for "how"
    for key, rx, depth in (("why", _WHY, 40), ("how", _HOW, 20)):
        for g in ranked[:depth]:
            if g.status == "disputed":
                continue  # an answer should not rest on a sentence the outlets disagree about
            m = rx.search(g.text)
            if key == "why" and _NO_CAUSE.search(g.text):
                continue
            if m and trim_dateline(g.text) not in {a.text for a in out.values()}:
                out[key] = Answer(text=trim_dateline(g.text), citation=_cite_for(g))
                break
    order = ["who", "what", "when", "where", "why", "how"]
    return {k: out[k] for k in order if k in out}


def _sentence_with(group: StatementGroup, ent: Entity, view_of: dict[str, ArticleView]) -> Citation | None:
    names = [v.lower() for v in ent.variants]
    for c in group.citations:
        v = view_of.get(c.article_id)
        if v is None or c.sentence is None:
            continue
        s = v.sentences[c.sentence].lower()
        if any(n in s for n in names):
            return c
    return None


def _when(group: StatementGroup, view_of: dict[str, ArticleView], values: ValueFinder) -> Answer | None:
    """The time expression most of the group's sentences agree on."""
    counts: Counter = Counter()
    first: dict[str, Citation] = {}
    for c in group.citations:
        v = view_of.get(c.article_id)
        if v is None or c.sentence is None:
            continue
        for val in values(v.index, c.sentence):
            if val.kind in {"date", "weekday", "time"}:
                key = val.text.strip()
                counts[key] += 1
                first.setdefault(key, c)
    if not counts:
        return None
    key = counts.most_common(1)[0][0]
    return Answer(text=key, citation=first[key])
