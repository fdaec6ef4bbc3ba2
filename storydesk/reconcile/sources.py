"""The source graph (article -> cited source) and the independence of articles and statements.

Independence is what a fact-checker counts: two outlets repeating one wire story are one source, and two
articles quoting the same spokesman rest on that spokesman. Each sentence gets a set of *origin keys*
(the sources it rests on); two citations whose origin sets intersect are not independent, and a
statement's independent sources are the connected components of its citations under that relation.

A source the article describes but does not name ("passengers", "a source close to the crew") is shown,
marked unnamed or anonymous, but counts as no more than the outlet that reports it (``_Namer.scoped``).
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..nlp.components._common import PERSON_NOUNS, RELATIVE_PRON
from ..nlp.components.sentences import DATELINE
from ..records import DuplicateGroup, SourceRef, Span
from ..records.brief import Citation, Dependence, SourceEdge, SourceNode
from .common import (
    KNOWN_AGENCIES,
    REPORTING_VERBS,
    STOPWORDS,
    ArticleView,
    fold,
    is_people_group,
    is_people_noun,
    is_side_quote,
    norm_outlet,
    outlet_initials,
    party_tag_places,
    quote_content,
    pronoun_named_in_quote,
    quoted_name_only,
    verb_pattern,
    words,
)
from .entities import (
    NAMED_POSSESSIVE,
    NON_PERSON_WORDS,
    ORG,
    PERSON,
    PLACE_LABELS,
    THING,
    EntityIndex,
    common_head,
    is_acronym,
    person_tokens,
    role_head,
)

DOCUMENT_WORDS = frozenset(["poll", "polls", "report", "statement", "filing", "document", "documents", "letter", "memo", "memorandum", "court", "records", "press", "release", "transcript", "study", "survey", "audit", "indictment", "complaint", "lawsuit", "ruling", "judgment", "minutes", "email", "emails", "data", "figures", "bulletin", "notice", "log", "logbook", "manifest"])
_OUTLET_WORDS = re.compile(r"\b(?:wire|news|press|agency|times|post|herald|tribune|gazette|journal|radio|tv|"
                           r"television|broadcast\w*|courier|chronicle|ledger|observer|daily|weekly|magazine|"
                           r"newspaper|telegraph|express|mirror|standard|dispatch|bulletin|reporter)\b", re.IGNORECASE)
RELAY_KINDS = {"reported", "citing", "first_reported", "according_to", "told", "interview"}
#: the outlet words that make a name a news outlet's: not "agency" alone (the Central Intelligence Agency;
#: "Coastline Press Agency" has "press", an agency of the story or a known one is an outlet by name), and
#: not "press" of a press secretary, officer or release (a person, a document)
_NEWS_NAME = re.compile(_OUTLET_WORDS.pattern.replace("agency|", "").replace(
    "press|", r"press(?!\s+(?:secretar\w*|officers?|office|aides?|spokes\w+|releases?|conferences?|briefings?))|"),
    re.IGNORECASE)


@dataclass
class SourceAnalysis:
    nodes: list[SourceNode]
    edges: list[SourceEdge]
    dependencies: list[Dependence]
    #: (article, sentence) -> origin keys of that sentence
    origins: dict[tuple[int, int], frozenset[str]]
    #: origin key -> human label
    labels: dict[str, str]
    kinds: dict[str, str] = field(default_factory=dict)
    article_base: dict[int, set[str]] = field(default_factory=dict)
    #: unnamed source -> the body it speaks for ("a company spokesman" -> Skerra Line)
    affiliation: dict[str, str] = field(default_factory=dict)
    #: "doc:<article id>" -> the key of the outlet that published that article (copies excepted)
    publisher: dict[str, str] = field(default_factory=dict)
    #: ids of the entities that are news outlets (``Entity.news_outlet``)
    outlet_entities: set[str] = field(default_factory=set)
    #: (article, sentence) -> the sources that sentence names itself ("..., the agency reported")
    cited: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)

    def sentence_origins(self, view: ArticleView, sentence: int) -> frozenset[str]:
        return self.origins.get((view.index, sentence)) or self.default_origin(view)

    def describe(self, component: frozenset[str], among: list[frozenset[str]] | None = None,
                 cited: frozenset[str] | set[str] = frozenset()) -> str:
        """A label for a set of origin keys: the original source first (a person or document before
        the outlet that relayed it), then the outlet. ``among`` (the origin sets of the citations the
        component joins) puts the origins more of them share first; ``cited`` (the sources the
        sentences name themselves) puts a named outlet before the one that relays it."""
        rank = {"person": 0, "document": 1, "organization": 2, "outlet": 3}
        members = [s for s in among or () if s & component]
        # between outlets cited equally often, the one a sentence names ("..., the Coastline Press
        # Agency reported"), else the one that published a sentence of the component: a tabloid's own
        # line is the tabloid's, not the wire's it leans on elsewhere
        own = {self.publisher[k] for k in component if k in self.publisher}
        # the body an unnamed spokesman speaks for goes unsaid ("an unnamed spokesman for Skerra Line"
        # already names it): the outlet that relayed him is said instead
        spoken_for = {self.affiliation[k] for k in component if k in self.affiliation}
        keys = sorted((k for k in component if not k.startswith("doc:") and k not in spoken_for),
                      key=lambda k: (rank.get(self.kinds.get(k, "outlet"), 4), -sum(k in s for s in members),
                                     k not in cited, k not in own, self.labels.get(k, k)))
        if len(keys) >= 2 and all(self.kinds.get(k, "outlet") == "outlet" for k in keys[:2]):
            keys = keys[:1]  # outlets only: the one most citations rest on, not the one after it in the alphabet
        if not keys:
            keys = sorted(component)
        return " / ".join(dict.fromkeys(self.labels.get(k, k) for k in keys[:2]))

    def default_origin(self, view: ArticleView) -> frozenset[str]:
        base = self.article_base.get(view.index) or set()
        family = f"doc:{view.canonical or view.id}"
        return frozenset(base | {family})


def find_copies(views: list[ArticleView], *, threshold: float = 0.7) -> list[DuplicateGroup]:
    """Syndicated copies among a story's articles, when the grouping stage gave none.

    Exact shingle containment over a handful of articles: cheaper and simpler here than MinHash, which
    the grouping stage uses for whole corpora.
    """
    shingles = []
    for v in views:
        toks = [fold(w) for w in words(v.text)]
        shingles.append({" ".join(toks[i:i + 5]) for i in range(max(0, len(toks) - 4))})
    parent = list(range(len(views)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    sims: dict[tuple[int, int], float] = {}
    for i in range(len(views)):
        for j in range(i + 1, len(views)):
            a, b = shingles[i], shingles[j]
            if min(len(a), len(b)) < 20:
                continue
            c = len(a & b) / min(len(a), len(b))
            if c >= threshold:
                sims[(i, j)] = c
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(views)):
        groups[find(i)].append(i)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        # the earliest (then the longest) is the original the others copy
        canon = min(members, key=lambda i: (views[i].aa.article.published or "9999", -len(views[i].text)))
        copies = [views[i].id for i in members if i != canon]
        out.append(DuplicateGroup(
            canonical_id=views[canon].id, copies=copies,
            outlets=[views[i].outlet for i in members if i != canon],
            similarity={views[j].id: round(sims.get((min(canon, j), max(canon, j)), 0.0), 3)
                        for j in members if j != canon}))
    return out


#: last words of outlet names that are no paper's short name ("Westmark Online" is not "the Online")
_GENERIC_LAST_WORDS = frozenset(["online", "digital", "live", "today", "now", "world", "international", "network",
                                 "media", "group", "plus", "weekend", "sunday", "review", "report", "voice"])
#: when one name is cited as several kinds of source, the first of these wins
_KIND_RANK = ["outlet", "person", "document", "organization"]
#: words that make an unresolved speaker a body rather than a person
_BODY_WORDS = NON_PERSON_WORDS | {"office", "ministry", "government", "spokesman's", "staff", "officials"}
#: lower-case head nouns of a document beside DOCUMENT_WORDS, only in lower case since "National Review"
#: is an outlet ("Another security review found", "The White House plan calls for")
_DOCUMENT_HEADS = frozenset(["review", "plan", "proposal", "assessment", "analysis", "bill", "order", "ad"])


class _Namer:
    """Maps a cited name to one node key: entities through the entity index, outlets by name."""

    def __init__(self, views: list[ArticleView], entities: EntityIndex) -> None:
        self.entities = entities
        self.views = views
        self.outlets = {norm_outlet(v.outlet): v.outlet for v in views if v.outlet}
        # acronyms of outlets ("CPA" for "Coastline Press Agency") and a distinctive last word ("the
        # Herald" for "The Meridian Herald", when no other outlet of the story ends so) count as the outlet
        last_words: dict[str, set[str]] = defaultdict(set)
        for v in views:
            if v.outlet and not is_acronym(v.outlet):
                acr = outlet_initials(v.outlet)
                if len(acr) >= 2:
                    self.outlets.setdefault(norm_outlet(acr), v.outlet)
                words_ = v.outlet.split()
                # "the Herald", "the Beacon": a paper goes by the last word of its name ("Online" or
                # "Today" are no one's name)
                if len(words_) >= 2 and len(words_[-1]) >= 4 and words_[-1][:1].isupper() and (
                        _OUTLET_WORDS.fullmatch(words_[-1]) or fold(words_[-1]) not in _GENERIC_LAST_WORDS):
                    last_words[norm_outlet(words_[-1])].add(v.outlet)
        for w, outs in last_words.items():
            if len(outs) == 1 and w:
                self.outlets.setdefault(w, next(iter(outs)))
        # an acronym the texts define for an outlet ("the Northgate Wire (NGW)") is that outlet too
        for e in entities.entities:
            own = self.outlets.get(norm_outlet(e.name))
            if own and norm_outlet(e.name) == norm_outlet(own):
                for acr in e.acronyms:
                    self.outlets.setdefault(norm_outlet(acr), own)
        #: entity ids that are news outlets: named as one of the story's outlets (or its acronym or short
        #: name, "the Herald") or a known agency, or cited as an outlet (added by key())
        self.outlet_entities: set[str] = set()
        full_names = {norm_outlet(v.outlet) for v in views if v.outlet}
        for e in entities.entities:
            n = norm_outlet(e.name)
            if n and (n in full_names or e.label != PERSON and (
                    n in self.outlets or n in KNOWN_AGENCIES
                    or any(norm_outlet(a) in self.outlets for a in e.acronyms))):
                self.outlet_entities.add(e.id)
        self.labels: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        #: node key of an unnamed source ("a company spokesman") -> key of the body it speaks for
        self.affiliation: dict[str, str] = {}
        #: node key -> "unnamed" or "anonymous" (SourceNode.naming); a key not here is named
        self.naming: dict[str, str] = {}
        self._depth = 0
        self._by_id = {e.id: e for e in entities.entities}
        self._the_cache: dict[str, str] = {}
        self._proper_cache: dict[str, bool] = {}
        self._employer_cache: dict[tuple[str, int], str | None] = {}
        self._not_business_cache: dict[str, bool] = {}
        self._tag_cache: dict[int, frozenset[str]] = {}
        #: (article, body word) -> (offset, node key) of "the operator" resolved to the business named near
        self._word_body: dict[tuple[int, str], list[tuple[int, str]]] = {}

    def _tag_places(self, article: int) -> frozenset[str]:
        """The states an article writes in party tags ("(D-Ga.)" -> "ga")."""
        if article not in self._tag_cache:
            view = self.views[article] if 0 <= article < len(self.views) else None
            self._tag_cache[article] = party_tag_places(view.text) if view is not None else frozenset()
        return self._tag_cache[article]

    def _surname_of_person(self, name: str, article: int) -> bool:
        """Whether ``name``, not written as an outlet's full name, is a person's: with a personal title
        ("Mr. Fox"), or the surname of a person the entities name in full and resolve it to."""
        bare = re.sub(r"^the\s+", "", fold(name))
        if any(bare == re.sub(r"^the\s+", "", fold(v.outlet or "")) for v in self.views):
            return False
        toks = person_tokens(name)
        if not toks:
            return False
        titled = len(name.split()) > len(toks)
        eid = self.entities.resolve(name, article)
        ent = self.entities.get(eid) if eid else None
        if ent is None or ent.label != PERSON:
            return False
        full = person_tokens(ent.name)
        return titled or (len(full) >= 2 and fold(full[-1]) == fold(toks[-1]))

    def outlet_aliases(self) -> list[str]:
        """Outlet names as they may be written: the story's outlets, their acronyms, known agencies."""
        out = [n for n in self.outlets if n]
        out += [n.title() for n in self.outlets if n and not n.isupper()]
        for v in self.views:
            if v.outlet:
                out.append(v.outlet)
                out.append(re.sub(r"^The\s+", "", v.outlet))
                acr = outlet_initials(v.outlet)
                if len(acr) >= 2:
                    out.append(acr)
        for e in self.entities.entities:
            if e.label != "PERSON" and _NEWS_NAME.search(e.name):
                out.append(e.name)
                out.extend(e.acronyms)
        return out

    def key(self, name: str, article: int, *, person: bool = False, at: int | None = None) -> str | None:
        """The node key of a cited name in ``article``; ``at`` (a character offset) is where it is cited,
        so that "a company spokesman" or "her office" can be tied to the body or person named before."""
        name = " ".join(name.split()).strip(" ,.;:\"'“”")
        if not name or len(name) > 150:
            return None
        # a description resolves to a body through key() again: one level down, no further (a
        # description must not be taken for its own body, nor two for each other's)
        nested = self._depth > 0
        owned = None if nested else self._named_possessive(name, article)
        if owned is not None:
            return owned
        n = norm_outlet(name)
        # a speaker named as an outlet is the outlet ("The Daily Flare can reveal"), but a one-word
        # alias ("Herald") does not make a person an outlet, nor does an outlet's short name that is
        # the surname of a person the story names ("Fox" of Vicente Fox, beside Fox News)
        if n in self.outlets and (not person or n == norm_outlet(self.outlets[n])) \
                and not self._surname_of_person(name, article):
            k = f"src:outlet:{norm_outlet(self.outlets[n])}"
            self._note(k, self.outlets[n], "outlet")
            return k
        if self.entities.is_no_name(name):
            return None  # "Footage showed ...", "Democratic primary": no name of anyone
        if fold(name).strip(" .") in self._tag_places(article) and (person or len(name) <= 5):
            return None  # "Ga" of "Rep. Ann Vale (D-Ga.)": a state, never a source
        head = words(fold(name))[-1:]
        if head and head[0] in DOCUMENT_WORDS and len(name.split()) >= 2 and not _OUTLET_WORDS.fullmatch(head[0]) \
                and n not in KNOWN_AGENCIES:
            # "a Gull News poll", "the Tallow Chamber survey": a document, whoever made it (an outlet's
            # poll is no outlet, nor is it the outlet's reporting)
            k = "src:name:" + fold(re.sub(r"^(?:the|an?)\s+", "", name, flags=re.IGNORECASE))
            self._note(k, re.sub(r"^(?:an?)\s+", "", name, flags=re.IGNORECASE), "document")
            return k
        eid = self.entities.resolve(name, article)
        if eid is not None:
            ent = self.entities.get(eid)
            if ent and ent.label == THING:
                return None  # "He denied ..." resolved to the ship: a thing is no one's speaker or source
            if ent and person and ent.label in PLACE_LABELS:
                return None  # "he told Obama" resolved to "Conn" of "Waterbury, Conn.": a place says nothing
            k = f"src:{eid}"
            kind = "person" if ent and ent.label == PERSON else "organization"
            en = norm_outlet(ent.name) if ent else n
            if ent and ent.label != PERSON and _NEWS_NAME.search(ent.name):
                kind = "outlet"
            if ent and (en in self.outlets or en in KNOWN_AGENCIES or any(
                    norm_outlet(a) in self.outlets for a in ent.acronyms)):
                kind = "outlet"
            own = self.outlets.get(en) or next((self.outlets[norm_outlet(a)] for a in (ent.acronyms if ent else ())
                                                if norm_outlet(a) in self.outlets), None)
            if kind == "outlet" and ent:
                self.outlet_entities.add(ent.id)
            if kind == "outlet" and own:
                # "The Herald" resolved to the entity "Meridian Herald": the story's outlet, one node
                # (and the outlet's own article does not cite itself)
                k = f"src:outlet:{norm_outlet(own)}"
                self._note(k, own, "outlet")
                return k
            self._note(k, ent.name if ent else name, kind)
            return k
        if not person and (n in KNOWN_AGENCIES or _NEWS_NAME.search(name)):
            k = f"src:outlet:{n}"
            self._note(k, name, "outlet")
            return k
        unnamed = None if nested else self._unnamed(name, article, at)
        if unnamed is not None:
            return unnamed
        name_words = set(words(fold(name)))
        noun = common_head(name)
        if name_words & DOCUMENT_WORDS or name_words & {"reports", "posts", "media"} or noun in _DOCUMENT_HEADS:
            kind = "document"
            name = _lower_first(name, self.proper)  # "Unconfirmed reports on social media" opened a sentence
        elif is_people_group(name):
            kind = "person"  # "two crew members"; "Two crew members" opening a sentence is no name
            name = _lower_first(name, self.proper)
        # (a speaker headed by a body's noun is the body, however the NLP stage cited it: "The Obama
        # campaign said", "House GOP leadership")
        elif noun not in _CITED_BODY_NOUNS and (role_head(name) or (person and not name_words & _BODY_WORDS) or (
                (head := _head_words(name)) and fold(head[-1]) in _ANONYMOUS_HEADS)):
            # "a company spokesman", a speaker not named as a body ("Her office said"), "the source"
            kind = "person"
        else:
            kind = "organization"
            if name[:1].islower() and not re.match(r"(?:the|an?)\s", name) and any(
                    re.search(rf"\bthe\s+{re.escape(name)}\b", v.text[:200_000], re.IGNORECASE) for v in self.views):
                # a body described, not named, read as the texts write it: "the transport department"
                name = f"the {name}"
        bare = fold(re.sub(r"^(?:the|an?)\s+", "", name, flags=re.IGNORECASE))
        # one node per name: "a company spokesman" quoted (a person) and cited ("told ...", taken for an
        # organisation) is one source, not two
        k = f"src:name:{bare}"
        self._note(k, name, kind)
        return k

    def proper(self, word: str) -> bool:
        """Whether the story writes ``word`` capitalised inside a sentence ("the Republican senator"):
        a name or a word made from one, which keeps its capital at the start of a label too."""
        if word not in self._proper_cache:
            rx = re.compile(rf"[a-z,;]\s+{re.escape(word)}\b")
            self._proper_cache[word] = word[:1].isupper() and any(rx.search(v.text[:200_000]) for v in self.views)
        return self._proper_cache[word]

    def scoped(self, key: str | None, view: ArticleView, *, anonymous: bool = False) -> str | None:
        """The node of a source the article describes but does not name ("passengers", "a source close
        to the crew", "two crew members", "an unnamed spokeswoman" of no known body), as one article
        family's own (an article and its syndicated copies).

        Two outlets' "passengers" may be the same people or not; nothing says which. So an unnamed
        source is never one node across outlets (which would tie their reports together), and since
        its origin set also holds the outlet that reports it, it adds nothing to the count of
        independent sources beyond that outlet: it is that outlet's own reporting, shown with whom the
        outlet says it heard it from. A described source that speaks for a known body ("a company
        spokesman" -> Skerra Line) keeps its node: the body ties it to what the body says elsewhere.
        """
        if key is None:
            return None
        if key.startswith("src:name:") and self.kinds.get(key) == "person" and _describes_people(self.labels.get(key, "")):
            new = f"src:name:{view.canonical or view.id}:{key[len('src:name:'):]}"
            self._note(new, _plain_label(self.labels[key], self.proper), "person")
            key = new
        # "an unnamed spokesman for Skerra Line" and "Brodie's lawyer" are described by construction
        if self.kinds.get(key) == "person" and (key.startswith(("src:unnamed:", "src:of:")) or (
                key.startswith("src:name:") and _describes_people(self.labels.get(key, "")))):
            if anonymous or self.naming.get(key) == "anonymous":
                self.naming[key] = "anonymous"
            else:
                self.naming[key] = "unnamed"
        return key

    def _unnamed(self, name: str, article: int, at: int | None) -> str | None:
        self._depth += 1
        try:
            return self._unnamed_key(name, article, at)
        finally:
            self._depth -= 1

    def _unnamed_key(self, name: str, article: int, at: int | None) -> str | None:
        """A source described, not named: "a company spokesman", "a spokeswoman for the authority",
        "her office". It is shown as whom it speaks for ("an unnamed spokesman for Skerra Line",
        "Helena Rusk's office") and that body or person is recorded as its affiliation: a spokesman's
        word is his employer's, so it is not independent of what the employer says elsewhere."""
        view = self.views[article] if 0 <= article < len(self.views) else None
        m = _POSSESSIVE_SOURCE.fullmatch(name)
        if m and view is not None and at is not None:
            owner = _nearest_entity(view, self.entities, self._by_id, at, person=m.group(1).lower() in {"his", "her"})
            if owner is None:
                return None
            return self._affiliate(self._owned(owner, m.group(2).lower()), owner, article)
        head = role_head(name)
        bare = re.sub(r"^(?:the|an?|one|another)\s+", "", name, flags=re.IGNORECASE)
        if not head or any(t[:1].isupper() for t in bare.split()[1:]):
            return None  # a name ("Skerra Line spokesman Tom Bell") is the entity step's business
        parts = re.split(r"\s+(?:for|of|at|from|with)\s+", bare, maxsplit=1)
        pre, aff = parts[0], (parts[1] if len(parts) > 1 else "")
        pre_words = pre.split()
        role_at = max((i for i, w in enumerate(pre_words) if fold(w).strip(".,") == head), default=len(pre_words) - 1)
        modifiers = pre_words[:role_at]
        role = " ".join(pre_words[role_at:])
        body: str | None = None
        if aff:
            body = self._body(aff, article, at)
        elif modifiers:
            # "company spokesman", "ministry spokesman": the company or ministry named around it
            body = self._body(" ".join(modifiers), article, at)
            if body is not None:
                modifiers = []
        label_role = " ".join(modifiers + [role])
        label_role = _lower_first(label_role, self.proper)
        if body is None:
            k = f"src:name:{fold(bare)}"
            desc = f"an unnamed {_lower_first(bare, self.proper)}"
            self._note(k, desc, "person")
            return k
        k = f"src:unnamed:{fold(role)}:{body}"
        self._note(k, f"an unnamed {label_role} for {self._the(self.labels.get(body, body))}", "person")
        self.affiliation[k] = body
        return k

    def _named_possessive(self, name: str, article: int) -> str | None:
        """"Brodie's lawyer": the lawyer (named when the article names him: "Brodie's lawyer, Corin
        Malte,"), who speaks for Brodie, not Brodie."""
        m = NAMED_POSSESSIVE.fullmatch(name)
        if not m:
            return None
        self._depth += 1
        try:
            return self._possessive_key(name, m, article)
        finally:
            self._depth -= 1

    def _possessive_key(self, name: str, m: re.Match, article: int) -> str | None:
        owner_id = self.entities.resolve(m.group(1), article)
        owner = self.entities.get(owner_id) if owner_id else None
        if owner is None:
            return None
        noun = m.group(2).lower()
        eid = self.entities.resolve(name, article)  # the role the article gives a named person
        ent = self.entities.get(eid) if eid else None
        if ent is not None and ent.id != owner.id and ent.label == PERSON:
            k = f"src:{ent.id}"
            self._note(k, ent.name, "person")
        else:
            k = self._owned(owner, noun)
        return self._affiliate(k, owner, article)

    def _owned(self, owner, noun: str) -> str:
        """The node of "<owner>'s <noun>" ("Helena Rusk's office", "Brodie's lawyer")."""
        k = f"src:of:{owner.id}:{noun}"
        self._note(k, f"{owner.name}'s {noun}", "person" if role_head(noun) else "organization")
        return k

    def _affiliate(self, k: str, owner, article: int) -> str:
        """Record that node ``k`` speaks for ``owner`` (so it is not independent of it); returns ``k``."""
        owner_key = self.key(owner.name, article)
        if owner_key and owner_key != k:
            self.affiliation[k] = owner_key
        return k

    def _body(self, phrase: str, article: int, at: int | None) -> str | None:
        """The node key of the body a description names ("the authority", "Skerra Line", "company")."""
        phrase = phrase.strip(" ,.")
        bare = re.sub(r"^(?:the|an?|its|his|her|their)\s+", "", phrase, flags=re.IGNORECASE)
        if not bare:
            return None
        if any(t[:1].isupper() for t in bare.split()):
            eid = self.entities.resolve(bare, article)
            ent = self.entities.get(eid) if eid else None
            if ent is not None and ent.label != PERSON and ent.label != THING:
                return self.key(ent.name, article)
            return None
        if len(bare.split()) != 1:
            return None
        word = fold(bare)
        view = self.views[article] if 0 <= article < len(self.views) else None
        # 1. the one organisation of the article (then of the story) whose name holds the word
        #    ("ministry" -> "Nordvik foreign ministry", "authority" -> "Harbour Safety Authority")
        named = [e for e in self.entities.entities if e.label == ORG and word in fold(e.name).split()
                 and norm_outlet(e.name) not in self.outlets]
        local = [e for e in named if view is not None and view.id in e.articles]
        for cands in (local, named):
            if len(cands) == 1:
                return self.key(cands[0].name, article)
        if view is not None:
            # 2. a body the article cites under a name that holds the word (not an entity: "the
            #    Nordvik foreign ministry said")
            cited = {" ".join(r.organization.split()) for r in view.aa.sources
                     if r.organization and word in fold(r.organization).split()[1:]
                     and not role_head(r.organization)}
            if len(cited) == 1:
                return self.key(next(iter(cited)), article)
            # 3. the name the article gives the word ("the regional bus company Ostravik", "the operator,
            #    Ostravik,", "Ostravik, the operator,")
            w = re.escape(bare)
            nm = r"([A-Z][\w'&-]+(?:\s+[A-Z][\w'&-]+){0,3})"
            found = {" ".join(m.group(1).split()) for rx in (
                rf"\b{w}\s+{nm}", rf"\bthe\s+{w},\s+{nm},", rf"{nm},\s+(?:the|an?)\s+(?:[\w-]+\s+){{0,3}}{w}\b")
                for m in re.finditer(rx, view.text[:200_000])}
            # only an organisation of the story ("Friday, an administration official said" names no body)
            bodies = [self.entities.get(self.entities.resolve(n, article) or "") for n in found]
            keys = {self.key(e.name, article) for e in bodies if e is not None and e.label == ORG}
            keys.discard(None)
            if len(keys) == 1:
                return next(iter(keys))
            # 4. what the NLP stage took "the company" for elsewhere in the article ("according to
            #    the company" -> Skerra Line)
            taken = Counter(" ".join(r.organization.split()) for r in view.aa.sources if r.organization
                            and fold(re.sub(r"^(?:the|its)\s+", "", r.span.text.strip(), flags=re.IGNORECASE)) == word
                            and fold(r.organization) != word)
            if taken:
                name, _n = taken.most_common(1)[0]
                eid = self.entities.resolve(name, article)
                ent = self.entities.get(eid) if eid else None
                if ent is not None and ent.label == ORG:
                    return self.key(ent.name, article)
            # 5. a company word: the business named last before the citation
            if word in _COMPANY_WORDS and at is not None:
                ent = _nearest_entity(view, self.entities, self._by_id, at, person=False, business=True,
                                      not_business=self._not_business)
                if ent is not None:
                    k = self.key(ent.name, article)
                    if k is not None:
                        self._word_body.setdefault((article, word), []).append((at, k))
                    return k
                # none named near: the body the same word stood for earlier in the article (a writer
                # keeps one description for one body: "the operator said" in the lead and at the end)
                before = [k for a, k in self._word_body.get((article, word), ()) if a < at]
                if before:
                    return before[-1]
                # 6. the one business the article names at all (a union, public body or outlet is none)
                named_here = {eid for (a, _s, _e), eid in self.entities.by_mention.items() if a == article}
                biz = [e for e in (self._by_id.get(i) for i in sorted(named_here)) if e is not None
                       and e.label == ORG and not _NEWS_NAME.search(e.name) and norm_outlet(e.name) not in self.outlets
                       and not set(fold(e.name).split()) & _PUBLIC_BODY_WORDS and not self._not_business(e)]
                if len(biz) == 1:
                    return self.key(biz[0].name, article)
        return None

    def _not_business(self, ent) -> bool:
        """Whether the texts call the organisation a union, association or the like ("the Associated
        Locomotive Engineers (ALE) union", "the ALE union"): then "the operator" or "the company" is not
        it, however near it was named."""
        if ent.id not in self._not_business_cache:
            forms = sorted({f for f in (*ent.variants, *ent.acronyms, ent.name) if f and len(f) >= 2}, key=len,
                           reverse=True)
            alt = "|".join(re.escape(f) for f in forms)
            rx = re.compile(rf"(?<![\w-])(?:{alt})(?:\s*\([A-Z]{{2,8}}\))?\s+{_NOT_BUSINESS_HEADS}\b")
            self._not_business_cache[ent.id] = bool(alt) and any(rx.search(v.text[:200_000]) for v in self.views)
        return self._not_business_cache[ent.id]

    def employer(self, person_key: str | None, description: str | None, article: int) -> str | None:
        """The node of the organisation a named person's description says they work for or speak for
        ("Calder Regional Rail chief executive", "the chief executive of Calder Regional Rail", "a
        spokeswoman for the RWA"), when the story's entity list knows that name as an organisation
        (entities are typed after merging across articles, so a company one parse took for a place
        still counts). None for anyone else, and for roles that tie no one to a body ("a Skerra Line
        passenger", "a former ALE official")."""
        ent = self._by_id.get(person_key[4:]) if person_key and person_key.startswith("src:") else None
        if ent is None or ent.label != PERSON or not description:
            return None
        desc = " ".join(description.split()).strip(" ,.;:")
        if not desc or len(desc) > 200 or _FORMER.search(desc):
            return None
        cache_key = (desc, article)
        if cache_key not in self._employer_cache:
            self._employer_cache[cache_key] = self._employer(desc, article)
        return self._employer_cache[cache_key]

    def _employer(self, desc: str, article: int) -> str | None:
        role = role_head(desc)
        if role is None or role in _NO_AFFILIATION_ROLES:
            return None
        head_part = re.split(r"\s+(?:at|of|for|in|with|from|on|who|whose|which|and)\s+", desc, maxsplit=1)[0]
        best = None
        for e in self.entities.entities:
            if e.label != ORG or e.id in self.outlet_entities:
                continue
            for form in dict.fromkeys([e.name, *e.acronyms]):
                if len(form) < 2 or form not in desc:
                    continue
                for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", desc):
                    # the body before the role ("Calder Regional Rail chief executive") or right after
                    # it ("the chief executive of Calder Regional Rail", "a spokeswoman for the RWA")
                    before = m.end() <= len(head_part) and re.fullmatch(
                        r"(?:['’]s)?\s+(?:[\w'’-]+\s+){0,3}?" + re.escape(role), head_part[m.end():],
                        re.IGNORECASE)
                    after = m.start() >= len(head_part) and re.fullmatch(
                        r"\s+(?:at|of|for|with)\s+(?:the\s+)?", desc[len(head_part):m.start()], re.IGNORECASE)
                    if (before or after) and (best is None or len(form) > len(best[0])):
                        best = (form, e)
        if best is None:
            return None
        k = self.key(best[1].name, article)
        return k if k and self.kinds.get(k) != "outlet" else None

    def affiliations(self, keys: list[str | None]) -> list[str]:
        """The bodies the unnamed sources among ``keys`` speak for."""
        return [self.affiliation[k] for k in keys if k in self.affiliation]

    def _the(self, label: str) -> str:
        """"the Harbour Safety Authority", "Skerra Line": the article the texts put before a name."""
        if not label or label[:1].islower() or fold(label).startswith("the "):
            return label
        if label in self._the_cache:
            return self._the_cache[label]
        rx = re.compile(rf"(?<![\w-]){re.escape(label)}(?![\w-])")
        with_the = total = 0
        for v in self.views:
            for m in rx.finditer(v.text[:200_000]):
                total += 1
                with_the += bool(re.search(r"\bthe\s+$", v.text[max(0, m.start() - 5):m.start()], re.IGNORECASE))
        self._the_cache[label] = f"the {label}" if total and 2 * with_the >= total else label
        return self._the_cache[label]

    def _note(self, key: str, label: str, kind: str) -> None:
        self.labels.setdefault(key, label)
        old = self.kinds.get(key)
        if old is None or _KIND_RANK.index(kind) < _KIND_RANK.index(old):
            self.kinds[key] = kind


