"""The main event in 5W1H form (who, what, when, where, why, how), each answer with its sentence.

The main event is the top statement of the summary; the other answers are looked for first in the
sentences of that statement group, then in the story's highest-ranked statements, so that every answer
points at a sentence an article printed.

"Who" is read from the roles in the sentence (:class:`_Roles`): the people, organisations and groups of
people ("about 200 passengers") named in what it reports, not the source of its attribution
("..., the authority said") and not things (a ship, a coach); the speaker only when the report is of
its own act ("X said it had suspended ..."). The records carry no parse, so the roles come from the
NLP stage's quotes, sources, entity mentions and counted quantities.
"""

from __future__ import annotations

import re
from collections import Counter

from ..nlp.components.speakers import is_thing_name
from ..records.brief import Answer, Citation, Entity, StatementGroup
from .common import (
    PEOPLE_GROUPS,
    ArticleView,
    content_stems,
    dateline_length,
    fold,
    is_people_noun,
    is_side_quote,
    names_a_place,
    norm_outlet,
    trim_dateline,
)
from .contradictions import ValueFinder
from .entities import ORG, PERSON, PLACE_LABELS, THING, EntityIndex, role_head

# "due to" is a cause before a noun ("due to a fault"), a timetable before a verb ("talks are due to
# resume on Friday"): the commonest verbs of that use are left out
_SCHEDULED = (r"(?!\s+(?:be|resume|start|begin|restart|meet|arrive|open|reopen|close|end|finish|return|take|hold|"
              r"sign|vote|appear|report|publish|announce|visit|travel|leave|depart|land|sail|expire|run|face|give|"
              r"make|go|come|stand|speak|testify|decide|rule|deliver|launch|complete|conclude|retire|step|board|inspect|"
              r"examine|review|hear|sit|debate|discuss|release|reach|enter|attend|join|fly|stay)\b)")
_WHY = re.compile(r"\b(because|due to" + _SCHEDULED + r"|caused by|blamed (?:on|for)|in response to|the cause|triggered by|"
                  r"sparked by|as a result of|believed to have (?:started|begun|been caused)|started (?:near|in) )",
                  re.IGNORECASE)
#: a cause given inside a sentence, as a phrase: "in a dispute over new rosters", "because of the storm"
_CAUSE_PHRASE = re.compile(r"\b(?:in\s+)?((?:an?|the)\s+(?:[a-z-]+\s+)?(?:dispute|row|protest|disagreement|conflict|"
                           r"stand-?off)\s+(?:over|about|with|against|at)\s+[^,;.:!?\"“”()]+|(?:because of|due to"
                           + _SCHEDULED + r"|caused by|blamed on|triggered by|sparked by|in response to|"
                           r"in protest (?:at|against|over))\s+[^,;.:!?\"“”()]+)", re.IGNORECASE)
#: a longer cause phrase is a clause running on, not the cause alone
MAX_CAUSE_WORDS = 14
# manner or means ("by lifeboat" too). Not "through" (mostly a place or a time: "swept through the
# ship", "through the night", "push through rosters") nor "broke out", which tells what happened, not how.
_HOW = re.compile(r"\b(by (?:helicopter|[a-z]*boat|air|sea|road|rail|hand|force)s?|using|by means of|with the help of|"
                  r"via|by [a-z]+ing)\b", re.IGNORECASE)
