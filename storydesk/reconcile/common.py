"""Shared helpers of the cross-article steps: a per-article view and small text normalisers.

The reconcile steps work on records only (no spaCy here): whatever the NLP stage found is in the
``AnnotatedArticle``; what is computed here is cheap string work over a story's few hundred sentences.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..nlp.components._common import PERSON_NOUNS
from ..nlp.components.sentences import DATELINE
from ..records import AnnotatedArticle, Span
from ..records.brief import Citation

# Plural nouns for groups of people: "14 people", "about 200 passengers", "the residents" answer "who"
# as well as a name does (events.py), and two of them may count one group ("200 passengers", "203
# people"), so such counts are still compared (contradictions.py). (The NLP stage's PERSON_NOUNS describe
# speakers and hold singulars such as "coach" that name things here.)
PEOPLE_GROUPS = frozenset({
    "people", "persons", "passengers", "residents", "children", "adults", "pupils", "students", "workers",
    "crew", "migrants", "patients", "victims", "tourists", "visitors", "fans", "soldiers", "civilians",
    "troops", "officers", "firefighters", "staff", "employees", "villagers", "survivors", "hostages",
    "protesters", "demonstrators", "prisoners", "inmates", "drivers", "pedestrians", "climbers", "hikers",
    "miners", "sailors", "fishermen", "families", "travellers", "travelers", "commuters", "spectators",
    "men", "women", "boys", "girls", "babies", "infants", "teenagers", "refugees", "customers", "guests",
    "members", "volunteers", "rescuers",
})


def _plural(noun: str) -> str:
    if noun.endswith("man"):
        return noun[:-3] + "men"  # "spokesman", "fisherman"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


#: plural nouns for people, as counted in a source ("two crew members", "three senior officials"):
#: the groups above and the plurals of the NLP stage's words for a speaker, without the bodies
#: ("authorities", "police") that it lists among them
PEOPLE_PLURALS = PEOPLE_GROUPS | frozenset(
    _plural(n) for n in PERSON_NOUNS if n not in {"police", "authorities"} and not n.endswith("s")) | frozenset(
    n for n in PERSON_NOUNS if n.endswith("s") and n not in {"police", "authorities", "witness", "boss"})
_COUNT_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|a dozen|dozens of|"
                "scores of|hundreds of|thousands of|several|a few|a handful of|a group of|a number of|some|many|both")
#: a count, then up to three words before the noun ("two crew members", "several senior officials",
#: "two of the passengers"), then nothing or what qualifies the group ("who spoke to ...", "at the port")
_PEOPLE_GROUP = re.compile(rf"(?:the\s+)?(?:\d[\d,]*|{_COUNT_WORDS})(?:\s+of\s+(?:the|its|their|his|her))?"
                           r"((?:\s+[\w'’-]+){0,3}?)\s+([a-z-]+)"
                           r"(?:\s*,|\s+(?:who|whom|that|which|at|of|from|in|on|with|for|aboard|familiar|close|"
                           r"involved|briefed|speaking)\b.*)?", re.IGNORECASE | re.DOTALL)


#: more words for people that speak in news as a group or a relation ("Pals say", "His family said")
_MORE_PEOPLE = frozenset(["family", "relatives", "relative", "friends", "pals", "locals", "neighbours", "neighbors",
                          "colleagues", "parents", "insider", "insiders", "passenger", "crew", "onlookers",
                          "bystanders", "eyewitness", "eyewitnesses", "mourners", "shoppers", "traders",
                          "holidaymakers", "campaigners", "relatives"])
#: endings that make a compound a word for people whatever its first part ("lock keepers",
#: "dockworkers", "Islanders", "townsfolk", "craftsmen"); words for things rarely end so
_PEOPLE_ENDINGS = ("keeper", "keepers", "worker", "workers", "goer", "goers", "dweller", "dwellers", "islander",
                   "islanders", "seeker", "seekers", "woman", "women", "person", "people", "folk", "folks", "sman",
                   "smen", "ermen")


def is_people_noun(word: str) -> bool:
    """Whether a noun names people (one or several): the NLP stage's words for a speaker, the groups
    above, and compounds ending in a word for people ("lock keepers", "Islanders")."""
    w = fold(word).strip(".,;:")
    return bool(w) and (w in PERSON_NOUNS or w in PEOPLE_PLURALS or w in _MORE_PEOPLE
                        or (len(w) > 4 and w.endswith(_PEOPLE_ENDINGS)))


def is_people_group(name: str) -> bool:
    """Whether a cited name is a counted group of people ("two crew members", "14 passengers",
    "several senior officials who asked not to be named", "two lock keepers"): people, not a body,
    whatever the nouns before the head ("two Skerra Line officials")."""
    m = _PEOPLE_GROUP.fullmatch(" ".join(name.split())[:300])
    if m is None:
        return False
    head = fold(m.group(2))
    return head in PEOPLE_PLURALS or (head not in {"police", "authorities"} and head.endswith("s")
                                      and is_people_noun(head))


#: last words of a name that make it a place whatever the NER says ("Brannock Pass" tagged ORG)
PLACE_HEADS = frozenset(["pass", "mountain", "mountains", "river", "valley", "lake", "bay", "island", "islands",
                         "peninsula", "strait", "straits", "gulf", "sea", "ocean", "coast", "beach", "hill", "hills",
                         "forest", "desert", "canyon", "glacier", "fjord", "estuary", "road", "street", "avenue",
                         "lane", "square", "motorway", "highway", "tunnel", "quay", "pier"])
# The word after a name: on the same line (a name does not go on into the next paragraph), letters of
# any script (so that a place word is never read off the start of a longer word, "Bayé" is not "Bay")
_NEXT_WORD = re.compile(r"[^\S\r\n]+([^\W\d_]+)")


def names_a_place(text: str, end: int) -> bool:
    """Whether the name ending at offset ``end`` of ``text`` goes on with a place word left outside it
    ("the Venn river", "Tollin Bay" tagged as "Tollin"): it is (part of) the name of a place, whatever
    entity the short name joined."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and fold(m.group(1)) in PLACE_HEADS