#: roles that tie no one to the body named in them ("a Skerra Line passenger", "a witness at the station"),
#: and experts, quoted for what they know rather than for the body they work at ("a naval engineer at the
#: University of Calder" does not speak for the university)
_NO_AFFILIATION_ROLES = frozenset(["witness", "survivor", "passenger", "victim", "suspect", "candidate", "activist",
                                   "economist", "analyst", "professor", "researcher", "scientist", "engineer"])
#: a role someone no longer holds speaks for no one
_FORMER = re.compile(r"\b(?:former|ex-|onetime|one-time|retired|erstwhile)", re.IGNORECASE)
_POSSESSIVE_SOURCE = re.compile(r"(his|her|their|its)\s+(office|spokes(?:man|woman|person)|lawyers?|attorneys?|"
                                r"aides?|staff|team|family|representatives?|agent|press office)", re.IGNORECASE)
#: words that name a business, not a public body: "a company spokesman" speaks for the business named before
_COMPANY_WORDS = frozenset(["company", "firm", "operator", "airline", "carrier", "group", "business", "employer",
                            "owner", "owners", "insurer", "retailer", "manufacturer", "maker", "developer"])
_PUBLIC_BODY_WORDS = frozenset(["authority", "agency", "ministry", "department", "government", "council", "police",
                                "court", "university", "hospital", "school", "commission", "committee", "office",
                                "service", "coastguard", "army", "navy", "embassy", "parliament"])


