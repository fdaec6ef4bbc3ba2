"""Cross-article entity reconciliation: one entry per person, organisation and place of a story.

A sieve, in the spirit of the deterministic coreference systems (Lee et al. 2013): each pass merges
only what a stricter test allows, most precise first, so a later, looser pass never undoes an earlier
decision.

1. within an article: the same normalised name; then a surname-only or first-name-only mention to the
   one full name in that article it fits;
2. across articles: people whose first and last names agree up to middle names and patronymics,
   initials and transliteration; then people whose two names are swapped ("Vlasko Teodor"), when no
   article names both orders and the name fits no other person; organisations and places with the
   same normalised name;
3. acronyms: "Harbour Safety Authority (HSA)" defines HSA wherever it appears in the story; an
   all-capital token whose letters are the initials of exactly one organisation's name is linked too;
4. a surname-only mention left alone in its article goes to the one person in the story it fits;
5. role references ("the minister") go to the one person of that article described by that role.

Then words the NER took for names are left out: a common word capitalised because it opens a sentence
("Footage", "Hero"), a demonym ("a Skerra Islander"); a "person" the texts call "the X" is a thing
(a ship, label PRODUCT), which speaks for no one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache

import jellyfish

from ..nlp.components.quantities import MONTH_NAMES, WEEKDAYS
from ..nlp.components.speakers import is_thing_name
from ..records import EntityMention, Quote, Span
from ..records.brief import Entity, EntityQuote
from .common import (
    KNOWN_AGENCIES,
    NEUTRAL_REPORTING_VERBS,
    PLACE_HEADS,
    REPORTING_VERBS,
    SAY_VERBS,
    ArticleView,
    dateline_length,
    fold,
    in_party_tag,
    names_a_place,
    norm_outlet,
    pronoun_named_in_quote,
    quote_content,
    quoted_name_only,
    verb_pattern,
)

PERSON = "PERSON"
ORG = "ORG"
#: a named thing, a ship or a vehicle (spaCy's PRODUCT label: "objects, vehicles, foods")
THING = "PRODUCT"
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LABEL_MAP = {"PER": PERSON, "PERSON": PERSON, "ORG": ORG, "ORGANIZATION": ORG, "NORP": None,
              "GPE": "GPE", "LOC": "LOC", "LOCATION": "LOC", "FAC": "FAC", "FACILITY": "FAC"}

HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "insp", "det", "rev", "fr", "president", "minister", "secretary", "senator", "governor", "mayor", "captain", "chief", "inspector", "detective", "judge", "justice", "chancellor", "premier", "commissioner", "superintendent", "officer", "professor", "doctor", "general", "colonel", "sergeant", "lieutenant", "constable", "pastor", "father", "sister", "brother", "king", "queen", "prince", "princess", "sheikh", "councillor", "councilor", "mum", "dad", "hero", "skipper", "sheriff", "rep.", "sen.", "gov.", "pres.", "vice", "coach", "reps", "sens", "representative", "representatives", "congressman", "congresswoman", "assemblyman", "assemblywoman", "councilman", "councilwoman"])
PARTICLES = frozenset(["al", "el", "bin", "ibn", "bint", "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "dos", "das", "del", "ter", "ten"])
ORG_SUFFIXES = frozenset(["inc", "ltd", "llc", "plc", "corp", "co", "gmbh", "ag", "sa", "nv", "bv", "limited", "corporation", "company"])
ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "on", "in", "at", "to", "de", "des", "du", "la", "le", "el", "y", "et", "und", "fur"])

ROLE_HEADS = frozenset(["minister", "president", "premier", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "director", "chief", "executive", "ceo", "founder", "mayor", "governor", "senator", "judge", "prosecutor", "lawyer", "attorney", "captain", "skipper", "commander", "officer", "inspector", "detective", "superintendent", "constable", "commissioner", "sheriff", "economist", "analyst", "professor", "researcher", "scientist", "doctor", "surgeon", "nurse", "teacher", "coach", "manager", "owner", "engineer", "pilot", "driver", "witness", "survivor", "passenger", "victim", "suspect", "leader", "head", "master", "harbourmaster", "ambassador", "envoy", "official", "spokesperson", "councillor", "councilor", "mp", "lawmaker", "candidate", "nominee", "hopeful", "challenger", "frontrunner", "activist", "investigator",
    # occupations and the roles a crime or a game gives someone: "actress Dana Quill" is described as the
    # actress, and "the actress" later in the article is her (not "reporter" nor "star": also outlets' names)
    "actress", "actor", "singer", "rapper", "musician", "comedian", "author", "writer", "novelist", "journalist",
    "photographer", "producer", "filmmaker", "player", "quarterback", "pitcher", "striker", "goalkeeper",
    "swimmer", "boxer", "champion", "athlete", "publicist", "gunman", "shooter", "robber", "burglar", "thief",
    "killer", "murderer", "inmate", "prisoner", "escapee", "fugitive", "defendant", "mobster", "boss", "deputy",
    "sergeant", "trooper", "firefighter", "soldier", "student", "employee", "teenager", "businessman",
    "businesswoman", "entrepreneur", "banker", "astronaut", "chef", "priest", "bishop"])

NON_PERSON_WORDS = frozenset(["authority", "agency", "ministry", "department", "university", "college", "school", "hospital", "clinic", "council", "committee", "commission", "company", "line", "lines", "group", "bank", "press", "news", "times", "post", "herald", "courier", "service", "services", "office", "police", "court", "party", "union", "association", "institute", "centre", "center", "foundation", "fund", "board", "club", "team", "church", "island", "islands", "river", "lake", "mount", "port", "bay", "street", "road", "city", "county", "state", "republic", "kingdom", "north", "south", "east", "west", "new", "saint", "st", "fort", "airport", "station", "harbour", "harbor", "bridge"])
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&.]{1,9}$")
_DEFINE_RE = re.compile(
    r"((?:[A-Z][\w'&-]*|of|the|and|for|on|de|du|des|la)(?:\s+(?:[A-Z][\w'&-]*|of|the|and|for|on|de|du|des|la))*"
    r"\s+[A-Z][\w'&-]*)\s*[(\[]\s*([A-Z][A-Z&.]{1,9})\s*[)\]]")
_DEFINE_REV_RE = re.compile(r"\b([A-Z][A-Z&.]{1,9})\s*[(\[]\s*((?:[A-Z][\w'&-]*)(?:\s+[\w'&-]+){1,8})\s*[)\]]")


# --------------------------------------------------------------------------- name normalisation


@lru_cache(maxsize=65536)
def translit_key(token: str) -> str:
    """A key under which common romanisation variants coincide (Dmitri/Dmitry, Aleksandr/Alexandr,
    Sarkanow/Sarkanov, Yulia/Julia). Conservative on purpose: false merges are worse than misses."""
    t = re.sub(r"[^a-z]", "", fold(token))
    for a, b in (("kh", "h"), ("ph", "f"), ("ck", "k"), ("ks", "x"), ("cs", "x"), ("sch", "sh"),
                 ("tch", "ch"), ("dzh", "j"), ("zh", "j"), ("ou", "u"), ("w", "v"), ("yi", "i"),
                 ("iy", "i"), ("ey", "ei"), ("y", "i"), ("j", "i"), ("q", "k"), ("c", "k"), ("ii", "i")):
        t = t.replace(a, b)
    t = re.sub(r"(.)\1+", r"\1", t)
    return t


_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|ovna|evna|yevna|ievich|ichna)$")
_WORD_ENDINGS = frozenset(["a", "s", "er", "es", "an", "ia", "ian", "ese", "ish", "i", "o"])


@lru_cache(maxsize=262144)
def _tok_similar(a: str, b: str, *, loose: bool) -> bool:
    """Two name tokens that can be the same name written differently."""
    fa, fb = fold(a).strip("."), fold(b).strip(".")
    if fa == fb:
        return True
    ka, kb = translit_key(a), translit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if ka.startswith(kb) or kb.startswith(ka):
        # "Island"/"Islander", "Petrov"/"Petrova", "Smith"/"Smiths": another word, not another spelling;
        # "Rait"/"Raite" is a spelling
        extra = (ka if len(ka) > len(kb) else kb)[min(len(ka), len(kb)):]
        if extra in _WORD_ENDINGS or len(extra) > 2:
            return False
        return loose and min(len(ka), len(kb)) >= 4
    if loose and min(len(ka), len(kb)) >= 4 and ka[0] == kb[0]:
        return jellyfish.jaro_winkler_similarity(ka, kb) >= 0.93
    return False


#: English short forms whose first letters differ from, or whose spelling strays from, the full first
#: name ("Bob" Robert, "Dave" David): the common ones only; a short form of three letters or fewer
#: that shares the first letter ("Jim", "Al") is accepted without a list. Hand-written rather than
#: PyPI's ``nicknames`` package (Apache-2.0, a names.csv of 2,692 lines): swapped in or added, it left
#: ECB+ dev and the BASIL brief figures unchanged (train up by one merge, Kathryn/Katie, added here), and
#: its genealogical list gives distinct given names as one another's nicknames (Andrea/Andrew,
#: Amelia/Emily, Alice/Lisa: 880 of its pairs are two full names), which would merge different people
_SHORT_FORMS = {
    "robert": {"bob", "bobby", "rob", "robbie", "bert"}, "william": {"bill", "billy", "will", "willie", "liam"},
    "richard": {"dick", "rick", "ricky", "rich"}, "david": {"dave", "davey"}, "michael": {"mike", "mikey"},
    "charles": {"chuck", "charlie", "chas"}, "edward": {"ted", "teddy", "ed", "eddie", "ned"},
    "theodore": {"ted", "teddy", "theo"}, "thomas": {"tom", "tommy"}, "anthony": {"tony"},
    "joseph": {"joe", "joey"}, "james": {"jim", "jimmy", "jamie"}, "john": {"jack", "johnny"},
    "henry": {"hank", "harry"}, "margaret": {"peggy", "maggie", "meg"}, "elizabeth": {"liz", "beth", "betty",
    "eliza", "lisa"}, "katherine": {"kate", "kathy", "katie"}, "catherine": {"kate", "cathy", "katie"},
    "kathryn": {"kate", "kathy", "katie"},
    "deborah": {"debbie", "deb"}, "patricia": {"pat", "patty", "trish"}, "susan": {"sue", "susie"},
    "jennifer": {"jen", "jenny"}, "christopher": {"chris"}, "nicholas": {"nick"}, "stephen": {"steve"},
    "steven": {"steve"}, "daniel": {"dan", "danny"}, "andrew": {"andy", "drew"}, "matthew": {"matt"},
    "samuel": {"sam"}, "lawrence": {"larry"}, "gerald": {"jerry"}, "jerome": {"jerry"}, "gregory": {"greg"},
    "jeffrey": {"jeff"}, "kenneth": {"ken", "kenny"}, "ronald": {"ron", "ronnie"}, "donald": {"don", "donnie"},
    "timothy": {"tim"}, "jonathan": {"jon"}, "benjamin": {"ben"}, "mitchell": {"mitch"},
    "bernard": {"bernie"}, "newton": {"newt"}, "frederick": {"fred", "freddie"}, "alexander": {"alex"},
    "albert": {"al"}, "alfred": {"al", "alf"}, "harold": {"harry", "hal"}, "leonard": {"len", "lenny"},
    "philip": {"phil"}, "phillip": {"phil"}, "raymond": {"ray"}, "douglas": {"doug"}, "gerard": {"gerry"},
    "victoria": {"vicky", "tori"}, "rebecca": {"becky"}, "barbara": {"barb"}, "nancy": {"nan"},
}


def _full_forms(short: str) -> list[str]:
    return [full for full, shorts in _SHORT_FORMS.items() if short in shorts]


def _short_form(a: str, b: str) -> bool:
    return b in _SHORT_FORMS.get(a, ()) or a in _SHORT_FORMS.get(b, ())


def _one_letter_more(a: str, b: str) -> bool:
    """"Vincente" / "Vicente": one name with a letter added inside it (a misspelling; an added or
    changed last letter often makes another name: "Daniel"/"Daniela", "Joanne"/"Joanna")."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) != len(b) + 1 or len(b) < 5:
        return False
    return any(a[:i] + a[i + 1:] == b for i in range(1, len(a) - 1))


def _misspelt(a: str, b: str) -> bool:
    """"Cowen" for "Cowan": one letter changed inside a surname of five letters or more. Only asked of a
    lone surname that no full name in the story has, against the full names of its own article, so two
    people who are both named in full ("Mark Cowen", "Mo Cowan") are never merged."""
    a, b = fold(a), fold(b)
    if len(a) != len(b) or len(a) < 5 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    return sum(x != y for x, y in zip(a, b)) == 1


def _first_compatible(a: str, b: str) -> bool:
    fa, fb = fold(a).strip("."), fold(b).strip(".")
    if not fa or not fb:
        return False
    if len(fa) == 1 or len(fb) == 1:  # an initial
        return fa[0] == fb[0]
    if min(len(fa), len(fb)) <= 3 and fa[0] == fb[0]:
        return True  # a short form ("Mo" Cheeks for Maurice, "Al", "Ed")
    if _short_form(fa, fb) or _one_letter_more(fa, fb):
        return True
    return _tok_similar(a, b, loose=True)


def person_tokens(name: str) -> list[str]:
    """Name tokens without honorifics, possessives, particles or a generational suffix ("Dr. Ana de la
    Cruz" -> [ana, cruz], "Jesse L. Jackson Jr." -> [Jesse, L, Jackson]): the last token is the surname.
    The suffix is read apart, by :func:`generation`."""
    return list(_person_tokens(name))


#: generational suffixes after a surname ("Jr.", "Sr.", "III"). "V" and beyond are left alone: a lone
#: capital after a name is as often an initial or a letter ("Malcolm X")
GENERATIONS = frozenset(["jr", "sr", "ii", "iii", "iv"])
_GENERATION_AFTER = re.compile(r"^,?\s+(Jr|Sr|II|III|IV)\b\.?")


@lru_cache(maxsize=65536)
def generation(name: str) -> str:
    """The generational suffix of a person's name, folded ("jr", "iii"), or "" when it has none.
    Jesse Jackson and Jesse Jackson Jr. are father and son: two names that differ only by it are two
    people, so name comparisons check it besides :func:`person_tokens`."""
    return _named_tokens(name)[1]


def _person_tokens(name: str) -> tuple[str, ...]:
    return _named_tokens(name)[0]


_GLUED_TITLE = re.compile(r"(?<![\w.])([A-Z][a-z]{1,4})\.(?=[A-Z][a-z])")


@lru_cache(maxsize=65536)
def _named_tokens(name: str) -> tuple[tuple[str, ...], str]:
    """(the name's tokens, its generational suffix)."""
    name = re.sub(r"['’]s$", "", name.strip())
    # a title glued to the name by a missing space ("Gov.Sarah Palin") is still a title
    name = _GLUED_TITLE.sub(lambda m: m.group(0) + " " if fold(m.group(1)) in HONORIFICS else m.group(0), name)
    toks = [t for t in re.split(r"[\s]+", name) if t]
    out = _name_words(toks[:-1]) if len(toks) >= 3 and fold(toks[-1]).strip(".,") in GENERATIONS else []
    if len(out) >= 2:
        # "Jesse Jackson Jr": a first name and a surname before the suffix, read without it (and so
        # "King" of "Martin Luther King Jr." is the surname, not a title). "Mr. Jackson Jr." and
        # "Elizabeth II", with no two names before it, are read as before
        return tuple(out), fold(toks[-1]).strip(".,")
    return tuple(_name_words(toks)), ""