#: a politician's party and state after the name: "(D-Ga.)", "(R-N.Y.)", ", R-Texas,", "(I-Vt)"; group 1 is
#: the state, a place, never a person or a source, whatever the NER or the attribution step says
PARTY_TAG = re.compile(r"(?:\(\s*|,\s+)(?:D|R|I|Dem|Rep|Ind)\s*[-–]\s*((?:[A-Z][a-z]{0,12}\.?\s?){1,3}|(?:[A-Z]\.){1,3})"
                       r"\s*(?=[),])")


def party_tag_places(text: str) -> frozenset[str]:
    """The folded state names and abbreviations a text writes in party tags ("(D-Ga.)" -> "ga"): in
    that article a name equal to one of them is the place."""
    return frozenset(fold(m.group(1)).strip(" .") for m in PARTY_TAG.finditer(text[:200_000]))


def in_party_tag(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the state of a party tag ("Ga" of "(D-Ga.)")."""
    m = PARTY_TAG.search(text, max(0, start - 8), min(len(text), end + 4))
    return m is not None and m.start(1) <= start and end <= m.end(1) + 1


_PRONOUN_WORDS = frozenset(["he", "she", "they", "him", "her", "them", "we", "i", "it"])


def quoted_name_only(text: str, name: str, span_text: str | None) -> bool:
    """Whether a speaker the NLP stage found through a pronoun (``span_text`` "he") is named in the
    article only inside quotations ("drug dealers with names like “D-Money, Smoothie and Shifty”"):
    a pronoun takes up someone the narrative names, so that name is not who spoke."""
    if not span_text or span_text.strip().lower() not in _PRONOUN_WORDS or not name or len(name) < 2:
        return False
    text = text[:200_000]
    hits = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    if not hits:
        # "Money" of "D-Money": the name as a part of a longer word counts too
        hits = [m.start() for m in re.finditer(re.escape(name), text)]
    if not hits:
        return False
    for at in hits:
        line = text[text.rfind("\n", 0, at) + 1:at]
        opened = line.count("“") > line.count("”") or line.count('"') % 2 == 1
        if not opened:
            return False
    return True


def outlet_initials(outlet: str) -> str:
    """"Coastline Press Agency" -> "CPA": the capitalised words' initials, "The" left out, as an outlet's
    acronym is read when another article cites it."""
    return "".join(w[0] for w in outlet.split() if w[:1].isupper() and w.lower() != "the")


MAX_SENTENCES_PER_ARTICLE = 400  # bounds the quadratic alignment on pathological inputs
MAX_SENTENCE_CHARS = 1_000

WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "said", "says", "say", "told", "according", "also", "would", "could", "may", "might", "one", "two", "new", "last", "late", "early", "per", "cent", "percent", "mr", "mrs", "ms", "dr", "on"])


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII fold: accents and case do not distinguish names ("Müller" == "muller")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("’", "'").casefold()


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


# The commonest facts of news are deaths and injuries, told with different verbs ("nobody died" /
# "no one was killed"); these few words count as one for alignment
_SYNONYMS = {w: "die" for w in ["died", "dies", "die", "dead", "death", "deaths", "killed", "kill", "kills", "fatalities"]}
_SYNONYMS.update({w: "injur" for w in ["injured", "injury", "injuries", "hurt", "wounded"]})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light English stemmer: enough to match "evacuated"/"evacuation"/"evacuates".

    Snowball would be better, but NLTK is not a dependency and spaCy lemmas are not carried in the
    records; this only has to make sentence overlap less brittle.
    """
    w = fold(word)
    if w in _SYNONYMS:
        return _SYNONYMS[w]
    if len(w) <= 4:
        return w
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "ers", "er", "ies", "es", "s", "ly",
                   "ment", "ments"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:7]