#: what a name is called when it is no business "the company" or "the operator" could stand for
_NOT_BUSINESS_HEADS = r"(?:union|unions|association|federation|confederation|council|charity|party|society|club)"

_BODY_NOUNS = _COMPANY_WORDS | _PUBLIC_BODY_WORDS
#: a body cited by its kind alone: "the operator", "the ferry's operator", "its owners"
_BARE_BODY = re.compile(r"(?:the|its|their)\s+([a-z-]+['’]s\s+)?(" + "|".join(sorted(_BODY_NOUNS)) + r")",
                        re.IGNORECASE)


def _without_name(text: str, name: str | None) -> str | None:
    """A mention or citation with the person's name taken out: what describes them ("Calder Regional Rail
    chief executive Simone Achterberg" -> "Calder Regional Rail chief executive"). None when the text does
    not name them: a mention that is no more than a description is a description already."""
    text = re.sub(r"^according\s+to\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    if not name:
        return text
    name = " ".join(name.split())
    forms = [name] + ([name.split()[-1]] if len(name.split()) > 1 else [])
    for form in forms:
        rx = rf"(?<![\w-]){re.escape(form)}(?![\w-])"
        if re.search(rx, text):
            return " ".join(re.sub(rx, " ", text).split()).strip(" ,;:") or None
    return text


def _apposed_org(end: int, namer: _Namer, article: int) -> str | None:
    """The node of the organisation named right after offset ``end``, set off by a comma ("the operator,
    Skerra Line, said"), or None."""
    view = namer.views[article] if 0 <= article < len(namer.views) else None
    if view is None:
        return None
    m = re.match(r",\s*", view.text[end:end + 5])
    if m is None:
        return None
    start = end + m.end()
    for (a, s, _e), eid in namer.entities.by_mention.items():
        if a == article and s == start:
            ent = namer.entities.get(eid)
            if ent is not None and ent.label == ORG:
                return namer.key(ent.name, article)
    return None


def _nearest_entity(view: ArticleView, entities: EntityIndex, by_id: dict, at: int, *, person: bool,
                    business: bool = False, not_business=None):
    """The entity mentioned last before offset ``at`` in this article, within about two sentences:
    a person (for "his"/"her"), or an organisation that is no outlet (``business``: nor a public body,
    nor one ``not_business`` says the texts call a union or the like)."""
    best = None
    for (a, s, _e), eid in entities.by_mention.items():
        if a != view.index or s >= at or at - s > 400:
            continue
        ent = by_id.get(eid)
        if ent is None or (ent.label == PERSON) != person or (not person and ent.label != ORG):
            continue
        if not person and _NEWS_NAME.search(ent.name):
            continue
        if business and (set(fold(ent.name).split()) & _PUBLIC_BODY_WORDS or (
                not_business is not None and not_business(ent))):
            continue
        if best is None or s > best[0]:
            best = (s, ent)
    return best[1] if best else None


def _group_in_place(ref: SourceRef, namer: _Namer, article: int) -> tuple[str, str, str, bool] | None:
    """A source named by common nouns and a place ("Business groups in Calder", "officials in Brenlow",
    "residents of Hesk") that the NLP stage gave as the place alone (its person, or a link of its chain
    after "officials"): the whole description is the source, not the town. Returns the place as cited,
    the words before it ("officials"), the description, and whether it is a person (its head is a word
    for people, "residents") rather than a body. None when no cited name is a place of the story."""
    span = re.sub(r"^according\s+to\s+", "", " ".join(ref.span.text.split()), flags=re.IGNORECASE)
    view = namer.views[article] if 0 <= article < len(namer.views) else None
    for place in dict.fromkeys(n.strip() for n in (ref.person, *ref.chain, ref.organization) if n and n.strip()):
        m = re.fullmatch(rf"(?:the\s+)?((?:[A-Za-z-]+\s+){{0,3}}?[a-z][a-z-]*)\s+(?:in|of|from|at|across)\s+"
                         rf"(?:the\s+)?{re.escape(place)}", span, re.IGNORECASE)
        if m is None or any(w[:1].isupper() for w in m.group(1).split()[1:]):
            continue
        if m.group(1)[:1].isupper() and (view is None or not re.search(
                r"(?:^|[.!?:;\n][\s\"'“‘(]*)$", view.text[max(0, ref.span.start - 5):ref.span.start])):
            continue  # "Smith of Calder": a capital inside the sentence starts a name, not a common noun
        eid = namer.entities.resolve(place, article)
        ent = namer.entities.get(eid) if eid else None
        if ent is None or ent.label not in PLACE_LABELS:
            continue
        text = re.sub(r"^the\s+", "", m.group(0), flags=re.IGNORECASE)
        return place, m.group(1), _lower_first(text, namer.proper), fold(m.group(1).split()[-1]) in PERSON_NOUNS
    return None


_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "him", "her", "them", "us"])
_DETERMINERS = frozenset(["the", "a", "an", "another", "one", "some", "many", "several", "other", "others", "most",
                          "his", "her", "their", "its", "our", "both", "all", "few"])
