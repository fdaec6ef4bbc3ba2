"""Speaker resolution: ``storydesk_speakers``.

Gives every quote's speaker mention a canonical name used across the article ("Smith" and "Mr. Smith"
-> "John Smith"), resolves pronouns and descriptions ("he", "the spokesman") to the nearest compatible
named person before them, and keeps the speaker's description as the text gives it ("an economist at
the University of X"). Sets ``span._.sd_speaker_name`` / ``sd_speaker_description`` on
``doc.spans["sd_quotes"]``, fills ``sd_person`` on the quote sources in ``doc.spans["sd_sources"]``, and
``doc._.sd_people``: ``{canonical name: description or None}``.

This is deliberately a small rule-based resolver (nearest compatible antecedent) rather than a
coreference model: the bundled pipeline has none, and news speakers are almost always named shortly
before a pronoun refers to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from ._common import (
    FEMALE_PRON,
    FEMALE_TITLES,
    MALE_PRON,
    MALE_TITLES,
    ORG_LABELS,
    PERSON_LABELS,
    PERSON_NOUNS,
    PLURAL_PRON,
    ROLE_FAMILIES,
    TITLES,
    appos_of,
    clean_name,
    looks_like_org,
    np_span,
    set_doc_ext,
    set_span_ext,
)


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    head: int  # token index
    gender: str | None = None
    description: str | None = None
    canonical: str = ""


def _person_mentions(doc: Doc) -> list[_Mention]:
    def widen(e):
        # "Teodor Vlasko" with only "Vlasko" tagged: the name runs over adjacent capitalised words
        start, end = e.start, e.end
        while start > 0 and _name_word(doc[start - 1]):
            start -= 1
        while end < len(doc) and _name_word(doc[end]):
            end += 1
        return doc[start:end]

    ents = [widen(e) for e in doc.ents if e.label_ in PERSON_LABELS and not looks_like_org(e.text)]
    spans = list(ents)
    has_ner = any(e.label_ in PERSON_LABELS | ORG_LABELS for e in doc.ents)
    taken = {t.i for e in ents for t in e}
    # runs of proper nouns the NER missed (small models miss unfamiliar names): two words or more,
    # or any length when the pipeline has no NER at all
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and doc[i].is_alpha and doc[i].is_title:
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].is_alpha and doc[j + 1].is_title:
                j += 1
            span = doc[i:j + 1]
            words = [t for t in span if t.lower_ not in TITLES]
            titled = span[0].lower_.rstrip(".") in TITLES or (i > 0 and doc[i - 1].lower_.rstrip(".") in TITLES)
            if not (taken & set(range(i, j + 1))) and not looks_like_org(span.text) and (
                    len(words) >= 2 or not has_ner or titled) and words and (titled or not any(
                    t.ent_type_ in ORG_LABELS | {"LOC", "MISC"} for t in span)):
                spans.append(span)
            i = j + 1
        else:
            i += 1
    out: list[_Mention] = []
    for span in sorted(spans, key=lambda sp: sp.start):
        toks = [t for t in span if t.lower_ not in TITLES and t.text not in {"'s", "’s"}]
        if not toks:
            continue
        name = clean_name(span.doc[toks[0].i:toks[-1].i + 1].text)
        if not name or not name[0].isupper():
            continue
        m = _Mention(span.start_char, span.end_char, name, span.root.i)
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        first = span[0].lower_
        for word in (first, before):
            if word in MALE_TITLES:
                m.gender = "m"
            elif word in FEMALE_TITLES:
                m.gender = "f"
        m.description = _description(doc[span.root.i])
        out.append(m)
    return out


_NOT_NAMES = {"mum", "mom", "dad", "grandma", "grandpa", "uncle", "aunt", "father", "mother", "son", "daughter"}


def _name_word(tok: Token) -> bool:
    return (tok.pos_ == "PROPN" and tok.is_alpha and tok.is_title and tok.lower_ not in TITLES | _NOT_NAMES
            and tok.ent_type_ in {"", "PERSON", "PER"})


def _description(head: Token) -> str | None:
    """How the text describes a person: an apposition, or a title/role in front of the name."""
    app = appos_of(head)
    if app is not None and any(t.pos_ in {"NOUN", "PROPN"} for t in app) and not app.root.ent_type_ in PERSON_LABELS:
        return app.text
    doc = head.doc
    # the parse missed the apposition: ", a naval engineer at the University of Calder who ..., said"
    end = head.i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1
    if end + 2 < len(doc) and doc[end + 1].text == "," and doc[end + 2].lower_ in {"a", "an", "the"}:
        k = end + 2
        while k < len(doc) and k - end < 16 and doc[k].text not in {",", ".", ";", "“", '"', "\n\n"} \
                and not (doc[k].pos_ in {"VERB", "AUX"} and doc[k].tag_ not in {"VBN", "VBG"}) \
                and doc[k].lower_ not in {"who", "which", "that"}:
            k += 1
        if k > end + 3 and any(t.pos_ == "NOUN" for t in doc[end + 2:k]):
            return doc[end + 2:k].text
    # "A spokeswoman, Anouk Fairweather, said": the description before the name, between commas
    first = head.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].is_title:
        first -= 1
    if first >= 2 and doc[first - 1].text == "," and doc[first - 2].pos_ == "NOUN":
        k = first - 2
        while k > 0 and doc[k - 1].pos_ in {"DET", "ADJ", "NOUN", "PROPN"} and first - k < 8 \
                and not doc[k - 1].is_space:
            k -= 1
        if doc[k].pos_ == "DET" or doc[first - 2].lower_ in PERSON_NOUNS:
            return doc[k:first - 1].text
    # "economist John Smith", "Maritime Minister Helena Rusk", "harbour master Teodor Vlasko"
    i = head.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].ent_type_ in PERSON_LABELS:
        i -= 1
    j = i
    while j > 0 and doc[j - 1].pos_ in {"NOUN", "ADJ", "PROPN"} and doc[j - 1].ent_type_ not in PERSON_LABELS \
            and i - j < 5 and not doc[j - 1].is_space and doc[j - 1].is_alpha:
        j -= 1
    toks = list(doc[j:i])
    # "the Rev Alice Mowbray" with only "Mowbray" tagged: "Alice" is the name, not the description
    while toks and toks[-1].pos_ == "PROPN" and toks[-1].lower_.rstrip(".") not in TITLES | PERSON_NOUNS:
        toks.pop()
    words = {t.lower_.rstrip(".") for t in toks}
    honorifics = {"mr", "mrs", "ms", "dr", "rev", "sir", "miss", "dame", "lord", "lady"}
    if toks and not words <= honorifics and (words & (TITLES | PERSON_NOUNS) or any(t.pos_ == "NOUN" for t in toks)):
        return doc[toks[0].i:toks[-1].i + 1].text
    return None


def _family(word: str) -> set[str]:
    for fam in ROLE_FAMILIES:
        if word in fam:
            return fam
    return {word}


def _text_of(doc: Doc) -> str:
    # Doc.text is rebuilt on every access; the resolver reads it once per Doc
    cached = doc.user_data.get("_sd_text_len")
    if cached != len(doc) or "_sd_text" not in doc.user_data:
        doc.user_data["_sd_text"] = doc.text
        doc.user_data["_sd_text_len"] = len(doc)
    return doc.user_data["_sd_text"]


_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
_LONG_FORM = re.compile(r"(?:[A-Z][\w'’&-]*\s+(?:(?:of|the|for|and)\s+)?){1,8}$")


def _acronyms(doc: Doc) -> dict[str, str]:
    """"Harbour Safety Authority (HSA)" -> {"HSA": "Harbour Safety Authority"}."""
    out: dict[str, str] = {}
    text = _text_of(doc)[:200_000]
    for m in _ACRONYM.finditer(text):
        # the long form is read back from each "(ABC)" over a bounded window: a single pattern with
        # nested repeats backtracks exponentially on long runs of capitals ("HUFFPOLLSTER: ...")
        lm = _LONG_FORM.search(text[max(0, m.start() - 160):m.start()])
        if lm is None:
            continue
        words = lm.group(0).split()
        while words and not words[-1][0].isupper():
            words.pop()
        long, short = " ".join(words), m.group(1)
        if not long:
            continue
        letters = "".join(w[0] for w in long.split() if w[0].isupper())
        if letters.endswith(short) or short in letters:
            words = long.split()
            # keep the words the acronym spells, from the right
            n = len([w for w in words if w[0].isupper()])
            keep = words[max(0, len(words) - (len(short) + (len(words) - n))):]
            out[short] = clean_name(" ".join(keep))
    return out


_GENERIC_ORGS = {"company", "firm", "operator", "carrier", "airline", "group", "agency", "authority", "ministry",
                 "department", "council", "union", "hospital", "government", "campaign", "organisation",
                 "organization", "party", "police", "insurer", "bank", "broadcaster", "network"}


def _resolve_org(doc: Doc, text: str, start: int, acronyms: dict[str, str],
                 people: list[_Mention] | None = None) -> str:
    """"HSA" -> its long form; "the authority" -> the nearest organisation before it named "... Authority"."""
    people = people or []
    name = clean_name(text)
    if name in acronyms:
        return acronyms[name]
    words = name.split()
    if len(words) == 1 and name.islower():
        for ent in reversed([e for e in doc.ents if e.end_char <= start]):
            last = ent.text.split()[-1].lower()
            if last == name:
                return clean_name(ent.text)
        for long in acronyms.values():
            if long.split()[-1].lower() == name:
                return long
        if name in _GENERIC_ORGS:
            # "the company": the organisation named last before it (not a person the NER mislabelled)
            orgs = [e for e in doc.ents if e.label_ == "ORG" and e.end_char <= start
                    and not any(m.start < e.end_char and e.start_char < m.end for m in people)]
            if orgs:
                return clean_name(orgs[-1].text)
        # organisations the NER missed: the nearest capitalised run ending with the word
        m = None
        for m in re.finditer(r"((?:[A-Z][\w'’&-]+\s+){1,5})" + re.escape(name.capitalize()) + r"\b", _text_of(doc)[:start]):
            pass
        if m is not None:
            return clean_name(m.group(0))
    return name


def _canonicalise(mentions: list[_Mention]) -> None:
    """Each mention's canonical name: the longest name in the article that contains its words."""
    full = sorted({m.name for m in mentions}, key=lambda n: -len(n.split()))
    for m in mentions:
        words = m.name.split()
        best = m.name
        for cand in full:
            cw = cand.split()
            if len(cw) <= len(words):
                break
            if words == cw[-len(words):] or (len(words) == 1 and words[0] == cw[0]):
                best = cand
                break
        m.canonical = best