_NEGATION = re.compile(r"\b(?:no one|no-one|none)\b", re.IGNORECASE)


def content_stems(text: str) -> list[str]:
    """Stems of the content words; "no one" counts as "nobody" so that negative facts still align."""
    text = _NEGATION.sub("nobody", text)
    return [stem(w) for w in words(text) if fold(w) not in STOPWORDS and not w.isdigit()]


# --- reporting verbs: the one list the cross-article steps read attributions with ----------------------
# The quote finder's lexicon (nlp.components._common.SPEECH_VERBS) is far wider (it finds cues); these
# steps only need to recognise the commonest verbs of an attribution already found, as surface forms in
# plain text. Tiers, each containing the one before; every form is one of the nlp lexicon's (a test checks).

#: the verbs of saying that open or close almost every attribution ("she said", "told CPA")
SAY_VERBS = ("said", "says", "told")
#: verbs that attribute without judging what is said: "X reported", "he added"
NEUTRAL_REPORTING_VERBS = (*SAY_VERBS, "reported", "reports", "added", "stated", "announced")
#: every reporting verb these steps know, judging ("claimed", "denied") or not
REPORTING_VERBS = (*NEUTRAL_REPORTING_VERBS, "say", "tells", "states", "announces", "adds", "claimed",
                   "claims", "insisted", "insists", "warned", "warns", "denied", "denies", "confirmed",
                   "confirms", "explained", "explains", "admitted")


def verb_pattern(*groups: tuple[str, ...] | str) -> str:
    """A regex alternation (no group, no anchors) of the given verb tuples and single words."""
    seen: dict[str, None] = {}
    for g in groups:
        for w in (g,) if isinstance(g, str) else g:
            seen.setdefault(w, None)
    return "|".join(re.escape(w) for w in seen)


_PLAIN_REPORTING = re.compile(verb_pattern(NEUTRAL_REPORTING_VERBS, "according to"))