#: what follows a described source and belongs to its description ("a source close to the crew")
_QUALIFIER = re.compile(r"\s+((?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|"
                        r"involved\s+in|inside)\s+[^,.;:!?\"“”()]{1,60}?)(?=\s*[,.;:!?\"“”()]|\s+(?:"
                        + verb_pattern(REPORTING_VERBS, "alleged", "described") + r")\b)", re.IGNORECASE)
#: heads of a body described, not named ("the regional chamber of commerce", "the transport department")
_BODY_HEADS = frozenset(["chamber", "association", "federation", "union", "council", "board", "committee",
                         "commission", "department", "ministry", "agency", "authority", "office", "institute",
                         "society", "league", "alliance", "coalition", "trust", "foundation", "charity",
                         "government", "administration", "regulator", "watchdog", "inspectorate", "bureau",
                         "directorate", "organisation", "organization", "body", "coastguard", "embassy",
                         "parliament", "cabinet", "company", "firm", "operator", "court", "hospital", "university"])
#: lower-case head nouns (common_head) of a body, for a cited name: the noun the name is headed by, never a
#: word before it ("Romney campaign aide" is a person)
_CITED_BODY_NOUNS = _BODY_HEADS | (NON_PERSON_WORDS - {"new", "north", "south", "east", "west"}) | frozenset([
    "campaign", "camp", "administration", "leadership", "legislature", "caucus", "delegation", "panel", "regime",
    "military", "movement", "lobby", "industry", "network"])

