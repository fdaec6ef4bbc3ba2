"""Numbers, counts, ages, money, percentages, dates and weekdays: ``storydesk_quantities``.

Normalised so that two articles can be compared ("14 people" vs "fourteen people", "aged 10" vs
"10-year-old", "dozens" vs "about 40"): ``doc.spans["sd_quantities"]`` (label = kind), each with
``span._.sd_value``, ``sd_low``, ``sd_high``, ``sd_unit``, ``sd_iso`` and ``sd_counted`` (the noun a
count counts, from the parse or the next noun). A publication date in ``doc._.sd_published`` (ISO) lets
weekdays and dates without a year resolve to a full ISO date.

The recognisers are regular expressions over the text rather than NER: the bundled pipeline's NER
labels people, places and organisations only, and news numbers follow a small set of patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ._common import set_doc_ext, set_span_ext

QUANTITY_EXTS = ("sd_value", "sd_low", "sd_high", "sd_unit", "sd_iso", "sd_counted")

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
           "k": 1_000, "tn": 1_000_000_000_000}
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
            "eighties": 80, "nineties": 90, "teens": 13}
#: the English month and weekday names, in calendar order: one list for every step that reads dates or
#: must not take a day or month for a name (attribution, reconcile.entities, reconcile.contradictions)
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12}
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollars": "USD", "dollar": "USD",
             "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pound": "GBP", "usd": "USD", "eur": "EUR",
             "gbp": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "francs": "CHF", "chf": "CHF"}
#: (low, high) for vague amounts
_VAGUE = {"a couple of": (2, 3), "a couple": (2, 3), "a few": (2, 5), "a handful of": (2, 6), "several": (3, 9),
          "a dozen": (12, 12), "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
          "thousands": (2_000, 9_999), "tens of thousands": (20_000, 99_999),
          "hundreds of thousands": (200_000, 999_999), "millions": (2_000_000, 9_999_999),
          "billions": (2e9, 9.999e9), "dozens of": (24, 99)}

_WORDNUM = (r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(k for k in _UNITS if _UNITS[k] < 10 and k != "zero")
            + r"))?|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"|a hundred|a thousand|a million)")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:hundred|thousand|million|billion|trillion|bn|mn|m|tn|k)\b)"
NUM = rf"(?:(?:{_DIGITS}){_SCALE}?|\b{_WORDNUM}\b(?:\s(?:hundred|thousand|million|billion|trillion)\b)*)"
_QUAL = (r"(?:about|around|approximately|roughly|some|nearly|almost|more than|over|at least|fewer than|"
         r"less than|up to|as many as|as few as|under|upwards of|close to|just over|just under|an estimated|"
         r"an? (?:estimated|reported))")
_MONTH_RE = r"(?:" + "|".join(list(_MONTHS) + [a + r"\.?" for a in _MONTH_ABBR]) + r")"


def parse_number(text: str) -> float | None:
    """'1,200' -> 1200, '2.5 million' -> 2.5e6, 'twenty-five' -> 25, 'a hundred' -> 100."""
    t = text.lower().replace(",", "").strip()
    t = re.sub(r"^an?\s+", "one ", t)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s?([a-z]+)?", t)
    if m:
        value = float(m.group(1))
        if m.group(2):
            if m.group(2) not in _SCALES:
                return None
            value *= _SCALES[m.group(2)]
        return value
    total = 0.0
    current = 0.0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES and word not in {"m", "k", "bn", "mn", "tn"}:
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    iso: str | None = None
    priority: int = 0


def _published(doc: Doc) -> dt.date | None:
    raw = doc._.sd_published if Doc.has_extension("sd_published") else None
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(str(raw)[:10])
    except ValueError:
        return None


def _qualify(qual: str, value: float) -> tuple[float | None, float | None]:
    q = qual.lower()
    if q in {"about", "around", "approximately", "roughly", "some", "close to", "an estimated"} or q.startswith(("an estimated", "a reported", "an reported")):
        return round(value * 0.9, 6), round(value * 1.1, 6)
    if q in {"nearly", "almost", "just under"}:
        return round(value * 0.9, 6), value
    if q in {"more than", "over", "just over", "upwards of"}:
        return value, None
    if q == "at least":
        return value, None
    if q in {"fewer than", "less than", "under"}:
        return None, value
    if q in {"up to", "as many as"}:
        return None, value
    if q == "as few as":
        return value, None
    return None, None


# Gates: a scan whose pattern needs one of these words or symbols is skipped on text that has none of
# them. The money and percent patterns start with an optional qualifier group, so the engine tries
# them at every position of every article: a third of this component's time, on text that mostly has
# no currency or percent at all. Each gate matches whatever its pattern's required part matches (same
# IGNORECASE semantics: "uſd" matches "usd" in both), so the results are the same.
_HAS_CURRENCY = re.compile(r"[$€£¥]")
_HAS_MONEY_WORD = re.compile(r"dollar|eur|pound|usd|gbp|yen|yuan|rupee|franc|chf", re.IGNORECASE)
_HAS_PERCENT = re.compile(r"%|percent|per cent", re.IGNORECASE)
_HAS_WEEKDAY = re.compile("|".join(WEEKDAYS), re.IGNORECASE)
_HAS_OLD = re.compile(r"old", re.IGNORECASE)


def _fold(word: str) -> str:
    """A matched keyword as the tables spell it. IGNORECASE also matches "ſ" for "s" and "İ" for "i",
    which ``lower()`` keeps: such a word used to raise KeyError/ValueError and fail the article."""
    return word.casefold().replace("i\u0307", "i")


def find_quantities(text: str, published: dt.date | None = None) -> list[_Found]:
    """Every quantity in ``text``, overlaps resolved in favour of the more specific reading."""
    found: list[_Found] = []
    flags = re.IGNORECASE

    def add(m: re.Match, kind: str, priority: int, **kw) -> None:
        found.append(_Found(m.start(), m.end(), kind, priority=priority, **kw))

    # dates
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            add(m, "date", 9, iso=f"{y:04d}-{mo:02d}-{d:02d}", value=float(y))
    for m in re.finditer(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", text, flags):
        mo = _month(m.group(1))
        d = int(m.group(2))
        if mo and 1 <= d <= 31 and not (m.group(1).lower() == "may" and not m.group(1)[0].isupper()):
            year = int(m.group(3)) if m.group(3) else (published.year if published else None)
            iso = f"{year:04d}-{mo:02d}-{d:02d}" if year else f"--{mo:02d}-{d:02d}"
            add(m, "date", 8, iso=iso)
    for m in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b(?:,?\s+(\d{{4}})\b)?", text,
                         flags):
        mo = _month(m.group(2))
        d = int(m.group(1))
        if mo and 1 <= d <= 31 and m.group(2)[0].isupper():
            year = int(m.group(3)) if m.group(3) else (published.year if published else None)
            iso = f"{year:04d}-{mo:02d}-{d:02d}" if year else f"--{mo:02d}-{d:02d}"
            add(m, "date", 8, iso=iso)
    for m in re.finditer(rf"\b({_MONTH_RE})\s+(\d{{4}})\b", text):
        mo = _month(m.group(1))
        if mo and m.group(1)[0].isupper():
            add(m, "date", 7, iso=f"{int(m.group(2)):04d}-{mo:02d}")
    for m in re.finditer(r"\b(?:in|since|by|until|before|after|from|of|during|early|late|mid-?)\s+((?:1[89]|20)\d{2})\b"
                         r"(?!\s?(?:people|percent|%|dollars|euros|pounds))", text, flags):
        found.append(_Found(m.start(1), m.end(1), "date", value=float(m.group(1)), iso=m.group(1), priority=6))
    # weekdays
    weekdays = re.finditer(r"\b(?:(last|next|this|on)\s+)?(" + "|".join(WEEKDAYS) + r")\b", text, flags) \
        if _HAS_WEEKDAY.search(text) else ()
    for m in weekdays:
        if not m.group(2)[0].isupper():
            continue
        day_name = _fold(m.group(2))
        if day_name not in WEEKDAYS:
            continue
        wd = WEEKDAYS.index(day_name)
        iso = None
        if published is not None:
            delta = (published.weekday() - wd) % 7
            day = published - dt.timedelta(days=delta)
            if (m.group(1) or "").lower() == "next":
                day = published + dt.timedelta(days=(wd - published.weekday()) % 7 or 7)
            iso = day.isoformat()
        found.append(_Found(m.start(2), m.end(2), "weekday", value=float(wd), iso=iso, priority=8))
    # times
    for m in re.finditer(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)", text, flags):
        h = int(m.group(1)) % 12 + (12 if m.group(3).lower().startswith("p") else 0)
        add(m, "time", 8, value=h + int(m.group(2) or 0) / 60, unit="h")
    for m in re.finditer(r"\b([01]?\d|2[0-3]):([0-5]\d)\b", text):
        add(m, "time", 7, value=int(m.group(1)) + int(m.group(2)) / 60, unit="h")
    # money
    symbols = re.finditer(rf"(?:\b({_QUAL})\s+)?(US\$|\$|€|£|¥)\s?({NUM})", text, flags) \
        if _HAS_CURRENCY.search(text) else ()
    for m in symbols:
        value = parse_number(m.group(3))
        unit = _CURRENCY.get(_fold(m.group(2)))
        if value is not None and unit:
            low, high = _qualify(m.group(1), value) if m.group(1) else (None, None)
            add(m, "money", 9, value=value, low=low, high=high, unit=unit)
    words = re.finditer(rf"(?:\b({_QUAL})\s+)?({NUM})\s+(dollars?|euros?|pounds|usd|eur|gbp|yen|yuan|rupees|francs|chf)\b",
                        text, flags) if _HAS_MONEY_WORD.search(text) else ()
    for m in words:
        value = parse_number(m.group(2))
        unit = _CURRENCY.get(_fold(m.group(3)))
        if value is not None and unit:
            low, high = _qualify(m.group(1), value) if m.group(1) else (None, None)
            add(m, "money", 9, value=value, low=low, high=high, unit=unit)
    # percentages
    percents = re.finditer(rf"(?:\b({_QUAL})\s+)?({NUM})\s?(%|percent\b|per cent\b|percentage points?\b)", text,
                           flags) if _HAS_PERCENT.search(text) else ()
    for m in percents:
        value = parse_number(m.group(2))
        if value is not None:
            low, high = _qualify(m.group(1), value) if m.group(1) else (None, None)
            unit = "pp" if m.group(3).lower().startswith("percentage") else "%"
            add(m, "percent", 9, value=value, low=low, high=high, unit=unit)
    # ages
    for m in re.finditer(rf"\b(?:aged|age|ages)\s+({NUM})(?:\s+(?:to|and|-)\s+({NUM}))?", text, flags):
        value = parse_number(m.group(1))
        if value is not None and value < 130:
            high = parse_number(m.group(2)) if m.group(2) else None
            add(m, "age", 9, value=None if high else value, low=value if high else None, high=high, unit="years")
    olds = re.finditer(rf"\b({NUM})[- ](year|month|week|day)s?[- ]old\b", text, flags) if _HAS_OLD.search(text) else ()
    for m in olds:
        value = parse_number(m.group(1))
        if value is not None:
            add(m, "age", 10, value=value, unit=m.group(2).lower() + "s")
    # "Mara Quill, 38, who ..." -- an age in the news apposition style
    for m in re.finditer(r"(?<=[A-Z][a-z])(?:[a-z'’-]*),\s(\d{1,3}),", text):
        value = float(m.group(1))
        if value < 120:
            found.append(_Found(m.start(1), m.end(1), "age", value=value, unit="years", priority=9))
    for m in re.finditer(r"\bin\s+(?:his|her|their|my|your|its)\s+(?:(early|mid|late)[- ])?"
                         r"(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|teens|"
                         r"[2-9]0s|20's)", text, flags):
        word = _fold(m.group(2))
        base = _DECADES.get(word) or (int(word[:2]) if word[:2].isdigit() else None)
        if base is None:
            continue
        low, high = (base, 19) if word == "teens" else (base, base + 9)
        part = (m.group(1) or "").lower()
        if part == "early":
            high = low + 3
        elif part == "mid":
            low, high = low + 3, low + 6
        elif part == "late":
            low = low + 6
        add(m, "age", 10, low=float(low), high=float(high), unit="years")
    # ranges
    for m in re.finditer(rf"\bbetween\s+({NUM})\s+and\s+({NUM})\b", text, flags):
        lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
        if lo is not None and hi is not None:
            add(m, "count", 7, low=lo, high=hi)
    for m in re.finditer(rf"\b({_DIGITS})\s?(?:-|–|to)\s?({_DIGITS})\b", text):
        lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
        if lo is not None and hi is not None and lo < hi and not re.fullmatch(r"\d{4}", m.group(1)):
            add(m, "count", 5, low=lo, high=hi)
    # vague amounts
    for m in re.finditer(rf"\b({_QUAL})\s+({NUM})\b", text, flags):
        value = parse_number(m.group(2))
        if value is not None:
            low, high = _qualify(m.group(1), value)
            add(m, "vague", 6, value=value, low=low, high=high)
    vague_words = sorted(_VAGUE, key=len, reverse=True)
    for m in re.finditer(r"\b(" + "|".join(re.escape(w) for w in vague_words) + r")\b", text, flags):
        key = _fold(m.group(1))
        if key not in _VAGUE:
            continue
        low, high = _VAGUE[key]
        end = m.end() - (3 if key.endswith(" of") else 0)
        found.append(_Found(m.start(), end, "vague", value=low if low == high else None, low=float(low),
                            high=float(high), priority=5))
    # ordinals, then bare numbers
    for m in re.finditer(r"\b(\d+)(?:st|nd|rd|th)\b", text):
        add(m, "ordinal", 4, value=float(m.group(1)))
    for m in re.finditer(NUM, text, flags):
        raw = m.group(0)
        if raw.lower() in {"one"}:  # "one of the", "no one": mostly not a count
            continue
        value = parse_number(raw)
        if value is None:
            continue
        if re.fullmatch(r"(1[89]|20)\d{2}", raw):
            add(m, "date", 3, value=value, iso=raw)
        else:
            add(m, "count", 2, value=value)
    return _resolve(found)


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return _MONTHS.get(w) or _MONTH_ABBR.get(w)


def _resolve(found: list[_Found]) -> list[_Found]:
    chosen: list[_Found] = []
    for f in sorted(found, key=lambda f: (-f.priority, -(f.end - f.start), f.start)):
        if any(f.start < c.end and c.start < f.end for c in chosen):
            continue
        chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


class QuantityFinder:
    def __init__(self, *, spans_key: str = "sd_quantities") -> None:
        self.spans_key = spans_key
        set_span_ext(QUANTITY_EXTS)
        set_doc_ext(("sd_published",))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for f in find_quantities(doc.text, _published(doc)):
            span = doc.char_span(f.start, f.end, label=f.kind, alignment_mode="expand")
            if span is None or not len(span):
                continue
            span._.sd_value = f.value
            span._.sd_low = f.low
            span._.sd_high = f.high
            span._.sd_unit = f.unit
            span._.sd_iso = f.iso
            span._.sd_counted = _counted(span) if f.kind in {"count", "vague", "age"} else None
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def _counted(span: Span) -> str | None:
    """The noun a number counts: its syntactic head when it is a numeric modifier, else the next noun."""
    doc = span.doc
    for tok in span:
        if tok.dep_ in {"nummod", "quantmod"} and not (span.start <= tok.head.i < span.end) \
                and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i > tok.i:
            return tok.head.lower_
    j = span.end
    steps = 0
    while j < len(doc) and steps < 4:
        t = doc[j]
        if t.is_punct or t.is_space:
            return None
        if t.lower_ in {"of", "more", "other", "additional", "new", "-"} or t.pos_ in {"ADJ", "NUM"}:
            j += 1
            steps += 1
            continue
        if t.pos_ in {"NOUN", "PROPN"} or (not t.pos_ and t.is_alpha and t.is_lower):
            return t.lower_
        return None
    return None


@Language.factory(
    "storydesk_quantities",
    default_config={"spans_key": "sd_quantities"},
    requires=["token.pos"],
    assigns=["doc.spans", "span._.sd_value", "span._.sd_low", "span._.sd_high", "span._.sd_unit",
             "span._.sd_iso", "span._.sd_counted"],
)
def make_quantities(nlp: Language, name: str, spans_key: str) -> QuantityFinder:
    """Normalised numbers, counts, ages, money, percentages, dates and weekdays."""
    return QuantityFinder(spans_key=spans_key)