def _name_words(toks: list[str]) -> list[str]:
    out = []
    for i, t in enumerate(toks):
        core = fold(t).strip(".,")
        if not core:
            continue
        if i < len(toks) - 1 and core in HONORIFICS:
            continue
        if core in PARTICLES and i < len(toks) - 1:
            continue
        if i < len(toks) - 1 and _PATRONYMIC.search(core):
            continue  # "Dmitri Olegovich Sarkanov": the patronymic is a middle name
        # "al-Rashid": the article is a particle as well
        t = re.sub(r"^(?:al|el)[-‐]", "", t, flags=re.IGNORECASE)
        out.append(t.strip(".,"))
    return out


def names_swapped(a: list[str], b: list[str]) -> bool:
    """The same two names in the other order ("Vlasko Teodor" / "Teodor Vlasko": the family name first
    in one outlet). Both names must match as written or transliterated, never just look alike: a
    swapped order is already one step away from the name as printed."""
    return (len(a) >= 2 and len(b) >= 2 and _tok_similar(a[0], b[-1], loose=False)
            and _tok_similar(a[-1], b[0], loose=False))


def persons_compatible(a: list[str], b: list[str], *, swapped: bool = True) -> bool:
    """Full names that can denote one person: first and last agree (middle names and patronymics may
    be missing on one side), or (``swapped``) the two names in the other order."""
    if len(a) < 2 or len(b) < 2:
        return False
    if _tok_similar(a[-1], b[-1], loose=True) and _first_compatible(a[0], b[0]):
        return _middles_compatible(a, b)
    if names_swapped(a, b):
        return swapped
    # a descriptor the NER kept in the span ("Charger Jamal Williams"): drop the first word of the
    # longer name when the rest starts with the other's first name and ends with its last name
    if len(b) > len(a):
        a, b = b, a
    if len(a) >= 3 and fold(a[1]) == fold(b[0]) and _tok_similar(a[-1], b[-1], loose=True):
        return _middles_compatible(a[1:], b)
    return False


def _middles_compatible(a: list[str], b: list[str]) -> bool:
    ma, mb = a[1:-1], b[1:-1]
    if not ma or not mb:
        return True
    return _first_compatible(ma[0], mb[0])


def org_key(name: str) -> str:
    n = fold(name)
    n = re.sub(r"['’]s$", "", n)
    n = re.sub(r"^the\s+", "", n)
    # a site's domain is its name: "Gullwatch.com" is Gullwatch
    n = re.sub(r"(?<=\w)\s?\.\s?(?:com|net|org|co\.uk)$", "", n)
    toks = [t for t in re.split(r"[^\w&]+", n) if t]
    while toks and toks[-1] in ORG_SUFFIXES:
        toks.pop()
    return " ".join(toks)


def place_key(name: str) -> str:
    return re.sub(r"\bmt\b", "mount", org_key(name))


def initials(name: str) -> str:
    """"Harbour Safety Authority" -> "HSA"; "Bank of England" -> "BE" (and "BOE" is tried as well)."""
    toks = [t for t in re.split(r"[\s-]+", name) if t and t[0].isalpha()]
    return "".join(t[0].upper() for t in toks if fold(t) not in ACRONYM_SKIP)


def initials_all(name: str) -> str:
    toks = [t for t in re.split(r"[\s-]+", name) if t and t[0].isalpha()]
    return "".join(t[0].upper() for t in toks if fold(t) != "the")


def _spells(acr: str, name: str) -> bool:
    """"NGW" spells "Northgate Wire": every word gives its initial, in order, and a word may give more
    letters after its initial ("N", "G" from Northgate, "W" from Wire)."""
    toks = [t.upper() for t in re.split(r"[\s-]+", name) if t and t[0].isalpha() and fold(t) not in ACRONYM_SKIP]
    if len(toks) < 2 or not 2 <= len(acr) <= 2 * len(toks):
        return False

    @cache
    def rec(i: int, k: int, off: int) -> bool:
        if i == len(acr):
            return k == len(toks) - 1 and off > 0
        word = toks[k]
        if off == 0:
            return acr[i] == word[0] and rec(i + 1, k, 1)
        if k + 1 < len(toks) and rec(i, k + 1, 0):
            return True
        return any(rec(i + 1, k, j + 1) for j in range(off, len(word)) if word[j] == acr[i])

    return rec(0, 0, 0)


def is_acronym(text: str) -> bool:
    t = text.strip()
    return bool(_ACRONYM_RE.match(t)) and sum(c.isalpha() for c in t) >= 2


def acronym_norm(text: str) -> str:
    return re.sub(r"[^A-Z&]", "", text.upper())


#: words that end a title written before a name: the honorifics and the titles of office a name follows
#: in capitals ("House Majority Whip Kevin McCarthy", "General Manager Billy King")
_TITLE_ENDS = HONORIFICS | frozenset(["leader", "whip", "speaker", "manager", "director", "chairman", "chairwoman",
                                      "spokesman", "spokeswoman", "spokesperson", "ambassador", "attorney", "commander",
                                      "delegate", "lawyer"])
_NAME_TOKEN = re.compile(r"(?:[A-Z][\w'’-]*|[A-Z]\.)\Z")
#: titles that also open names of firms, places and things ("General Dynamics", "King's Cross", "Father
#: Christmas", "Captain Cook Hotel"): they do not make a person of a name the NER called something else
_TITLES_IN_OTHER_NAMES = frozenset(["general", "king", "queen", "prince", "princess", "father", "sister", "brother",
                                    "hero", "mum", "dad", "lord", "lady", "vice", "chief", "coach", "captain",
                                    "skipper", "doctor", "officer", "justice", "premier", "sir", "dame", "saint"])


def name_after_title(surface: str, *, person: bool = False) -> str | None:
    """The person's name in a mention that opens with a title or ends with where they are from:
    "Representative Kurt Schrader of Oregon" -> "Kurt Schrader", "House Majority Whip Kevin McCarthy" ->
    "Kevin McCarthy", "Secretary of State John Kerry" -> "John Kerry", "Tom Price of Georgia" -> "Tom
    Price". None when the mention is not so written, or what is left is no name of two to four
    capitalised words (an organisation's or a place's word in it: "Chief Constable Office"). Unless the
    NER already took the mention for a ``person``, a title that also opens names of firms or places
    ("General Dynamics") does not count, nor does a name without a title ("Bank of America")."""
    toks = surface.split()
    if len(toks) < 2 or len(toks) > 10:
        return None
    cut = 0
    for i, t in enumerate(toks[:-1]):
        w = fold(t).strip(".,")
        if w in _TITLE_ENDS and t[:1].isupper():
            cut = i + 1
        elif w == "of" and cut == i and i + 1 < len(toks) - 2:
            cut = i + 2  # "Secretary of State": the office's "of" and the word after it
        elif not t[:1].isupper() and cut <= i:
            break
    name = toks[cut:]
    if "of" in name[2:]:
        k = name.index("of", 2)
        if 1 <= len(name) - k - 1 <= 3 and all(t[:1].isupper() for t in name[k + 1:]):
            name = name[:k]  # "of Oregon": the state or country they come from
    if len(name) == len(toks) or not 1 <= len(name) <= 4 or (len(name) == 1 and (
            not cut or fold(toks[cut - 1]).strip(".") in _TITLES_IN_OTHER_NAMES)):
        return None  # one word left: a surname after a title that only people bear ("Sheriff Arpaio")
    if not all(_NAME_TOKEN.match(t) or fold(t) in PARTICLES for t in name) or not name[-1][:1].isupper():
        return None
    if any(fold(t).strip(".") in NON_PERSON_WORDS | ORG_HEADS or fold(t) in ACRONYM_SKIP - PARTICLES for t in name):
        return None  # "... Chief Of Staff" in a headline: a function word is no part of a name
    if not person and (not cut or fold(toks[cut - 1]).strip(".") in _TITLES_IN_OTHER_NAMES):
        return None
    if person and len(name) < 2:
        return None  # "Mr. Arpaio" tagged PERSON: the person-name tokens take the title off already
    if person and any(fold(t).strip(".") in _TITLE_ENDS - HONORIFICS for t in toks[:cut]):
        # a job title before a name the NER did tag PERSON ("General Manager Billy King"; not "Seattle
        # Mayor Ed Murray", whose title is an honorific) stays. Taking it off as well joins such a span
        # to the person, which ECB+ counts as no named mention: both end-to-end scores fell by 0.0002
        return None
    return " ".join(name)


# --------------------------------------------------------------------------- clusters


@dataclass
class _Cluster:
    label: str
    forms: Counter = field(default_factory=Counter)  # surface form -> count
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (article, start, end)
    articles: set[int] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    descriptions: list[str] = field(default_factory=list)
    role_refs: list[str] = field(default_factory=list)
    labels: Counter = field(default_factory=Counter)
    #: a mention of it had a title taken off its name ("Representative Kurt Schrader" -> "Kurt Schrader")
    titled: bool = False
    fixed_name: str | None = None
    _best: tuple | None = None

    def best_name(self) -> str:
        if self.fixed_name:
            return self.fixed_name
        # forms only grow while pass 1 reads mentions; afterwards the name is fixed, so cache it by
        # the number of forms seen
        key = (len(self.forms), sum(self.forms.values()), self.label)
        if self._best is not None and self._best[0] == key:
            return self._best[1]
        name = self._best_name()
        self._best = (key, name)
        return name

    def _best_name(self) -> str:
        names = [f for f in self.forms if not is_acronym(f)] or list(self.forms)
        if self.label == PERSON:
            # the fullest form that is written as a name (most tokens, then most frequent), without
            # a title the NER left in the span ("Councillor Ben Hadley" -> "Ben Hadley")
            # the most frequent full name (first + last), then the longer: "Dmitri Sarkanov" over
            # one outlet's "Dmitri Olegovich Sarkanov"
            best = max(names, key=lambda f: (len(person_tokens(f)) >= 2, self.forms[f], len(person_tokens(f)),
                                             -len(f)))
            toks = best.split()
            while len(toks) > 2 and fold(toks[0]).strip(".") in HONORIFICS:
                toks = toks[1:]
            return " ".join(toks)
        return max(names, key=lambda f: (self.forms[f], len(f)))

    def tokens(self) -> list[str]:
        return person_tokens(self.best_name())

    def generation(self) -> str:
        return generation(self.best_name())


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _label_of(m: EntityMention) -> str | None:
    return _LABEL_MAP.get(m.label.upper(), None)


def _with_generation(text: str, end: int, surface: str) -> str:
    """The name with the generational suffix written just after the NER's span ("Jesse Jackson| Jr.")."""
    if generation(surface) or len(person_tokens(surface)) < 2:
        return surface
    m = _GENERATION_AFTER.match(text[end:end + 8])
    return f"{surface} {m.group(1)}." if m else surface


def _clean_surface(text: str) -> str:
    t = " ".join(text.split())
    t = re.sub(r"^(?:the|The)\s+", "", t)
    t = re.sub(r"['’]s$", "", t)
    return t.strip(" ,.;:\"'“”‘’()")


# --------------------------------------------------------------------------- descriptions


# the period of an abbreviation ("the prosecuting attorney for St. Louis County") does not end it
_APPOS_AFTER = re.compile(r"^\s*,\s+((?:an?|the|its|his|her|their)\s+[^,;()\"“”]{2,90}?)\s*(?=[,;)]|"
                          r"(?<!\bSt)(?<!\bMt)(?<!\bFt)(?<!\bJr)(?<!\bSr)(?<!\bNo)(?<!\bU\.S)(?<!\b[A-Z])\.|$|\s+(?:"
                          + verb_pattern(SAY_VERBS) + "))")
_AGE_APPOS = re.compile(r"^\s*,\s+\d{1,3}\s*,")
_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w'-]*\s+){0,3}(?:[A-Za-z]+\s+)?)$")


def role_head(description: str) -> str | None:
    """The role noun of a description: "an economist at the University of X" -> "economist"."""
    head_part = re.split(r"\s+(?:at|of|for|in|with|from|on|who|whose|which|and)\s+", fold(description))[0]
    toks = re.findall(r"[a-z-]+", head_part)
    # the head noun is the last word: "the passenger ferry" is a ferry, not a passenger
    if toks and toks[-1] in ROLE_HEADS:
        return toks[-1]
    return None


# ", a local fishing boat towed one of the lifeboats": a clause, not an apposition (a past tense after
# the noun phrase, with no relative pronoun before it)
_CLAUSE = re.compile(r"^(?:(?!\b(?:who|which|that)\b)[^,])*?\b\w+\s+\w+\s+\w+\s+\w+ed\b(?!\s+(?:by|in|at))")
_REPORTING = re.compile(rf"\b(?:{verb_pattern(NEUTRAL_REPORTING_VERBS, 'according')})\b", re.IGNORECASE)
# ", the operator may sell two of its ships": a noun phrase and a finite verb is a clause, not a description
_FINITE_CLAUSE = re.compile(r"^(?:an?|the|its|his|her|their)\s+(?:(?!(?:who|which|that|whose)\b)[\w'’-]+\s+){0,3}?"
                            r"(?:may|might|will|would|could|should|can|must|is|was|were|are|has|had|have)\s+\w",
                            re.IGNORECASE)


#: first words of a description that start a phrase, never the middle of a name ("The harbour master")
_DESC_OPENERS = {"the", "a", "an", "its", "his", "her", "their"}


def _descriptions_for(view: ArticleView, start: int, end: int, *, person: bool = True) -> list[str]:
    """Appositions right after a mention and (for people) role titles right before it."""
    text = view.text
    out = []
    after = text[end:end + 140]
    if not _AGE_APPOS.match(after):
        m = _APPOS_AFTER.match(after)
        # ", the agency said" is an attribution of the sentence, not a description of the mention
        if m and not re.match(r"(?:the|a|an)\s+(?:day|week|month|year)\b", m.group(1), flags=re.IGNORECASE) \
                and not _REPORTING.search(m.group(1)) and not _CLAUSE.match(m.group(1)) \
                and not _FINITE_CLAUSE.match(m.group(1).strip()) \
                and not _REPORTING.match(after[m.end():].lstrip()):
            out.append(m.group(1).strip())
    if not person:
        return out
    before = text[max(0, start - 60):start]
    # "Maritime Minister Helena Rusk", "Its captain, Dmitri Sarkanov", "Hero skipper Dmitri Sarkanov":
    # the shortest run of words before the name that ends in a role noun
    for m in re.finditer(r"(?:(?<=\s)|^)((?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+)?"
                         r"(?:[A-Za-z'-]+\s+){0,2}[A-Za-z'-]+),?\s+$", before):
        cand = m.group(1).strip()
        n_words = len(cand.split())
        if cand[:1].isupper() and cand.split()[0].lower() not in _DESC_OPENERS:
            # "Port Ellin harbour master Teodor Vlasko": a description never starts inside a proper
            # name. Mid-sentence it takes in the whole name in front of it (nothing, for a name too long
            # to tell); a name opening the sentence cannot be told from a capitalised first word
            # ("Yesterday Calder ..."), so there it keeps only its words from the first lower-case one
            lead = text[max(0, start - 200):start - len(before) + m.start(1)]
            name = re.search(r"(?:(?<=\s)|^)((?:[A-Z][\w'’&-]*[ \t]){1,4})$", lead)
            if name is not None:
                rest = lead[:name.start(1)]
                if re.search(r"[A-Z][\w'’&-]*[ \t]$", rest):
                    break
                if re.search(r"[a-z0-9,;:)]\s$", rest):
                    cand = name.group(1) + cand
                else:
                    words = cand.split()
                    while words and words[0][:1].isupper():
                        words.pop(0)
                    cand = " ".join(words)
                    n_words = len(words)
        cand, n_words = _title_run(cand, n_words)
        if role_head(cand) and n_words <= 4:
            out.append(cand)
        break
    return out