#: heads of a source whose name is withheld by its nature ("a source close to the crew", "insiders")
_ANONYMOUS_HEADS = frozenset(["source", "sources", "insider", "insiders"])
_COUNT_WORDS_RE = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|thousands"
#: how a withheld name is introduced ("people familiar with the talks", "officials with knowledge of")
_IN_THE_KNOW = re.compile(r"\b(?:familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|close\s+to|briefed\s+on)\b",
                          re.IGNORECASE)
#: words an article uses when it withholds a source's name
_ANONYMITY = re.compile(
    r"\b(?:anonymous(?:ly)?|anonymity|(?:asked|wished|wanting|wants?|wanted|declined|refused|agreed)\s+not\s+to\s+be\s+"
    r"(?:named|identified)|(?:declined|refused)\s+to\s+be\s+(?:named|identified)|not\s+to\s+be\s+(?:named|identified)|"
    r"(?:did|does|do)\s+not\s+(?:want|wish)\s+to\s+be\s+(?:named|identified)|"
    r"not\s+(?:authori[sz]ed|allowed|permitted|cleared)\s+to\s+(?:speak|comment|discuss)|"
    r"on\s+(?:the\s+)?condition\s+(?:of|that))\b", re.IGNORECASE)


def _head_words(text: str) -> list[str]:
    """The words of a description before what qualifies it, without its determiners and counts:
    "The regional chamber of commerce" -> [regional, chamber]; "A source close to the crew" -> [source]."""
    head_part = re.split(r"\s+(?:of|for|at|in|from|with|on|close|familiar|who|whom|whose|which|that|inside|"
                         r"involved|briefed|aboard)\b", text.strip(), maxsplit=1, flags=re.IGNORECASE)[0]
    toks = re.findall(r"[A-Za-z][A-Za-z'’-]*", head_part)
    while toks and (fold(toks[0]) in _DETERMINERS or re.fullmatch(r"\d+", toks[0])):
        toks = toks[1:]
    return toks


def _describes_people(label: str) -> bool:
    """Whether a source label describes people rather than names someone: common nouns headed by a word
    for people ("passengers", "A source close to the crew", "an unnamed spokeswoman", "Republican
    lawmakers"); not "review" or "his campaign", which are no people, nor "Walter Greaves"."""
    toks = label.split()
    if not toks or any(t[:1].isupper() for t in toks[1:]):
        return False
    # a capital on the first word only is a sentence start or a word made from a name ("Republican
    # lawmakers", "CIA officers"): still people the article does not name
    head = _head_words(label)
    return bool(head) and is_people_noun(head[-1]) and len(head) <= 4


def _lower_first(label: str, proper=None) -> str:
    """The first letter of a description in lower case when it is capitalised only because it opens a
    sentence ("Passengers", "Two crew members", "Business groups in Calder"), not when the first word is
    a name or made from one ("U.S. officials", "CIA officers", "Republican lawmakers": ``proper`` tells
    a word the story writes capitalised inside sentences)."""
    toks = label.split()
    if not toks or any(c.isupper() for c in toks[0][1:]):
        return label
    first = fold(toks[0])
    if first in _DETERMINERS or is_people_noun(first) or re.fullmatch(rf"(?:{_COUNT_WORDS_RE})", first) \
            or proper is None or not proper(toks[0]):
        return label[:1].lower() + label[1:]
    return label


def _plain_label(label: str, proper=None) -> str:
    """"Passengers" -> "passengers", "Another passenger" -> "a passenger": a description shown in a
    list, not at the start of a sentence."""
    label = " ".join(label.split())
    label = re.sub(r"^(?:another|one)\s+(?=[a-z])", "a ", label, flags=re.IGNORECASE)
    label = re.sub(r"^a\s+(?=[aeiou])", "an ", label)
    return _lower_first(label, proper)


def _speaker_description(q, view: ArticleView) -> tuple[str, bool] | None:
    """A quote's speaker that the article describes but does not name, as (description, is a person):
    people ("Passengers", "Islanders", "Pals", "His family", "A source close to the crew" with the words
    that qualify it) or a body ("The regional chamber of commerce"). None for a thing ("The fire is
    believed to ...", "A video appears to show ..."), a bare body word ("the operator": the sources
    step resolves that to the body it stands for, or leaves it), or anything with a name in it."""
    sp = q.speaker
    if sp is None:
        return None
    text = " ".join(sp.text.split())
    if fold(text) in _PRONOUNS or fold(text) in RELATIVE_PRON:
        # "he said", following "Another passenger, who did not want to be named, said ..."; "One
        # passenger, who asked not to be named, alleged ...": the NLP stage keeps the mention "who" (as
        # PolNeAR marks it) and puts the antecedent in the description
        if not q.speaker_description:
            return None
        text = " ".join(q.speaker_description.split())
    else:
        m = _QUALIFIER.match(view.text, sp.end)
        if m:
            text = f"{text} {' '.join(m.group(1).split())}"
    toks = text.split()
    if not toks or len(text) > 100 or any(t[:1].isupper() for t in toks[1:]):
        return None
    head = _head_words(text)
    if not head:
        return None
    last = fold(head[-1])
    if is_people_noun(last) and not (len(head) > 1 and fold(head[0]) in _BODY_HEADS):
        return text, True
    # a body qualified by what it is ("regional chamber", "chamber of commerce"), not by whose it is
    # ("The ferry's operator": the sources step names that from its apposition, or leaves it)
    if last in _BODY_HEADS and not any(re.search(r"['’]s?$", w) for w in head) and (
            len(head) >= 2 or re.search(r"\s(?:of|for)\s", text)):
        return text, False
    return None


