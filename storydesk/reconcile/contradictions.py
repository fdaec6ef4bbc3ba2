"""Contradictions: aligned statements that disagree about one slot.

Compared within each aligned statement group (so both sides report the same fact): numbers and counts,
ages, dates and weekdays (a date also fixes its weekday), times, who did the action, places, and
assertion against hedge or denial. Across the whole story: the age of one person, and the spelling of
one person's name.

Values that can both be true are not contradictions: a vague amount or range that contains the exact
figure ("dozens" / "48", "in his thirties" / "34", "about 200" / "212") is a *difference in detail*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..nlp.components._common import PERSON_NOUNS
from ..nlp.components.quantities import MONTH_NAMES, WEEKDAYS
from ..records import Quantity
from ..records.brief import Contradiction, ContradictionSide
from .common import PEOPLE_GROUPS, ArticleView, content_stems, fold, iso_date, stem
from .entities import PERSON, PLACE_LABELS, EntityIndex, _tok_similar, person_tokens, translit_key
from .statements import Group, Unit

MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100})
_VAGUE = {"dozens": (24, 99), "dozen": (12, 12), "scores": (40, 199), "hundreds": (200, 999),
          "thousands": (2000, 9999), "several": (3, 9), "a few": (2, 5), "a handful": (2, 6),
          "many": (5, None), "some": (2, None)}
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
            "eighties": 80, "nineties": 90, "teens": 13}
_APPROX = re.compile(r"(about|around|approximately|roughly|nearly|almost|some|up to|more than|over|"
                     r"at least|fewer than|less than|under|just over|just under|an estimated|estimated)\s+$",
                     re.IGNORECASE)


@dataclass
class Value:
    """A quantity with the interval of values it allows."""

    kind: str
    text: str
    low: float | None
    high: float | None
    exact: float | None
    context: str  # stem of the word after it: "people", "passeng"
    start: int  # offset in the article
    iso: str | None = None
    weekday: int | None = None
    counted: str | None = None  # the noun the NLP stage's parse says a count counts ("shifts")

    def allows(self, other: Value) -> bool:
        """Could both be true? (overlapping intervals)"""
        lo1, hi1 = self._interval()
        lo2, hi2 = other._interval()
        return lo1 <= hi2 and lo2 <= hi1

    def _interval(self) -> tuple[float, float]:
        lo = self.low if self.low is not None else (self.exact if self.exact is not None else float("-inf"))
        hi = self.high if self.high is not None else (self.exact if self.exact is not None else float("inf"))
        return lo, hi

    @property
    def is_exact(self) -> bool:
        return self.exact is not None and self.low is None and self.high is None


# --------------------------------------------------------------------------- value extraction


def _context_after(text: str, end: int) -> str:
    m = re.match(r"\s*(?:-\s*)?(?:(?:more|other|of|the|were|had|have|been|are|was|a|an)\s+){0,2}([A-Za-z]{3,})",
                 text[end:end + 40])
    return stem(m.group(1)) if m else ""


def _qualified(q_low, q_high, exact, prefix: str):
    m = _APPROX.search(prefix)
    if not m or exact is None:
        return q_low, q_high, exact
    word = m.group(1).lower()
    if word in {"more than", "over", "at least", "just over"}:
        return exact, None, None
    if word in {"fewer than", "less than", "under", "up to", "just under"}:
        return None, exact, None
    return exact * 0.85, exact * 1.15, None


def _word_after(view: ArticleView, v: Value) -> str:
    m = re.match(r"\s*(?:-\s*)?(?:(?:more|other|of|the|were|had|have|been|are|was|a|an)\s+){0,2}([A-Za-z]{3,})",
                 view.text[v.start + len(v.text.rstrip()):][:40])
    return m.group(1).lower() if m else ""


def values_from_quantities(view: ArticleView, quantities: list[Quantity]) -> list[Value]:
    out = []
    text = view.text
    for q in quantities:
        kind = q.kind
        if kind == "vague":
            kind = "count"
        low, high, exact = q.low, q.high, q.value
        if low is not None or high is not None:
            exact = None if low != high else low
        low, high, exact = _qualified(low, high, exact, text[max(0, q.start - 25):q.start])
        wd = None
        if kind == "weekday":
            t = fold(q.text)
            wd = next((i for i, w in enumerate(WEEKDAYS) if w in t), None)
        out.append(Value(kind=kind, text=q.text, low=low, high=high, exact=exact,
                         context=_context_after(text, q.end), start=q.start, iso=q.iso, weekday=wd,
                         counted=q.counted))
    return out


_AGE_RES = [
    re.compile(r"\b(\d{1,3})-year-old\b"),
    re.compile(r"\baged\s+(\d{1,3})\b"),
    re.compile(r"\bage\s+(\d{1,3})\b"),
    re.compile(r"\b(?:[A-Z][a-z]+),\s+(\d{1,3}),"),
]
_DECADE_RE = re.compile(r"\bin (?:his|her|their) (?:early |mid-|mid |late )?(" + "|".join(_DECADES) + r")\b")
_COUNT_RE = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
                       + r"|" + "|".join(_VAGUE) + r")\b(?!-year-old|:\d)", re.IGNORECASE)
_DATE_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_TIME_RE = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?", re.IGNORECASE)


def values_from_text(view: ArticleView, start: int, end: int, year: int | None) -> list[Value]:
    """Numbers, ages, dates, weekdays and times in ``text[start:end]``: the fallback when the NLP stage
    recorded no quantities for an article (hand-written records, older annotations)."""
    text = view.text
    seg = text[start:end]
    out: list[Value] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for rx in _AGE_RES:
        for m in rx.finditer(seg):
            _a, _b = m.span(1)
            v = float(m.group(1))
            out.append(Value("age", m.group(0), None, None, v, "", start + m.start()))
            taken.append((m.start(), m.end()))
    for m in _DECADE_RE.finditer(seg):
        base = _DECADES[m.group(1)]
        lo, hi = (base, base + 9) if base != 13 else (13, 19)
        if "early" in m.group(0):
            hi = base + 3
        elif "late" in m.group(0):
            lo = base + 6
        elif "mid" in m.group(0):
            lo, hi = base + 3, base + 7
        out.append(Value("age", m.group(0), lo, hi, None, "", start + m.start()))
        taken.append(m.span())
    for m in _TIME_RE.finditer(seg):
        h = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
        val = h * 60 + int(m.group(2) or 0)
        low, high, exact = _qualified(None, None, float(val), seg[max(0, m.start() - 25):m.start()])
        if exact is None and low is not None and high is not None:
            low, high = val - 20.0, val + 20.0
        out.append(Value("time", m.group(0), low, high, exact, "", start + m.start()))
        taken.append(m.span())
    for m in _DATE_RE.finditer(seg):
        mon, day = MONTHS[m.group(1).lower()], int(m.group(2))
        yr = int(m.group(3)) if m.group(3) else year
        iso = None
        if yr:
            try:
                iso = date(yr, mon, day).isoformat()
            except ValueError:
                iso = None
        out.append(Value("date", m.group(0), None, None, None, "", start + m.start(), iso=iso))
        taken.append(m.span())
    for m in _WEEKDAY_RE.finditer(seg):
        out.append(Value("weekday", m.group(0), None, None, None, "", start + m.start(),
                         weekday=WEEKDAYS.index(m.group(1).lower())))
    for m in _COUNT_RE.finditer(seg):
        if not free(*m.span()):
            continue
        word = m.group(1).lower()
        if word in _VAGUE:
            lo, hi = _VAGUE[word]
            out.append(Value("count", m.group(0), lo, hi, None, _context_after(seg, m.end()), start + m.start()))
            continue
        if word in {"some", "many", "one"}:
            continue
        try:
            val = float(word.replace(",", "")) if word[0].isdigit() else float(_NUMBER_WORDS[word])
        except (KeyError, ValueError):
            continue
        if 1900 <= val <= 2100 and "." not in word:
            continue  # a year
        low, high, exact = _qualified(None, None, val, seg[max(0, m.start() - 25):m.start()])
        kind = "percent" if re.match(r"\s*(?:%|per ?cent)", seg[m.end():m.end() + 9]) else "count"
        out.append(Value(kind, m.group(0), low, high, exact, _context_after(seg, m.end()), start + m.start()))
    return out


_RANK_BEFORE = re.compile(r"(?:\bNo\.?|\bNos\.?|\bNumber|#)\s*$")


class ValueFinder:
    """Values per (article, sentence), from the NLP stage's quantities or the regex fallback."""

    def __init__(self, views: list[ArticleView]) -> None:
        self.views = views
        self.cache: dict[tuple[int, int], list[Value]] = {}

    def __call__(self, unit_article: int, sentence: int) -> list[Value]:
        key = (unit_article, sentence)
        if key in self.cache:
            return self.cache[key]
        v = self.views[unit_article]
        a, b = v.sentence_bounds[sentence]
        qs = [q for q in v.aa.quantities if a <= q.start < b]
        if v.aa.quantities:
            vals = values_from_quantities(v, qs)
        else:
            year = None
            pub = v.aa.article.published or ""
            if pub[:4].isdigit():
                year = int(pub[:4])
            vals = values_from_text(v, a, b, year)
        # "the No. 2 job", "No. 3 spot": a rank names a place in an order, it counts nothing
        vals = [x for x in vals if x.kind not in {"count", "percent"}
                or not _RANK_BEFORE.search(v.text, max(0, x.start - 8), x.start)]
        self.cache[key] = vals
        return vals


