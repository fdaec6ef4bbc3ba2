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
    TITLES,
    appos_of,
    clean_name,
    looks_like_org,
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
    ents = [e for e in doc.ents if e.label_ in PERSON_LABELS]
    spans = list(ents)
    if not any(e.label_ in PERSON_LABELS | ORG_LABELS for e in doc.ents):
        # no NER in this pipeline: runs of proper nouns that do not look like organisations
        i = 0
        while i < len(doc):
            if doc[i].pos_ == "PROPN" and doc[i].is_alpha:
                j = i
                while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].is_alpha:
                    j += 1
                span = doc[i:j + 1]
                if not looks_like_org(span.text) and span.text.lower() not in TITLES:
                    spans.append(span)
                i = j + 1
            else:
                i += 1
    out: list[_Mention] = []
    for span in spans:
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


def _description(head: Token) -> str | None:
    """How the text describes a person: an apposition, or a title/role in front of the name."""
    app = appos_of(head)
    if app is not None and not any(t.ent_type_ in PERSON_LABELS for t in app[:1]):
        return app.text
    doc = head.doc
    # "economist John Smith", "Deputy Minister John Smith": lower-case role words before the name
    i = head.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].dep_ in {"compound", "flat", "nn"}:
        i -= 1
    j = i
    while j > 0 and doc[j - 1].pos_ in {"NOUN", "ADJ"} and doc[j - 1].dep_ in {"compound", "amod", "nmod"}:
        j -= 1
    if j < i:
        return doc[j:i].text
    return None


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
        set_span_ext(("sd_speaker_name", "sd_speaker_description", "sd_person"))
        set_doc_ext(("sd_people",))

    def __call__(self, doc: Doc) -> Doc:
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
        for src in doc.spans.get(self.sources_key, []):
            key = (src.start_char, src.end_char)
            if key in resolved and resolved[key][0]:
                name = resolved[key][0]
                if not src._.sd_organization or name != src._.sd_organization:
                    if src._.sd_person != name and not (src._.sd_organization and name == src._.sd_organization):
                        old = src._.sd_person
                        src._.sd_person = name if not looks_like_org(name) else src._.sd_person
                        chain = list(src._.sd_chain or [])
                        if old in chain:
                            chain[chain.index(old)] = name
                        elif src._.sd_person == name:
                            chain.insert(0, name)
                        src._.sd_chain = chain
        doc._.sd_people = descriptions
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
            return text, None
        before = [m for m in mentions if m.end <= start]
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
            # prefer the person the text described with the same word ("the economist")
            for m in reversed(before):
                d = descriptions.get(m.canonical) or ""
                if low in d.lower().split():
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