class SpeakerResolver:
    def __init__(self, *, quotes_key: str = "sd_quotes", sources_key: str = "sd_sources") -> None:
        self.quotes_key = quotes_key
        self.sources_key = sources_key
        self._acr: dict[str, str] = {}
        set_span_ext(("sd_speaker_name", "sd_speaker_description", "sd_person"))
        set_doc_ext(("sd_people",))

    def __call__(self, doc: Doc) -> Doc:
        self._acr = _acronyms(doc)
        mentions = _person_mentions(doc)
        _canonicalise(mentions)
        descriptions: dict[str, str | None] = {}
        genders: dict[str, str] = {}
        for m in mentions:
            if m.description and not descriptions.get(m.canonical):
                descriptions[m.canonical] = m.description
            else:
                descriptions.setdefault(m.canonical, None)
            if m.gender:
                genders.setdefault(m.canonical, m.gender)
        # a pronoun right after a name in the same sentence tells the name's gender
        for m in mentions:
            if m.canonical in genders:
                continue
            tok = doc[m.head]
            for t in doc[tok.i + 1:min(len(doc), tok.i + 25)]:
                if t.lower_ in MALE_PRON:
                    genders[m.canonical] = "m"
                    break
                if t.lower_ in FEMALE_PRON:
                    genders[m.canonical] = "f"
                    break
                if t.ent_type_ in PERSON_LABELS or t.text in {".", "\n\n"}:
                    break
        resolved: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        for q in doc.spans.get(self.quotes_key, []):
            if not q._.sd_speaker:
                continue
            s, e = q._.sd_speaker
            name, desc = self.resolve(doc, s, e, mentions, descriptions, genders)
            q._.sd_speaker_name = name
            q._.sd_speaker_description = desc
            resolved[(s, e)] = (name, desc)
        canon = {m.name: m.canonical for m in mentions}
        for src in doc.spans.get(self.sources_key, []):
            key = (src.start_char, src.end_char)
            person, org = src._.sd_person, src._.sd_organization
            chain = list(src._.sd_chain or [])
            if key in resolved and resolved[key][0]:
                name = resolved[key][0]
                if looks_like_org(name) or doc.char_span(*key, alignment_mode="expand").root.ent_type_ in ORG_LABELS:
                    new_person, new_org = person, name if not org or org == clean_name(src.text) else org
                else:
                    new_person, new_org = name, org
            else:
                new_person = canon.get(person, person) if person else None
                new_org = _resolve_org(doc, org, src.start_char, self._acr, mentions) if org else None
                if new_person is None:
                    # "Harbour master Teodor Vlasko told the Courier": the person named in the phrase
                    inside = [m for m in mentions if src.start_char <= m.start and m.end <= src.end_char]
                    if inside and (new_org is None or inside[0].canonical not in new_org):
                        new_person = inside[0].canonical
                        chain = [c for c in chain if c not in inside[0].canonical and inside[0].name not in c]
            # the chain names the same sources, now in their canonical form
            mapping = {person: new_person, org: new_org}
            chain = [mapping.get(c) or c for c in chain] if chain else [c for c in (new_person, new_org) if c]
            if new_person and new_person not in chain:
                chain.insert(0, new_person)
            if new_org and new_org not in chain:
                chain.append(new_org)
            src._.sd_person, src._.sd_organization = new_person, new_org
            src._.sd_chain = list(dict.fromkeys(chain))
        doc._.sd_people = descriptions
        doc.user_data.pop("_sd_text", None)
        doc.user_data.pop("_sd_text_len", None)
        return doc

    def resolve(self, doc: Doc, start: int, end: int, mentions: list[_Mention],
                descriptions: dict[str, str | None], genders: dict[str, str]
                ) -> tuple[str | None, str | None]:
        """(canonical name, description) for the speaker mention at [start, end)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None, None
        for m in mentions:
            if m.start < end and start < m.end:
                return m.canonical, descriptions.get(m.canonical)
        head = span.root
        low = head.lower_
        text = clean_name(span.text)
        if head.ent_type_ in ORG_LABELS or looks_like_org(span.text, head.ent_type_):
            return _resolve_org(doc, span.text, start, self._acr, mentions), None
        before = [m for m in mentions if m.end <= start]
        if low in {"who", "which", "that"} and head.head.i != head.i and head.head.head.i != head.head.i:
            # "Lionel Sosa, a consultant who said ...": the noun the relative clause hangs from
            ante = head.head.head
            if ante.i < head.i and ante.pos_ in {"PROPN", "NOUN", "PRON"}:
                sp = np_span(ante) if ante.pos_ != "PRON" else doc[ante.i:ante.i + 1]
                return self.resolve(doc, sp.start_char, sp.end_char, mentions, descriptions, genders)
            return None, None
        if low in MALE_PRON | FEMALE_PRON | {"i"}:
            want = "m" if low in MALE_PRON else "f" if low in FEMALE_PRON else None
            for m in reversed(before):
                g = genders.get(m.canonical)
                if want is None or g is None or g == want:
                    return m.canonical, descriptions.get(m.canonical)
            return None, None
        if low in PLURAL_PRON:
            orgs = [e for e in doc.ents if e.label_ in ORG_LABELS and e.end_char <= start]
            return (clean_name(orgs[-1].text), None) if orgs else (None, None)
        if low in PERSON_NOUNS and head.tag_ not in {"NNS", "NNPS"} and not low.endswith("s"):
            desc = span.text
            # prefer the person the text described with the same kind of word ("the expert" for "a
            # naval engineer at the University of X")
            fam = _family(low)
            for m in reversed(before):
                d = descriptions.get(m.canonical) or ""
                if fam & {w.strip(",.").lower() for w in d.split()}:
                    return m.canonical, d
            for m in reversed(before):
                return m.canonical, descriptions.get(m.canonical) or desc
            return None, desc
        if head.pos_ == "PROPN":
            return text, None
        return None, span.text if low in PERSON_NOUNS else None


@Language.factory(
    "storydesk_speakers",
    default_config={"quotes_key": "sd_quotes", "sources_key": "sd_sources"},
    requires=["doc.spans"],
    assigns=["span._.sd_speaker_name", "span._.sd_speaker_description", "doc._.sd_people"],
)
def make_speakers(nlp: Language, name: str, quotes_key: str, sources_key: str) -> SpeakerResolver:
    """Canonical speaker names, pronoun/description resolution and speaker descriptions."""
    return SpeakerResolver(quotes_key=quotes_key, sources_key=sources_key)