# --------------------------------------------------------------------------- comparison


@dataclass
class Finding:
    kind: str
    slot: str
    a: tuple[Unit, str]
    b: tuple[Unit, str]
    compatible: bool
    note: str = ""
    group: int | None = None


def _fmt(v: Value) -> str:
    return v.text.strip()


def _same_slot(x: Value, y: Value, xs: list[Value], ys: list[Value]) -> bool:
    if x.kind != y.kind:
        return False
    if x.context and y.context and x.context == y.context:
        return True
    # otherwise only when each side has exactly one value of the kind (aligned sentences: one fact)
    return sum(v.kind == x.kind for v in xs) == 1 and sum(v.kind == y.kind for v in ys) == 1


def compare_units(a: Unit, b: Unit, va: list[Value], vb: list[Value], views: list[ArticleView],
                  entities: EntityIndex) -> list[Finding]:
    out: list[Finding] = []
    for kind in ("count", "percent", "money", "time"):  # ages: story-wide, by whose age it is
        xs = [v for v in va if v.kind == kind]
        ys = [v for v in vb if v.kind == kind]
        for x in xs:
            for y in ys:
                if not _same_slot(x, y, va, vb):
                    continue
                if x.is_exact and y.is_exact and x.exact == y.exact:
                    continue
                if fold(x.text) == fold(y.text):
                    continue
                if _states_too(y, xs) or _states_too(x, ys):
                    continue  # "picked up six seats ... with 194 seats" / "six seats": one side says both
                if kind == "count" and not x.allows(y) and not _same_predicate(views[a.article], x, views[b.article], y):
                    continue  # "carrying 31 passengers" / "Eleven passengers were injured": two counts
                if kind == "count" and _count_different_things(views[a.article], x, views[b.article], y):
                    continue  # "two extra weekend shifts" / "about 600 of the company's drivers"
                noun = _word_after(views[a.article], x) if x.context else ""
                slot = f"{'number' if kind == 'count' else kind}" + (f" of {noun}" if noun else "")
                out.append(Finding("number" if kind in {"count", "percent", "money"} else kind, slot,
                                   (a, _fmt(x)), (b, _fmt(y)), compatible=x.allows(y)))
    # dates and weekdays, unless each sentence is about what another actor did ("Trump tweeted Tuesday
    # that ..." / "On Wednesday, Mr. Fox expressed disbelief that ..."): two acts, two days
    two_acts = other_actors(a, b, views, entities)
    if two_acts:
        va = [v for v in va if v.kind not in {"date", "weekday"}]
        vb = [v for v in vb if v.kind not in {"date", "weekday"}]
    # "has led House Democrats since 2002" / "since 2003": a year is no count and no calendar date, but
    # the year something began is a slot of its own
    ya, yb = _SINCE_YEAR.findall(a.text), _SINCE_YEAR.findall(b.text)
    if not two_acts and len(set(ya)) == 1 and len(set(yb)) == 1 and ya[0] != yb[0]:
        out.append(Finding("date", "since when", (a, f"since {ya[0]}"), (b, f"since {yb[0]}"), compatible=False))
    da = [v for v in va if v.kind == "date" and iso_date(v.iso)]
    db = [v for v in vb if v.kind == "date" and iso_date(v.iso)]
    if len(da) == 1 and len(db) == 1 and iso_date(da[0].iso) != iso_date(db[0].iso):
        out.append(Finding("date", "date", (a, _fmt(da[0])), (b, _fmt(db[0])), compatible=False))
    wa = [v for v in va if v.kind == "weekday" and v.weekday is not None]
    wb = [v for v in vb if v.kind == "weekday" and v.weekday is not None]
    if len(wa) == 1 and len(wb) == 1 and wa[0].weekday != wb[0].weekday:
        out.append(Finding("weekday", "day of the week", (a, _fmt(wa[0])), (b, _fmt(wb[0])), compatible=False))
    for dates, weekdays, ua, ub in ((da, wb, a, b), (db, wa, b, a)):
        if len(dates) == 1 and len(weekdays) == 1 and not (wa and wb):
            d = iso_date(dates[0].iso)
            if d.weekday() != weekdays[0].weekday:
                out.append(Finding("weekday", "day of the week", (ua, f"{_fmt(dates[0])} (a {WEEKDAYS[d.weekday()].title()})"),
                                   (ub, _fmt(weekdays[0])), compatible=False))
    # assertion against hedge or denial; both must make the same claim, not merely name the same people
    # ("Councillor Hadley fumed:" is aligned with "Councillor Hadley claimed that...", yet says nothing)
    if _claim_overlap(a, b, entities) < 3:
        pass
    elif {a.status, b.status} & {"denied"} and a.status != b.status:
        denied, other = (a, b) if a.status == "denied" else (b, a)
        found = _denied_predicate(denied.text)
        # "Reporters asked X whether he sent it" does not state what X denies doing
        if found is None or _asserts_act(other.text, found[0]):
            out.append(Finding("status", "whether it happened", (a, _STANCE[a.status]), (b, _STANCE[b.status]),
                               compatible=False))
    elif {a.status, b.status} == {"asserted", "hedged"}:
        out.append(Finding("status", "certainty", (a, _STANCE[a.status]), (b, _STANCE[b.status]), compatible=False,
                           note="one outlet asserts what another reports only as unconfirmed"))
    out.extend(_agent_and_place(a, b, views, entities))
    return out


