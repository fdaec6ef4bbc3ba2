"""Shared helpers of the cross-article steps: a per-article view and small text normalisers.

The reconcile steps work on records only (no spaCy here): whatever the NLP stage found is in the
``AnnotatedArticle``; what is computed here is cheap string work over a story's few hundred sentences.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from ..nlp.components._common import PARTY_STATE, PERSON_NOUNS, TITLES
from ..nlp.components.sentences import DATELINE, NUMBER_ABBREVS, TITLE_ABBREVS, headline_case
from ..records import AnnotatedArticle, Span
from ..records.article import PARAGRAPH_SEP
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


def party_tag_places(text: str) -> frozenset[str]:
    """The folded state names and abbreviations a text writes in party tags ("(D-Ga.)" -> "ga"): in
    that article a name equal to one of them is the place."""
    return frozenset(fold(m.group("state")).strip(" .") for m in PARTY_STATE.finditer(text[:200_000]))


def in_party_tag(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the state of a party tag ("Ga" of "(D-Ga.)")."""
    m = PARTY_STATE.search(text, max(0, start - 8), min(len(text), end + 40))
    return m is not None and m.start("state") <= start and end <= m.end("state") + 1


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


_NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])


def pronoun_named_in_quote(name: str | None, span_text: str | None, content: str | None) -> bool:
    """Whether a speaker the NLP stage found through a pronoun ("he") is refuted by the quotation itself,
    which names that person in the third person ('"President Obama has said that he is determined ...,"
    he said on the Sunday show', '"I know Mr. Cowan is committed ...," he said'): a speaker does not talk
    about himself by surname, so the pronoun stands for someone else. A surname after another first
    name is a relative ("her husband, former President Bill Clinton"), no refutation. Read on the BASIL
    triplets' 32 such quotes: about 5 had the right speaker (mostly indirect statements whose content
    runs on into the narrative), the rest a wrong one."""
    if not span_text or span_text.strip().lower() not in _PRONOUN_WORDS or not name or not content:
        return False
    parts = [w for w in name.split() if fold(w).strip(".") not in _NAME_SUFFIXES]
    if not parts or len(parts[-1]) <= 2:
        return False
    own = {fold(w).strip(".") for w in parts}
    # a title of the other sex names a spouse ("Mrs. Trump" in what "he" said)
    spouse = _SPOUSE_TITLES.get(span_text.strip().lower(), frozenset())
    # "the Romney/Ryan ticket": a surname in a compound is no one named in the third person
    for m in re.finditer(rf"(?<![\w/-]){re.escape(parts[-1])}(?![\w/-])", content):
        before = re.search(r"([A-Z][\w.'’-]*)\s+$", content[max(0, m.start() - 30):m.start()])
        if before is not None and fold(before.group(1)).strip(".") in spouse:
            continue
        if before is None or fold(before.group(1)).strip(".") in own or fold(before.group(1)) in TITLES:
            return True
    return False


_SPOUSE_TITLES = {"he": frozenset(["mrs", "ms", "miss", "madam"]), "him": frozenset(["mrs", "ms", "miss"]),
                  "she": frozenset(["mr"]), "her": frozenset(["mr"])}


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