@dataclass
class ArticleView:
    """One annotated article plus lookups the cross-article steps need."""

    index: int
    aa: AnnotatedArticle
    canonical: str | None = None  # id of the article this one copies, when it is a syndicated copy
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.aa.article.id

    @property
    def outlet(self) -> str:
        art = self.aa.article
        if art.outlet:
            return art.outlet
        if art.url and art.url.count("/") >= 2:
            return art.url.split("/")[2]
        return art.source.rsplit("/", 1)[-1][:60] or art.id[:8]

    @cached_property
    def text(self) -> str:
        return self.aa.article.text

    @cached_property
    def resplit(self) -> bool:
        """True when the NLP stage's sentences are missing or degenerate (a parser that splits at
        nearly every token): the brief then uses its own splitter, and every annotation is placed in a
        sentence by its offsets."""
        sents = self.aa.sentences
        if not sents:
            return True
        if len(sents) >= 8:
            avg_words = sum(len(self.text[s.start:s.end].split()) for s in sents) / len(sents)
            return avg_words < 4
        return False

    @cached_property
    def _joined(self) -> tuple[list[tuple[int, int]], dict[int, list[int]]]:
        if self.resplit:
            raw = _fallback_sentences(self.text) if self.text else []
        else:
            raw = [(s.start, s.end) for s in self.aa.sentences[:MAX_SENTENCES_PER_ARTICLE]]
        return join_fragments(self.text, raw)

    @property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """One (start, end) per sentence of the NLP stage (same indices), except that a fragment
        ("Harbour master" cut off its sentence by the parser) is joined to its neighbour: the
        neighbour's bounds cover both and the fragment's are empty, so it is never a statement."""
        return self._joined[0]

    @property
    def joined(self) -> dict[int, list[int]]:
        """Sentence index -> the indices of the NLP stage's sentences it covers, for joined ones."""
        return self._joined[1]

    @cached_property
    def sentences(self) -> list[str]:
        text = self.text
        return [" ".join(text[a:b].split())[:MAX_SENTENCE_CHARS] for a, b in self.sentence_bounds]

    @cached_property
    def _starts(self) -> list[int]:
        return [a for a, _ in self.sentence_bounds]

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        # an emptied piece of a joined sentence: its text is the joined one's (a dateline's sentence
        # holds the pieces after it; a piece joined backwards stands at the end of the joined one)
        i = self._absorbed.get(i, i)
        a, b = self.sentence_bounds[i]
        return i if a <= offset < max(b, a + 1) else None

    @cached_property
    def _absorbed(self) -> dict[int, int]:
        return {k: i for i, ks in self.joined.items() for k in ks if k != i}

    def sentence_status(self, i: int) -> str:
        """asserted / attributed / hedged / denied. "X reported" is an attribution, not a hedge: a
        sentence whose only hedge is a plain reporting verb counts as attributed."""
        a, b = self.sentence_bounds[i]
        hedges = [h for h in self.aa.hedges if a <= h.start < b]
        real = [h for h in hedges if not _PLAIN_REPORTING.fullmatch(h.text.strip().lower())]
        if not self.resplit and i < len(self.aa.sentences):
            parts = self.joined.get(i, [i])
            # a joined sentence is as qualified as its most qualified part
            status = max((self.aa.sentences[k].status for k in parts), key=_STATUS_RANK.index)
            if status == "hedged" and hedges and not real:
                return "attributed"
            return status
        kinds = {h.kind for h in real}
        if "denial" in kinds:
            return "denied"
        return "hedged" if kinds else "asserted"

    def cite(self, sentence: int | None, span=None) -> Citation:
        return Citation(article_id=self.id, outlet=self.outlet, sentence=sentence, span=span)


_STATUS_RANK = ["asserted", "attributed", "hedged", "denied"]

#: a sentence of at most this many words that does not end like a sentence is a fragment
MAX_FRAGMENT_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_HAS_WORD = re.compile(r"[^\W_]")