_SINCE_YEAR = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?((?:19|20)\d\d)\b(?![-–/]\d)", re.IGNORECASE)


def _states_too(v: Value, values: list[Value]) -> bool:
    """Whether one of ``values`` is ``v``'s figure for the same thing (an article that gives both figures
    counts two things, it does not contradict the one it shares)."""
    for w in values:
        if w.kind != v.kind or w.context != v.context:
            continue
        if (w.is_exact and v.is_exact and w.exact == v.exact) or fold(w.text) == fold(v.text):
            return True
    return False


def other_actors(a: Unit, b: Unit, views: list[ArticleView], entities: EntityIndex,
                 memo: dict | None = None) -> bool:
    """Both sentences open with who acted (a person or a body), these differ, and so do the verbs
    after them: two acts. ``memo``: a dict kept across calls on one brief (each sentence's actor is
    looked up once)."""
    def actor(u: Unit) -> tuple[str, int, int] | None:
        if memo is None:
            return _opening_actor(u, views[u.article], entities)
        key = (u.article, u.sentence)
        if key not in memo:
            memo[key] = _opening_actor(u, views[u.article], entities)
        return memo[key]

    xa, xb = actor(a), actor(b)
    if not xa or not xb or xa[0] == xb[0]:
        return False
    verb_a, verb_b = _verb_after(views[a.article], xa[2]), _verb_after(views[b.article], xb[2])
    return bool(verb_a and verb_b and verb_a != verb_b)


_LEADING_NAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?=\s+[a-z])")


def _opening_actor(u: Unit, view: ArticleView, entities: EntityIndex) -> tuple[str, int, int] | None:
    """Who the sentence opens with: a mention the entities hold, else a name at its very start that
    one of them answers to (the NER may miss a sentence's first word: "Trump tweeted ...")."""
    found = _first_actor(u, view, entities)
    a, b = view.sentence_bounds[u.sentence]
    m = _LEADING_NAME.match(view.text, a, b)
    if m and (found is None or m.start(1) < found[1]):
        eid = entities.resolve(m.group(1), u.article)
        ent = entities.get(eid) if eid else None
        if ent is not None and ent.label not in PLACE_LABELS:
            found = (eid, m.start(1), m.end(1))
    if found is None:
        return None
    # the subject: at the start, or after an opening phrase and its comma ("On Wednesday, Mr. Fox
    # expressed"), not inside that phrase ("Outside the County Justice Center, where ...")
    lead = _TITLE_TAIL.sub("", view.text[a:found[1]]).strip()
    if lead and not lead.endswith(","):
        return None
    verb = _verb_after(view, found[2])
    if not verb or verb in _NOT_VERBS:
        return None
    return found