#: words that end the clause before a title: what comes before them is not part of the title
#: ("Trump ripped President Obama", "criticized current President Peña", "with current President")
_DESC_BREAKS = frozenset(["with", "to", "for", "by", "from", "at", "on", "in", "against", "over", "after",
                          "before", "than", "as", "and", "but", "or", "nor", "when", "while", "that", "who",
                          # prepositions, also opening a sentence ("Following President Obama's comments")
                          "following", "including", "regarding", "concerning", "during", "despite", "like",
                          "unlike", "among", "amid", "under", "about", "into", "through", "since", "until",
                          "without", "within", "via", "toward", "towards", "behind", "beyond", "between",
                          "whether", "if", "because", "though", "although", "where", "how", "what", "why"])
#: present participles that do stand in a title ("acting director"); another one before a capitalised
#: title is a verb ("saying President Obama"), before a lower-case word often a noun ("wrestling executive")
_ING_TITLES = frozenset(["acting", "presiding", "ranking", "outgoing", "incoming", "sitting", "leading", "reigning",
                         "founding", "managing", "governing", "ruling", "visiting", "serving", "long-serving"])
#: past participles that do stand in a title ("retired general", "embattled mayor")
_ED_TITLES = frozenset(["retired", "elected", "embattled", "disgraced", "indicted", "acclaimed", "celebrated",
                        "respected", "decorated", "appointed", "designated", "unelected", "ousted"])


def _title_run(cand: str, n_words: int) -> tuple[str, int]:
    """The title part of the words before a name: after the last preposition, conjunction or verb in
    the past tense among them."""
    ws = cand.split()
    cut = 0
    for i, w in enumerate(ws[:-1]):
        lw = w.lower()
        if lw in _DESC_BREAKS or (w.islower() and lw.endswith("ed") and lw not in _ED_TITLES) \
                or (w.islower() and lw.endswith("ing") and lw not in _ING_TITLES and ws[i + 1][:1].isupper()):
            cut = i + 1
    if not cut:
        return cand, n_words
    return " ".join(ws[cut:]), len(ws) - cut


# --------------------------------------------------------------------------- main


@dataclass
class EntityIndex:
    """The reconciled entities and the lookups later steps need."""

    entities: list[Entity]
    by_mention: dict[tuple[int, int, int], str]  # (article, start, end) -> entity id
    by_sentence: dict[tuple[int, int], set[str]]  # (article, sentence) -> entity ids
    _name_lookup: dict[str, str]
    _article_lookup: dict[tuple[int, str], str]
    _acronyms: dict[str, str]
    _roles: dict[tuple[int, str], str]
    _people: list[tuple[str, list[str]]] | None = None
    _generations: dict[str, str] = field(default_factory=dict)
    #: folded names the NER tagged but the story does not use as names ("Footage", "Skerra Islander"),
    #: so that a speaker or source called so is not taken for someone either
    not_names: frozenset[str] = frozenset()

    def is_no_name(self, name: str) -> bool:
        """Whether a cited name is no one's: a word the entity step found is no name (:attr:`not_names`),
        or words before a lower-case noun for a happening ("Democratic primary", "the Senate hearing").
        Takes the name as written: the fold :attr:`not_names` holds loses the case that tells the two
        apart ("Primary Colors" is a name)."""
        if fold(name) in self.not_names:
            return True
        return common_head(name) in _EVENT_HEADS

    def get(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def resolve(self, name: str | None, article: int | None = None) -> str | None:
        """The entity id a name (speaker, source) refers to, in the context of ``article`` if given."""
        if not name:
            return None
        clean = _clean_surface(name)
        if not clean:
            return None
        hit = self._resolve(clean, article, name)
        if hit is None and (bare := _without_glued_opener(clean)) != clean:
            hit = self._resolve(bare, article, bare)  # "Tuesday Ginsburg" cited: Ginsburg
        named = name_after_title(clean) if hit is None else None
        # "Representative Kurt Schrader of Oregon" cited in one article: the man named elsewhere
        return self._resolve(named, article, named) if named else hit

    def _resolve(self, clean: str, article: int | None, name: str) -> str | None:
        if article is not None:
            hit = self._article_lookup.get((article, fold(clean)))
            if hit:
                return hit
            head = role_head(clean)
            if head and (article, head) in self._roles and len(clean.split()) <= 4:
                return self._roles[(article, head)]
        hit = self._name_lookup.get(fold(clean))
        if hit:
            return hit
        if is_acronym(clean):
            return self._acronyms.get(acronym_norm(clean))
        key = org_key(clean)
        if key in self._name_lookup:
            return self._name_lookup[key]
        toks = person_tokens(clean)
        if self._people is None:
            self._people = [(e.id, person_tokens(e.name)) for e in self.entities if e.label == PERSON]
            self._generations = {e.id: generation(e.name) for e in self.entities if e.label == PERSON}
        people = self._people
        if len(toks) >= 2:
            gen = generation(clean)
            for eid, etoks in people:
                if self._generations[eid] == gen and persons_compatible(toks, etoks, swapped=False):
                    return eid
            # a name without its suffix ("Joe Biden" for "Joseph R. Biden Jr."), when it fits one person
            fits = [eid for eid, etoks in people if not gen and persons_compatible(toks, etoks, swapped=False)]
            if len(fits) == 1:
                return fits[0]
            people = [(eid, etoks) for eid, etoks in people if self._generations[eid] == gen]
            # the other order only when it names one person of the story
            swapped = [eid for eid, etoks in people if names_swapped(toks, etoks)]
            if len(swapped) == 1:
                return swapped[0]
        elif len(toks) == 1:
            fits = [eid for eid, etoks in people if len(etoks) >= 2
                    and _tok_similar(toks[0], etoks[-1], loose=False)]
            if not fits:  # a family name written first ("Vlasko Teodor" -> "Teodor" as the surname)
                fits = [eid for eid, etoks in people if len(etoks) >= 2
                        and _tok_similar(toks[0], etoks[0], loose=False)]
            if len(fits) == 1:
                return fits[0]
        named = _name_before_kind_noun(clean)
        if named is not None:
            # "the Associated Locomotive Engineers union": the union the name stands for, not a
            # second body; only an organisation's name ("the Brenlow council" is no town's)
            eid = self.resolve(named, article)
            ent = self.get(eid) if eid else None
            if ent is not None and ent.label == ORG:
                return eid
        return self._described_org(name)

    def _described_org(self, name: str) -> str | None:
        """"the authority" -> the one organisation of the story whose name has that word ("Harbour
        Safety Authority"); a bare description that fits none or several organisations stays unresolved."""
        words = fold(name).split()
        if words[:1] == ["the"]:
            words = words[1:]
        if len(words) != 1 or len(words[0]) < 4 or not name.strip()[:1].islower():
            return None
        fits = [e.id for e in self.entities if e.label == ORG and words[0] in fold(e.name).split()]
        return fits[0] if len(fits) == 1 else None


#: last words that make a name an organisation's, whatever the NER says ("Skerra Line" tagged PERSON,
#: "Calder Regional Rail" tagged LOC); few enough not to be family names as well
ORG_HEADS = frozenset(["line", "lines", "airline", "airlines", "railway", "railways", "rail", "railroad", "ferries",
                       "authority", "agency", "ministry", "department", "university", "hospital", "council",
                       "committee", "commission", "company", "police", "association", "institute", "foundation",
                       "service", "services", "union", "coastguard", "bureau"])
#: of those, the ones that also end names of places or countries ("the Green Line", "the Soviet Union"):
#: they do not turn a place into an organisation
_PLACE_TOO = frozenset(["line", "lines", "union"])


#: lowercase nouns written after an organisation's name to say what kind of body it is ("the Associated
#: Locomotive Engineers union", "the Tarrow Freight company")
_KIND_NOUNS = ORG_HEADS | frozenset(["party", "group", "firm", "operator", "charity", "club", "board", "federation",
                                     "league", "network", "trust", "carrier", "airline", "insurer", "bank", "chain",
                                     "cooperative", "co-operative", "consortium", "utility", "regulator", "watchdog"])


def _name_before_kind_noun(name: str) -> str | None:
    """"Associated Locomotive Engineers union" -> "Associated Locomotive Engineers": a name written in
    capitals (or an acronym) followed by one or two lowercase nouns of a body's kind ("union",
    "trade union", "rail operator"); None when the name does not end so."""
    toks = name.split()
    if len(toks) < 2 or not toks[-1].islower() or fold(toks[-1]) not in _KIND_NOUNS:
        return None
    k = len(toks) - 1
    if k >= 2 and toks[k - 1].islower() and toks[k - 1].isalpha():
        k -= 1  # a modifier of the noun: "trade union", "rail operator"
    if not toks[k - 1][:1].isupper():
        return None
    return " ".join(toks[:k])


def org_named(name: str) -> bool:
    """A name of two words or more whose last word is an organisation's head noun ("Varrow Coastal Rail",
    "Saint Osric Hospital")."""
    toks = name.split()
    return len(toks) >= 2 and fold(toks[-1]).strip(".,") in ORG_HEADS


def _not_a_person(name: str, outlets: set[str]) -> bool:
    """A name tagged PERSON that is an outlet of the story ("Ellin Courier") or an organisation's name."""
    return norm_outlet(name) in outlets or org_named(name)


def _place_named_as_body(name: str) -> bool:
    """A "place" named as a body ("Saint Osric Hospital", "Harl Valley Council"): a hospital that takes
    patients in is a building too, but the texts quote it as the body that runs it, so that the sources
    list cites it as an organisation and the entities list must say the same."""
    return org_named(name) and fold(name.split()[-1]).strip(".,") not in _PLACE_TOO


#: titles that only people bear ("General", "Father" or "King" also start names of firms and places)
PERSONAL_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "rev", "revd", "sir", "dame", "prof", "fr", "councillor", "councilor"])


def _has_title(c: _Cluster) -> bool:
    """Whether a cluster is written with a personal title somewhere (a form such as "Rev Alice Mowbray",
    or a mention whose title was taken off its name: "Representative Kurt Schrader")."""
    return c.titled or any(_titled_person(f) for f in c.forms)


def _titled_person(name: str) -> bool:
    """"Rev Alice Mowbray" tagged ORG: a personal title before a name of two capitalised words or more."""
    toks = name.split()
    rest = toks[1:]
    return (len(rest) >= 2 and fold(toks[0]).strip(".") in PERSONAL_TITLES
            and all(t[:1].isupper() and t.replace("-", "").replace("'", "").isalpha() for t in rest)
            and fold(rest[-1]) not in ORG_HEADS)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    """English common nouns and adjectives ("noun", "adj"): the rule lemmatizer's word index of the
    bundled pipeline (WordNet's lemmas). Empty when the pipeline is absent; the lowercase-use test
    still applies then."""
    try:
        from spacy.lookups import Lookups

        from ..nlp.annotate import BUNDLED

        index = Lookups().from_disk(BUNDLED / "lemmatizer" / "lookups").get_table("lemma_index")
        return {pos: frozenset(index.get(pos, [])) for pos in ("noun", "adj", "verb")}
    except Exception:  # noqa: BLE001 - a missing or odd model only makes the test weaker
        return {}


_SENT_START = re.compile(r"(?:^|[.!?:;\n])[\s\"'“‘(\[-]*$")
_NAME_USE = re.compile(rf"^\s*(?:{verb_pattern(SAY_VERBS, 'added', 'wrote')}|,\s*\d)")
_DEMONYM_SUFFIXES = ("er", "ers", "ian", "ians", "an", "ans", "ese", "ish", "i", "is")


def _mention_contexts(c: _Cluster, views: list[ArticleView], width: int = 40) -> list[tuple[str, str, str]]:
    """(text before, mention, text after) of each mention, ``width`` characters each side."""
    out = []
    for a, s, e in c.mentions:
        text = views[a].text
        out.append((text[max(0, s - width):s], text[s:e], text[e:e + width]))
    return out


def _name_contexts(c: _Cluster, views: list[ArticleView], width: int = 40) -> list[tuple[str, str, str]]:
    """Like :func:`_mention_contexts`, for every place the story's articles write one of the entity's
    names, whether the NER tagged it there or not (it tags "Ostravik said" and misses "the operator,
    Ostravik,"). Bounded: a few names, the first 100,000 characters of each article, 50 hits."""
    out: list[tuple[str, str, str]] = []
    # ties broken by the form itself: which five forms are kept must not follow the set's hash order
    forms = sorted({f for f in c.forms if len(f) >= 3 and not is_acronym(f)}, key=lambda f: (-len(f), f))[:5]
    if not forms:
        return _mention_contexts(c, views, width)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
    for a in sorted(c.articles):
        text = views[a].text[:100_000]
        for m in rx.finditer(text):
            out.append((text[max(0, m.start() - width):m.start()], m.group(0), text[m.end():m.end() + width]))
            if len(out) >= 50:
                return out
    return out


def _common_word(c: _Cluster, views: list[ArticleView]) -> bool:
    """A one-word "name" that is an English word capitalised only because it opens a sentence
    ("Footage released by ...", "Hero skipper ...", "Consular staff ..."): every mention opens its
    sentence, and the word is a common noun or adjective or the story also writes it in lowercase (for
    an organisation: an adjective that is no noun).
    A capitalised word inside a sentence is a name ("Nordpress", "Rusk said"), and so is one used as a
    speaker ("Quill said"), whatever the dictionary says."""
    forms = {fold(f) for f in c.forms}
    if len(forms) != 1 or any(len(f.split()) != 1 or is_acronym(f) for f in c.forms):
        return False
    word = next(iter(forms))
    for before, _, after in _mention_contexts(c, views):
        if not _SENT_START.search(before) or _NAME_USE.match(after):
            return False
    lexicon = _lexicon()
    nouns, adjectives = lexicon.get("noun", frozenset()), lexicon.get("adj", frozenset())
    # organisations are often named with nouns ("Apple declined to comment"); an adjective alone
    # ("Consular staff") is no organisation's name
    if word in adjectives and (c.label == PERSON or word not in nouns):
        return True
    if c.label != PERSON:
        return False
    if word in nouns:
        return True
    lower = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return any(lower.search(v.text) for v in views)


#: nouns that name a business or body, not a person, when written right before a name or in apposition
#: to it ("the Lerberg tour operator Fjellreiser", "Fjellreiser, a travel company,")
_ORG_NOUNS = ("company|companies|firm|operator|airline|carrier|insurer|retailer|manufacturer|maker|carmaker|"
              "broadcaster|publisher|developer|supplier|charity|bank|chain|brand|group|start-?up|conglomerate|"
              "distributor|wholesaler|agency|cooperative|co-operative|consortium|utility|club|union|label")
_ORG_BEFORE = re.compile(rf"\b(?:{_ORG_NOUNS})\s*,?\s*$", re.IGNORECASE)
_ORG_APPOS = re.compile(rf"^\s*,\s+(?:an?|the|its)\s+(?:[\w'-]+\s+){{0,3}}(?:{_ORG_NOUNS})\b", re.IGNORECASE)
#: the name, a reporting verb, then at once (a day, "in a statement", "that" between) the pronoun that
#: takes the name up again: "X said on Tuesday that it would", "X said in a statement its ..."; a
#: pronoun after another noun ("said that Skerra Line had been warned about its fleet") is not the name's
_REPORT_THEN = re.compile(r"^(?:\s*,[^,.;]{1,60},|\s*,)?\s+(?:has\s+|had\s+|have\s+)?(?:"
                          # not "told": the pronoun after it is who was told ("told her that")
                          + verb_pattern(tuple(v for v in REPORTING_VERBS if v not in ("told", "tells"))) + ")"
                          r"(?:\s+(?:on|late\s+on|early\s+on|last|this)\s+\w+)?(?:\s+in\s+a\s+\w+)?,?"
                          r"(?:\s+that)?\s+(it|its|itself|they|he|she|his|her)\b", re.IGNORECASE)