def _anonymous(view: ArticleView, at: int, description: str) -> bool:
    """Whether the article withholds the name of the source described at offset ``at``: "a source",
    "insiders", or "who asked not to be named", "on condition of anonymity" in its sentence after it."""
    head = _head_words(description)
    if head and fold(head[-1]) in _ANONYMOUS_HEADS or _IN_THE_KNOW.search(description):
        return True
    si = view.sentence_of(at)
    end = view.sentence_bounds[si][1] if si is not None else at + 200
    return bool(_ANONYMITY.search(view.text, at, min(end, at + 200)))


def _ordered_chain(ref: SourceRef, namer: _Namer, article: int) -> list[str]:
    """The keys of one attribution, nearest relay first: article -> outlet(s) -> original source.

    The NLP stage lists ``chain`` outermost first; which end is the original is clear from the kinds
    (a person or document originates, an outlet relays), so the order here does not depend on it.
    """
    # the chain may hold the person too: named as a person there as well ("Conn" of "Waterbury, Conn."
    # given as who told: a place, no source)
    names: list[tuple[str, bool]] = [(n, bool(ref.person) and fold(n) == fold(ref.person)) for n in ref.chain]
    group = _group_in_place(ref, namer, article)
    if group is not None:
        # "Business groups in Calder" given as the person "Calder", "officials in Brenlow" as the chain
        # ["officials", "Brenlow"]: the groups or the officials said it, not the town
        place, head, text, is_person = group
        names = [(n, p) for n, p in names if fold(n) not in {fold(place), fold(head)}] + [(text, is_person)]
        ref = ref.model_copy(update={k: None for k in ("person", "organization")
                                     if fold(getattr(ref, k) or "") in {fold(place), fold(head)}})
    if ref.person and all(fold(ref.person) != fold(n) for n, _ in names):
        names.append((ref.person, True))
    m = NAMED_POSSESSIVE.fullmatch(ref.span.text.strip())
    if m:
        # "Brodie's lawyer": the lawyer is the source (Brodie is whom he speaks for); outlets stay
        owner = fold(m.group(1))
        names = [(n, p) for n, p in names if namer.kinds.get(namer.key(n, article) or "") == "outlet"
                 and fold(n) != owner] + [(ref.span.text.strip(), True)]
    if ref.organization and all(fold(ref.organization) != fold(n) for n, _ in names):
        names.append((ref.organization, False))
    org = ref.organization
    org_key_ = namer.key(org, article) if org and ref.kind not in {"told", "interview"} else None
    if org_key_ and namer.kinds.get(org_key_) != "outlet" and not ref.person \
            and any(fold(n) == fold(org) for n, _ in names):
        # ["spokeswoman", "authority"]: one unnamed spokeswoman for the authority, not two sources
        for i, (n, is_person) in enumerate(names):
            if fold(n) != fold(org) and role_head(n) and not re.search(r"\s(?:for|of|at)\s", n) \
                    and not any(t[:1].isupper() for t in n.split()[1:]):
                names[i] = (f"{n} for {org}", is_person)
                names = [x for x in names if fold(x[0]) != fold(org)]
                break
    if any((e := namer.entities.get(namer.entities.resolve(n, article) or "")) is not None and e.label == ORG
           for n, _p in names):
        # ["Calder Regional Rail", "company"]: "the company" is the named body's description, not a
        # second source that the body cites
        names = [(n, p) for n, p in names if not (fold(n).strip() in _BODY_NOUNS and n.strip().islower())]
    keys: list[str] = []
    for n, is_person in names:
        k = namer.key(n, article, person=is_person, at=ref.span.start)
        if k and k not in keys:
            keys.append(k)
    bare = None if names else _BARE_BODY.fullmatch(" ".join(ref.span.text.split()))
    if bare is not None:
        # "the operator said", "The ferry's operator, Skerra Line, said" with no name given: the
        # organisation named in apposition, else (for "the operator" alone) the one the word stands
        # for in this article
        k = _apposed_org(ref.span.end, namer, article)
        if k is None and not bare.group(1):
            k = namer._body(bare.group(2), article, ref.span.start)
        if k:
            keys.append(k)
    relays = [k for k in keys if namer.kinds.get(k) == "outlet"]
    originals = [k for k in keys if namer.kinds.get(k) != "outlet"]
    if ref.person and originals:
        # "Jane Roe, a spokeswoman for the authority": the person is the source, her organisation
        # is her affiliation; keep both as origins but draw the edge to the person
        pass
    return relays + originals