_TITLE_TAIL = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen)\.?|\b(?:President|former|Former|the|The))\s*$")
#: words that can follow a name without being its verb ("the St. Louis County Justice Center, where
#: the grand jury convened, two dozen protesters ...")
_NOT_VERBS = frozenset(["where", "when", "while", "whose", "what", "there", "here", "not", "who", "which",
                        "that", "the", "and", "but", "for", "with", "from", "into", "two", "three", "four",
                        "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundred", "some",
                        "many", "several"])


def _claim_overlap(a: Unit, b: Unit, entities: EntityIndex) -> int:
    """Content words two sentences share beyond the names in them."""
    names: set[str] = set()
    for eid in a.entities | b.entities:
        ent = entities.get(eid)
        if ent:
            for v in [ent.name, *ent.variants, *ent.descriptions]:
                names.update(content_stems(v))
    return len((set(a.stems) & set(b.stems)) - names)


def _first_actor(u: Unit, view: ArticleView, entities: EntityIndex) -> tuple[str, int, int] | None:
    a, b = view.sentence_bounds[u.sentence]
    best = None
    for (art, s, e), eid in entities.by_mention.items():
        if art != u.article or not a <= s < b:
            continue
        ent = entities.get(eid)
        if ent is None or ent.label in PLACE_LABELS:
            continue
        if best is None or s < best[1]:
            best = (eid, s, e)
    if best is None or best[1] - a > 60:
        return None
    return best


def _verb_after(view: ArticleView, end: int) -> str:
    m = re.match(r"\s*(?:,[^,]{0,60},\s*)?(?:(?:has|had|have|was|were|is|also)\s+)?([a-z]{3,})", view.text[end:end + 90])
    return stem(m.group(1)) if m else ""


def _agent_and_place(a: Unit, b: Unit, views: list[ArticleView], entities: EntityIndex) -> list[Finding]:
    out = []
    va, vb = views[a.article], views[b.article]
    xa, xb = _first_actor(a, va, entities), _first_actor(b, vb, entities)
    if xa and xb and xa[0] != xb[0] and xa[0] not in b.entities and xb[0] not in a.entities:
        verb_a, verb_b = _verb_after(va, xa[2]), _verb_after(vb, xb[2])
        if verb_a and verb_a == verb_b:
            ea, eb = entities.get(xa[0]), entities.get(xb[0])
            out.append(Finding("agent", f"who {verb_a}…", (a, ea.name if ea else "?"), (b, eb.name if eb else "?"),
                               compatible=False))
    pa = [e for e in a.entities if (ent := entities.get(e)) and ent.label in PLACE_LABELS]
    pb = [e for e in b.entities if (ent := entities.get(e)) and ent.label in PLACE_LABELS]
    if len(pa) == 1 and len(pb) == 1 and pa[0] != pb[0]:
        ea, eb = entities.get(pa[0]), entities.get(pb[0])
        # an article that names both places knows how they relate (a town in a region): no conflict
        if ea and eb and va.id not in eb.articles and vb.id not in ea.articles:
            out.append(Finding("place", "place", (a, ea.name), (b, eb.name), compatible=False))
    return out


def _age_anchor(view: ArticleView, v: Value, u: Unit, entities: EntityIndex) -> str | None:
    """Whose age, from the words around it:

    "the 28-year-old ferry" -> the ferry; "Sarkanov, 54," -> Sarkanov; "a boy aged 10" -> the boy;
    "a mother in her late thirties" -> the person named just before it in the sentence.
    """
    text = view.text
    a, _ = view.sentence_bounds[u.sentence]
    if v.text.lower().startswith("in "):
        person = _person_before(v, u, a, entities)
        if person:
            return person
    if "year-old" in v.text:
        after = re.match(r"[\w-]*\s+([A-Za-z][\w-]{2,})", text[v.start:v.start + 40])
        if after and after.group(1)[0].islower():
            return "noun:" + stem(after.group(1))
    m = re.search(r"([A-Z][\w'-]+),\s*$", text[max(a, v.start - 40):v.start])
    if m and re.match(r"\d", v.text):
        eid = entities.resolve(m.group(1), u.article)
        return eid or "name:" + fold(m.group(1))
    before = re.search(r"\b(?:a|an|the)\s+([a-z]{3,})\s*,?\s*(?:aged\s*)?$", text[max(a, v.start - 30):v.start],
                       flags=re.IGNORECASE)
    if before and before.group(1).lower() not in {"man", "woman", "person"} | {"aged"}:
        return "noun:" + stem(before.group(1).lower())
    if before:
        return "noun:" + stem(before.group(1).lower())
    return _person_before(v, u, a, entities)


def _person_before(v: Value, u: Unit, sentence_start: int, entities: EntityIndex) -> str | None:
    """The person named last before the value in its sentence."""
    best = None
    for (art, s_, _e), eid in entities.by_mention.items():
        if art != u.article or not sentence_start <= s_ < v.start:
            continue
        ent = entities.get(eid)
        if ent is not None and ent.label == PERSON and (best is None or s_ > best[0]):
            best = (s_, eid)
    return best[1] if best else None


