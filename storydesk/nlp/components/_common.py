"""Word lists and parse helpers shared by storydesk's components.

The components must run on any English spaCy pipeline with a parser: the bundled one (UD labels,
trained on EWT, possibly without a lemmatizer) and ``en_core_web_*`` (ClearNLP labels). So verbs are
matched on their surface forms through :data:`VERB_FORMS` rather than on ``token.lemma_``, and every
dependency test accepts both label sets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

# --- dependency labels, UD and ClearNLP --------------------------------------------------------------

SUBJ = {"nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl"}
OBJ = {"obj", "dobj"}
IOBJ = {"iobj", "dative"}
CCOMP = {"ccomp"}
XCOMP = {"xcomp"}
APPOS = {"appos"}
NP_LEFT = {"det", "amod", "compound", "flat", "flat:name", "nmod:poss", "poss", "nummod", "nn",
           "quantmod", "advmod", "compound:prt", "det:poss", "nmod:npmod", "npadvmod"}
NAME_PARTS = {"compound", "flat", "flat:name", "nn"}

# --- verbs of saying and thinking ---------------------------------------------------------------------

_IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "writes", "writing", "written"],
    "think": ["thought", "thinks", "thinking"],
    "speak": ["spoke", "spoken", "speaks", "speaking"],
    "feel": ["felt", "feels", "feeling"],
    "know": ["knew", "known", "knows", "knowing"],
    "deny": ["denied", "denies", "denying"],
    "reply": ["replied", "replies", "replying"],
    "testify": ["testified", "testifies", "testifying"],
    "worry": ["worried", "worries", "worrying"],
    "post": ["posted", "posts", "posting"],
    "tweet": ["tweeted", "tweets", "tweeting"],
    "admit": ["admitted", "admits", "admitting"],
    "quip": ["quipped", "quips"],
    "hear": ["heard", "hears"],
    "read": ["reads", "reading"],
    "show": ["showed", "shown", "shows"],
    "find": ["found", "finds"],
    "call": ["called", "calls", "calling"],
    "forecast": ["forecast", "forecasts", "forecasted"],
    "retort": ["retorted", "retorts"],
    "put": ["puts"],
}

#: verbs that introduce what someone said or wrote
SPEECH_VERBS = {
    "say", "tell", "write", "add", "warn", "deny", "admit", "claim", "argue", "insist", "state", "announce",
    "explain", "note", "suggest", "report", "acknowledge", "confirm", "allege", "assert", "contend",
    "predict", "promise", "vow", "estimate", "tweet", "post", "reply", "respond", "answer", "ask", "urge",
    "recall", "stress", "emphasize", "emphasise", "maintain", "concede", "complain", "declare", "testify",
    "comment", "observe", "remark", "indicate", "reveal", "disclose", "mention", "repeat", "reiterate",
    "caution", "charge", "boast", "joke", "quip", "shout", "yell", "whisper", "conclude", "agree",
    "counter", "retort", "continue", "hint", "speak", "pledge", "threaten", "accuse", "describe", "read",
    "forecast", "project", "signal", "propose", "recommend", "demand", "lament", "concur",
    "dispute", "reject", "question", "wonder", "point", "cite", "show", "find", "put", "attest", "relate",
    "call",
}
#: verbs of believing: attributions of a mental state (PolNeAR counts them)
THINK_VERBS = {"think", "believe", "feel", "know", "hope", "fear", "worry", "expect", "doubt", "suspect",
               "assume", "understand", "consider", "realize", "realise", "insist", "recognize",
               "recognise", "anticipate", "imagine", "bet", "figure", "guess", "reckon", "want"}
#: cues that make a statement denied rather than merely attributed
DENIAL_VERBS = {"deny", "dispute", "reject", "refute", "dismiss", "rebut", "contest"}
#: cues that keep a distance from what they introduce
HEDGING_VERBS = {"claim", "allege", "purport", "suggest", "speculate", "insist"}


def _regular_forms(lemma: str) -> list[str]:
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if re.search(r"(s|sh|ch|x|z)$", lemma):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


def _build_forms(lemmas: Iterable[str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma in lemmas:
        for form in _regular_forms(lemma) + _IRREGULAR.get(lemma, []):
            forms.setdefault(form, lemma)
    for lemma, extra in _IRREGULAR.items():
        if lemma in lemmas:
            for form in extra:
                forms[form] = lemma
    return forms


#: surface form (lower case) -> lemma, for the verbs above
VERB_FORMS: dict[str, str] = _build_forms(SPEECH_VERBS | THINK_VERBS | DENIAL_VERBS | HEDGING_VERBS)
# forms that are far more often something else
for _f in ("put", "puts", "read", "point", "points", "project", "projects", "charge", "charges", "post",
           "posts", "find", "finds", "question", "questions", "want", "wants", "wanted",
           "continue", "continues", "continued", "continuing", "bet", "figure", "figures", "relate",
           "relates", "related", "cite", "cites", "cited", "consider", "considers", "considered",
           "describe", "describes", "signal", "signals", "reading", "finding", "showing",
           "pointing", "understanding", "speaking", "feeling", "thinking", "call", "calls", "calling"):
    VERB_FORMS.pop(_f, None)


def verb_lemma(tok: Token) -> str | None:
    """The lemma of a saying/thinking verb, or None when the token is not one."""
    if tok.pos_ not in {"VERB", "AUX", ""} and not (tok.pos_ in {"NOUN", "PROPN", "ADJ"}
                                                    and tok.tag_.startswith("VB")) and not _adjective_verb(tok):
        return None
    return VERB_FORMS.get(tok.lower_)


def _adjective_verb(tok: Token) -> bool:
    """"One passenger, who asked not to be named, alleged that ...": after a relative clause the small
    tagger can call a past-tense verb of saying an adjective, but an adjective takes no "that"-clause;
    only "-ed" forms, whose adjective reading ("the alleged fraud") takes none."""
    return (tok.pos_ == "ADJ" and tok.lower_.endswith("ed") and tok.lower_ in VERB_FORMS
            and any(c.dep_ in CCOMP and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    for c in tok.children))


#: phrases after a cue that name the medium ("said in a statement", "wrote on Twitter")
MEDIA = {
    "statement": "statement", "press release": "statement", "release": "statement", "communique": "statement",
    "twitter": "twitter", "tweet": "twitter", "x": "twitter", "facebook": "social media",
    "instagram": "social media", "telegram": "social media", "truth social": "social media",
    "social media": "social media", "post": "social media", "blog": "blog", "interview": "interview",
    "letter": "letter", "email": "email", "e-mail": "email", "speech": "speech", "news conference": "press conference",
    "press conference": "press conference", "briefing": "press conference", "op-ed": "op-ed",
    "court filing": "document", "filing": "document", "report": "report", "video": "video",
}
MEDIUM_VERBS = {"tweet": "twitter", "post": "social media", "write": "written"}

# --- people and organisations ------------------------------------------------------------------------

TITLES = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sir", "dame",
          "lord", "lady", "rev", "rev.", "gen", "gen.", "col", "col.", "sgt", "sgt.", "lt", "lt.", "capt",
          "capt.", "sen", "sen.", "rep", "rep.", "gov", "gov.", "pres", "pres.", "president", "senator",
          "governor", "minister", "mayor", "judge", "justice", "chancellor", "secretary", "commissioner",
          "chief", "inspector", "detective", "officer", "sheriff", "professor", "doctor", "general",
          "colonel", "captain", "sergeant", "prime", "deputy", "vice", "ambassador", "king", "queen",
          "prince", "princess", "pope", "bishop", "father", "sister", "brother", "speaker", "leader",
          "congressman", "congresswoman", "councillor", "councilman", "councilwoman", "mp", "attorney", "representative"}
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother", "congressman",
               "councilman"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "sister",
                 "congresswoman", "councilwoman"}
MALE_PRON = {"he", "him", "his", "himself"}
FEMALE_PRON = {"she", "her", "hers", "herself"}
PLURAL_PRON = {"they", "them", "their", "we", "us", "our"}
PERSON_PRON = MALE_PRON | FEMALE_PRON | {"i", "me", "my", "you"}
#: relative pronouns, which the parse may give as a subject ("One passenger, who asked ..., alleged")
RELATIVE_PRON = frozenset({"who", "which", "that"})

#: words that make a capitalised name an outlet or organisation when NER says nothing
ORG_WORDS = {"line", "lines", "airlines", "airways", "railways", "holdings", "partners", "times", "post", "news", "courier", "mail", "express", "standard", "bulletin", "dispatch",
             "register", "inquirer", "enquirer", "examiner", "globe", "sentinel", "monitor", "gazette", "journal", "herald", "tribune", "agency", "press",
             "tv", "radio", "daily", "telegraph", "guardian", "observer", "chronicle", "review", "magazine",
             "wire", "network", "broadcasting", "corporation", "inc", "inc.", "ltd", "ltd.", "llc", "corp",
             "corp.", "co", "co.", "group", "company", "bank", "university", "institute", "ministry",
             "department", "office", "council", "committee", "commission", "party", "police",
             "court", "union", "association", "foundation", "center", "centre", "organization",
             "organisation", "service", "services", "board", "authority", "government", "administration",
             "campaign", "house", "senate", "congress", "parliament", "army", "forces", "school",
             "college", "hospital", "club", "federation", "league", "fund", "bureau", "media", "reuters",
             "bloomberg", "ap", "afp", "bbc", "cnn", "nbc", "abc", "cbs", "fox", "msnbc", "npr", "pbs",
             "politico", "axios", "dpa", "efe", "ansa", "xinhua", "tass", "kyodo", "yonhap", "itv",
             "sky", "al", "jazeera", "spiegel", "monde", "figaro", "zeitung", "nyt", "wsj", "twitter",
             "facebook", "instagram", "google", "microsoft", "apple"}
#: common nouns that describe a person ("the spokesman", "the expert")
PERSON_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "expert", "official", "minister", "president", "economist",
    "analyst", "lawyer", "attorney", "researcher", "professor", "scientist", "doctor", "witness",
    "resident", "director", "chairman", "chairwoman", "chair", "chief", "executive", "ceo", "founder",
    "leader", "mayor", "governor", "senator", "lawmaker", "legislator", "candidate", "nominee", "aide",
    "adviser", "advisor", "secretary", "manager", "officer", "detective", "inspector", "commissioner",
    "judge", "prosecutor", "man", "woman", "father", "mother", "son", "daughter", "wife", "husband",
    "source", "sources", "person", "people", "victim", "survivor", "teacher", "student", "author",
    "reporter", "journalist", "editor", "correspondent", "columnist", "activist", "campaigner", "voter",
    "worker", "employee", "owner", "farmer", "neighbour", "neighbor", "friend", "colleague", "critic",
    "critics", "supporter", "supporters", "opponent", "opponents", "representative", "ambassador",
    "diplomat", "general", "commander", "soldier", "pilot", "engineer", "historian", "strategist",
    "pollster", "consultant", "congressman", "congresswoman", "businessman",
    "businesswoman", "billionaire", "star", "actor", "actress", "singer", "player", "coach", "boss",
    "head", "deputy", "member", "staffer", "officials", "experts", "analysts", "residents", "witnesses",
    "lawmakers", "investigators", "investigator", "police", "authorities", "organizer", "organiser",
    "mp", "councillor", "surgeon", "nurse", "paramedic", "firefighter", "chancellor", "king", "queen",
    "prince", "pope", "bishop", "priest", "imam", "rabbi", "researchers", "scientists", "doctors",
}

#: description words that can name the same kind of person ("the expert" for "a naval engineer")
ROLE_FAMILIES = [
    {"expert", "analyst", "specialist", "researcher", "scientist", "academic", "engineer", "economist",
     "professor", "lecturer", "historian", "strategist", "consultant", "doctor", "dr", "university", "institute"},
    {"spokesman", "spokeswoman", "spokesperson", "representative", "press", "spokespeople"},
    {"official", "minister", "secretary", "director", "commissioner", "master", "chief", "head", "officer",
     "governor", "mayor", "president", "chairman", "chairwoman", "administrator", "manager"},
    {"lawyer", "attorney", "counsel", "solicitor", "barrister", "prosecutor"},
    {"witness", "passenger", "resident", "survivor", "bystander", "neighbour", "neighbor", "onlooker"},
]

PERSON_LABELS = {"PERSON", "PER"}
ORG_LABELS = {"ORG", "NORP", "GPE", "FAC"}


def has_passive_aux(verb: Token) -> bool:
    """Whether the verb has a passive auxiliary ("was reported", "is believed"), in either label set."""
    return any(c.dep_ in {"auxpass", "aux:pass"} for c in verb.children)


def is_paragraph_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def name_tokens(head: Token) -> list[Token]:
    """The head of a name plus its compound/flat parts, in order ("John" "Smith")."""
    toks = [head]
    for child in head.children:
        if child.dep_ in NAME_PARTS and child.pos_ in {"PROPN", "NOUN", "X", "ADJ", ""}:
            toks.extend(t for t in child.subtree if t.dep_ in NAME_PARTS or t is child)
    toks = sorted(set(toks), key=lambda t: t.i)
    # keep a contiguous run around the head
    run = [head]
    idx = {t.i for t in toks}
    i = head.i - 1
    while i in idx:
        run.insert(0, head.doc[i])
        i -= 1
    i = head.i + 1
    while i in idx:
        run.append(head.doc[i])
        i += 1
    return run


def np_span(head: Token) -> Span:
    """A compact noun phrase around ``head``: determiners, modifiers and name parts, no clauses or
    appositions (those are the description, not the mention)."""
    doc = head.doc
    start = end = head.i
    # walk left over contiguous modifiers of the head
    lefts = [c for c in head.lefts if c.dep_ in NP_LEFT]
    for child in sorted(lefts, key=lambda t: -t.i):
        sub = list(child.subtree)
        if sub[-1].i >= start - 1 and not any(t.is_punct and t.text not in {"'", "’", "-"} for t in sub):
            start = min(start, sub[0].i)
    for child in head.rights:
        if child.dep_ in NAME_PARTS and child.left_edge.i == end + 1:
            # a name never runs into brackets: "Mara Lindqvist (D-Ore.)" with "(D" parsed into the name
            end = max(t.i for t in child.subtree if not (t.is_bracket and t.i > child.i)
                      and not any(doc[k].is_bracket for k in range(child.i, t.i)))
        elif child.dep_ in {"nmod", "prep"} and child.left_edge.i == end + 1 and head.pos_ == "NOUN":
            sub = list(child.subtree)
            if len(sub) <= 8 and not any(t.is_punct for t in sub):
                end = sub[-1].i
        else:
            break
    if end + 1 < len(doc) and doc[end + 1].dep_ in NAME_PARTS and doc[end + 1].head == head:
        end += 1
    return doc[start:end + 1]


#: US states as the press spells them out in a party tag ("(R-Texas)", ", D-New Mexico,")
_STATE_NAMES = ("Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
                "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
                "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
                "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
                "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
                "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
                "West Virginia", "Wisconsin", "Wyoming")
_PARTIES = r"(?:[DRI]|Dem|Rep|Ind|Lib|GOP)"
_PARTY = _PARTIES + r"\s*[-–]\s*"
# a state abbreviated with a period ("Ga.", "N.Y.", "W.Va.", also "N.Y" without the last one), a postal
# code ("TX") or spelled out; longest names first, so that "West Virginia" is not read as "West"
_STATE = (r"(?P<state>[A-Z][a-z]{0,4}\.(?:\s?[A-Z][a-z]{0,3}\.|[A-Z](?![A-Za-z]))?|[A-Z]{2}(?![A-Za-z])|"
          + "|".join(sorted(_STATE_NAMES, key=len, reverse=True)) + r")")
#: a legislator's party and state after the name, in brackets ("Rep. Ada House (D-Ga.)", "(R-N.Y.)",
#: "(I-Vt., 4th District)") or between commas ("Sen. Ada House, R-Texas, said"): they belong to the person
#: before them and are no names of their own. Group "state" is the state, a place, never a person or a
#: source. One pattern for the NLP stage (speakers.py drops entities inside a tag) and the brief
#: (reconcile.common.party_tag_places).
PARTY_STATE = re.compile(r"(?:(?P<bracket>\()\s*|(?<=,)\s+)" + _PARTY + _STATE
                         + r"(?(bracket)(?:\s*,\s*[^()\n]{1,30})?\s*\)|(?=\s*[,;)]|\s|$))")

#: a whole candidate description that is only a party tag: "R", "(D)", "D-Ga.", "(R-N.Y.)", "R-Texas" (the
#: legislator's party, no description). The same party and state words as :data:`PARTY_STATE`, which
#: finds tags in running text; this one tests a whole string and also takes a bare party letter.
PARTY_TAG = re.compile(r"^[\s(]*" + _PARTIES + r"(?:\s*[-–]\s*" + _STATE + r")?[\s)]*$")


def party_state_tags(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) characters of every party-state tag of :data:`PARTY_STATE` in the Doc."""
    return [m.span() for m in PARTY_STATE.finditer(doc.text)]