#: a How whose content words are more than this share of What's restates What
MAX_HOW_OVERLAP = 0.5


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

    def best_entity(group: StatementGroup, labels: set[str]) -> Entity | None:
        cand = [ents[e] for e in group.entities if e in ents and ents[e].label in labels]
        if not cand:
            return None
        return max(cand, key=lambda e: (len(e.articles), e.mentions))

    found = _who(main, ranked[1:8], entities, view_of)
    if found:
        out["who"] = found
    # a place the sentences put the event in comes before a dateline's, which is where the report was
    # filed (often "WASHINGTON" for an event elsewhere)
    for dateline in (False, True):
        found = next((f for k, g in enumerate(ranked[:8])
                      if (f := _where(g, entities, view_of, lead_only=k > 0, dateline=dateline))), None)
        if found:
            out["where"] = found
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
            m = next((x for x in rx.finditer(g.text) if not _in_quotation(g.text, x.start())), None)
            if m is not None and g.text.rstrip().endswith(":"):
                continue  # "Read the full rant via Gawker:": a line that introduces a quotation
            if key == "why" and _NO_CAUSE.search(g.text):
                continue
            if m and _mostly_quoted(g, view_of):
                continue  # someone's own words (a tweet, a quip) tell what they think, not why or how
            if m and key == "how" and _restates(g.text, m.group(0), out["what"].text):
                continue
            if m and trim_dateline(g.text) not in {a.text for a in out.values()}:
                out[key] = Answer(text=trim_dateline(g.text), citation=_cite_for(g))
                break
    if "why" not in out and not _NO_CAUSE.search(out["what"].text):
        # "began a strike ... in a dispute over new rosters": the lead's own cause, when no sentence
        # of the story gives one
        cause = _CAUSE_PHRASE.search(out["what"].text)
        if cause is not None:
            words = cause.group(1).split()
            if len(words) <= MAX_CAUSE_WORDS:
                out["why"] = Answer(text=" ".join(words), citation=out["what"].citation)
    order = ["who", "what", "when", "where", "why", "how"]
    return {k: out[k] for k in order if k in out}