_AT_PLACE = re.compile(r"\b(?:on|in|at|along|near|off|down|up|into|onto|across)\s+(?:the\s+)?$", re.IGNORECASE)


def _named_as_place(c: _Cluster, views: list[ArticleView]) -> bool:
    """A "person" whose name ends in a place word and that the texts put after a preposition of place
    every time ("the café on Mill Lane"): a street or a place. Surnames such as Lane, Hill or Street keep
    a person wherever one mention reads otherwise ("Inspector Hana Lane said")."""
    toks = c.best_name().split()
    if len(toks) < 2 or fold(toks[-1]) not in PLACE_HEADS or _has_title(c):
        return False
    contexts = list(_name_contexts(c, views, width=40))
    return bool(contexts) and all(_AT_PLACE.search(before) for before, _m, _a in contexts)


def _heads_place_word(c: _Cluster, views: list[ArticleView]) -> bool:
    """A short name the NER tagged that goes on, in every one of its mentions, with a place word left
    outside the tag ("the Venn river", "Tollin Bay" tagged as "Tollin"): the name of a place. Only the
    tagged mentions count: the longer names that start with it ("Venn Rescue Service") are other
    entities' mentions."""
    return bool(c.mentions) and all(names_a_place(views[a].text, e) for a, _s, e in c.mentions)


def _speaks_as_organisation(c: _Cluster, views: list[ArticleView]) -> bool:
    """A "person" the texts treat as an organisation: it says things and is taken up as "it" ("Fjellreiser
    said on Tuesday that it would review its bookings"), or a business noun stands before it or in
    apposition ("the tour operator Fjellreiser"). "he"/"she", a personal title or a first and last name
    count against; the organisational reading must win clearly (a business noun alone is not enough:
    "crane operator" is someone's job)."""
    if _has_title(c):
        return False
    org = person = 0
    for before, _mention, after in _name_contexts(c, views, width=120):
        if _ORG_BEFORE.search(before[-40:]) or _ORG_APPOS.match(after):
            org += 1
        m = _REPORT_THEN.match(after)
        # "said it was a tragedy": a bare "it" is anything; "it would review its bookings" is the name
        if m and (fold(m.group(1)) in {"its", "itself"} or (
                fold(m.group(1)) == "it" and re.match(r"^[^.;!?\"“”]{0,40}?\b(?:its|itself)\b", after[m.end():]))):
            org += 2
        elif m and fold(m.group(1)) != "they":
            person += 2
    if len(person_tokens(c.best_name())) >= 2:
        person += 1
    return org >= 2 and org > person


def _written_as_person(c: _Cluster, views: list[ArticleView]) -> bool:
    """A name ending in an organisation's head noun that the texts write as a person's ("Tobias Service",
    "Ada Union"): with a personal title ("Mr Service"), as the bare surname ("Service said"), or taken up
    as "he"/"she" ("Tobias Service said on Monday that he ..."). An organisation is "the Service", "it"."""
    if _has_title(c) or any(
            len(f.split()) == 2 and fold(f.split()[0]).strip(".") in PERSONAL_TITLES for f in c.forms):
        return True
    head = c.best_name().split()[-1]
    for before, mention, after in _name_contexts(c, views, width=120):
        if mention == head and not re.search(r"\bthe\s+$", before, re.IGNORECASE):
            return True
        m = _REPORT_THEN.match(after)
        if m and fold(m.group(1)) in {"he", "she", "his", "her"}:
            return True
    return False


_COUNTRY_AFTER = re.compile(r"^\s+(?:citizens?|nationals?|residents?|government|embassy|consulate|foreign\s+ministry|"
                            r"foreign\s+minister|prime\s+minister|president|authorities|coast|capital|border)\b",
                            re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:in|from|to|across|near|visit(?:ed|ing)?|return(?:ed|ing)?\s+to)\s+$")
_ORG_AFTER = re.compile(r"^(?:\s*['’]s\s+(?:chief|shares|board|staff|employees|customers|spokes\w+)|"
                        r"\s+(?:said|says|announced|declined|confirmed|denied|told)\b)", re.IGNORECASE)


def _used_as_country(c: _Cluster, views: list[ArticleView], outlets: set[str]) -> bool:
    """A one-word "organisation" the texts use as a country or region ("Two Nordvik citizens", "the
    Nordvik foreign ministry", "visitors from Nordvik"): most mentions, and at least two, read as a
    place, and none as a body that acts ("Nordvik said", "Nordvik's chief executive")."""
    name = c.best_name()
    if len(name.split()) != 1 or is_acronym(name) or norm_outlet(name) in outlets:
        return False
    place = body = 0
    for before, _mention, after in _mention_contexts(c, views):
        if _ORG_AFTER.match(after):
            body += 1
        elif _COUNTRY_AFTER.match(after) or _PLACE_BEFORE.search(before):
            place += 1
    return body == 0 and place >= 2 and 2 * place > len(c.mentions)


def _demonym(c: _Cluster, place_words: set[str]) -> bool:
    """A person "name" that names where someone is from ("a Skerra Islander", "an Ellin man"): its
    last word is a place word of the story plus a demonym ending, or it only ever follows "a"/"an"."""
    toks = [fold(t) for t in c.best_name().split()]
    if not toks:
        return False
    last = toks[-1]
    for suffix in _DEMONYM_SUFFIXES:
        if last.endswith(suffix) and len(last) > len(suffix) + 2:
            stem = last[: -len(suffix)]
            if stem in place_words or stem + "e" in place_words or stem + "a" in place_words:
                return True
    return False


#: last words of the names of laws and treaties ("the Controlled Substances Act"): spaCy's LAW label,
#: which is no entity of the brief either
_LAW_HEADS = frozenset(["act", "acts", "law", "amendment", "treaty", "accord", "accords", "statute", "code",
                        "doctrine", "protocol", "convention", "charter", "bill", "resolution", "ordinance"])


def _law_name(c: _Cluster, views: list[ArticleView]) -> bool:
    """A "person" named like a law ("Controlled Substances Act") and written as one, with "the" a few
    words before it ("the 1970 Controlled Substances Act"); "Jude Law" takes none."""
    toks = c.best_name().split()
    contexts = _mention_contexts(c, views)
    if contexts and all((nxt := re.match(r"\s+([A-Z][a-z]+)\b", after)) and fold(nxt.group(1)) in _LAW_HEADS
                        for _b, _m, after in contexts):
        return True  # "Controlled Substances" tagged before the "Act" that ends the law's name
    if len(toks) < 2 or fold(toks[-1]) not in _LAW_HEADS or not toks[-1][:1].isupper():
        return False
    return any(re.search(r"\bthe\s+(?:[\w-]+\s+){0,2}$", before, re.IGNORECASE) for before, _m, _a in contexts)


def _written_as_common_words(c: _Cluster, views: list[ArticleView]) -> bool:
    """A "person" whose first word is an English word the story also writes in lower case before the
    rest of the name ("Radical Islam" beside "radical Islam"): words capitalised in a quotation or a
    headline, not a name."""
    toks = c.best_name().split()
    if len(toks) < 2 or not toks[0][:1].isupper() or not _common_english(toks[0]):
        return False
    rx = re.compile(rf"(?<![\w'’-]){re.escape(toks[0].lower())}\s+{re.escape(' '.join(toks[1:]))}(?![\w-])")
    return any(rx.search(v.text[:200_000]) for v in views)


def _after_article(c: _Cluster, views: list[ArticleView], articles: tuple[str, ...]) -> int:
    """How many mentions follow one of ``articles`` directly ("the Merrow Bell", "a Skerra Islander")."""
    pat = re.compile(r"\b(?:" + "|".join(articles) + r")\s+$", re.IGNORECASE)
    return sum(1 for before, _, _ in _mention_contexts(c, views) if pat.search(before))


def _merge_swapped_names(clusters: list[_Cluster], uf: _UnionFind, swaps: list[tuple[int, int]]) -> None:
    """Merge the person pairs whose names are the same two names in the other order, after every
    same-order merge, unless that would join two people of the story: when both orders stand in one
    article (a writer who names "Lin Arvo" and "Arvo Lin" means two people), or when a name fits
    several people in the other order."""
    partners: dict[int, set[int]] = defaultdict(set)
    for i, j in swaps:
        partners[uf.find(i)].add(uf.find(j))
        partners[uf.find(j)].add(uf.find(i))
    articles: dict[int, set[int]] = defaultdict(set)
    for k, c in enumerate(clusters):
        articles[uf.find(k)] |= c.articles
    for i, j in swaps:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or len(partners[ri]) > 1 or len(partners[rj]) > 1 or articles[ri] & articles[rj]:
            continue
        uf.union(ri, rj)
        articles[uf.find(ri)] = articles[ri] | articles[rj]


_WORD_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+) $")


def _given_names(views: list[ArticleView]) -> frozenset[str]:
    """First words of the story's full person names ("Dmitri" of "Dmitri Sarkanov")."""
    out = set()
    for v in views:
        for m in v.aa.entities:
            if _label_of(m) == PERSON:
                toks = person_tokens(_clean_surface(m.text))
                if len(toks) >= 2:
                    out.add(fold(toks[0]))
    return frozenset(out)


def _with_given_name(text: str, start: int, surface: str, given: frozenset[str]) -> str:
    """A person mention the NER began one word late ("Dmitri [Olegovich Sarkanov]"): the capitalised
    word right before it joins it when the story uses that word as a first name elsewhere."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None or fold(m.group(1)) not in given or fold(m.group(1)) == fold(surface.split()[0]):
        return surface
    return f"{m.group(1)} {surface}"


#: 'William "Mo" Cowan', "Luis Gerardo (Jerry) Ortiz": a nickname in quotation marks or brackets between
#: the first name (and a middle name) and the surname
_NICKNAME = re.compile(r"\b([A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?\s+[\"“‘'(]\s?([A-Z][a-z]+)\s?[\"”’')]\s+([A-Z][\w'’-]+)")


def _nicknames(views: list[ArticleView]) -> dict[tuple[str, str], str]:
    """(nickname, surname) -> first name, from names written with a nickname in quotation marks between
    them ('William "Mo" Cowan'); a nickname given for two first names is left out."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for v in views:
        for m in _NICKNAME.finditer(v.text[:200_000]):
            first, nick, last = (fold(g) for g in m.groups())
            if first != nick:
                seen[(nick, re.sub(r"['’]s$", "", last))].add(first)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


#: closed classes of words that are never a person or an organisation on their own, however they are
#: capitalised: the attribution step takes a sentence-opening "Thursday", "May" or "Her" for a speaker's
#: name. Written out because they are closed classes (spaCy's STOP_WORDS holds given names such as "Will"
#: and no weekdays). A month that is also someone's name in the story ("Theresa May") stays a name.
_WEEKDAYS = frozenset(WEEKDAYS)
_MONTHS = frozenset(MONTH_NAMES)
_PRONOUNS = frozenset(["i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
                       "hers", "it", "its", "they", "them", "their", "this", "that", "these", "those"])
NEVER_NAMES = _WEEKDAYS | _MONTHS | _PRONOUNS
#: nouns for a contest or a happening: a cited "name" headed by one in lower case is no one ("Democratic
#: primary", cut from "the winner of the Democratic primary"; "the Senate hearing"), since a happening says
#: nothing. A closed list: heads of bodies and of documents do speak ("the Obama campaign", "a review").
_EVENT_HEADS = frozenset(["primary", "primaries", "election", "elections", "race", "runoff", "caucuses", "debate",
                          "debates", "vote", "referendum", "contest", "rally", "hearing", "hearings", "convention",
                          "summit", "shooting", "crash", "attack", "scandal", "war", "fight", "battle", "victory",
                          "defeat", "loss", "win"])


def common_head(name: str) -> str | None:
    """The lower-case noun a cited "name" is headed by ("Obama campaign" -> "campaign", "the winner of the
    Democratic primary" -> "winner"), or None when the head is a capitalised word ("Walter Greaves", "the
    Senate", "Bank of America"). Case is what tells a description from a name, so this reads the name as
    written, never folded."""
    head_part = re.split(r"\s+(?:at|of|for|in|with|from|on|who|whose|which|and)\s+", name.strip())[0]
    toks = re.findall(r"[^\W\d_][\w'’-]*", head_part)
    if not toks or not re.fullmatch(r"[a-z][a-z'’-]*", toks[-1]):
        return None
    return toks[-1]


#: a sentence-opening word the NER or the attribution step glued to a name ("Among Mrs. Clinton",
#: "Tuesday Ginsburg" of "said Tuesday Ginsburg's comments"): prepositions and days, never part of a name
_GLUED_OPENER = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Among|Amid|After|Before|During|"
                           r"Despite|Since|Until|Under|Unlike|Like|Besides|Beyond|Within|Without|Toward|Towards|"
                           r"Following|Including|Per|Via|Meanwhile|Also|Yet|But|And|Or|So|Then|Still)\s+"
                           r"(?=[A-Z])")


def _without_glued_opener(surface: str) -> str:
    """``surface`` without a preposition or weekday the NER glued before a name (see _GLUED_OPENER)."""
    rest = _GLUED_OPENER.sub("", surface, count=1)
    return rest if rest != surface and any(c.isalpha() for c in rest) else surface


def _digit_in_name(surface: str) -> bool:
    """"Vitamin B12", "F-35 Lightning": a word with a digit is no word of a person's name."""
    return any(ch.isdigit() for ch in surface)


def _nickname_first(text: str, start: int, end: int) -> re.Match | None:
    """The 'William "Mo" Cowan' match whose first name ends where ``text[start:end]`` ends: the NER cut
    the name at the nickname, and may have tagged the first name with a word before it as a place
    ("Chief of Staff William" -> LOC "Staff William")."""
    m = _NICKNAME.search(text, max(0, end - 30), min(len(text), end + 60))
    while m is not None and m.start() < end:
        if m.end(1) == end and m.start(1) >= start:
            return m
        m = _NICKNAME.search(text, m.start() + 1, min(len(text), end + 60))
    return None


def _in_nickname(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the nickname of 'William "Mo" Cowan' (a part of his name, which the
    NER may tag as a place or a person of its own)."""
    m = _NICKNAME.search(text, max(0, start - 40), min(len(text), end + 40))
    while m is not None and m.start() < end:
        if m.start(2) == start and m.end(2) == end:
            return True
        m = _NICKNAME.search(text, m.start() + 1, min(len(text), end + 40))
    return False


#: prepositions of place before a name ("to" and "from" go with people as often: "a letter to Holder")
_PLACE_BEFORE_NAME = re.compile(r"\b(?:in|at|near|across|into|outside|around|throughout)\s+(?:the\s+)?$",
                                re.IGNORECASE)
#: "Ferguson, Mo.", "Waterbury, Conn.": a place and its state
_STATE_AFTER = re.compile(r"^,\s+[A-Z][a-z]{1,4}\.(?:\s|,|$)")
_PERSON_AFTER = re.compile(rf"^(?:['’]s\s+(?:wife|husband|son|daughter|father|mother|lawyer|attorney|spokes\w+|"
                           rf"campaign|office)\b|\s+(?:{verb_pattern(REPORTING_VERBS)})\b)")


def _name_uses(name: str, views: list[ArticleView]):
    rx = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for v in views:
        text = v.text[:200_000]
        for m in rx.finditer(text):
            yield text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 40]


def _place_uses(name: str, views: list[ArticleView]) -> int:
    """How often the texts write ``name`` as a place: after "in", "near" and the like (not before a
    possessive: "in Romney's favor"), or followed by a state ("Ferguson, Mo.")."""
    return sum(1 for before, after in _name_uses(name, views)
               if (_PLACE_BEFORE_NAME.search(before) and not re.match(r"['’]s\b", after)) or _STATE_AFTER.match(after))


def _person_uses(name: str, views: list[ArticleView]) -> int:
    """How often the texts write ``name`` as a person's: with a title before it ("Mr. Romney",
    "Gov. Romney") or saying something ("Romney said"), or with a person's kin or spokesman."""
    n = 0
    for before, after in _name_uses(name, views):
        title = re.search(r"([A-Za-z]+)\.?\s+$", before)
        if (title and fold(title.group(1)) in HONORIFICS and title.group(1)[:1].isupper()) or _PERSON_AFTER.match(after):
            n += 1
    return n