def appos_of(head: Token) -> Span | None:
    """The apposition describing ``head`` ("John Smith, an economist at X,")."""
    for child in head.rights:
        if child.dep_ in APPOS:
            sub = list(child.subtree)
            toks = [t for t in sub if not (t.is_punct and t.i in (sub[0].i, sub[-1].i))]
            if toks:
                return head.doc[toks[0].i:toks[-1].i + 1]
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, following conjunctions and control ("smiled and said", "went on to say")."""
    seen = 0
    while verb is not None and seen < 4:
        seen += 1
        subjects = [c for c in verb.children if c.dep_ in SUBJ and c.dep_ != "expl" and not (c.is_space or c.is_punct)]
        if len(subjects) > 1:
            # "The good news for Cruz, Woolson said, is ...": the parse gave the parenthetical verb two
            # subjects; the one right before the verb is its own
            before = [c for c in subjects if c.i < verb.i]
            subjects = [max(before, key=lambda c: c.i)] if before else subjects[:1]
        for child in subjects:
            if child.lower_ in {"who", "which", "that"}:
                # "Helena Rusk, who ..., wrote": the person, not "who"
                if verb.dep_ in {"relcl", "acl:relcl", "acl"} and verb.head.pos_ in {"PROPN", "NOUN"}:
                    return verb.head
                j = child.i - 1
                while j >= 0 and child.doc[j].is_punct:
                    j -= 1
                if j >= 0 and child.doc[j].pos_ in {"PROPN", "NOUN"}:
                    return child.doc[j]
                return None
            return child
        if (verb.dep_ == "conj" or verb.dep_ == "amod" and _adjective_verb(verb)) \
                and verb.head.pos_ in {"PROPN", "NOUN", "PRON"} and verb.head.i < verb.i:
            # "Smith, a spokesman, confirmed ..." parsed with Smith as the root; "One guest, who ...,
            # alleged that ..." with the verb an adjective of the noun before it
            return verb.head
        if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head is not verb:
            verb = verb.head
            continue
        # "as Smith said" parsed with the subject as a sibling
        return None
    return None


_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
               "yesterday", "tomorrow", "hours", "hour", "minutes", "days", "weeks", "months", "years", "week",
               "month", "year", "morning", "evening", "night", "afternoon", "time", "times", "january",
               "february", "march", "april", "june", "july", "august", "september", "october", "november",
               "december"}


def is_name_like(tok: Token) -> bool:
    """A proper name, also when a small tagger calls an unknown outlet an adjective ("told Nordpress")."""
    if tok.pos_ == "PROPN":
        return True
    return (tok.pos_ in {"ADJ", "NOUN", "X"} and tok.is_title and tok.is_alpha and tok.i > 0
            and not tok.doc[tok.i - 1].is_sent_end and tok.doc[tok.i - 1].text not in {".", "“", '"', "\n\n"})


def is_personish(tok: Token) -> bool:
    """True when the token heads a mention that can speak: a person, a pronoun, an organisation."""
    if tok.is_space or not any(c.isalpha() for c in tok.text):
        return False
    if tok.lower_ in {"him", "them", "us", "me", "whom", "it", "its", "this", "that", "which", "what"} | _TIME_WORDS:
        return False
    if tok.ent_type_ in PERSON_LABELS | ORG_LABELS:
        return True
    if tok.pos_ in {"PROPN", "PRON"}:
        return True
    return tok.lower_ in PERSON_NOUNS or tok.lower_ in ORG_WORDS


def looks_like_org(text: str, ent_label: str = "") -> bool:
    """An outlet or organisation: by NER, or by a telling word ("Gazette", "Ministry", "Reuters"), which
    wins over a PERSON label because small NER models often call an unknown outlet a person."""
    words = [w.lower().strip(".,'’") for w in text.split()]
    if words and words[-1] in {"'s", "s"}:
        words = words[:-1]
    if words and words[-1] in ORG_WORDS and text[:1].isupper() or any(w in _STRONG_ORG for w in words):
        return True
    if ent_label in ORG_LABELS:
        return True
    if ent_label in PERSON_LABELS:
        return False
    return any(w in ORG_WORDS for w in words)


#: last words of an outlet's or a body's name that are also people's surnames ("Fox News" / "Vicente Fox",
#: "the Washington Post" / "Emily Post"): :func:`looks_like_org` takes them for an organisation's, which
#: :func:`person_named_like_org` corrects for names the text gives to a person
SURNAME_ORG_WORDS = frozenset({"fox", "post", "house", "sky", "globe", "court", "bank", "board", "mail", "press",
                               "review", "monitor", "standard", "union", "wire", "express"})
# first words of organisations' names that end in such a word ("White House", "World Bank", "New York Post")
_ORG_FIRST = {"the", "new", "daily", "evening", "sunday", "morning", "national", "white", "supreme", "high",
              "world", "free", "associated", "royal", "federal", "central", "state", "county", "city",
              "district", "crown", "opera", "public"}


def person_named_like_org(words: list[str], ent_label: str = "", titled: bool = False) -> bool:
    """Whether a name that :func:`looks_like_org` calls an organisation's only because of its last word is
    a person's ("Former President Vicente Fox", "Sen. Ada House"): two to four capitalised words whose
    only organisation word is the last, one that is also a surname (:data:`SURNAME_ORG_WORDS`), and the
    NER calls it a person or a person's title stands in front of it."""
    if not 2 <= len(words) <= 4 or not (ent_label in PERSON_LABELS or titled):
        return False
    low = [w.lower().strip(".,'’") for w in words]
    if low[-1] not in SURNAME_ORG_WORDS or low[0] in _ORG_FIRST:
        return False
    return all(w[:1].isupper() for w in words) and not any(
        w in ORG_WORDS or w in _STRONG_ORG for w in low[:-1])