def find_contradictions(groups: list[Group], views: list[ArticleView], entities: EntityIndex,
                        values: ValueFinder) -> list[Finding]:
    findings: list[Finding] = []
    for gi, g in enumerate(groups):
        us = g.units
        for i in range(len(us)):
            for j in range(i + 1, len(us)):
                a, b = us[i], us[j]
                if views[a.article].outlet == views[b.article].outlet and a.article == b.article:
                    continue
                for f in compare_units(a, b, values(a.article, a.sentence), values(b.article, b.sentence),
                                       views, entities):
                    f.group = gi
                    findings.append(f)
    findings.extend(_story_ages(groups, views, entities, values))
    units = [u for g in groups for u in g.units]
    findings.extend(_story_counts(units, views, values))
    findings.extend(_story_weekdays(units, values))
    findings.extend(_story_agents(units, views, entities))
    findings.extend(_story_denials(units))
    return findings


def _story_ages(groups: list[Group], views: list[ArticleView], entities: EntityIndex,
                values: ValueFinder) -> list[Finding]:
    """The age of one person (or of "the boy") across the story, aligned or not."""
    by_anchor: dict[str, list[tuple[Unit, Value]]] = {}
    for g in groups:
        for u in g.units:
            for v in values(u.article, u.sentence):
                if v.kind != "age":
                    continue
                anchor = _age_anchor(views[u.article], v, u, entities)
                if anchor:
                    by_anchor.setdefault(anchor, []).append((u, v))
    out = []
    for anchor, items in by_anchor.items():
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                (ua, xa), (ub, xb) = items[i], items[j]
                if ua.article == ub.article or (xa.is_exact and xb.is_exact and xa.exact == xb.exact):
                    continue
                if fold(xa.text) == fold(xb.text):
                    continue
                who = anchor[5:] if anchor.startswith("noun:") else (entities.get(anchor).name
                                                                      if entities.get(anchor) else anchor)
                out.append(Finding("age", f"age of {who}", (ua, xa.text), (ub, xb.text), compatible=xa.allows(xb)))
    return out


def name_spellings(views: list[ArticleView], entities: EntityIndex) -> list[Contradiction]:
    """One person whose name outlets spell differently (not just a missing middle name, an initial or
    the other name order)."""
    out = []
    for ent in entities.entities:
        if ent.label != PERSON or len(ent.variants) < 2:
            continue
        # every full-length token spelling, with the first mention that uses it
        spellings: dict[str, tuple[str, int, int]] = {}
        for (art, s, e), eid in sorted(entities.by_mention.items()):
            if eid != ent.id:
                continue
            form = " ".join(views[art].text[s:e].split())
            for tok in person_tokens(form):
                t = fold(tok).strip(".")
                if len(t) > 1:
                    spellings.setdefault(t, (form, art, s))
        # tokens that are one name spelled two ways (same transliteration family, different letters)
        toks = sorted(spellings)
        for i, t1 in enumerate(toks):
            for t2 in toks[i + 1:]:
                if not _tok_similar(t1, t2, loose=True):
                    continue
                sides = []
                for t in (t1, t2):
                    form, art, s = spellings[t]
                    v = views[art]
                    si = v.sentence_of(s)
                    sides.append(ContradictionSide(value=form, citation=v.cite(si),
                                                   text=v.sentences[si] if si is not None else form))
                if sides[0].citation.outlet != sides[1].citation.outlet:
                    translit = translit_key(t1) == translit_key(t2)
                    out.append(Contradiction(
                        slot=f"spelling of {ent.name}", kind="name", sides=sides,
                        note=(f"the same person; '{t1}' and '{t2}' are transliterations of one name"
                              if translit else f"the same person; '{t1}' and '{t2}' differ in spelling")))
    return out


def to_records(findings: list[Finding], views: list[ArticleView], group_ids: dict[int, str]
               ) -> tuple[list[Contradiction], list[Contradiction]]:
    """Findings merged by slot and values into contradictions and differences in detail."""
    merged: dict[tuple, Contradiction] = {}
    for f in findings:
        key = (f.compatible, f.kind, f.slot, f.group if f.kind in {"status", "place"} else None)
        c = merged.get(key)
        if c is None:
            c = merged[key] = Contradiction(
                slot=f.slot, kind=f.kind, statement=group_ids.get(f.group) if f.group is not None else None,
                note=f.note or ("compatible values: a difference in detail" if f.compatible else ""))
        for u, value in (f.a, f.b):
            v = views[u.article]
            # "Fourteen" and "14" are one value: written as the side already listed has it
            value = next((s.value for s in c.sides if _same_figure(s.value, value)), value)
            if any(s.citation.article_id == v.id and s.citation.sentence == u.sentence and s.value == value
                   for s in c.sides):
                continue
            if len(c.sides) < 12:
                c.sides.append(ContradictionSide(value=value, citation=v.cite(u.sentence), text=u.text))
    contradictions = [c for k, c in merged.items() if not k[0]]
    details = [c for k, c in merged.items() if k[0]]
    # a contradiction whose sides all come from one outlet is an outlet's own inconsistency: keep it,
    # but one whose sides all carry the same value is noise
    contradictions = [c for c in contradictions if len({fold(s.value) for s in c.sides}) >= 2]
    return _without_repeats(contradictions), _without_repeats(details)


def figure_value(text: str) -> str:
    """A side's value as compared: one number spelt out or in digits is one value ("Fourteen", "14" -> "14")."""
    v = fold(text).strip()
    return str(_NUMBER_WORDS.get(v, v))


def _same_figure(a: str, b: str) -> bool:
    """Whether two side values are one number, spelt out or in digits ("Fourteen", "14")."""
    return figure_value(a) == figure_value(b)