def _lower_words(views: list[ArticleView]) -> frozenset[str]:
    """The words the story's articles write in lower case ("fill", "radical")."""
    return frozenset(w for v in views for w in re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", v.text[:200_000]))


def _given_named(fits: set[int], names: dict[int, list[str]], lower_words: frozenset[str], headline_only) -> set[int]:
    """Of several full names a surname fits, the one left when the others are a headline's words taken
    for a name: "Fill Kerry" of "Governor Appoints Ex-Aide to Fill Kerry’s Seat", named in title-case
    lines only (``headline_only``), whose first word the story writes in lower case ("to fill"). One
    fit or none are returned as they are."""
    if len(fits) < 2:
        return fits
    given = {r for r in fits if r not in names or fold(names[r][0]) not in lower_words or not headline_only(r)}
    return given if len(given) == 1 else fits


def _in_title_case_line(text: str, at: int) -> bool:
    """Whether offset ``at`` lies in a paragraph written in title case (a headline), where capitals say
    nothing about names."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)][:400]
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    return len(long_words) >= 3 and sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)


#: the party tag some papers write out after a name ("Raúl Labrador, Republican of Idaho,")
_PARTY_OF_PLACE = re.compile(r"(?:Republican|Democrat|Democratic|Independent)s?\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\Z")


def _state_after_place(view: ArticleView, start: int, end: int, surface: str) -> bool:
    """"Conn" of "Waterbury, Conn.": a short abbreviation with its period, after a comma that follows a
    name the NER tagged as a place or a county; the state or province of that place."""
    text = view.text
    period = text[end:end + 1] == "." or text[start:end].endswith(".")  # "Neb." tagged with its period
    if len(surface) > 5 or " " in surface or not period or text[max(0, start - 2):start] != ", ":
        return False
    if re.search(r"\b(?:County|City|Township|Parish|Borough)$", text[max(0, start - 12):start - 2]):
        return True  # "Deuel County, Neb.", whether or not the NER tagged the county
    return any(m.end == start - 2 and _LABEL_MAP.get(m.label.upper()) in PLACE_LABELS for m in view.aa.entities)


def _agency_names(views: list[ArticleView]) -> frozenset[str]:
    """The known agencies' names (normalised) that the NER may tag as a person or a place, less those
    that are the surname of a person the story names in full (a "Bloomberg" who is Mr Bloomberg)."""
    surnames = set()
    for v in views:
        for m in v.aa.entities:
            if _label_of(m) == PERSON and len(toks := person_tokens(m.text)) >= 2:
                surnames.add(norm_outlet(toks[-1]))
    return frozenset(KNOWN_AGENCIES - surnames)


def _person_buckets(toks: list[str]) -> list[tuple[str, str]]:
    """The blocking buckets of a full person name: the first letters of its first and last names'
    transliteration keys."""
    last = translit_key(toks[-1])[:1]
    # a short form is also bucketed under its full name's letter ("Bob" with "Robert")
    firsts = {translit_key(toks[0])[:1]} | {full[:1] for full in _full_forms(fold(toks[0]))}
    if len(toks) >= 3 and len(toks[1]) > 2 and (not _common_english(toks[0])
                                                 or fold(toks[0]).strip(".") in _TITLE_ENDS):
        # a two-word surname: "Enrique Peña Nieto" is "Peña Nieto" too, which persons_compatible
        # accepts (its first name dropped) once the two are compared. Not after a common word
        # ("Hire Maurice Cheeks" in a headline, "Charger Jamal Williams"): measured on ECB+, merging
        # those as well moves the surname-only mentions around them into the person, which the named
        # end-to-end score counts against (0.428 -> 0.427 on dev, the other three settings up). A
        # title is no such word: "Attorney Mark Jay Heller" is Mark Heller
        firsts.add(translit_key(toks[1])[:1])
    return [(first, last) for first in sorted(firsts)]


def _common_english(word: str) -> bool:
    """An English common noun or adjective (the bundled lemmatizer's index), not a given name."""
    lexicon = _lexicon()
    w = fold(word).strip(".")
    return w in lexicon.get("noun", frozenset()) or w in lexicon.get("adj", frozenset())


def _merge_left_out_suffixes(clusters: list[_Cluster], uf: _UnionFind, persons_full: list[int]) -> None:
    """"Joe Biden" in two outlets and "Joseph R. Biden Jr." in the third: one man, whose suffix the
    others leave out. Merged only when the two are each other's one match across the generations and
    no article names both: an article that writes "Jesse Jackson" and "Jesse Jackson Jr." tells
    that they are father and son."""
    roots: dict[int, list[int]] = defaultdict(list)
    for i in persons_full:
        roots[uf.find(i)].append(i)
    gens = {r: {clusters[i].generation() for i in members} for r, members in roots.items()}
    if not any(g - {""} for g in gens.values()):
        return
    arts = {r: set().union(*(clusters[i].articles for i in members)) for r, members in roots.items()}

    def match(r1: int, r2: int) -> bool:
        return any(persons_compatible(clusters[i].tokens(), clusters[j].tokens(), swapped=False)
                   for i in roots[r1] for j in roots[r2])

    bare = [r for r, g in gens.items() if g == {""}]
    suffixed = [r for r, g in gens.items() if len(g) == 1 and "" not in g]
    bare_fits = {b: [s for s in suffixed if match(b, s)] for b in bare}
    suffixed_fits: dict[int, list[int]] = defaultdict(list)
    for b, fits in bare_fits.items():
        for s in fits:
            suffixed_fits[s].append(b)
    for b, fits in bare_fits.items():
        if len(fits) == 1 and suffixed_fits[fits[0]] == [b] and not arts[b] & arts[fits[0]]:
            uf.union(fits[0], b)


def _first_named(ci: int, fits: set[int], full: list[tuple[list[str], int]], clusters: list[_Cluster],
                 uf: _UnionFind) -> set[int]:
    """Of several full names in one article that a surname fits (a son and his father, "Jesse Jackson
    Jr." and "Jesse Jackson"), the one named first, when the surname alone is used before any other is
    named: the news convention gives the bare surname to the person the article introduces first and
    calls a namesake named later otherwise ("his father", "the elder Jackson")."""
    first_at: dict[int, int] = {}
    for _ftoks, fci in full:
        r = uf.find(fci)
        if r in fits and clusters[fci].mentions:
            at = min(st for _a, st, _e in clusters[fci].mentions)
            first_at[r] = min(first_at.get(r, at), at)
    if len(first_at) != len(fits) or not clusters[ci].mentions:
        return fits
    order = sorted(first_at, key=first_at.get)
    alone_at = min(st for _a, st, _e in clusters[ci].mentions)
    if first_at[order[0]] < alone_at < first_at[order[1]]:
        return {order[0]}
    return fits


#: bounds on the untagged-name scan (names of the story x articles), for very large stories
_MAX_SCANNED_NAMES = 200


def _untagged_full_names(views: list[ArticleView]) -> dict[int, list[EntityMention]]:
    """Full person names the NER tagged in the story, written untagged elsewhere with or without a
    middle initial ("Representative Anthony D. Weiner" in one outlet's lead, "Anthony Weiner" tagged
    in the others'). Only the same first name and surname with the same generational suffix: a
    bare "Corwin Hallam" never takes "Corwin Hallam Jr."; nor a name inside a longer capitalised one
    ("Corwin Hallam Foundation", "Mary Corwin Hallam")."""
    names: dict[tuple[str, str, str], None] = {}
    for v in views:
        for m in v.aa.entities:
            if _label_of(m) != PERSON:
                continue
            surface = _clean_surface(m.text)
            toks = person_tokens(surface)
            if len(toks) < 2 or len(toks[0]) < 2 or not all(t.isalpha() and t[:1].isupper() for t in toks):
                continue
            if org_named(surface) or any(fold(t) in NON_PERSON_WORDS for t in toks):
                continue
            names.setdefault((toks[0], toks[-1], generation(surface)), None)
            if len(names) >= _MAX_SCANNED_NAMES:
                break
    out: dict[int, list[EntityMention]] = {}
    if not names:
        return out
    firsts = sorted({re.escape(f) for f, _l, _g in names}, key=len, reverse=True)
    lasts = sorted({re.escape(la) for _f, la, _g in names}, key=len, reverse=True)
    # one scan per article for all the names (a pattern per name was a third of this step's time)
    pattern = re.compile(rf"(?<![\w.'’-])({'|'.join(firsts)})(?:\s+[A-Z]\.)?\s+({'|'.join(lasts)})(?![\w'’-])")
    for v in views:
        taken = [(m.start, m.end) for m in v.aa.entities]
        for hit in pattern.finditer(v.text):
            start, end = hit.span()
            gen_hit = _GENERATION_AFTER.match(v.text[end:end + 8])
            gen = fold(gen_hit.group(1)) if gen_hit else ""
            if (hit.group(1), hit.group(2), gen) not in names:
                continue  # another pair of names, or "Corwin Hallam Jr." when only his father is tagged
            if gen_hit:
                end += gen_hit.end()
            if any(a < end and start < b for a, b in taken):
                continue
            before = re.search(r"([A-Z][\w.'’-]*)\s+$", v.text[max(0, start - 30):start])
            word = before.group(1) if before else ""
            if word and not (word.endswith(".") and len(word) > 4) and fold(word).strip(".") not in _TITLE_ENDS:
                # a part of a longer name, or after a capitalised word opening the sentence; a title
                # ("Representative") or the previous sentence's last word ("... in Washington.") is fine
                continue
            if re.match(r"\s+[A-Z][a-z]", v.text[end:end + 3]):
                continue
            taken.append((start, end))
            out.setdefault(v.index, []).append(
                EntityMention(start=start, end=end, text=v.text[start:end], label=PERSON))
    return out


#: the words that close a firm's name: "Marsh, Pellin & Hask LLP", "Mintz, Levin ... and Popeo PC"
_FIRM_SUFFIX = r"(?:LLP|L\.L\.P\.|LLC|L\.L\.C\.|PLLC|PC|P\.C\.|Ltd\.?|Inc\.?|Associates|Partners)"
#: a list of capitalised single words joined by commas and a last "&" / "and": the way law and
#: accounting firms are named after their partners ("Skadden, Arps, Slate, Meagher & Flom")
_FIRM_RUN = re.compile(r"(?<![\w'’.-])([A-Z][\w'’-]+(?:,[ \t]+[A-Z][\w'’-]+)+,?[ \t]+(&|and)[ \t]+[A-Z][\w'’-]+)"
                       rf"(,?[ \t]+{_FIRM_SUFFIX}(?![\w]))?")
_CAP_WORD = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+")
#: a name the NER cut at a hyphen: "Tallow Spokesman" of "Tallow Spokesman-Review", "Gazette" of "Post-Gazette"
_HYPHEN_AFTER = re.compile(r"(?:-[A-Z][\w'’]*)+")
_HYPHEN_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*-$")


def _firm_runs(views: list[ArticleView], lower_words: frozenset[str]) -> dict[int, list[tuple[int, int]]]:
    """Spans of firm names in each article that the NER reads as a list of people or places
    ("Marsh, Pellin, Dobrev & Hask": four "people"). A run counts when it ends in "&" or in a firm's
    suffix ("... and Hask LLP"), no word of it is written in lower case in the story (not "However,
    ..."), and none of its names is used in the story outside such runs: a headline's "Vale, Orrin &
    Tamsin" lists people who are also named on their own."""
    hits: dict[int, list[tuple[int, int, list[str]]]] = defaultdict(list)
    inside: Counter[str] = Counter()
    for v in views:
        for hit in _FIRM_RUN.finditer(v.text[:200_000]):
            if hit.group(2) == "and" and not hit.group(3):
                continue
            words = _CAP_WORD.findall(hit.group(1))
            if any(fold(w) in lower_words for w in words):
                continue
            hits[v.index].append((hit.start(1), hit.end(), words))
            inside.update(words)
    if not hits:
        return {}
    used: Counter[str] = Counter()
    wanted = set(inside)
    for v in views:
        used.update(w for w in _CAP_WORD.findall(v.text[:200_000]) if w in wanted)
    return {a: [(st, en) for st, en, words in runs if all(used[w] == inside[w] for w in words)]
            for a, runs in hits.items()}


_CITED_NAME = re.compile(r"[A-Z][\w'’]*(?:[- ][A-Z][\w'’]*){0,5}")


def _untagged_cited_bodies(views: list[ArticleView]) -> dict[int, list[EntityMention]]:
    """Names a source reference cites after "the" that the NER did not tag ("according to the
    Spokesman-Review"): a capitalised name after the definite article is a body's (a newspaper's, an
    agency's), not a person's, unless it is a role ("the Spokesman said")."""
    out: dict[int, list[EntityMention]] = {}
    for v in views:
        taken = [(m.start, m.end) for m in v.aa.entities]
        for src in v.aa.sources:
            for name in (src.organization, src.person):
                if not name or not _CITED_NAME.fullmatch(name) or role_head(name):
                    continue
                at = v.text.find(name, src.span.start, src.span.end + len(name))
                if at < 0 or not re.search(r"(?<![\w'’-])the\s+$", v.text[max(0, at - 8):at], re.IGNORECASE):
                    continue
                end = at + len(name)
                if any(a < end and at < b for a, b in taken):
                    continue
                taken.append((at, end))
                out.setdefault(v.index, []).append(EntityMention(start=at, end=end, text=name, label=ORG))
    return out


def _rejoined(view: ArticleView, mentions: list[EntityMention], firms: list[tuple[int, int]]
              ) -> list[EntityMention]:
    """The article's mentions with names the NER cut in pieces made whole again: a firm named after its
    partners is one organisation, and a name cut at a hyphen takes its other half ("Post-Gazette")."""
    text = view.text
    out: list[EntityMention] = []
    covered: list[tuple[int, int]] = []
    for st, en in firms:
        parts = [m for m in mentions if m.start < en and st < m.end]
        if parts:
            out.append(EntityMention(start=st, end=en, text=text[st:en], label=ORG))
            covered.append((st, en))
    for m in mentions:
        if any(st <= m.start and m.end <= en for st, en in covered):
            continue
        start, end = m.start, m.end
        after = _HYPHEN_AFTER.match(text, end)
        if after:
            end = after.end()
        before = _HYPHEN_BEFORE.search(text[max(0, start - 60):start])
        if before:
            start -= len(before.group(0))
        if (start, end) != (m.start, m.end):
            if any(st <= start and end <= en for st, en in covered):
                continue  # the other half already took this one in
            # "Ferndale Post" (ORG) + "Gazette" (PERSON): one name, an organisation if either half is one
            halves = [o for o in mentions if o.start < end and start < o.end]
            label = ORG if any(_label_of(o) == ORG for o in halves) else m.label
            m = EntityMention(start=start, end=end, text=text[start:end], label=label)
            covered.append((start, end))
        out.append(m)
    return sorted(out, key=lambda e: (e.start, e.end))


#: nouns a person's name is put before as often as a group's ("the Obama administration", "the Lund
#: family"): no evidence that the name is a group word
_PERSON_MODIFIED = frozenset(["administration", "administrations", "campaign", "campaigns", "family", "families",
                              "era", "presidency", "government", "camp", "aide", "aides", "team", "regime",
                              "estate", "foundation", "doctrine", "years", "style", "show", "case", "trial"])
_NOUN_AFTER = re.compile(r"^ ([a-z][a-z-]{2,})\b")


def _plain_noun(word: str, nouns: frozenset[str], verbs: frozenset[str]) -> bool:
    """A common noun, singular or plural ("church", "voters"); an "-s" word whose stem is also a verb
    ("works", "says") may be a verb after a name, and is not counted."""
    if word in nouns and not (word.endswith("s") and word[:-1] in verbs):
        return True
    stems = [word[:-1], word[:-2]] + ([word[:-3] + "y"] if word.endswith("ies") else [])
    return word.endswith("s") and any(st in nouns and st not in verbs for st in stems)


def _group_word(c: _Cluster, views: list[ArticleView], place_words: set[str], given: frozenset[str]) -> bool:
    """A one-word "person" that the story's texts also write as a group's word ("Mormon", "Latino"): in
    the plural outside a name and not after "the" ("Mormons", but not the family of "the Kennedys"),
    or, never written as a person's (no title, no "X said") and an English word itself, before two
    different common nouns at least ("Latino voters", "Latino leaders"). Never a word the texts write
    with a first name, an initial or a title, nor a place of the story. Evidence from the texts, not a
    list of group words, so a new group word is caught as well as a known one."""
    if any(len(f.split()) != 1 or is_acronym(f) for f in c.forms):
        return False
    name = c.best_name()
    if len(name) < 3 or not name[:1].isupper() or not name.isalpha() or _person_uses(name, views) \
            or fold(name) in place_words:
        return False
    for before, _after in _name_uses(name, views):
        # written with a first name, an initial or a title ("George W. Bush", "President Bush"): a
        # surname, whose plural names a family ("both Bushes")
        prev = re.search(r"(?<![\w'’-])([A-Z][\w'’-]*\.?)\s+$", before)
        if prev and (fold(prev.group(1)) in given or re.fullmatch(r"[A-Z]\.", prev.group(1))
                     or fold(prev.group(1)).strip(".") in HONORIFICS):
            return False
    texts = [v.text[:200_000] for v in views]
    plural = re.compile(rf"(?<![\w'’-]){re.escape(name)}e?s(?![\w'’-])")
    for t in texts:
        for m in plural.finditer(t):
            before, after = t[max(0, m.start() - 30):m.start()], t[m.end():m.end() + 30]
            # "Julia Roberts" beside a "Robert", "the Kennedys": a name or a family, no group
            if re.search(r"\bthe\s+$", before, re.IGNORECASE) or re.match(r"\s+[A-Z]", after):
                continue
            prev = re.search(r"([A-Z][\w'’-]*)\s+$", before)
            if prev and not _SENT_START.search(before[:prev.start(1)]):
                continue
            return True
    nouns, verbs = _lexicon().get("noun", frozenset()), _lexicon().get("verb", frozenset())
    if fold(name) not in nouns and fold(name) not in _lexicon().get("adj", frozenset()):
        # a name put before a noun is often an outlet's or a firm's ("Newsweek reporter"): only an
        # English word ("Latino", "Mormon") is taken for a group's on that evidence alone
        return False
    # two different nouns at least: one phrase said again ("the Bush tax cuts") is a name's use
    modified: set[str] = set()
    for _before, after in _name_uses(name, views):
        nxt = _NOUN_AFTER.match(after)
        if nxt and _plain_noun(nxt.group(1), nouns, verbs) and nxt.group(1) not in _PERSON_MODIFIED:
            modified.add(nxt.group(1))
    return len(modified) >= 2


def _merge_place_headed_tails(clusters: list[_Cluster], uf: _UnionFind) -> dict[int, str]:
    """Pass 4g of :func:`reconcile_entities` (see the comment there). Returns the full name of each
    cluster that took a shortened one: the entity's name, however often the short form is written."""
    place_words = {t for c in clusters if c.label in {"GPE", "LOC"} for t in place_key(c.best_name()).split()}
    longs: list[tuple[int, list[str]]] = []  # (cluster, org_key tokens) of each ORG of two words or more
    for i, c in enumerate(clusters):
        name = c.best_name()
        if c.label == ORG and not is_acronym(name) and len(org_key(name).split()) >= 2:
            longs.append((i, org_key(name).split()))
    full_named: dict[int, str] = {}
    if len(longs) < 2:
        return full_named
    articles_of: dict[int, set[int]] = defaultdict(set)
    for i, c in enumerate(clusters):
        articles_of[uf.find(i)] |= c.articles
    for i, key in longs:
        fits: set[int] = set()
        for j, toks in longs:
            if len(toks) <= len(key) or toks[-len(key):] != key or uf.find(j) == uf.find(i):
                continue
            head = toks[:-len(key)]
            first = re.sub(r"^(?:the|The)\s+", "", clusters[j].best_name()).split()[0]
            # a capitalised English word ("Fellow St. Louis Tea Party") is no place the name starts with
            if not (all(t in place_words for t in head)
                    or (len(head) == 1 and first[:1].isupper() and not _common_english(first)
                        and fold(first) not in _lexicon().get("verb", frozenset()))):
                continue
            fits.add(uf.find(j))
        if len(fits) != 1:
            continue
        root = fits.pop()
        if articles_of[uf.find(i)] <= articles_of[root]:
            longest = max((clusters[j].best_name() for j, toks in longs if uf.find(j) == root),
                          key=lambda n: (len(n), n))
            uf.union(i, root)
            articles_of[uf.find(i)] = articles_of[root] | articles_of[uf.find(i)]
            full_named[i] = longest
    return full_named


_DROPPED_PLACE_KINDS = frozenset(["sea", "ocean", "island", "isle", "province", "desert", "peninsula"])


def reconcile_entities(views: list[ArticleView]) -> EntityIndex:
    """Merge the entity mentions of all articles into story-level entities."""
    clusters: list[_Cluster] = []
    tag_places: set[str] = set()
    no_names: set[str] = set()
    given = _given_names(views)
    agencies = _agency_names(views)
    # -- pass 1: within each article, by normalised surface form
    per_article: list[dict[str, int]] = []
    untagged = _untagged_full_names(views)
    for a, found in _untagged_cited_bodies(views).items():
        untagged.setdefault(a, []).extend(found)
    firms = _firm_runs(views, _lower_words(views))
    for v in views:
        local: dict[str, int] = {}
        mentions = v.aa.entities
        if untagged.get(v.index):
            mentions = sorted([*mentions, *untagged[v.index]], key=lambda e: (e.start, e.end))
        mentions = _rejoined(v, list(mentions), firms.get(v.index, []))
        for m in mentions:
            label = _label_of(m)
            if label is None:
                continue
            surface = _clean_surface(m.text)
            if not surface or len(surface) > 120 or not any(c.isalpha() for c in surface):
                continue
            if _in_nickname(v.text, m.start, m.end):
                continue  # "Mo" of 'William "Mo" Cowan': a part of his name, merged through it below
            if v.in_heading(m.start):
                # "Obama Willing", "Fill Kerry": a heading's words in headline case are no names, and the
                # heading is no sentence of the brief either (ArticleView.headings)
                continue
            nick = _nickname_first(v.text, m.start, m.end)
            if nick is not None:
                # 'William "Mo" Cowan' cut by the NER at the nickname: the person, by first name and surname
                last = re.sub(r"['’]s$", "", nick.group(3))
                surface, label = f"{nick.group(1)} {last}", PERSON
            if label == PERSON:
                surface = _without_glued_opener(surface)
                if _digit_in_name(surface) or fold(surface) in NEVER_NAMES:
                    no_names.add(fold(surface))  # "Vitamin B12" tagged PERSON; "Her" of a headline
                    continue
            if in_party_tag(v.text, m.start, m.end) or fold(surface).strip(".") in HONORIFICS \
                    or _PARTY_OF_PLACE.match(surface):
                # "Ga" of "(D-Ga.)", "Lt" of "Lt. Gov.", "Republican of Idaho" after a name: a state, a
                # title or a party tag alone is no one
                tag_places.add(fold(surface))
                continue
            named = name_after_title(surface, person=label == PERSON)
            title = None
            if named is not None:
                # "Representative Kurt Schrader of Oregon" tagged ORG: the man, by his name
                title = surface[:surface.index(named)].strip() if not surface.startswith(named) else None
                surface, label = named, PERSON
            elif _state_after_place(v, m.start, m.end, surface):
                label = "GPE"  # "Waterbury, Conn.": the state, whatever the NER says
            if label != ORG and norm_outlet(surface) in agencies:
                label = ORG  # "Bloomberg reported" tagged PERSON here and LOC there: the agency, one entity
            if label == PERSON and title is None:
                surface = _with_given_name(v.text, m.start, surface, given)
                surface = _with_generation(v.text, m.end, surface)
                toks = person_tokens(surface)
                if not toks:
                    continue
                # the suffix is part of the key: "Jesse Jackson" and "Jesse Jackson Jr." in one article
                # are father and son
                key = "P:" + " ".join(fold(t) for t in toks) + ("" if not (g := generation(surface)) else "#" + g)
            elif label == ORG:
                key = "O:" + (acronym_norm(surface) if is_acronym(surface) else org_key(surface))
            else:
                key = "L:" + place_key(surface)
            ci = local.get(key)
            if ci is None:
                ci = len(clusters)
                clusters.append(_Cluster(label=label))
                local[key] = ci
            c = clusters[ci]
            c.forms[surface] += 1
            c.labels[label] += 1
            c.mentions.append((v.index, m.start, m.end))
            c.articles.add(v.index)
            c.descriptions.extend(_descriptions_for(v, m.start, m.end, person=label == PERSON))
            c.titled |= title is not None
            if title and (fold(title) not in HONORIFICS or len(title) > 4) and not re.search(
                    r"(?:tive|[^s])s\.?$", title):
                # "House Majority Whip", "Representative"; not "Rep.", nor the plural of a list of
                # names ("Representatives Jim Jordan, ...")
                c.descriptions.append(title)
        per_article.append(local)
    uf = _UnionFind(len(clusters))

    # -- pass 1b: short person mentions to the one full name in the same article
    lower_words = _lower_words(views)

    def headline_only(root: int) -> bool:
        ms = [mm for k, c in enumerate(clusters) if uf.find(k) == root for mm in c.mentions]
        return bool(ms) and all(_in_title_case_line(views[a].text, st) for a, st, _e in ms)

    # surnames of full names anywhere in the story: a lone surname that is one of them is that person's
    # (or someone's of that name), never a misspelling of another
    story_surnames = {k[2:].split("#")[0].split()[-1] for local in per_article for k in local
                      if k.startswith("P:") and len(k[2:].split("#")[0].split()) >= 2}
    for local in per_article:
        persons = [(k, ci) for k, ci in local.items() if k.startswith("P:")]
        # "Skerra Line" tagged PERSON is a company's name: "Skerra" of "the Skerra crossing" is not its
        # surname
        names = {k: k[2:].split("#")[0] for k, _ci in persons}
        full = [(names[k].split(), ci) for k, ci in persons if len(names[k].split()) >= 2
                and not org_named(names[k])]
        for k, ci in persons:
            toks = names[k].split()
            if len(toks) != 1:
                continue
            fits = {uf.find(fci) for ftoks, fci in full if _tok_similar(toks[0], ftoks[-1], loose=False)}
            if not fits:
                fits = {uf.find(fci) for ftoks, fci in full if _tok_similar(toks[0], ftoks[0], loose=False)}
            fits = _given_named(fits, {uf.find(fci): ftoks for ftoks, fci in full}, lower_words, headline_only)
            if len(fits) > 1:
                fits = _first_named(ci, fits, full, clusters, uf)
            if not fits and toks[0] not in story_surnames:
                fits = {uf.find(fci) for ftoks, fci in full if _misspelt(toks[0], ftoks[-1])}
            if len(fits) == 1:
                uf.union(ci, fits.pop())

    # -- pass 2: across articles, full names / normalised names
    persons_full = [i for i, c in enumerate(clusters) if c.label == PERSON and len(c.tokens()) >= 2]
    # blocking: compatible names agree on the first letters (in either order) of their first and
    # last names' transliteration keys, so only clusters in matching buckets are compared
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in persons_full:
        for bucket in _person_buckets(clusters[i].tokens()):
            buckets[bucket].append(i)
    swaps: list[tuple[int, int]] = []
    for (f0, l0), members in buckets.items():
        others = members + (buckets.get((l0, f0), []) if (l0, f0) != (f0, l0) else [])
        for x, i in enumerate(members):
            for j in (others[x + 1:] if (l0, f0) == (f0, l0) else others):
                if i == j or uf.find(i) == uf.find(j):
                    continue
                ti, tj = clusters[i].tokens(), clusters[j].tokens()
                if clusters[i].generation() != clusters[j].generation():
                    # "Jesse L. Jackson Jr." is not "Jesse Jackson", his father; and "Jon Huntsman" is
                    # not merged with "Jon M. Huntsman Jr." either, as nothing in the names tells
                    # whether a suffix was left out or two people are named
                    continue
                if persons_compatible(ti, tj, swapped=False):
                    uf.union(i, j)
                elif names_swapped(ti, tj):
                    swaps.append((i, j))
    _merge_swapped_names(clusters, uf, swaps)
    # a nickname the texts give between the names ('William "Mo" Cowan'): "Mo Cowan" is William Cowan
    nicknames = _nicknames(views)
    if nicknames:
        by_first_last: dict[tuple[str, str], set[int]] = defaultdict(set)
        for i in persons_full:
            toks = clusters[i].tokens()
            by_first_last[(fold(toks[0]), fold(toks[-1]))].add(uf.find(i))
        for i in persons_full:
            toks = clusters[i].tokens()
            full_first = nicknames.get((fold(toks[0]), fold(toks[-1])))
            roots = by_first_last.get((full_first, fold(toks[-1])), set()) if full_first else set()
            if len({uf.find(r) for r in roots}) == 1:
                uf.union(i, next(iter(roots)))
    _merge_left_out_suffixes(clusters, uf, persons_full)
    by_key: dict[tuple[str, str], int] = {}
    for i, c in enumerate(clusters):
        if c.label == PERSON:
            continue
        name = c.best_name()
        kind = "O" if c.label == ORG else "L"
        key = (kind, acronym_norm(name) if is_acronym(name) else org_key(name))
        if key in by_key:
            uf.union(i, by_key[key])
        else:
            by_key[key] = i
    # a full person name the NER labelled ORG or LOC ("Dmitri Olegovich Sarkanov"): to the one
    # person it fits, when it has no word that marks an organisation or a place
    person_roots: dict[int, list[str]] = {}
    root_generation: dict[int, str] = {}
    for i in persons_full:
        person_roots.setdefault(uf.find(i), clusters[i].tokens())
        root_generation.setdefault(uf.find(i), clusters[i].generation())
    for i, c in enumerate(clusters):
        if c.label == PERSON:
            continue
        name = c.best_name()
        toks = name.split()
        if not 2 <= len(toks) <= 4 or not all(t[:1].isupper() and t.isalpha() for t in toks):
            continue
        if any(fold(t) in NON_PERSON_WORDS for t in toks) or org_named(name):
            continue
        fits = {r for r, ptoks in person_roots.items() if persons_compatible(person_tokens(name), ptoks)
                and not org_named(" ".join(ptoks))}
        if len(fits) > 1:  # "Corwin Hallam" tagged ORG is the father, not "Corwin Hallam Jr."
            fits = {r for r in fits if root_generation[r] == generation(name)}
        if len(fits) == 1:
            uf.union(i, fits.pop())
            c.labels[PERSON] += len(c.mentions) + 1  # outvote the mislabel
    # one name, several labels (the NER tags "Skerra Line" PERSON here and ORG there): one entity
    by_fold: dict[str, int] = {}
    for i, c in enumerate(clusters):
        if c.label == PERSON and len(c.tokens()) < 2:
            continue
        k = org_key(c.best_name())
        if k in by_fold:
            uf.union(i, by_fold[k])
        else:
            by_fold[k] = i
    # places spelled slightly differently (transliteration): one token, same translit key
    places = [i for i, c in enumerate(clusters) if c.label in PLACE_LABELS]
    pkeys: dict[str, int] = {}
    for i in places:
        k = " ".join(translit_key(t) for t in place_key(clusters[i].best_name()).split())
        if len(k) >= 4:
            if k in pkeys:
                uf.union(i, pkeys[k])
            else:
                pkeys[k] = i
    # "the Mediterranean Sea" is the Mediterranean, "Qeshm island" is Qeshm: a place named with its kind
    # of water, island or province after it, and without. Not "city" or "county" ("Mexico City" is not
    # Mexico, "Orange County" not the town of Orange)
    for i in places:
        toks = place_key(clusters[i].best_name()).split()
        if len(toks) >= 2 and toks[-1] in _DROPPED_PLACE_KINDS:
            bare = " ".join(translit_key(t) for t in toks[:-1])
            if len(bare) >= 4 and bare in pkeys:
                uf.union(i, pkeys[bare])

    # -- pass 3: acronyms, defined in the texts or matching capital-letter initials
    defined: dict[str, set[str]] = defaultdict(set)  # acronym -> expansions (org_key)
    for v in views:
        for m in _DEFINE_RE.finditer(v.text):
            exp, acr = m.group(1), acronym_norm(m.group(2))
            exp = re.sub(r"^(?:the|The)\s+", "", exp)
            # the expansion's last words whose initials spell the acronym
            toks = exp.split()
            for k in range(len(toks)):
                cand = " ".join(toks[k:])
                if initials(cand) == acr or initials_all(cand) == acr:
                    defined[acr].add(org_key(cand))
                    break
            else:
                # letters taken from inside a word ("Northgate Wire (NGW)"): the acronym spells, in
                # order, the first letters of the last two or three words and letters between them
                for k in range(max(0, len(toks) - 3), len(toks) - 1):
                    cand = " ".join(toks[k:])
                    if _spells(acr, cand):
                        defined[acr].add(org_key(cand))
                        break
        for m in _DEFINE_REV_RE.finditer(v.text):
            acr, exp = acronym_norm(m.group(1)), m.group(2)
            if initials(exp) == acr or initials_all(exp) == acr:
                defined[acr].add(org_key(exp))
    roots_by_orgkey: dict[str, set[int]] = defaultdict(set)
    for i, c in enumerate(clusters):
        if c.label == PERSON:
            continue
        for f in c.forms:
            if not is_acronym(f):
                roots_by_orgkey[org_key(f)].add(i)
    acronym_map: dict[str, str] = {}  # acronym -> org_key of expansion
    by_initials: dict[str, list[tuple[int, str]]] = defaultdict(list)  # initials -> (cluster, org_key)
    for k, idx in roots_by_orgkey.items():
        for j in idx:
            name = clusters[j].best_name()
            inis = {initials(name), initials_all(name)}
            # "THR" for "The Hollywood Reporter": some outlets keep the article in their initials
            if any(views[a].text[max(0, st - 4):st] == "The " for a, st, _e in clusters[j].mentions[:50]):
                inis.add("T" + initials_all(name))
            for ini in inis:
                by_initials[ini].append((j, k))
    for i, c in enumerate(clusters):
        if c.label == PERSON:
            continue
        for f in list(c.forms):
            if not is_acronym(f):
                continue
            acr = acronym_norm(f)
            targets: set[str] = set(defined.get(acr, ()))
            if not targets:
                targets = {k for j, k in by_initials.get(acr, ()) if j != i}
            if len({uf.find(j) for k in targets for j in roots_by_orgkey.get(k, ())}) == 1:
                (k,) = targets if len(targets) == 1 else (min(targets),)
                for j in roots_by_orgkey.get(k, ()):
                    uf.union(i, j)
                acronym_map[acr] = k
            elif len(targets) == 1:
                acronym_map[acr] = next(iter(targets))
    # an expansion defined in the text with no ORG mention of the acronym: still record the acronym
    for acr, keys in defined.items():
        if len(keys) == 1:
            k = next(iter(keys))
            for j in roots_by_orgkey.get(k, ()):
                clusters[j].acronyms.add(acr)
            acronym_map.setdefault(acr, k)

    # -- pass 4: surname-only (or given-name-only) clusters to the one person in the story they fit
    roots_full: dict[int, list[str]] = {}
    for i in persons_full:
        roots_full.setdefault(uf.find(i), clusters[i].tokens())
    people_full = {r: toks for r, toks in roots_full.items() if not org_named(" ".join(toks))}
    # every full name a person goes by ("Willem Castell" and "Bo Castell" once the nickname joined them)
    people_names: dict[int, list[list[str]]] = defaultdict(list)
    for i in persons_full:
        if uf.find(i) in people_full:
            people_names[uf.find(i)].append(clusters[i].tokens())
    for i, c in enumerate(clusters):
        if c.label != PERSON or len(c.tokens()) != 1 or uf.find(i) in roots_full:
            continue
        tok = c.tokens()[0]
        fits = {r for r, names in people_names.items() if any(_tok_similar(tok, t[-1], loose=False) for t in names)}
        if not fits:
            fits = {r for r, names in people_names.items() if any(_tok_similar(tok, t[0], loose=False) for t in names)}
        if not fits:
            # the first part of a two-word surname ("President Peña" of Enrique Peña Nieto)
            fits = {uf.find(j) for j in persons_full if len(clusters[j].tokens()) >= 3
                    and len(clusters[j].tokens()[-2]) > 2 and _tok_similar(tok, clusters[j].tokens()[-2], loose=False)}
        fits = _given_named(fits, people_full, lower_words, headline_only)
        if len(fits) == 1:
            uf.union(i, fits.pop())

    # -- pass 4d: the same one-word "person" in several articles, which no full name of the story
    # takes ("Ostravik said ..." in two outlets): one entity
    one_word: dict[str, int] = {}
    named_roots = {uf.find(i) for i in persons_full}
    for i, c in enumerate(clusters):
        if c.label != PERSON or len(c.tokens()) != 1 or uf.find(i) in named_roots:
            continue
        k = translit_key(c.tokens()[0])
        if len(k) < 3:
            continue
        if k in one_word:
            uf.union(i, one_word[k])
        else:
            one_word[k] = i

    # -- pass 4c: a one-word "person" no full name of the story takes, written like an organisation or
    # place named elsewhere in the story ("Fjellreiser" tagged PERSON in one article, ORG in another):
    # one entity, whose label the mentions' majority decides
    # Organisations only: a surname the NER also tags as a place ("Etheridge" LOC, as often as not) is
    # still the person's; and a name written with a title ("Mr. Etheridge") is a person's, whatever else.
    # (named_roots from pass 4d still holds: it only joined clusters outside those sets)
    non_person: dict[str, int] = {}
    for i, c in enumerate(clusters):
        if c.label == ORG:
            non_person.setdefault(org_key(c.best_name()), i)
    for i, c in enumerate(clusters):
        if c.label != PERSON or len(c.tokens()) != 1 or uf.find(i) in named_roots:
            continue
        if any(len(f.split()) > 1 and fold(f.split()[0]).strip(".") in HONORIFICS for f in c.forms):
            continue
        j = non_person.get(org_key(c.best_name()))
        if j is not None and uf.find(j) not in named_roots:
            uf.union(i, j)

    # -- pass 4f: a one-word "person" no full name of the story takes and no title goes with, that the
    # texts write as a place ("in Ferguson", "FERGUSON, Mo. --") at least twice and more than twice as
    # often as a person's ("Ferguson said"): the place, one entity with the place the NER found
    places_by_key: dict[str, int] = {}
    for i, c in enumerate(clusters):
        if c.label in PLACE_LABELS:
            places_by_key.setdefault(place_key(c.best_name()), i)
    lone: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.label == PERSON and len(c.tokens()) == 1 and uf.find(i) not in named_roots:
            lone[uf.find(i)].append(i)
    for members in lone.values():
        group = [clusters[i] for i in members]
        if any(_has_title(c) for c in group):
            continue
        name = max((f for c in group for f in c.forms), key=lambda f: (sum(c.forms[f] for c in group), f))
        uses = _place_uses(name, views)
        if uses < 2 or uses <= 2 * _person_uses(name, views):
            continue
        place = places_by_key.get(place_key(name))
        if place is not None and uf.find(place) not in named_roots:
            uf.union(members[0], place)
        group[0].labels["GPE"] += sum(c.labels[PERSON] for c in group) + 1

    # -- pass 4a: a one-word ORG/place mention that is the surname of exactly one person of the story
    # ("Romney" tagged ORG, "Arpaio" tagged LOC), unless the texts use it as a place ("in Arpaio")
    for i, c in enumerate(clusters):
        if c.label == PERSON or uf.find(i) in roots_full:
            continue
        name = c.best_name()
        if len(name.split()) != 1 or is_acronym(name) or not name[:1].isupper():
            continue
        fits = {r for r, toks in roots_full.items() if _tok_similar(name, toks[-1], loose=False)}
        if len(fits) != 1:
            continue
        # "in Arpaio" says a place; "digs at Biden" or "in Romney's favor" do not, and where the story
        # writes the name as a person's more often ("Mr. Romney", "Romney said") it is the person
        if _place_uses(name, views) > _person_uses(name, views):
            continue
        uf.union(i, fits.pop())
        c.labels[PERSON] += len(c.mentions) + 1

    # -- pass 4b: a one-word organisation name to the one longer organisation name ending or starting
    # with it ("Sixers" -> "Philadelphia Sixers")
    # An outlet named after its place ("Nordvik Post") does not take the place's name ("Nordvik"): for
    # outlets only the last word counts ("Herald" -> "Meridian Herald")
    story_outlets = {norm_outlet(v.outlet) for v in views if v.outlet}
    org_full: dict[int, list[str]] = {}
    outlet_roots: set[int] = set()
    place_roots = {uf.find(i) for i, c in enumerate(clusters) if c.label in PLACE_LABELS}
    org_members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(clusters)):
        org_members[uf.find(i)].append(i)
    for i, c in enumerate(clusters):
        # "Calder Regional Rail" tagged LOC everywhere is still the organisation "Calder" stands for
        if (c.label == ORG or org_named(c.best_name())) and len(org_key(c.best_name()).split()) >= 2:
            org_full.setdefault(uf.find(i), org_key(c.best_name()).split())
            if norm_outlet(c.best_name()) in story_outlets:
                outlet_roots.add(uf.find(i))
    for i, c in enumerate(clusters):
        key = org_key(c.best_name()).split()
        if c.label != ORG or len(key) != 1 or is_acronym(c.best_name()) or uf.find(i) in org_full:
            continue
        if _heads_place_word(c, views):
            # "the Venn river" tagged as "Venn": the river, not the "Venn Rescue Service" named after it
            c.labels["LOC"] += len(c.mentions) + 1
            continue
        fits = {r for r, toks in org_full.items()
                if key[0] == toks[-1] or (key[0] == toks[0] and r not in outlet_roots)}
        if uf.find(i) in place_roots:
            # the same short name is a place elsewhere in the story ("the Calder valley"): only an
            # organisation the NER itself tagged takes it, as before
            fits = {r for r in fits if any(clusters[j].label == ORG for j in org_members.get(r, ()))}
        if len(fits) == 1:
            uf.union(i, fits.pop())

    # -- pass 4e: an organisation's name cut short ("Regional Rail" of "Calder Regional Rail", tagged
    # PERSON as often as not) to the one longer organisation name of the story that ends with it; the
    # head noun, not the NER label, says it is an organisation
    tails: dict[int, list[str]] = {}
    for i, c in enumerate(clusters):
        toks = org_key(c.best_name()).split()
        if org_named(c.best_name()) and len(toks) > len(tails.get(uf.find(i), ())):
            tails[uf.find(i)] = toks
    for i, c in enumerate(clusters):
        if not org_named(c.best_name()):
            continue
        key = org_key(c.best_name()).split()
        fits = {r for r, toks in tails.items() if len(toks) > len(key) >= 2 and toks[-len(key):] == key}
        if len(fits) == 1 and uf.find(i) not in fits:
            uf.union(i, fits.pop())

    # -- pass 4g: an organisation named without the place its full name starts with ("Press Herald" of
    # "Portland Press Herald"): to the one longer ORG name of the story ending with it, when the dropped
    # head is a place of the story or one capitalised word that is no English word, the tail has two words or more (so "House"
    # never joins "White House") and every article that writes the short form names the long one too.
    # That last condition keeps "Supreme Court" apart from a "Florida Supreme Court" it may not be, and
    # the "Tea Party" movement apart from the "Richmond Tea Party" of one article; an article naming two
    # courts ending so gives two fits, and none is taken.
    full_named = _merge_place_headed_tails(clusters, uf)

    # -- gather
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(clusters)):
        groups[uf.find(i)].append(i)
    merged: list[_Cluster] = []
    for members in groups.values():
        m = _Cluster(label="")
        for i in members:
            c = clusters[i]
            m.forms.update(c.forms)
            m.labels.update(c.labels)
            m.mentions.extend(c.mentions)
            m.articles |= c.articles
            m.acronyms |= c.acronyms
            m.descriptions.extend(c.descriptions)
            m.titled |= c.titled
            if i in full_named:
                m.fixed_name = max(m.fixed_name or "", full_named[i], key=lambda n: (len(n), n))
        m.label = m.labels.most_common(1)[0][0] if m.labels else ORG
        if m.label == PERSON and _not_a_person(m.best_name(), story_outlets) and not _written_as_person(m, views):
            m.fixed_name = m.best_name()  # the fullest form, as for people: "Meridian Herald", not "Herald"
            m.label = ORG
        elif m.label != PERSON and _titled_person(m.best_name()):
            m.label = PERSON
        elif m.label == PERSON and _speaks_as_organisation(m, views):
            m.label = ORG
        elif m.label == PERSON and _named_as_place(m, views):
            m.label = "LOC"
        elif m.label == ORG and _used_as_country(m, views, story_outlets):
            m.label = "GPE"
        if m.label in PLACE_LABELS and _place_named_as_body(m.best_name()):
            m.label = ORG  # "Saint Osric Hospital" tagged LOC
        if m.label != PERSON and norm_outlet(m.best_name()) in story_outlets:
            m.label = ORG  # "Northgate Wire" tagged LOC: an outlet of the story is an organisation
        elif m.label == ORG and len(m.best_name().split()) >= 2 and fold(m.best_name().split()[-1]) in PLACE_HEADS:
            m.label = "LOC"  # "the Brannock Pass" tagged ORG
        for f in m.forms:
            if is_acronym(f) and m.label != PERSON:
                m.acronyms.add(acronym_norm(f))
        merged.append(m)
    # words the NER took for names: a sentence-opening common word is dropped, as is a demonym (the
    # NER's own NORP label is not an entity either); a "person" the texts call "the X" most of the time
    # is a thing, a ship or a product, not someone ("the Merrow Bell")
    place_words = {fold(t) for c in merged if c.label in PLACE_LABELS for t in c.best_name().split()}
    kept: list[_Cluster] = []
    not_names: set[str] = set()
    for m in merged:
        if m.label in {PERSON, ORG} and _common_word(m, views):
            not_names.update(fold(f) for f in m.forms)
            continue
        if m.label == PERSON and not m.fixed_name and not _has_title(m):
            if _group_word(m, views, place_words, given):
                not_names.update(fold(f) for f in m.forms)
                continue
            if _demonym(m, place_words) or _after_article(m, views, ("a", "an")) == len(m.mentions) \
                    or _law_name(m, views) or _written_as_common_words(m, views):
                not_names.update(fold(f) for f in m.forms)
                continue
            if is_thing_name(_after_article(m, views, ("the",)), len(m.mentions)):
                m.label = THING
        kept.append(m)
    merged = kept
    # more mentions, then more outlets first: the list reads from the story's protagonists down
    merged.sort(key=lambda c: (-len(c.articles), -len(c.mentions), c.best_name()))

    entities: list[Entity] = []
    by_mention: dict[tuple[int, int, int], str] = {}
    by_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    name_lookup: dict[str, str] = {}
    article_lookup: dict[tuple[int, str], str] = {}
    roles: dict[tuple[int, str], str] = {}
    role_conflicts: set[tuple[int, str]] = set()
    for n, c in enumerate(merged, start=1):
        eid = f"e{n}"
        outlets = []
        for a in sorted(c.articles):
            if views[a].outlet not in outlets:
                outlets.append(views[a].outlet)
        descs: list[str] = []
        for d in c.descriptions:
            if fold(d) not in {fold(x) for x in descs}:
                descs.append(d)
        entities.append(Entity(
            id=eid, name=c.best_name(), label=c.label,
            variants=sorted(c.forms, key=lambda f: (-c.forms[f], f)),
            acronyms=sorted(c.acronyms), outlets=outlets,
            articles=[views[a].id for a in sorted(c.articles)],
            descriptions=descs[:12], mentions=len(c.mentions)))
        for a, s, e in c.mentions:
            by_mention[(a, s, e)] = eid
            si = views[a].sentence_of(s)
            if si is not None:
                by_sentence[(a, si)].add(eid)
            article_lookup[(a, fold(_clean_surface(views[a].text[s:e])))] = eid
        for f in c.forms:
            name_lookup.setdefault(fold(f), eid)
            if c.label != PERSON:
                name_lookup.setdefault(org_key(f), eid)
        if c.label == PERSON:
            for a, s, e in c.mentions:
                for d in _descriptions_for(views[a], s, e):
                    head = role_head(d)
                    if head:
                        if (a, head) in roles and roles[(a, head)] != eid:
                            role_conflicts.add((a, head))
                        roles[(a, head)] = eid
    for key in role_conflicts:  # a role two people hold in one article names neither
        roles.pop(key, None)
    # the NLP stage cuts a name where the NER did ("the Tallow Star" cited, of "the Tallow Star-Ledger"):
    # the part before the hyphen finds the whole name when nothing else is called so
    for e in entities:
        if e.label != PERSON:
            for f in e.variants:
                cut = re.match(r"(.*?[A-Za-z'’])-[A-Z]", f)
                if cut:
                    name_lookup.setdefault(fold(cut.group(1)), e.id)
    acronyms = {acr: name_lookup[k] for acr, k in acronym_map.items() if k in name_lookup}
    for e in entities:
        for acr in e.acronyms:
            acronyms.setdefault(acr, e.id)
    index = EntityIndex(entities, by_mention, by_sentence, name_lookup, article_lookup, acronyms, roles)
    # a state only ever written in party tags ("Ga" of "(D-Ga.)") is no name a source can have either
    # a month or a weekday that is a word of someone's name in the story ("Theresa May") stays a name
    person_words = {fold(t) for e in entities if e.label == PERSON for f in e.variants for t in f.split()}
    index.not_names = frozenset(not_names | ((tag_places | no_names) - set(name_lookup))
                                | (NEVER_NAMES - person_words - set(name_lookup)))
    _link_role_references(views, index)
    _attach_quotes(views, index)
    texts = [v.text[:200_000] for v in views]
    # words of the names of organisations and places ("Apple chief", "Wal-Mart lawyer")
    name_words = frozenset(fold(w) for e in entities if e.label != PERSON for f in [e.name, *e.variants]
                           for w in re.split(r"[\s-]+", f) if w)
    for e in entities:
        e.descriptions = tidy_descriptions([trim_epithet(d, texts, name_words) for d in e.descriptions])
    return index