def _in_quotation(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation of ``text`` ('“… help ourselves by putting people back to
    work!”'): the speaker's words, not the outlet's account of why or how."""
    before = text[:at]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def _restates(text: str, cue: str, what: str) -> bool:
    """Whether a How sentence tells the reader nothing What has not: its manner (``cue``, "by
    helicopter") is already in What, or most of its content words are What's ("Two citizens were among
    the passengers taken off the ferry after fire broke out ..." under "Fire broke out on the ferry
    ...")."""
    if re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", what, re.IGNORECASE):
        return True
    stems = set(content_stems(trim_dateline(text)))
    if not stems:
        return True
    said = set(content_stems(what))
    return len(stems & said) > MAX_HOW_OVERLAP * len(stems)


_PEOPLE = PEOPLE_GROUPS
_GROUP_RE = re.compile(r"\b(?:(?:the|all|its|their|other|many|several|some)\s+)?(?:\d[\d,]*\s+)?(?:crew members|"
                       + "|".join(sorted(_PEOPLE)) + r")\b", re.IGNORECASE)
# A thing named after the noun of its kind ("the ferry Tamsin Ray", "the passenger ferry Merrow Bell"):
# the article is the thing's, as in "the Merrow Bell", so the mention counts for is_thing_name.
_VEHICLES = ("ferry|ship|vessel|boat|yacht|tanker|trawler|freighter|liner|cruiser|frigate|submarine|coach|"
             "bus|train|tram|plane|aircraft|airliner|jet|helicopter|flight|lorry|truck|car|rocket|satellite|"
             "spacecraft|probe|rig|platform")
#: a group of people named by the organisation they belong to, right before its name ("Train drivers at ",
#: "staff of the ")
_GROUP_AT = re.compile(r"(?<![\w-])((?:(?!(?:the|a|an|and|or|but|of|to|by|as|in|on|at|for|from|with|said|says|"
                       r"that|which|who|its|their|his|her)\b)[A-Za-z-]+\s+)?(?:" + "|".join(sorted(_PEOPLE)) + r"))\s+(?:at|of|from|for)\s+"
                       r"(?:the\s+)?$", re.IGNORECASE)
_THING_BEFORE = re.compile(r"\b(?:the|a|an|this|that|her|its)\s+(?:[a-z-]+\s+)?(?:" + _VEHICLES + r")\s+$")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"^\W*(?:that\s+)?(?:he|she|it|they|we|i)\b", re.IGNORECASE)
MAX_ACTORS = 3


class _Roles:
    """Who a sentence's event happened to or who did it: the people, organisations and groups of people
    named in what the sentence reports, not its attribution (", the authority said", "according to X",
    the speaker of a quote) and not things (a ship, a coach)."""

    def __init__(self, entities: EntityIndex, views: list[ArticleView]) -> None:
        self.entities = entities
        self.ents = {e.id: e for e in entities.entities}
        self.outlets = {norm_outlet(v.outlet) for v in views}
        self.mentions: dict[str, list[tuple[int, int]]] = {}
        for (a, start, _end), eid in entities.by_mention.items():
            self.mentions.setdefault(eid, []).append((a, start))
        self.views = {v.index: v for v in views}
        self._thing: dict[str, bool] = {}

    def is_thing(self, e: Entity) -> bool:
        if e.label == THING:
            return True
        if e.id not in self._thing:
            before = [self.views[a].text[max(0, s - 40):s] for a, s in self.mentions.get(e.id, ())
                      if a in self.views]
            with_article = sum(1 for b in before if _THING_BEFORE.search(b)
                               or (e.label == PERSON and _THE_BEFORE.search(b)))
            self._thing[e.id] = is_thing_name(with_article, len(before))
        return self._thing[e.id]

    def _opening_mention(self, v: ArticleView, a: int, before: int, eid: str) -> int | None:
        """Where the sentence starting at ``a`` opens with a mention of ``eid`` ahead of ``before``."""
        for m in v.aa.entities:
            if a <= m.start < before and self.entities.by_mention.get((v.index, m.start, m.end)) == eid \
                    and _opens(v.text[a:m.start], clause=False):
                return m.start
        return None

    def actors(self, v: ArticleView, si: int, *, people_only: bool = False) -> list[str]:
        """The actors of sentence ``si`` of ``v`` in the order the sentence names them."""
        a, b = v.sentence_bounds[si]
        if a >= b:
            return []
        a += dateline_length(v.text[a:b])
        excluded: list[tuple[int, int]] = []
        told: set[str] = set()
        speakers: list[str] = []
        opening: dict[str, int] = {}  # a person the sentence opens with who speaks -> where
        # speakers named before what they say ("Mr. Trump responded ..., noting that ...")
        ahead = {q.speaker.start for q in v.aa.quotes if q.speaker is not None and a <= q.speaker.start < b
                 and q.speaker.start < q.content.start}
        region = (a, b)
        for q in v.aa.quotes:
            if v.sentence_of(q.content.start) != si or is_side_quote(q, v, si):
                continue  # a side quote ("..., before ordering passengers to ...") is an act, not a source
            excluded += [(sp.start, sp.end) for sp in (q.speaker, q.cue) if sp is not None]
            eid = self.entities.resolve(q.speaker_name or (q.speaker.text if q.speaker else None), v.index)
            if eid is None and q.speaker is not None and q.speaker.start < q.content.start \
                    and re.search(r"\b[a-z]+$", q.speaker.text):
                # a speaker span cut before its name ("Presumptive Republican presidential | nominee Donald
                # Trump issued a call for ..."): the person named right after it, one title word between
                eid = next((self.entities.by_mention.get((v.index, m.start, m.end)) for m in v.aa.entities
                            if m.label.upper() in {"PERSON", "PER"} and q.speaker.end <= m.start < q.content.start
                            and re.fullmatch(r"\s*(?:[\w.'’-]+\s+)?", v.text[q.speaker.end:m.start])), None)
            if eid:
                speakers.append(eid)
                e = self.ents.get(eid)
                if e is not None and (e.label == PERSON or (e.label == ORG and not e.news_outlet)) \
                        and q.speaker is not None \
                        and q.speaker.start < q.content.start and _opens(v.text[a:q.speaker.start]):
                    # "Mr. Trump responded to Mr. Fox's attacks, noting that ...", "She joked about
                    # ...", "In a blow to the president, the Senate voted to ...": the person or body the
                    # sentence opens with acts by speaking, and is who
                    opening.setdefault(eid, q.speaker.start)
                elif e is not None and e.label == PERSON and q.speaker is not None \
                        and (own := self._opening_mention(v, a, q.speaker.start, eid)) is not None:
                    # "Chairman Michael Steele will speak Monday, in which he is expected to announce ...":
                    # a pronoun speaker who is the person the sentence opens with
                    opening.setdefault(eid, own)
                elif e is not None and e.label == PERSON and q.speaker is not None and q.kind == "direct" \
                        and 2 * (q.content.end - q.content.start) >= b - a:
                    # a sentence that is someone's own words ("'I can't imagine the country with X as
                    # our president,' Justice Y told The Times"): the event is that they said it
                    opening.setdefault(eid, a)
                else:
                    told.add(eid)
            if 2 * (q.content.end - q.content.start) >= b - a:
                region = (max(a, q.content.start), min(b, q.content.end))
                region = (region[0] + dateline_length(v.text[region[0]:region[1]]), region[1])
        for r in v.aa.sources:
            if v.sentence_of(r.span.start) != si:
                continue
            excluded.append((r.span.start, r.span.end))
            for name in (r.person, r.organization, *r.chain):
                eid = self.entities.resolve(name, v.index)
                if not eid or eid in opening:
                    continue
                e = self.ents.get(eid)
                if name == r.person and e is not None and e.label == PERSON \
                        and _opens(v.text[a:r.span.start], clause=r.span.start in ahead):
                    opening[eid] = r.span.start  # "Justice X hasn't been shy ..., joking that ..."
                else:
                    told.add(eid)
        told -= set(opening)
        ra, rb = region

        def free(start: int) -> bool:
            return ra <= start < rb and not any(x <= start < y for x, y in excluded)

        labels = {PERSON} if people_only else {PERSON, ORG}
        people = [m for m in v.aa.entities if m.label.upper() in {"PERSON", "PER"} and ra <= m.start < rb]
        found: list[tuple[int, int, str]] = []  # (start, end, text)
        seen: set[str] = set()
        for eid, at in opening.items():
            e = self.ents[eid]
            seen.add(eid)
            desc = f", {e.descriptions[0]}" if e.descriptions else ""
            found.append((at, at, e.name + desc))
        for m in v.aa.entities:
            if not free(m.start) or names_a_place(v.text, m.end):
                continue
            eid = self.entities.by_mention.get((v.index, m.start, m.end))
            e = self.ents.get(eid) if eid else None
            if e is None or eid in told or eid in seen or e.label not in labels:
                continue
            if self.is_thing(e) or norm_outlet(e.name) in self.outlets or e.news_outlet:
                continue  # the story's outlets, and any news outlet (a dateline's "(AP)"), report the event
            seen.add(eid)
            desc = f", {e.descriptions[0]}" if e.descriptions and e.label == PERSON else ""
            group = _GROUP_AT.search(v.text, max(ra, m.start - 60), m.start) if e.label == ORG else None
            if group is not None and free(group.start(1)):
                # "Train drivers at Calder Regional Rail began a strike": the drivers did, not the company
                found.append((group.start(1), m.end, " ".join(v.text[group.start(1):m.end].split())))
                continue
            if _INTERVIEWER_BEFORE.search(v.text, max(ra, m.start - 60), m.start):
                continue  # "in a phone interview with Fox News' Sean Hannity": who asked, not who acted
            if e.label == ORG and _MEDIUM_BEFORE.search(v.text, max(ra, m.start - 16), m.start):
                continue  # "noting on Twitter", "a lawsuit in the Supreme Court": where, not who
            if e.label == ORG and any(p.start > m.end and _TITLE_GAP.fullmatch(v.text, m.end, p.start)
                                      for p in people):
                continue  # "Supreme Court Justice Ruth Bader Ginsburg", "House Speaker John Boehner": a title
            found.append((m.start, m.end, e.name + desc))
        for q in v.aa.quantities:
            if q.kind not in {"count", "vague"} or not q.counted or fold(q.counted) not in _PEOPLE:
                continue
            if not free(q.start):
                continue
            k = v.text.find(q.counted, q.end, q.end + 40)
            if k >= 0:
                found.append((q.start, k + len(q.counted), " ".join(v.text[q.start:k + len(q.counted)].split())))
        if not found:
            for m in _GROUP_RE.finditer(v.text, ra, rb):
                if free(m.start()):
                    found.append((m.start(), m.end(), m.group(0)))
        if not found and speakers and _SUBJECT_PRONOUN.match(v.text[ra:rb]):
            # "Ostravik said it had suspended its service": the speaker tells of its own act
            e = self.ents.get(speakers[0])
            if e is not None and e.label in labels and not self.is_thing(e):
                found.append((ra, ra, e.name))
        found.sort()
        out: list[str] = []
        for start, end, text in found:
            if text not in out and not any(x < end and start < y for x, y, _ in found if (x, y) != (start, end)
                                           and y - x > end - start):
                out.append(text)
        return out[:MAX_ACTORS]


#: a title right before the name ("..., Mr.", "Former Rep.")
_TITLE_TAIL = re.compile(r"(?:\s*\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Justice|President|Former|former)\.?)+\s*$")
#: between an organisation and a person's name, what makes the organisation part of a title
_TITLE_GAP = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){0,3}")
_TITLE_WORDS = re.compile(r"(?:(?:[A-Z][\w.'’-]*|of|the)\s+)*")