def _without_repeats(found: list[Contradiction]) -> list[Contradiction]:
    """Drop an entry whose sides (sentence and value) another entry of the same kind already lists: two
    passes can name one disagreement differently ("number of homes" / "number of homes evacuated").
    Of two with the same sides, the more specific (longer) slot name stays."""
    def sides(c: Contradiction) -> frozenset:
        return frozenset((s.citation.article_id, s.citation.sentence, fold(s.value)) for s in c.sides)

    keys = [sides(c) for c in found]
    out = []
    for i, c in enumerate(found):
        covered = any(
            j != i and found[j].kind == c.kind and keys[i] <= keys[j]
            and (keys[i] < keys[j] or (len(found[j].slot), -j) > (len(c.slot), -i))
            for j in range(len(found)))
        if not covered:
            out.append(c)
    return out


# --------------------------------------------------------------------------- story-wide slots
#
# Aligned groups miss facts that outlets word very differently ("14 people to be lifted off by
# helicopter" / "Sixteen people were airlifted"). These passes compare a narrow slot across the whole
# story instead: the slot is defined by the words around the value, and two sentences must also share
# some content, so that two different facts about "people" are not taken for one.

#: words that say nothing of what is counted or what happened to it: a count's predicate is the first
#: word after them
_FUNCTION = frozenset(["in", "on", "at", "of", "for", "from", "with", "by", "into", "over", "under", "this",
                       "that", "these", "those", "the", "a", "an", "who", "which", "whom", "whose", "and",
                       "or", "its", "their", "his", "her", "our", "next", "last"])
_AUX = frozenset(["were", "was", "are", "is", "be", "been", "being", "had", "have", "has", "to", "had", "got", "get", "still", "then", "also", "all"])
_PART_OF_DAY = frozenset(["morning", "afternoon", "evening", "night", "overnight"])


def _stems_match(a: str, b: str) -> bool:
    """"airlift" ~ "lift": one stem is the other with a prefix."""
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a)))


def _shared(u: Unit, w: Unit, ignore: set[str] = frozenset()) -> int:
    return len((set(u.stems) & set(w.stems)) - ignore) + len(u.entities & w.entities)


def _count_slot(view: ArticleView, v: Value) -> tuple[str, str, str] | None:
    """(noun, predicate) of a count: "14 people to be lifted off" -> ("peopl", "lift")."""
    m = re.match(r"\s*(?:of\s+)?([A-Za-z]{3,})((?:\s+[A-Za-z]+){1,5})", view.text[v.start + len(v.text.rstrip()):][:80])
    if not m:
        return None
    noun = stem(m.group(1))
    said = m.group(2).split()
    for n, w in enumerate(said):
        if w.lower() in _AUX or w.lower() in _FUNCTION:
            continue  # "240 seats in the House" / "six seats in this election": the noun after "in"
        # the slot as written: "people airlifted", "seats in the House"
        words_of = [x for x in said[:n + 1] if x.lower() not in _AUX]
        return noun, stem(w.lower()), " ".join([m.group(1).lower(), *words_of])
    return None