_STRONG_ORG = {"reuters", "bloomberg", "afp", "bbc", "cnn", "nbc", "cbs", "msnbc", "npr", "pbs", "politico",
               "axios", "xinhua", "tass", "ministry", "university", "agency", "police", "department",
               "gazette", "newspaper", "times", "journal", "associated"}


def name_span(head: Token) -> Span:
    """The name part of a mention: modifiers and name parts, without "of <outlet>" and the like."""
    np = np_span(head)
    end = head.i
    while end + 1 < np.end and np.doc[end + 1].dep_ in NAME_PARTS and np.doc[end + 1].pos_ == "PROPN":
        end += 1
    return np.doc[np.start:end + 1]


def strip_title(text: str) -> str:
    """"the Rev Alice Mowbray" -> "Alice Mowbray"; a title alone stays as it is."""
    words = text.split()
    while len(words) > 1 and (words[0].lower() in {"the", "a", "an"} or words[0].lower() in TITLES
                              or words[0].lower().rstrip(".") in TITLES):
        words = words[1:]
    return " ".join(words)


def sigmoid(z: float) -> float:
    """The logistic function of a learned score, clamped at +-30 (no overflow; beyond that it is 0 or 1
    to 13 digits)."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def clean_name(text: str) -> str:
    """A name as a label: no possessive, no leading article or honorific."""
    text = re.sub(r"['’]s?$", "", text.strip()).strip(" ,.;:")
    return strip_title(text)


def set_span_ext(names: Iterable[str]) -> None:
    for name in names:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def set_doc_ext(names: Iterable[str]) -> None:
    for name in names:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def char_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """A token-aligned span covering [start, end) (expanded to whole tokens)."""
    if end <= start:
        return None
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def trim(span: Span) -> Span | None:
    """The span without leading/trailing punctuation and whitespace."""
    toks = [t for t in span]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if not toks:
        return None
    return span.doc[toks[0].i:toks[-1].i + 1]


# Token.sent walks the Doc's sentences from the start on every call: quadratic on long articles. The
# components ask for sentences of many tokens, so they share one index per Doc (the last one asked for;
# held only until the next Doc comes).
_SENT_CACHE: list = []


def sent_of(tok: Token) -> Span:
    """The sentence of a token, through an index built once per Doc."""
    doc = tok.doc
    if not _SENT_CACHE or _SENT_CACHE[0] is not doc or _SENT_CACHE[3] != len(doc):
        sents = list(doc.sents)
        index = [0] * len(doc)
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                index[i] = n
        _SENT_CACHE[:] = [doc, sents, index, len(doc)]
    return _SENT_CACHE[1][_SENT_CACHE[2][tok.i]]


def forget_sentences() -> None:
    """Drop the index (and the Doc it holds)."""
    _SENT_CACHE.clear()