def is_fragment(text: str) -> bool:
    """A piece the sentence splitter cut off a sentence: a lone quotation mark, or a few words with no
    full stop ("Harbour master", "On Quay Street, Rosa"). The records carry no part-of-speech tags,
    so "no verb" is approximated by "short and unfinished"."""
    t = text.strip()
    if not _HAS_WORD.search(t):
        return True
    return not _SENTENCE_END.search(t) and len(t.split()) <= MAX_FRAGMENT_WORDS


def dateline_length(text: str) -> int:
    """How many characters of ``text`` its leading dateline (with the dash and spaces after it) takes."""
    m = DATELINE.match(text)
    return m.end() if m else 0


def quote_content(q) -> Span:
    """A quote's content without the dateline it starts with when it opens a wire article ("PORT ELLIN,
    March 3 (CPA) - Fire broke out ..., the authority said"): the dateline is the outlet's, not the
    speaker's. Offsets stay those of the article text."""
    c = q.content
    n = dateline_length(c.text)
    if not n or n >= len(c.text):
        return c
    return Span(start=c.start + n, end=c.end, text=c.text[n:])


def is_dateline(text: str) -> bool:
    """Whether ``text`` is a wire dateline and nothing else ("PORT ELLIN, March 3 (CPA) -")."""
    t = text.strip()
    m = DATELINE.match(t)
    return m is not None and m.end() >= len(t)


def join_fragments(text: str, bounds: list[tuple[int, int]]
                   ) -> tuple[list[tuple[int, int]], dict[int, list[int]]]:
    """Join each fragment to the sentence after it in the same line (or, a fragment ending a line, to
    the one before it). Indices are kept: the joined sentence spans both, the fragment becomes empty
    (start == end, at the joined sentence's start so that offset lookups land in the joined one).

    Returns the new bounds and, for each joined sentence, the indices of the sentences it covers.
    The stricter sentence splitter this would otherwise need was measured worse on the parser's own
    benchmarks, so the repair happens here, where only the brief's statements are at stake.
    """
    out = list(bounds)
    parts: dict[int, list[int]] = {}

    def same_line(a: int, b: int) -> bool:
        return 0 <= a <= b <= len(text) and "\n" not in text[a:b]

    def absorb(i: int, k: int) -> None:  # sentence i takes in the later sentence k, which becomes empty
        end = out[k][1]
        out[i] = (out[i][0], end)
        out[k] = (end, end)
        parts[i] = sorted(set(parts.get(i, [i]) + [k]))

    for i in range(len(out)):
        a, b = out[i]  # as joined so far: two fragments in a row join the next sentence together
        # a sentence cut at a comma ("..., injuring 11 people," + "Kestle Police said.") is unfinished:
        # it goes on in the next one, whatever its length
        unfinished = a < b and text[a:b].rstrip().endswith(",")
        # so is one cut after a title or "No." ("Reps." + "Steny Hoyer, Maryland, kept the No." +
        # "2 job of ..."): a title never ends a sentence, "No." does not before a number
        if a < b and not unfinished:
            last = text[a:b].split()[-1] if text[a:b].split() else ""
            unfinished = last.lower() in _TITLE_ABBREVS or (
                last in {"No.", "Nos."} and re.match(r"\s*\d", text[b:b + 3]) is not None)
        # a dateline the splitter cut off ("PORT ELLIN, March 3 (CPA) -") opens the sentence after it,
        # even from a line of its own; the joined sentence keeps the dateline's index, so that the lead
        # has one number (A2.1) whether or not the NLP stage split the dateline off (it does now)
        dateline = a < b and is_dateline(text[a:b])
        if a >= b or not (unfinished or dateline or is_fragment(text[a:b])):
            continue
        nxt = next((k for k in range(i + 1, len(out)) if out[k][0] < out[k][1]), None)
        prv = next((k for k in range(i - 1, -1, -1) if out[k][0] < out[k][1]), None)
        if unfinished and not (nxt is not None and same_line(b, out[nxt][0])):
            continue
        if dateline and nxt is not None:
            absorb(i, nxt)
            while text[out[i][0]:out[i][1]].rstrip().endswith(","):  # the lead cut at a comma goes on
                k = next((k for k in range(i + 1, len(out)) if out[k][0] < out[k][1]), None)
                if k is None or not same_line(out[i][1], out[k][0]):
                    break
                absorb(i, k)
        elif nxt is not None and same_line(b, out[nxt][0]):
            out[nxt] = (a, out[nxt][1])
            out[i] = (a, a)
            parts[nxt] = sorted(set(parts.pop(i, [i]) + parts.get(nxt, [nxt])))
        elif prv is not None and same_line(out[prv][1], a):
            out[prv] = (out[prv][0], b)
            out[i] = (b, b)
            parts[prv] = sorted(set(parts.get(prv, [prv]) + parts.pop(i, [i])))
    return out, parts