#: words that make a title of the role noun after them ("Deputy minister", "Former captain"): a closed
#: class, unlike the words a tabloid puts before a name ("Hero skipper", "Tragic pensioner"), which are
#: many and open
_TITLE_MODIFIERS = frozenset(["former", "ex", "acting", "deputy", "assistant", "associate", "senior", "junior",
                              "chief", "head", "lead", "principal", "vice", "interim", "retired", "local",
                              "general", "executive", "managing", "prime", "foreign", "first", "co", "regional",
                              "national", "state", "federal", "shadow", "lay", "parish"])


def trim_epithet(description: str, texts: list[str], name_words: frozenset[str] = frozenset()) -> str:
    """A title written before a name at a sentence start without its first word when nothing shows
    that word belongs to the role: "Hero skipper Dmitri Sarkanov" -> "skipper".

    At a sentence start the capital of the first word says nothing: "Harbour master" is a job, "Hero
    skipper" a headline-style label. The word is kept when it is a title word ("Deputy minister"), a
    name word (an acronym, a word of an organisation's or place's name in ``name_words``, or one the
    story writes capitalised inside a sentence: "Lerberg tour operator"), or the
    story writes it in lower case before the role noun elsewhere ("the harbour master"). Descriptions
    with a determiner ("the captain"), in title case ("Maritime Minister") or of one word are kept
    as they are."""
    toks = description.split()
    if len(toks) < 2 or not toks[0][:1].isupper() or fold(toks[0]) in _DESC_OPENERS \
            or not all(t[:1].islower() for t in toks[1:]):
        return description
    first, head = toks[0], toks[-1]
    low = first.lower()
    if fold(first) in _TITLE_MODIFIERS or fold(first) in ROLE_HEADS or fold(first) in name_words \
            or not first.isalpha() or first.isupper():
        return description
    as_name = re.compile(rf"[a-z0-9,;:]\s+{re.escape(first)}\b")
    in_role = re.compile(rf"\b{re.escape(low)}\s+(?:[a-z-]+\s+){{0,2}}{re.escape(head)}\b")
    if any(as_name.search(t) or in_role.search(t) for t in texts):
        return description
    return " ".join(toks[1:])