#: nouns for people: two of them may count one group ("200 passengers", "203 people"), so a count of one is
#: still compared with a count of another
PEOPLE_NOUNS = PEOPLE_GROUPS | frozenset({
    "person", "passenger", "resident", "child", "adult", "worker", "victim", "patient", "employee", "member",
    "driver", "man", "woman", "boy", "girl",
})
#: "about 600 of the company's drivers": the noun after a partitive "of", which the parse does not give
_PARTITIVE = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|these|those|all)\s+(?:[A-Za-z-]+['’]s\s+)?"
                        r"([a-z]{3,})\b")


def _counted(view: ArticleView, v: Value) -> str | None:
    """The noun a count counts, when known: the parse's, else the noun of a partitive "of"."""
    if v.counted:
        return fold(v.counted)
    m = _PARTITIVE.match(view.text, v.start + len(v.text.rstrip()), v.start + len(v.text.rstrip()) + 60)
    return m.group(1) if m else None


def _count_different_things(va: ArticleView, x: Value, vb: ArticleView, y: Value) -> bool:
    """Two counts that say what they count, and count different things ("two extra weekend shifts",
    "about 600 drivers"; "a 48-hour strike", "nine years"): no disagreement whatever the numbers. Two
    nouns for people may count one group ("passengers", "people") and are not told apart."""
    ca, cb = _counted(va, x), _counted(vb, y)
    if not ca or not cb:
        return False
    if _stems_match(stem(ca), stem(cb)):
        return False
    return not (_people_noun(ca) and _people_noun(cb))


_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")


def _people_noun(word: str) -> bool:
    """Whether a counted noun may name people: a known one ("passengers", "nurses"), or a plural agent
    noun ("pickers", "cyclists"). Open-ended on purpose: a thing taken for people ("containers") only
    keeps two counts compared, as they were before counted nouns were looked at."""
    if word in PEOPLE_NOUNS or word in PERSON_NOUNS or word.endswith(("men", "people", "folk")):
        return True
    for plural, single in (("women", "woman"), ("men", "man"), ("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 2:
            base = word[: -len(plural)] + single
            if base in PEOPLE_NOUNS or base in PERSON_NOUNS or word[:-1] in PERSON_NOUNS:
                return True
    singular = word.removesuffix("s")
    return len(singular) >= 5 and singular.endswith(_AGENT_SUFFIXES)


def _same_predicate(va: ArticleView, x: Value, vb: ArticleView, y: Value) -> bool:
    """Two counts of one noun that can count the same thing: what is said of the noun ("31 passengers
    left the road", "11 passengers were injured") agrees, or is not known on one side."""
    sa, sb = _count_slot(va, x), _count_slot(vb, y)
    if not sa or not sb or sa[0] != sb[0]:
        return True
    return _stems_match(sa[1], sb[1])


#: a passive count's means or agent: "14 people to be lifted off by helicopter", "Fourteen people had to be
#: plucked from the deck by a rescue helicopter" -> "helicopter"
_BY_MEANS = re.compile(r"\s*(?:of\s+)?[A-Za-z]{3,}\s+(?:[A-Za-z-]+\s+){0,2}?(?:be|been|being|were|was|are|is)\s+"
                       r"[a-z]+(?:\s+[a-z-]+){0,4}?\s+by\s+(?:(?:a|an|the)\s+)?([a-z-]{3,})(?:\s+([a-z-]{3,}))?")


def _count_means(view: ArticleView, v: Value) -> frozenset[str]:
    """The stems of what a passive count was done by ("a rescue helicopter"), when the sentence says so
    within a few words; empty otherwise. The noun is one of the two words after "by" (no parse here)."""
    at = v.start + len(v.text.rstrip())
    m = _BY_MEANS.match(view.text, at, at + 120)
    if not m:
        return frozenset()
    return frozenset(stem(w) for w in m.groups() if w and w not in _FUNCTION and w not in _AUX
                     and w not in _CLAUSE_WORDS)


_CLAUSE_WORDS = frozenset(["after", "before", "when", "while", "as", "but", "because", "since", "until", "then"])


def _story_counts(units: list[Unit], views: list[ArticleView], values: ValueFinder) -> list[Finding]:
    slots: list[tuple[tuple[str, str], Unit, Value]] = []
    words_a: list[str] = []
    means: list[frozenset[str]] = []
    for u in units:
        for v in values(u.article, u.sentence):
            if v.kind != "count":
                continue
            slot = _count_slot(views[u.article], v)
            if slot:
                slots.append((slot[:2], u, v))
                words_a.append(slot[2])
                means.append(_count_means(views[u.article], v))
    out = []
    # counts of one act worded two ways ("were winched to safety by helicopter" / "to be lifted off by
    # helicopter"): the same people noun, done by the same means. They join a conflict found between
    # counts whose predicates agree, under its name, but start none of their own.
    parent = list(range(len(slots)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    named: dict[int, str] = {}
    for i in range(len(slots)):
        (na, pa), ua, xa = slots[i]
        for j in range(i + 1, len(slots)):
            (nb, pb), ub, xb = slots[j]
            if ua.article == ub.article or na != nb:
                continue
            same_act = _stems_match(pa, pb)
            by_means = not same_act and bool(means[i] & means[j]) and _people_noun(na)
            if not same_act and not by_means:
                continue
            if _shared(ua, ub, {na, pa, pb, *means[i]}) < (1 if by_means else 2):
                continue
            parent[root(j)] = root(i)
            if not same_act or (xa.is_exact and xb.is_exact and xa.exact == xb.exact) \
                    or fold(xa.text) == fold(xb.text) or xa._interval() == xb._interval():
                continue
            named.setdefault(i, words_a[i])
            out.append(Finding("number", f"number of {words_a[(i)]}", (ua, xa.text.strip()),
                               (ub, xb.text.strip()), compatible=xa.allows(xb)))
    names = {root(i): words for i, words in sorted(named.items(), reverse=True)}
    done = {(id(f.a[0]), id(f.b[0])) for f in out}
    for i in range(len(slots)):
        for j in range(i + 1, len(slots)):
            r = root(i)
            if r != root(j) or r not in names:
                continue
            (_, ua, xa), (_, ub, xb) = slots[i], slots[j]
            if ua.article == ub.article or (id(ua), id(ub)) in done or (xa.is_exact and xb.is_exact
                                                                         and xa.exact == xb.exact):
                continue
            if fold(xa.text) == fold(xb.text) or xa._interval() == xb._interval() or xa.allows(xb):
                continue  # only disagreeing values join a conflict
            out.append(Finding("number", f"number of {names[r]}", (ua, xa.text.strip()), (ub, xb.text.strip()),
                               compatible=False))
    return out


#: a sentence's status as a side of a "whether it happened" conflict, in the words a reader expects
_STANCE = {"asserted": "stated as fact", "attributed": "reported", "hedged": "reported with a hedge",
           "denied": "denied"}


def _story_weekdays(units: list[Unit], values: ValueFinder) -> list[Finding]:
    """"late on Monday night" against "on Tuesday night" in sentences about the same thing."""
    found: list[tuple[str, Unit, Value]] = []
    for u in units:
        for v in values(u.article, u.sentence):
            if v.kind != "weekday" or v.weekday is None:
                continue
            found.append((u.text, u, v))
    out = []
    for i in range(len(found)):
        _, ua, xa = found[i]
        pa = _part_of_day(ua.text, xa)
        for j in range(i + 1, len(found)):
            _, ub, xb = found[j]
            if ua.article == ub.article or xa.weekday == xb.weekday:
                continue
            if not pa or pa != _part_of_day(ub.text, xb):
                continue
            if _shared(ua, ub, set(WEEKDAYS) | _PART_OF_DAY) < 4:
                continue
            out.append(Finding("weekday", f"which {pa}", (ua, f"{xa.text.strip()} {pa}"),
                               (ub, f"{xb.text.strip()} {pa}"), compatible=False))
    return out


def _part_of_day(sentence: str, v: Value) -> str | None:
    m = re.search(re.escape(v.text.strip()) + r"\s+(morning|afternoon|evening|night)", sentence, flags=re.IGNORECASE)
    return m.group(1).lower() if m else None


_PASSIVE_BY = re.compile(r"\b([a-z]+(?:ed|en|wn))\s+by\s+(?:the\s+)?$")


def _story_agents(units: list[Unit], views: list[ArticleView], entities: EntityIndex) -> list[Finding]:
    """Who did it: "Footage released by the HSA" against "Footage ..., released by Skerra Line"."""
    claims: list[tuple[tuple[str, str], str, Unit, str]] = []  # ((verb, theme), entity, unit, slot)
    mentions_by_article: dict[int, list[tuple[int, int, str]]] = {}
    for (art, s, e), eid in entities.by_mention.items():
        mentions_by_article.setdefault(art, []).append((s, e, eid))
    for u in units:
        view = views[u.article]
        a, b = view.sentence_bounds[u.sentence]
        first = next(((stem(w), w.lower()) for w in re.findall(r"[A-Za-z]{3,}", view.text[a:b])
                      if fold(w) not in _AUX and fold(w) not in {"the", "and", "but", "its", "his", "her"}), None)
        for s, e, eid in mentions_by_article.get(u.article, ()):
            if not a <= s < b:
                continue
            ent = entities.get(eid)
            if ent is None or ent.label in PLACE_LABELS:
                continue
            m = _PASSIVE_BY.search(view.text[max(a, s - 40):s])
            if m and first:
                claims.append(((stem(m.group(1)), first[0]), eid, u, f"who {m.group(1)} the {first[1]}"))
    out = []
    for i in range(len(claims)):
        ka, ea, ua, slot = claims[i]
        for j in range(i + 1, len(claims)):
            kb, eb, ub, _ = claims[j]
            if ka != kb or ea == eb or ua.article == ub.article:
                continue
            if eb in ua.entities or ea in ub.entities:
                continue  # a sentence that names both may say both did it
            na, nb = entities.get(ea), entities.get(eb)
            out.append(Finding("agent", slot, (ua, na.name if na else ea),
                               (ub, nb.name if nb else eb), compatible=False))
    return out


_DENIAL_CUE = re.compile(r"\b(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted)\b"
                         r"(?:\s+(?:that|claims?|reports?|suggestions?|allegations?)(?:\s+that)?)?", re.IGNORECASE)
_PREDICATE = re.compile(r"\b(?:had|has|have|was|were|is|are|be|been|did)\s+(?:been\s+|not\s+|ever\s+)?([a-z]{3,})")


_ADVERBS = r"(?:(?:not|never|also|then|already|allegedly|reportedly|[a-z]+ly)\s+)*$"
_SUBJECT_BEFORE = re.compile(r"\b(?:he|she|they|it|i|we|who|which|that|had|has|have|did|does|do|would|will)\s+"
                             + _ADVERBS)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]+\s+" + _ADVERBS)
_NOUN_BEFORE = re.compile(r"\b(?:the|its|his|her|their|our)\s+(?:[\w'’-]+\s+){1,2}$", re.IGNORECASE)
_PREP_AFTER = re.compile(r"\s+(?:from|by|in|at|on|with|into|for|under|over|after|during|across)\b")
_QUESTION_BEFORE = re.compile(r"\b(?:whether|if)\b(?:\s+\S+){0,4}\s*$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)


def _asserts_act(text: str, pred: str) -> bool:
    """Whether a sentence states the act a denial is about, someone doing it: the predicate after its
    subject or auxiliary ("a generator that had failed a check", "Brackett sent it"), not asked about
    ("whether he sent the image"), in the passive ("the image was sent to") or as a participle after a
    noun ("a photo sent from his account"), which say nothing of who did it."""
    for m in re.finditer(r"[A-Za-z]{3,}", text):
        if not _stems_match(pred, stem(m.group(0).lower())):
            continue
        before = text[max(0, m.start() - 60):m.start()]
        if _QUESTION_BEFORE.search(before) or _PASSIVE_BEFORE.search(before):
            continue
        if _SUBJECT_BEFORE.search(before):
            return True
        # "the crew failed to raise the alarm", "Brackett sent it", but not "a lewd photo sent from his
        # account" (a participle after a noun or a name)
        if (_NAME_BEFORE.search(before) or _NOUN_BEFORE.search(before)) and not _PREP_AFTER.match(text, m.end()):
            return True
    return False


def _denied_predicate(text: str) -> tuple[str, str] | None:
    """(stem of the verb, clause) of what a sentence denies: "denied that the generators had failed any
    inspection" -> ("fail", " the generators had failed any inspection")."""
    m = _DENIAL_CUE.search(text)
    if not m:
        return None
    clause = text[m.end():]
    pm = _PREDICATE.search(clause)
    pred = stem(pm.group(1)) if pm else next((stem(w) for w in re.findall(r"[a-z]+ed\b", clause)), None)
    if not pred or pred in _AUX:
        return None
    return pred, clause


def _story_denials(units: list[Unit]) -> list[Finding]:
    """One outlet states what another reports as denied. The denied clause ("that the ship's generators
    had failed any inspection") must share its predicate ("fail") and one more content word with the
    asserting sentence: sharing only the topic ("the crew", "the alarm") is not the same claim."""
    out = []
    for d in units:
        if d.status != "denied":
            continue
        found = _denied_predicate(d.text)
        if found is None:
            continue
        pred, clause = found
        clause_stems = set(content_stems(clause)) - {pred}
        for u in units:
            if u.article == d.article or u.status not in {"asserted", "attributed"}:
                continue
            if not any(_stems_match(pred, w) for w in u.stems):
                continue
            if not clause_stems & set(u.stems):
                continue
            if not _asserts_act(u.text, pred):
                continue  # "asked him whether he sent the image", "the image was sent to": not said he did
            out.append(Finding("status", "whether it happened", (u, _STANCE[u.status]), (d, _STANCE["denied"]),
                               compatible=False))
    return out