@lru_cache(maxsize=1)
def _lemma_table():
    """spaCy's English lemma lookup table (spacy-lookups-data, a dependency): one lemma per word form,
    without context ("spent" -> "spend", "met" -> "meet"); None when the package cannot be read."""
    try:
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    except (ImportError, ValueError, OSError, KeyError):  # pragma: no cover - the package is a dependency
        return None


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light English stemmer after spaCy's lookup lemma: enough to match
    "evacuated"/"evacuation"/"evacuates" and, through the lemma, irregular forms ("spent"/"spend").

    Snowball would be better, but NLTK is not a dependency and spaCy lemmas are not carried in the
    records; this only has to make sentence overlap less brittle.
    """
    w = fold(word)
    table = _lemma_table()
    if table is not None:
        w = fold(table.get(w, w))
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


_HEADING_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# words a headline leaves in lower case ("Glenn Beck Rips Progressivism at CPAC")
_PARAGRAPH_END = re.compile(r"(?:[.!:;,…)\"”’]|\?[\"”’]?)$")
MAX_HEADING_WORDS = 25


def is_heading(paragraph: str, *, first: bool = False, title: str | None = None) -> bool:
    """Whether a paragraph of the body is a heading rather than prose: the article's title repeated,
    a line in headline case without a final stop ("Beck Wows the CPAC Crowd", "Site Mobile Navigation",
    "Correction: December 1, 2010"), or an unpunctuated short first paragraph (a headline in sentence
    case, "NRA urges states to allow more armed officers in schools"). Scraped and dataset bodies often
    start with one; read as a sentence it became a statement, a source ("Mo Cowan Senate") or the main
    event. Counted on the 210 BASIL articles: 19 paragraphs, all headings."""
    t = " ".join(paragraph.split())
    if not t or len(t) > 200:
        return False
    if title and fold(t).rstrip("?") == fold(" ".join(title.split())).rstrip("?"):
        return True
    words = _HEADING_WORD.findall(t)
    if len(words) < 2 or _PARAGRAPH_END.search(t) or DATELINE.match(t):
        return False  # a wire dateline on a line of its own opens the lead (join_fragments)
    if headline_case(t):  # the NLP stage's one definition, so that both stages read a headline alike
        return True
    return first and not t.endswith("?") and len(words) <= MAX_HEADING_WORDS


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
        bounds, parts = join_fragments(self.text, raw)
        if self.headings:
            # a heading's sentences are emptied like a joined fragment's: no statement, summary or event
            bounds = [(a, a) if self.in_heading(a) and a < b else (a, b) for a, b in bounds]
        return bounds, parts

    @cached_property
    def headings(self) -> list[tuple[int, int]]:
        """The (start, end) of the paragraphs that are headings (:func:`is_heading`), in text order."""
        out, at = [], 0
        title = self.aa.article.title
        for k, para in enumerate(self.aa.article.paragraphs):
            if is_heading(para, first=k == 0, title=title):
                out.append((at, at + len(para)))
            at += len(para) + len(PARAGRAPH_SEP)
        return out

    def in_heading(self, offset: int) -> bool:
        """Whether character ``offset`` lies in a heading paragraph."""
        return any(a <= offset < b for a, b in self.headings)

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


#: "WASHINGTON -- ", "WASHINGTON — ", "DANVILLE, Ky. –- ": a place in capitals (and its state) and a dash, which the
#: splitter's DATELINE (a date or an agency after the place) leaves in the sentence
_DASH_DATELINE = re.compile(r"^[A-Z][A-Z.'-]{2,}(?:\s[A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z][\w.]{1,12}(?:\s[A-Z][\w.]{1,12})?)?"
                            r"\s+(?:--|—|–|―)-?\s+(?=[A-Z“\"])")


def dateline_length(text: str) -> int:
    """How many characters of ``text`` its leading dateline (with the dash and spaces after it) takes:
    the splitter's DATELINE ("PORT ELLIN, March 3 (CPA) - ") or a place in capitals and a dash
    ("WASHINGTON -- "). The one test of a dateline for every step of the brief."""
    m = DATELINE.match(text) or _DASH_DATELINE.match(text)
    return m.end() if m else 0


def iso_date(value: str | None) -> date | None:
    """A full calendar date from an ISO string ("2026-03-02", "2026-03-02T23:00"); None for "2012",
    "2012-03" or anything else (publication dates for the leads, quantity dates for contradictions)."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def trim_dateline(text: str) -> str:
    """"PORT ELLIN, March 3 (CPA) - Fire broke out..." -> "Fire broke out..." (:func:`dateline_length`)."""
    out = text[dateline_length(text):].lstrip("-–— ")
    return out[0].upper() + out[1:] if out else text


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


_ENDS_IN_WORD = re.compile(r"[^\W_]$")


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
        # a sentence cut at a comma ("..., injuring 11 people," + "Kestle Police said.") or a colon ("support
        # from one parent:" + "Ada Vale, whose son ...", "lashed out on Twitter, saying:" + the tweet) is
        # unfinished: it goes on in the next one of its line, whatever its length
        unfinished = a < b and text[a:b].rstrip().endswith((",", ":"))
        # so is one cut after a title or "No." ("Reps." + "Steny Hoyer, Maryland, kept the No." +
        # "2 job of ..."): a title never ends a sentence, "No." does not before a number
        # and one that ends in a word with more of its paragraph after it: edited prose ends a sentence
        # with punctuation, so the splitter cut it, mostly between a title and a name ("... over House
        # Majority Leader" + "Eric Cantor (R-Va.) for ...", "said Representative" + "Mike Thompson ...")
        unfinished = unfinished or (a < b and _ENDS_IN_WORD.search(text[a:b].rstrip()) is not None)
        if a < b and not unfinished:
            last = text[a:b].split()[-1] if text[a:b].split() else ""
            word = last[:-1] if last.endswith(".") else ""
            unfinished = word.lower() in TITLE_ABBREVS or (
                word in NUMBER_ABBREVS and re.match(r"\s*\d", text[b:b + 3]) is not None)
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


_BOUNDARY_RE = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
# the titles of sentences.py and other abbreviations that rarely end a sentence
_ABBREV = TITLE_ABBREVS | frozenset([
    "no", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s", "a.m", "p.m"])


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