def tidy_descriptions(descriptions: list[str]) -> list[str]:
    """The descriptions a reader is shown: one of each ("The captain", "Its captain" and "the captain"
    are one), none that a longer one starts or ends with ("master" and "Harbour master" beside "the Port
    Ellin harbour master"), and a determiner written in capitals at a sentence start in lower case."""
    def core(d: str) -> tuple[str, ...]:
        toks = fold(d).split()
        return tuple(toks[1:] if toks and toks[0] in _DESC_OPENERS else toks)

    cores = [core(d) for d in descriptions]
    out: list[str] = []
    kept: set[tuple[str, ...]] = set()
    for d, c in zip(descriptions, cores):
        if not c or c in kept or any(len(o) > len(c) and (o[:len(c)] == c or o[-len(c):] == c) for o in cores):
            continue
        kept.add(c)
        first = d.split()[0]
        out.append(first.lower() + d[len(first):] if fold(first) in _DESC_OPENERS and first[:1].isupper() else d)
    return out


_ROLE_REF_RE = re.compile(r"\b[Tt]he\s+((?:[a-z][a-z'-]*\s+){0,2}?(" + "|".join(sorted(ROLE_HEADS)) + r"))\b(?!\s+[A-Z])")


def _link_role_references(views: list[ArticleView], index: EntityIndex) -> None:
    """"the minister" -> the one person this article describes as a minister; "the authority" -> the
    one organisation named in this article whose name ends in "Authority"."""
    by_id = {e.id: e for e in index.entities}
    org_heads: dict[tuple[int, str], set[str]] = defaultdict(set)
    for (a, _s, _e), eid in index.by_mention.items():
        ent = by_id.get(eid)
        if ent is not None and ent.label == ORG and len(ent.name.split()) >= 2:
            org_heads[(a, fold(ent.name.split()[-1]))].add(eid)
    for v in views:
        for (a, head), eids in org_heads.items():
            if a != v.index or len(eids) != 1 or len(head) < 4:
                continue
            eid = next(iter(eids))
            ent = by_id[eid]
            # "a police spokesman", "an authority official", "a spokeswoman for the authority": the
            # body speaks in that sentence
            for m in re.finditer(rf"\b(?:[Tt]he|[Aa]n?)\s+{re.escape(head)}\s+(?:spokes(?:man|woman|person)|"
                                 r"officials?|officers?|sources?|statement)\b|\b(?:spokes(?:man|woman|person)|"
                                 rf"officials?|sources?)\s+(?:for|at|from|of|in)\s+the\s+{re.escape(head)}\b",
                                 v.text):
                si = v.sentence_of(m.start())
                if si is not None:
                    index.by_sentence[(v.index, si)].add(eid)
            for m in re.finditer(rf"\b[Tt]he\s+{re.escape(head)}\b(?!\s+[A-Z])", v.text):
                si = v.sentence_of(m.start())
                if si is not None:
                    index.by_sentence[(v.index, si)].add(eid)
                ent.mentions += 1
                ref = f"the {head}"
                if ref not in ent.descriptions and len(ent.descriptions) < 12:
                    ent.descriptions.append(ref)
    for v in views:
        for m in _ROLE_REF_RE.finditer(v.text):
            head = m.group(2)
            if head not in ROLE_HEADS:
                continue
            eid = index._roles.get((v.index, head))
            if not eid:
                continue
            si = v.sentence_of(m.start())
            if si is not None:
                index.by_sentence[(v.index, si)].add(eid)
            ent = by_id[eid]
            ref = "the " + m.group(1)
            if fold(ref) not in {fold(d) for d in ent.descriptions} and len(ent.descriptions) < 12:
                ent.descriptions.append(ref)
            ent.mentions += 1