def analyse_sources(views: list[ArticleView], entities: EntityIndex,
                    duplicates: list[DuplicateGroup]) -> SourceAnalysis:
    """Build the source graph and each sentence's origin set."""
    namer = _Namer(views, entities)
    by_id = {v.id: v for v in views}
    for group in duplicates:
        for copy in group.copies:
            if copy in by_id and group.canonical_id in by_id and copy != group.canonical_id:
                by_id[copy].canonical = group.canonical_id

    edges: dict[tuple[str, str, str], SourceEdge] = {}

    def add_edge(src: str, dst: str, kind: str, cit: Citation | None) -> None:
        if src == dst:
            return
        e = edges.get((src, dst, kind))
        if e is None:
            e = edges[(src, dst, kind)] = SourceEdge(source=src, target=dst, kind=kind)
        if cit is not None and len(e.citations) < 20:
            e.citations.append(cit)

    origins: dict[tuple[int, int], set[str]] = defaultdict(set)
    article_base: dict[int, set[str]] = defaultdict(set)
    own_outlet: dict[int, str] = {}
    relay_sents: dict[tuple[int, str], set] = defaultdict(set)
    for v in views:
        a_node = f"a:{v.id}"
        own_name = v.aa.article.outlet or _dateline_credit(v.text)
        own = namer.key(own_name, v.index) if own_name else None
        if own:
            own_outlet[v.index] = own
            namer.kinds[own] = "outlet"
        side = {(q.speaker.start, q.speaker.end) for q in v.aa.quotes if q.speaker and (qi := v.sentence_of(
            q.content.start)) is not None and is_side_quote(q, v, qi)}
        # speakers named in a sentence before their quote ("Teodor Vlasko was on the quay as the boats
        # came in. "There was smoke ..."): the quote's sentences are theirs (below), not the sentence
        # that names them, which is the outlet's own report of where they were
        ahead = {(q.speaker.start, q.speaker.end) for q in v.aa.quotes if q.speaker
                 and (qi := v.sentence_of(q.content.start)) is not None
                 and (sp := v.sentence_of(q.speaker.start)) is not None and sp < qi
                 and v.sentence_of(max(q.content.start, q.content.end - 1)) != sp}
        said_by = {(q.speaker.start, q.speaker.end): q.content.text for q in v.aa.quotes if q.speaker}
        for ref in [_specific(r, v, namer) for r in v.aa.sources] + _outlet_refs(v, namer):
            if _dateline_place(v.text, ref.span.start, ref.span.end) or v.in_heading(ref.span.start):
                continue  # where the story was filed, or a headline ("Mo Cowan Senate: ..."): no one's words
            if ref.person and (quoted_name_only(v.text, ref.person, ref.span.text) or pronoun_named_in_quote(
                    ref.person, ref.span.text, said_by.get((ref.span.start, ref.span.end)))):
                # "he" taken for a name the article only quotes, or one the quotation speaks of: the
                # speaker is unknown, not that name
                ref = ref.model_copy(update={"person": None, "chain": [n for n in ref.chain if n != ref.person]})
            si = v.sentence_of(ref.span.start)
            if ref.kind == "quote" and (ref.span.start, ref.span.end) in side | ahead:
                si = None  # the speaker of a side statement is not the sentence's source
            chain = _ordered_chain(ref, namer, v.index)
            anonymous = _anonymous(v, ref.span.start, ref.span.text)
            chain = [namer.scoped(k, v, anonymous=anonymous) for k in chain]
            chain = [k for k in chain if k and k != own]  # "the Herald has learned": not a citation
            if not chain:
                continue
            cit = v.cite(si, ref.span)
            prev = a_node
            for k in chain:
                add_edge(prev, k, ref.kind if prev == a_node else "citing", cit)
                prev = k
            if si is not None:
                # "according to Calder Regional Rail chief executive Simone Achterberg": her company too
                employers = [e for k in chain if (e := namer.employer(
                    k, _without_name(ref.span.text, ref.person), v.index)) and e not in chain]
                origins[(v.index, si)].update(chain + namer.affiliations(chain) + employers)
            for k in chain:
                if namer.kinds.get(k) == "outlet":
                    # citing the outlet for the lead, or as the first to report: the article rests on it
                    lead = si is not None and si <= 1
                    strong = lead or ref.kind in {"first_reported", "citing"}
                    relay_sents[(v.index, k)].add(-1 if strong else si)
                    if strong:
                        relay_sents[(v.index, k)].add(-2)
        for q in v.aa.quotes:
            # "Three residents said ...": a counted group is a source though the NLP stage names no one
            group = q.speaker.text.strip() if q.speaker is not None and is_people_group(q.speaker.text) else None
            # "Passengers described ...", "A source close to the crew claimed ...", "The regional
            # chamber of commerce urged ...": described, not named, and still who said it
            described = None if q.speaker_name or q.via or group else _speaker_description(q, v)
            if not q.speaker_name and not q.via and not group and not described:
                continue
            if q.speaker is not None and _dateline_place(v.text, q.speaker.start, q.speaker.end):
                continue
            if v.in_heading(q.content.start) or (q.speaker is not None and v.in_heading(q.speaker.start)):
                continue
            si = v.sentence_of(q.content.start)
            cit = v.cite(si, quote_content(q))
            at = q.speaker.start if q.speaker else q.content.start
            chain = [k for k in (namer.key(n, v.index, at=at) for n in q.via) if k and k != own]
            who = q.speaker_name or group or (_plain_label(described[0], namer.proper) if described else None)
            if q.speaker_name and q.speaker is not None and (
                    quoted_name_only(v.text, q.speaker_name, q.speaker.text)
                    or pronoun_named_in_quote(q.speaker_name, q.speaker.text, q.content.text)):
                # "He" resolved to "Money" of “D-Money”, or to the "President Obama" the quotation speaks
                # of: no one the article names
                who = None
            if q.speaker is not None and NAMED_POSSESSIVE.fullmatch(q.speaker.text.strip()):
                who = q.speaker.text.strip()  # "Brodie's lawyer" said it, not Brodie
            spk = namer.key(who, v.index, person=described[1] if described else True, at=at) if who else None
            spk = namer.scoped(spk, v, anonymous=_anonymous(v, at, who or ""))
            if q.speaker is not None and re.match(r"The\s+[A-Z]", q.speaker.text) and (
                    spk is None or spk.startswith("src:name:")):
                # "The Beacon can reveal": "The" before a capitalised word is a title, not a person
                alt = namer.key(q.speaker.text, v.index, at=at)
                if alt and namer.kinds.get(alt) == "outlet":
                    spk = alt
            if spk == own:
                spk = None  # "The Daily Flare can reveal": the article's own reporting, not a citation
            prev = a_node
            for k in chain + ([spk] if spk else []):
                add_edge(prev, k, "quote" if prev == a_node else "citing", cit)
                prev = k
            # "Calder Regional Rail chief executive Simone Achterberg said": a named person's statement
            # rests on the organisation her description says she speaks for, too
            employer = namer.employer(spk, q.speaker_description, v.index) or namer.employer(
                spk, _without_name(q.speaker.text, q.speaker_name) if q.speaker is not None else None, v.index)
            if si is not None and not is_side_quote(q, v, si):
                # a quote running over several sentences ("...night. We are cooperating fully...")
                # is the speaker's in each of them, not the relaying article's own reporting
                last = v.sentence_of(max(q.content.start, q.content.end - 1))
                for sj in range(si, (last if last is not None and last >= si else si) + 1):
                    origins[(v.index, sj)].update(chain + ([spk] if spk else []) + namer.affiliations([spk])
                                                  + ([employer] if employer else []))
            for k in chain:
                relay_sents[(v.index, k)].add(si)
        # An article rests on an outlet it relays (its unattributed sentences too) when it cites that
        # outlet in two sentences or more, for its lead, as the first to report, or in a wire credit.
        for (ai, k), sents in relay_sents.items():
            if ai == v.index and (len(sents) >= 2 or _credits(v, namer.labels.get(k, ""))):
                article_base[v.index].add(k)
    for v in views:
        if v.canonical:
            add_edge(f"a:{v.id}", f"a:{v.canonical}", "copy_of", None)

    # A story from an outlet of the story counts as that outlet's own reporting: an article citing
    # that outlet then rests on it.
    final: dict[tuple[int, int], frozenset[str]] = {}
    for v in views:
        family = f"doc:{v.canonical or v.id}"
        own = own_outlet.get(v.index)
        base = set(article_base.get(v.index, ()))
        if own and not v.canonical:  # a copy does no reporting of its own
            base.add(own)
        article_base[v.index] = base
        for si in range(len(v.sentences)):
            attributed = origins.get((v.index, si))
            # an attributed sentence rests on its source and on the outlet that relayed it: another
            # article citing that outlet for it is not independent of this one
            relayed = {own} if own and not v.canonical else set()
            final[(v.index, si)] = frozenset((attributed | relayed if attributed else base) | {family})

    nodes: list[SourceNode] = []
    for v in views:
        nodes.append(SourceNode(id=f"a:{v.id}", label=v.aa.article.title or v.id, kind="article",
                                article_id=v.id, outlet=v.outlet))
    used = {e.target for e in edges.values()} | {e.source for e in edges.values()}
    for k, label in namer.labels.items():
        if k in used and not k.startswith("a:"):
            nodes.append(SourceNode(id=k, label=label, kind=namer.kinds.get(k, "organization"),
                                    naming=namer.naming.get(k, "named")))

    dependencies = _dependencies(views, article_base, duplicates, namer)
    labels = dict(namer.labels)
    for v in views:
        labels[f"doc:{v.id}"] = f"{v.outlet}: {v.aa.article.title or v.id}"
    publisher = {f"doc:{v.id}": own_outlet[v.index] for v in views if v.index in own_outlet and not v.canonical}
    # an entity's node may have become an outlet after it was first noted ("the Herald has learned")
    outlet_entities = namer.outlet_entities | {
        k[4:] for k, kind in namer.kinds.items() if kind == "outlet" and k[4:] in namer._by_id
        and _NEWS_NAME.search(namer._by_id[k[4:]].name)}
    return SourceAnalysis(nodes=nodes, edges=list(edges.values()), dependencies=dependencies,
                          origins=final, labels=labels, kinds=dict(namer.kinds),
                          article_base=dict(article_base), affiliation=dict(namer.affiliation),
                          publisher=publisher, outlet_entities=outlet_entities,
                          cited={k: frozenset(o) for k, o in origins.items() if o})


_GENERIC_OUTLET = re.compile(r"(?:the\s+)?(?:news\s+)?(?:agency|wire(?:\s+service)?|newspaper|paper)", re.IGNORECASE)


def _specific(ref: SourceRef, view: ArticleView, namer: _Namer) -> SourceRef:
    """"the agency said" -> the one news agency this article names in an attribution."""
    names = [n for n in (ref.organization, *ref.chain) if n]
    if not names or not any(_GENERIC_OUTLET.fullmatch(n.strip()) for n in names):
        return ref
    # longest first so a longer name wins the alternation; ties by name, not by the set's hash order
    alt = "|".join(sorted((re.escape(n) for n in set(namer.outlet_aliases()) if n and len(n) >= 2),
                          key=lambda n: (-len(n), n)))
    if not alt:
        return ref
    cited = {namer.outlets.get(norm_outlet(n), n) for n in out_named(view, alt)}
    cited = {n for n in cited if re.search(r"agency|press|wire", n, re.IGNORECASE)}
    if len(cited) != 1:
        return ref
    agency = next(iter(cited))
    return ref.model_copy(update={
        "organization": agency if ref.organization and _GENERIC_OUTLET.fullmatch(ref.organization.strip())
        else ref.organization,
        "chain": [agency if _GENERIC_OUTLET.fullmatch(c.strip()) else c for c in ref.chain]})


def _outlet_refs(view: ArticleView, namer: _Namer) -> list[SourceRef]:
    """Citations of news outlets the NLP stage did not record ("as first reported by the Ellin
    Courier", "told CPA"): outlets matter most for independence, and their names are known."""
    names = set(namer.outlets.values()) | {n for n in namer.outlet_aliases()}
    names = {n for n in names if n and len(n) >= 2}
    if not names:
        return []
    alt = "|".join(sorted((re.escape(n) for n in names), key=lambda n: (-len(n), n)))
    covered = [(r.span.start, r.span.end) for r in view.aa.sources]
    out = []
    # "the agency said": the one news agency this article cites by name
    agencies = {namer.outlets.get(norm_outlet(n), n) for n in out_named(view, alt)}
    agencies = {n for n in agencies if re.search(r"agency|press|wire", n, re.IGNORECASE)}
    extra = [(r"\bthe\s+(agency)\s+(?:said|reported|says|reports)\b", "reported")] if len(agencies) == 1 else []
    for rx, kind in extra + [(rf"\b(?:as\s+)?first\s+reported\s+by\s+(?:the\s+)?({alt})\b", "first_reported"),
                     (rf"\baccording\s+to\s+(?:the\s+)?({alt})\b", "according_to"),
                     (rf"\b(?:the\s+)?({alt})\s+(?:reported|reports|said|says)\b", "reported"),
                     (rf"\b(?:told|telling)\s+(?:the\s+)?({alt})\b", "told"),
                     (rf"\bciting\s+(?:the\s+)?({alt})\b", "citing"),
                     (rf"\bin\s+an\s+interview\s+with\s+(?:the\s+)?({alt})\b", "interview")]:
        for m in re.finditer(rx, view.text):
            if any(a < m.end() and m.start() < b for a, b in covered):
                continue
            covered.append(m.span())
            org = m.group(1) if m.group(1).lower() != "agency" else next(iter(agencies))
            out.append(SourceRef(kind=kind, span=Span(start=m.start(), end=m.end(), text=m.group(0)),
                                 organization=org))
    return out