#: abbreviated titles, which stand before a name and so never end a sentence
_TITLE_ABBREVS = frozenset(["mr.", "mrs.", "ms.", "dr.", "rep.", "reps.", "sen.", "sens.", "gov.", "gen.", "lt.",
                            "sgt.", "capt.", "col.", "rev.", "prof.", "hon.", "pres.", "supt.", "insp.", "det."])
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_ABBREV = frozenset(["mr", "mrs", "ms", "dr", "prof", "st", "no", "gen", "col", "capt", "lt", "sgt", "rev", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "a.m", "p.m"])


def _fallback_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds when the NLP stage recorded none, or none usable (a sentence ends at ., ! or ?
    before a capital, except after a common abbreviation, and at every line break)."""
    out = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        if m.group(0)[0] == ".":
            prev = re.search(r"([\w.]+)\.$", text[max(0, m.start() - 12):m.start() + 1])
            if prev and (prev.group(1).lower() in _ABBREV or len(prev.group(1)) == 1):
                continue
        end = m.start() + len(m.group(0).rstrip())
        _add_bounds(text, start, end, out)
        start = m.end()
    _add_bounds(text, start, len(text), out)
    return out[:MAX_SENTENCES_PER_ARTICLE]


def _add_bounds(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


def norm_outlet(name: str) -> str:
    """Outlet/agency names compared loosely: "The Harbour Herald" == "harbour herald"."""
    n = fold(name)
    n = re.sub(r"^(the)\s+", "", n)
    n = re.sub(r"\b(news agency|agency|newspaper|news|online|daily|\.com|\.co\.uk)\b", " ", n)
    return " ".join(re.sub(r"[^\w\s]", " ", n).split())


#: agencies and wires recognised as outlets even when no article of theirs is in the story
KNOWN_AGENCIES = frozenset(norm_outlet(n) for n in """
Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|dpa|Deutsche Presse-Agentur|ANSA|EFE|
Kyodo|Xinhua|TASS|Interfax|RIA Novosti|PA Media|Press Association|UPI|Yonhap|ANP|Belga|APA|Anadolu|PTI|
BBC|CNN|Al Jazeera|The Guardian|The New York Times|The Washington Post|Le Monde|Der Spiegel|El País
""".replace("\n", "").split("|") if n.strip())


def is_side_quote(q, view: ArticleView, si: int) -> bool:
    """A statement hanging off a sentence whose main claim is something else: "Its captain turned the
    ship back before ordering passengers to the muster stations" reports what the captain did, not what
    he said, so the captain is not that sentence's source (nor are those words his quote). Told by a
    cue in -ing (a participle clause, not the sentence's verb; "according to" excepted) whose content
    covers under half the sentence."""
    cue = (q.cue.text if q.cue else "").strip().lower()
    if not cue.endswith("ing") or cue.startswith("accord"):
        return False
    a, b = view.sentence_bounds[si]
    return 2 * (q.content.end - q.content.start) < max(1, b - a)