#: "Brodie's lawyer", "Helena Rusk's office": a named owner (group 1) and the one who speaks for them
#: (group 2); the sources step uses it too
NAMED_POSSESSIVE = re.compile(r"((?:[A-Z][\w'-]*\s+){0,3}[A-Z][\w-]*)['’]s\s+(lawyers?|attorneys?|solicitors?|"
                              r"barristers?|spokes(?:man|woman|person)|agent|representatives?|aides?|office|"
                              r"family|publicist)")


def _speaker_entity(q: Quote, v: ArticleView, index: EntityIndex) -> str | None:
    """The entity id of a quote's speaker, or None (no speaker, or "Brodie's lawyer" taken for Brodie)."""
    pronoun_only = q.speaker_name and q.speaker is not None and (
        quoted_name_only(v.text, q.speaker_name, q.speaker.text)
        or pronoun_named_in_quote(q.speaker_name, q.speaker.text, q.content.text))
    if pronoun_only:
        # "He" resolved to "Money" of “D-Money”, a name the article only quotes; or to the man his own
        # quotation names in the third person ('"I know Mr. Cowan is committed," he said'): the sources
        # step refutes the same speakers, so an entity's quotes and its source node agree
        return None
    eid = index.resolve(q.speaker_name, v.index) if q.speaker_name else None
    owned = NAMED_POSSESSIVE.fullmatch(q.speaker.text.strip()) if q.speaker is not None else None
    if owned is not None:
        # "Brodie's lawyer said ...": the lawyer's words (when the article names him), not Brodie's
        eid = index.resolve(owned.group(0), v.index)
        if eid == index.resolve(owned.group(1), v.index):
            return None
    if eid is None and q.speaker is not None:
        eid = index.by_mention.get((v.index, q.speaker.start, q.speaker.end))
        if eid is None:
            eid = index.resolve(q.speaker.text, v.index)
    return eid


def _quote_text(q: Quote, content: Span) -> str:
    """What the reader is shown of a quote (``content``: its :func:`quote_content`): a direct quote split
    around its cue ("…," he said. "…") as its parts joined by " … ", so that the narration between them
    never reads as quoted."""
    if q.kind != "direct" or len(q.parts) < 2:
        # reported speech is the outlet's wording around the source's: shown whole, as it was written
        return " ".join(content.text.split())
    pieces = [p.text for p in q.parts]
    n = dateline_length(pieces[0])
    if n and n < len(pieces[0]):
        pieces[0] = pieces[0][n:]
    return " … ".join(" ".join(p.split()) for p in pieces if p.strip())


def _describes_by_name(q: Quote, description: str, ent: Entity, v: ArticleView) -> bool:
    """Whether a speaker's description is tied to the entity's name in the text: the speaker is named
    ("Fox host Sean Hannity said"), or the article writes the name and the description side by side
    ("Dave Brat, the tea party-backed candidate,"). A description that stands for the name ("The tea
    party-backed candidate attributed ...") describes whoever the NLP step resolved it to, which may be
    the last person named (the interviewer, not the candidate)."""
    if q.speaker is None:
        return True
    surnames = {fold(t) for f in (ent.name, *ent.variants) for t in person_tokens(f)[-1:]} \
        if ent.label == PERSON else {fold(f) for f in (ent.name, *ent.variants)}
    if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", fold(q.speaker.text)) for n in surnames if n):
        return True
    d = re.escape(fold(description)[:40])
    text = fold(v.text)
    return any(re.search(rf"(?<!\w){re.escape(n)}\s*[,(]\s*{d}|{d}\s*,?\s+(?:[\w.'’]+\s+){{0,2}}{re.escape(n)}(?!\w)",
                         text) for n in surnames if n)


def _attach_quotes(views: list[ArticleView], index: EntityIndex) -> None:
    by_id = {e.id: e for e in index.entities}
    for v in views:
        speakers = [(q, _speaker_entity(q, v, index)) for q in v.aa.quotes]
        said: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for q, eid in speakers:
            if eid is not None:
                said[eid].append((q.content.start, q.content.end))
        for q, eid in speakers:
            if eid is None or by_id[eid].label == THING:
                continue  # a ship or a product says nothing: "He denied ..." wrongly resolved to it
            ent = by_id[eid]
            # one reading inside another of the same speaker ("described the strike as “deeply
            # disappointing”" within what she said) is the same words: listed once, as the longer one
            a, b = q.content.start, q.content.end
            nested = any(s <= a and b <= e and e - s > b - a for s, e in said[eid])
            si = v.sentence_of(q.content.start)
            if q.speaker_description:
                d = q.speaker_description.strip(" ,.")
                usable = sum(c.isalpha() for c in d) >= 4 and fold(d) not in fold(ent.name) \
                    and not any(fold(d) == fold(v) for v in ent.variants) and _describes_by_name(q, d, ent, v)
                if usable and fold(d) not in {fold(x) for x in ent.descriptions} and len(ent.descriptions) < 12:
                    ent.descriptions.append(d)
            if len(ent.quotes) < 50 and not nested:
                # a quote that opens the article carries its dateline ("PORT ELLIN, March 3 (CPA) -"),
                # which is the outlet's, not the speaker's
                content = quote_content(q)
                ent.quotes.append(EntityQuote(text=_quote_text(q, content)[:600], kind=q.kind,
                                              citation=v.cite(si, content)))
            if si is not None:
                index.by_sentence[(v.index, si)].add(eid)
            if v.outlet not in ent.outlets:
                ent.outlets.append(v.outlet)
            if v.id not in ent.articles:
                ent.articles.append(v.id)