def _opens(lead: str, *, clause: bool = True) -> bool:
    """Whether a speaker after ``lead`` opens its sentence: nothing before it but a title ("Former
    Mexican President", "Mr.") or, with ``clause`` (the speaker known to come before what is said),
    an opening phrase closed by a comma ("On Wednesday, ...")."""
    lead = _TITLE_TAIL.sub("", lead).strip()
    if not lead or (clause and lead.endswith(",")):
        return True
    if lead[:1].isupper() and len(lead.split()) <= 6 and re.fullmatch(r"[\w.'’ -]+", lead) and role_head(lead):
        return True  # a title with lower-case words ("Presumptive Republican presidential nominee")
    return bool(_TITLE_WORDS.fullmatch(lead + " ")) and lead[:1].isupper()


#: the interviewer of an interview the sentence tells of, after up to four capitalised words or a host's
#: title ("an interview with Fox News' Sean Hannity", "interviewed by CBS host Ada Vale")
_INTERVIEWER_BEFORE = re.compile(r"\binterview(?:ed)?\s+(?:with|by)\s+(?:(?:[A-Z][\w.'’-]*|host|anchor|"
                                 r"correspondent|reporter|journalist)\s+){0,4}$")
_MEDIUM_BEFORE = re.compile(r"\b(?:on|via|in|through)\s+(?:the\s+)?$", re.IGNORECASE)