def out_named(view: ArticleView, alt: str) -> list[str]:
    """Outlet names this article mentions in an attribution ("told CPA", "according to X")."""
    rx = rf"\b(?:according\s+to|told|citing|reported\s+by|with)\s+(?:the\s+)?({alt})\b|\b({alt})\s+reported\b"
    return [m.group(1) or m.group(2) for m in re.finditer(rx, view.text)]


def _dateline(text: str, start: int = 0) -> re.Match | None:
    """The wire dateline opening the paragraph at ``start`` (sentences.DATELINE: "PORT ELLIN, March 3
    (CPA) -", "Denver (AP) –"; in title case only an agency's initials or name count as a credit, so
    that "Ada Vale (Green) – ..." is none), with its credit as group "credit" or "agency"."""
    return DATELINE.match(text[start:start + 300])


def _dateline_place(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, opening a paragraph, is the place of a wire dateline ("Denver (AP) –
    Colorado's top law officer promises ..."): where the story was filed, not who said it."""
    if start > len(text) or (start > 0 and text[start - 1] != "\n"):
        return False
    m = _dateline(text, start)
    credit = m and (m.start("credit") if m.group("credit") is not None else m.start("agency"))
    return bool(m) and credit > end - start >= 0


def _dateline_credit(text: str) -> str | None:
    """"PORT ELLIN, March 3 (CPA) - ...": the agency that wrote the story, for an article whose
    outlet is unknown."""
    m = _dateline(text.lstrip())
    credit = m and (m.group("credit") or m.group("agency"))
    return credit.strip() if credit else None


def _credits(view: ArticleView, outlet: str) -> bool:
    """A wire credit: "(Reuters)" in the dateline, "reporting by/from X", "X contributed"."""
    if not outlet:
        return False
    acr = outlet_initials(outlet)
    name = re.escape(outlet) + (f"|{re.escape(acr)}" if len(acr) >= 2 else "")
    name = f"(?:{name})"
    head = view.text[:300]
    return bool(re.search(rf"\(\s*{name}\s*\)", head) or re.search(
        rf"(?:reporting (?:by|from)|additional reporting(?: by| from)?|with reporting (?:by|from)|via)\s+(?:the\s+)?{name}|{name}\s+contributed",
        view.text, flags=re.IGNORECASE))


def _dependencies(views: list[ArticleView], base: dict[int, set[str]], duplicates: list[DuplicateGroup],
                  namer: _Namer) -> list[Dependence]:
    out: list[Dependence] = []
    ids = {v.id for v in views}
    for g in duplicates:
        members = [g.canonical_id] + [c for c in g.copies if c != g.canonical_id]
        members = [m for m in members if m in ids]
        if len(members) >= 2:
            out.append(Dependence(articles=members, reason="syndicated-copy",
                                  sources=[f"a:{g.canonical_id}"]))
    # articles resting on one outlet (its own article, or relayed by others)
    resting: dict[str, list[str]] = defaultdict(list)
    for v in views:
        if v.canonical:
            continue
        for k in sorted(base.get(v.index, ())):
            resting[k].append(v.id)
    for k, arts in sorted(resting.items()):
        if len(arts) >= 2:
            out.append(Dependence(articles=arts, reason="shared-source", sources=[k]))
    return out


def count_independent(origin_sets: list[frozenset[str]]) -> tuple[int, list[frozenset[str]]]:
    """Connected components of citations that share an origin: the number of independent sources."""
    comps: list[set[str]] = []
    for s in origin_sets:
        hit = [c for c in comps if c & s]
        merged = set(s)
        for c in hit:
            merged |= c
            comps.remove(c)
        comps.append(merged)
    return len(comps), [frozenset(c) for c in comps]


_QUOTE_WORD = re.compile(r"[\w']+")


def quoted_words(sentence: str) -> list[str]:
    """The folded words a sentence gives between quotation marks: its opening and closing marks, or,
    for a quotation running over several sentences, from the start to a closing mark ("We reject his
    visit.”") or from an opening mark to the end. Empty for a sentence without quotation marks."""
    text = sentence.replace("’", "'").replace("‘", "'")
    marks = [(i, c) for i, c in enumerate(text) if c in "“”\""]
    if not marks:
        return []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, c in marks:
        # a straight mark opens when a word follows it ('"We can'), else it closes ('accordingly."')
        opening = c == "“" or (c == '"' and start is None and i + 1 < len(text) and text[i + 1].isalnum())
        if start is None and opening:
            start = i + 1
        elif start is None:
            spans.append((0, i))  # closes a quotation opened in an earlier sentence
        else:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    out: list[str] = []
    for a, b in spans:
        out.extend(fold(w) for w in _QUOTE_WORD.findall(text[a:b]))
    return out


def _shared_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of words two lists share."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def one_quotation(sentences: list[str], *, run: int = 8, share: float = 0.8, shortest: int = 3,
                  unmarked_run: int = 8) -> bool:
    """Whether these sentences (from different articles) all quote the same words: each shares with the
    longest quotation among them a run of ``run`` quoted words, or of ``share`` of the shorter quotation
    (at least ``shortest`` words). A sentence without quotation marks (the middle of a quotation running
    over several sentences) counts when it repeats ``unmarked_run`` words of it verbatim. The same words
    in quotation marks are one utterance by one speaker, however each outlet credits them; a shared
    phrase is not ("These guys are on the wrong side of history" / "I think it shows they are on the
    wrong side of history": two people)."""
    quoted = [quoted_words(s)[:200] for s in sentences]  # bounded: quadratic run search
    marked = [q for q in quoted if q]
    if len(quoted) < 2 or not marked or any(len(q) < shortest for q in marked):
        return False
    first = max(marked, key=len)
    for s, q in zip(sentences, quoted, strict=True):
        if q is first:
            continue
        if q:
            if _shared_run(first, q) < min(run, max(shortest, math.ceil(share * min(len(first), len(q))))):
                return False
        elif _shared_run(first, [fold(w) for w in _QUOTE_WORD.findall(s.replace("’", "'"))][:200]) < unmarked_run:
            return False
    return True


#: quotations shorter than this many words are compared whole (one_quotation wants three)
SHORT_QUOTATION = 3


def one_short_quotation(sentences: list[str]) -> bool:
    """Whether sentences of one statement group all quote the same one or two words ("Stop lying!"),
    at least one in quotation marks; a sentence without marks counts when it is those words and no
    more (a post quoted on its own line). Too short for :func:`one_quotation`'s shared run, the
    words must then be the very same, and say something (not only "he said")."""
    if len(sentences) < 2:
        return False
    seen: list[list[str]] = []
    marked = 0
    for s in sentences:
        q = quoted_words(s)
        if q:
            marked += 1
        else:
            q = [fold(w) for w in _QUOTE_WORD.findall(s.replace("’", "'"))]
        if not 0 < len(q) < SHORT_QUOTATION:
            return False
        seen.append(q)
    if not marked or any(q != seen[0] for q in seen):
        return False
    return any(w not in STOPWORDS for w in seen[0])


def one_speaker(analysis: SourceAnalysis, origin_sets: list[frozenset[str]],
                sentences: list[str]) -> list[frozenset[str]]:
    """The origin sets of citations that quote one utterance, made to rest on one speaker.

    Outlets quoting the same words are not independent of each other: the words have one speaker. When
    the outlets credit different people (a lawyer's statement put in his client's name, an interviewer
    taken for the interviewee) or one credits nobody, the person most citations credit stands for all,
    ties going to the one a sentence names itself; with no person credited anywhere, the citations are
    joined to one another (one unnamed speaker). One utterance: :func:`one_quotation`, or for a quotation
    of one or two words :func:`one_short_quotation`."""
    if not (one_quotation(sentences) or one_short_quotation(sentences)):
        return origin_sets
    persons = [{k for k in s if analysis.kinds.get(k) == "person"} for s in origin_sets]
    votes: Counter = Counter(k for p in persons for k in p)
    if not votes:
        shared = frozenset().union(*origin_sets)
        return [shared for _ in origin_sets]

    def named(k: str) -> int:
        label = analysis.labels.get(k, "")
        last = fold(label.split()[-1]) if label.split() else ""
        return sum(1 for s in sentences if last and last in fold(s))

    speaker = max(votes, key=lambda k: (votes[k], named(k), analysis.labels.get(k, k)))
    return [frozenset((s - p) | {speaker}) for s, p in zip(origin_sets, persons, strict=True)]