def _who(main: StatementGroup, others: list[StatementGroup], entities: EntityIndex,
         view_of: dict[str, ArticleView]) -> Answer | None:
    """Who the main event happened to or who did it, from the sentences of the main statement (then,
    for people only, from the next statements): see :class:`_Roles`."""
    roles = _Roles(entities, list(view_of.values()))
    for groups, people_only in (([main], False), (others, True)):
        for g in groups:
            for c in g.citations:
                v = view_of.get(c.article_id)
                if v is None or c.sentence is None or c.sentence >= len(v.sentence_bounds):
                    continue
                actors = roles.actors(v, c.sentence, people_only=people_only)
                if actors:
                    return Answer(text="; ".join(actors), citation=c)
    return None


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


def _mostly_quoted(group: StatementGroup, view_of: dict[str, ArticleView]) -> bool:
    """Whether every sentence of the group is mostly a direct quotation."""
    seen = False
    for c in group.citations:
        v = view_of.get(c.article_id)
        if v is None or c.sentence is None or c.sentence >= len(v.sentence_bounds):
            continue
        a, b = v.sentence_bounds[c.sentence]
        if _block_quoted(v.text, a):
            seen = True
            continue
        quoted = sum(max(0, min(b, q.content.end) - max(a, q.content.start)) for q in v.aa.quotes
                     if q.kind == "direct")
        if 2 * quoted < b - a:
            return False
        seen = True
    return seen


def _block_quoted(text: str, start: int) -> bool:
    """Whether the paragraph holding ``start`` follows one that ends in a colon ("Trump lashed out on
    Twitter, saying:"): a block quotation, which carries no quotation marks."""
    para = text.rfind("\n", 0, start)
    if para < 0:
        return False
    before = text[:para].rstrip()
    return before.endswith(":")


#: a place is where the event happened when the sentence puts it there ("in Kansas City", "at the White
#: House", "outside the Capitol"), not when it is a destination or a topic ("joking that she might move
#: to New Zealand", "a Boston lawyer")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|off|outside|inside|across|throughout|around|along|on)\s+(?:the\s+)?"
                              r"(?:(?:city|town|state|village|county|capital)\s+of\s+)?$", re.IGNORECASE)


def _people_before(text: str, start: int, at: int) -> bool:
    """Whether the preposition at ``at`` follows a noun for people ("attorneys general in Nebraska",
    "officials in Hawaii", "Republicans in Congress"): the place is where they are from or work, not where
    the event happened. A noun for a happening keeps its place ("a shooting in Kansas City")."""
    before = re.findall(r"[\w'’-]+", text[max(start, at - 40):at])
    if before and fold(before[-1]) == "general" and len(before) >= 2:
        before = before[:-1]  # "attorneys general", "secretary general"
    if not before:
        return False
    w = before[-1]
    return is_people_noun(w) or role_head(w) is not None or bool(re.fullmatch(r"[A-Z][a-z]+(?:ans|ats|ists)", w))


#: last words of an organisation's name that make it a place something happens in ("a lawsuit in the U.S.
#: Supreme Court", "a speech at Georgetown University"), which the NER tags ORG
_VENUE_HEADS = frozenset(["court", "university", "college", "school", "hospital", "church", "cathedral", "mosque",
                          "synagogue", "temple", "stadium", "arena", "hotel", "airport", "prison", "capitol"])


def _is_venue(name: str) -> bool:
    last = name.split()[-1:] if name else []
    return bool(last) and fold(last[0]).strip(".") in _VENUE_HEADS


#: the sentences of an article's opening that may place the main event when the main statement does not
LEAD_SENTENCES = 3


def _where(group: StatementGroup, entities: EntityIndex, view_of: dict[str, ArticleView], *,
           lead_only: bool = False, dateline: bool = False) -> Answer | None:
    """The place the group's sentences put their event in: a place entity after a locative preposition
    outside any quotation, or (with ``dateline``) the dateline's place. With ``lead_only`` only sentences
    of an article's opening count: a later sentence's place is often another event's ("leaders in
    Washington")."""
    ents = {e.id: e for e in entities.entities}
    for c in group.citations:
        v = view_of.get(c.article_id)
        if v is None or c.sentence is None or c.sentence >= len(v.sentence_bounds):
            continue
        if lead_only and c.sentence >= LEAD_SENTENCES:
            continue
        a, b = v.sentence_bounds[c.sentence]
        head = a + dateline_length(v.text[a:b])
        quoted = [(q.content.start, q.content.end) for q in v.aa.quotes]
        for (ai, s, _e), eid in sorted(entities.by_mention.items(), key=lambda kv: kv[0][1]):
            e = ents.get(eid)
            if ai != v.index or not a <= s < b or e is None:
                continue
            if e.label not in PLACE_LABELS and not (e.label == ORG and not dateline and _is_venue(e.name)):
                continue
            if dateline and s < head:
                return Answer(text=e.name, citation=c)
            if not dateline and s >= head and (loc := _LOCATIVE_BEFORE.search(v.text, max(a, s - 30), s)) \
                    and not any(x <= s < y for x, y in quoted) and not _people_before(v.text, a, loc.start()):
                return Answer(text=e.name, citation=c)
    return None


def _when(group: StatementGroup, view_of: dict[str, ArticleView], values: ValueFinder) -> Answer | None:
    """The time expression most of the group's sentences agree on; a year more than a year away from the
    article's publication is a past or future the sentence mentions ("since 1967"), not the event's
    time."""
    counts: Counter = Counter()
    first: dict[str, Citation] = {}
    for c in group.citations:
        v = view_of.get(c.article_id)
        if v is None or c.sentence is None:
            continue
        for val in values(v.index, c.sentence):
            if val.kind in {"date", "weekday", "time"}:
                key = val.text.strip()
                if _far_year(key, v.aa.article.published):
                    continue
                counts[key] += 1
                first.setdefault(key, c)
    if not counts:
        return None
    key = counts.most_common(1)[0][0]
    return Answer(text=key, citation=first[key])


def _far_year(text: str, published: str | None) -> bool:
    """Whether ``text`` names a year more than one year from the ``published`` date (ISO 8601)."""
    years = re.findall(r"\b(1[89]\d\d|2[01]\d\d)\b", text)
    pub = re.match(r"(\d{4})", published or "")
    return bool(years and pub) and all(abs(int(y) - int(pub.group(1))) > 1 for y in years)
