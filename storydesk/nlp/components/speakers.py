"""Speaker resolution: ``storydesk_speakers``.

Gives every quote's speaker mention a canonical name used across the article ("Smith" and "Mr. Smith"
-> "John Smith"), resolves pronouns and descriptions ("he", "the spokesman") to the nearest compatible
named person before them, and keeps the speaker's description as the text gives it ("an economist at
the University of X"). Sets ``span._.sd_speaker_name`` / ``sd_speaker_description`` on
``doc.spans["sd_quotes"]``, fills ``sd_person`` on the quote sources in ``doc.spans["sd_sources"]``, and
``doc._.sd_people``: ``{canonical name: description or None}``.

A pronoun or description never stands for a person named only inside what that quote says ('"... by
hosting Tomas Varga," he said' is not Varga's); a person whose surname is also an outlet's last word
("Marta Fox", cf. "Fox News") is a person when the NER or a title says so, and so is the surname alone
after it; a legislator's party-state tag ("(D-Ga.)") is no name of its own (its entity is dropped).

This is deliberately a small rule-based resolver (nearest compatible antecedent) rather than a
coreference model: the bundled pipeline has none, and news speakers are almost always named shortly
before a pronoun refers to them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from ._common import (
    _TIME_WORDS,
    APPOS,
    FEMALE_PRON,
    FEMALE_TITLES,
    IOBJ,
    MALE_PRON,
    MALE_TITLES,
    NAME_PARTS,
    OBJ,
    ORG_LABELS,
    PERSON_LABELS,
    PARTY_TAG,
    PERSON_NOUNS,
    PLURAL_PRON,
    RELATIVE_PRON,
    ROLE_FAMILIES,
    TITLES,
    appos_of,
    clean_name,
    looks_like_org,
    np_span,
    party_state_tags,
    person_named_like_org,
    set_doc_ext,
    set_span_ext,
)
from .sentences import HEADLINE_MINOR, headline_case


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
        # "Teodor Vlasko" with only "Vlasko" tagged: the name runs over adjacent capitalised words; not
        # over the object of "of" in a title ("Secretary of State John Kerry": "State" is the title's),
        # and not in a headline, where every word is capitalised ("... To Replace John Kerry")
        start, end = e.start, e.end
        # "Secretary of State Laura Mendez" tagged from "State": the title's "of" object is no part of the name
        while end - start > 2 and start >= 2 and doc[start - 1].lower_ == "of" \
                and doc[start - 2].lower_.rstrip(".") in TITLES | PERSON_NOUNS:
            start += 1
        if _headline(e):
            return doc[start:end]
        while start > 0 and _name_word(doc[start - 1]) and not (start > 1 and doc[start - 2].lower_ == "of"):
            start -= 1
        while end < len(doc) and _name_word(doc[end]):
            end += 1
        return doc[start:end]

    ents = [widen(e) for e in doc.ents if e.label_ in PERSON_LABELS
            and (not looks_like_org(e.text) or _surnamed_like_org(widen(e), e.label_))]
    # "Fox said" after "Former President Vicente Fox": the surname alone is that person too
    surnames = {_name_words(e)[-1].text for e in ents if len(_name_words(e)) > 1}
    ents += [e for e in doc.ents if e.label_ in PERSON_LABELS and len(e) == 1 and looks_like_org(e.text)
             and (e.text in surnames or _titled(e))]
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
            # "Secretary of State Margit Olsen" with no entity: "State" is the title's, as in widen()
            k = i + 1 if j - i >= 2 and i >= 2 and doc[i - 1].lower_ == "of" \
                and doc[i - 2].lower_.rstrip(".") in TITLES | PERSON_NOUNS else i
            span = doc[k:j + 1]
            if _quoted_title(span) or _headline(span):
                # "Ayn Rand's “Atlas Shrugged”", "Meet the Press": a title in quotation marks, and a headline's
                # capitalised words, are no names the NER missed
                i = j + 1
                continue
            words = [t for t in span if t.lower_ not in TITLES]
            titled = span[0].lower_.rstrip(".") in TITLES or (i > 0 and doc[i - 1].lower_.rstrip(".") in TITLES)
            if not (taken & set(range(i, j + 1))) and (
                    not looks_like_org(span.text) or titled and _surnamed_like_org(span)) and (
                    len(words) >= 2 or not has_ner or titled) and words and (titled or not any(
                    t.ent_type_ in _NOT_PERSON_LABELS for t in span)):
                spans.append(span)
            i = j + 1
        else:
            i += 1
    out: list[_Mention] = []
    things = _thing_names(doc, spans)
    for span in sorted(spans, key=lambda sp: sp.start):
        toks = _name_words(span)
        if not toks:
            continue
        name = clean_name(span.doc[toks[0].i:toks[-1].i + 1].text)
        if not name or not name[0].isupper() or name in things:
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


def _in_quotation(text: str, pos: int) -> bool:
    """Whether character ``pos`` is between quotation marks in its paragraph (curly marks opened and not
    closed, or an odd number of straight ones): read off the marks, not the quote finder's spans, which
    may run over the narration around a quotation."""
    para = text.rfind("\n\n", 0, pos) + 1
    before = text[para:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _quoted_title(span) -> bool:
    """A run of capitalised words right inside quotation marks: the title of a work or a programme."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].is_quote and span.end < len(doc) and doc[span.end].is_quote


def _headline(span) -> bool:
    """Whether the span is in a title-case line (a headline: every content word capitalised, see
    :func:`sentences.headline_case`), where capitals say nothing about names."""
    sent = span.sent if span.doc.has_annotation("SENT_START") or span.doc.has_annotation("DEP") else None
    if sent is None:
        return False
    # a capitalised function word inside the line ("Chief Of Staff To Replace") tells a headline from a
    # sentence that only names many people, which is in headline case too
    caps = any(t.is_title and t.lower_ in HEADLINE_MINOR and t.i > sent.start for t in sent)
    return caps and headline_case(sent.text)


def _titled(span) -> bool:
    """A person's title at the start of a name or right before it ("Sen. Ada House", "President Fox")."""
    doc = span.doc
    return span[0].lower_.rstrip(".") in TITLES or (span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in TITLES)


def _surnamed_like_org(span, label: str = "") -> bool:
    """A person whose surname is also an organisation's last word ("Vicente Fox"): see
    :func:`person_named_like_org`."""
    return person_named_like_org([t.text for t in _name_words(span)], label, _titled(span))


#: person nouns that tell the gender of who they describe ("the spokeswoman" is not "Pieter Olland")
_FEMALE_NOUNS = {"spokeswoman", "chairwoman", "woman", "mother", "daughter", "wife", "actress", "businesswoman",
                 "congresswoman", "councilwoman", "policewoman", "sister", "girl", "grandmother", "aunt", "widow",
                 "niece", "queen", "princess", "lady", "mrs", "ms", "miss", "dame", "sportswoman", "waitress"}
_MALE_NOUNS = {"spokesman", "chairman", "man", "father", "son", "husband", "businessman", "congressman",
               "councilman", "policeman", "brother", "boy", "grandfather", "uncle", "widower", "nephew", "king",
               "prince", "mr", "sir", "lord", "sportsman", "fireman", "waiter"}


def _noun_gender(words) -> str | None:
    """'f' / 'm' when the words of a description say so ("a spokeswoman for the line"), else None. A
    possessor's words are someone else's ("Mr. Cruz's wife" is a woman)."""
    words = list(words)
    owned = [k for k, w in enumerate(words) if w.endswith(("'s", "’s")) or w in {"'s", "’s"}]
    if owned:
        words = words[owned[-1] + 1:]
    ws = {w.strip(",.'’").lower().rstrip(".") for w in words}
    f, m = bool(ws & _FEMALE_NOUNS), bool(ws & _MALE_NOUNS)
    return "f" if f and not m else "m" if m and not f else None


_NOT_NAMES = {"mum", "mom", "dad", "grandma", "grandpa", "uncle", "aunt", "father", "mother", "son", "daughter"}


def _name_word(tok: Token) -> bool:
    return (tok.pos_ == "PROPN" and tok.is_alpha and tok.is_title and tok.lower_ not in TITLES | _NOT_NAMES
            and tok.ent_type_ in {"", "PERSON", "PER"})


def _runs_into_verb(app) -> bool:
    """An "apposition" with no comma closing it that runs straight into a verb is the clause's subject
    ("According to Oda Brin of the Gazette, cafés in the town stayed open"), not a description."""
    doc = app.doc
    nxt = doc[app.end] if app.end < len(doc) else None
    return nxt is not None and nxt.pos_ in {"VERB", "AUX"} and nxt.tag_ not in {"VBN", "VBG"}




def _describes(text: str) -> bool:
    """Whether a candidate description says what someone is: not a party tag ("R", "D-Ga.") nor a bare
    state abbreviation ("N.Y."), which have no word of three letters."""
    if PARTY_TAG.match(text):
        return False
    return any(len(w) >= 3 for w in re.findall(r"[^\W\d_]+", text))


_DANGLING = re.compile(r"(?:\s*(?P<tag>\([^()]{1,12}\)))?\s+(?:and|or)$")


def _description(head: Token) -> str | None:
    """How the text describes a person: an apposition, or a title/role in front of the name (the first
    candidate that says what someone is; a party tag "(R)" gives way to the next reading). A description
    the parse cut before its second conjunct ("the younger sister of Liz Cheney (R) and | daughter of
    ...") ends before the "and" and the other person's party tag."""
    for d in _descriptions(head):
        tail = _DANGLING.search(d)
        if tail and (tail.group("tag") is None or PARTY_TAG.match(tail.group("tag"))):
            d = d[:tail.start()]
        if _describes(d):
            return d
    return None


def _appositive_subject(doc: Doc, first: int) -> bool:
    """Whether the name starting at token ``first`` can be in apposition to a noun phrase before its
    comma: not when the name runs straight into its verb ("To the dismay of lawmakers, Ada Lind said"):
    the phrase before the comma then introduces the clause."""
    end = first
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.text in {"'s", "’s"}:
        return False  # "After the hearing, Mr. Jackson's lawyer": the name owns the subject
    return not (nxt is not None and nxt.pos_ in {"VERB", "AUX"} and nxt.tag_ not in {"VBN", "VBG"})


def _phrase_before_comma(doc: Doc, first: int) -> str | None:
    """The description before "<name>," when it is one: the noun phrase that ends at the comma, read up to
    the person noun it is about ("A spokeswoman for the Tarsby office", "The federal judge overseeing the
    case", "Mr. Cruz's wife"). Not a phrase about something else that happens to end there: "After the
    hearing, Mr. Jackson's lawyer", "a request for a private meeting, Senator Lind, said", "three weeks
    left to avert a fiscal crisis, President Obama": a person is a singular noun that says so (a person
    noun), or a phrase of its own with an article and no preposition ("The harbour master, Teodor Vlasko")."""
    noun = doc[first - 2]
    end = first - 2
    nouns = [noun]
    tok = noun
    for _ in range(6):  # up the parse while the phrase still ends at the comma
        h = tok.head
        # (the head's phrase may go on past the comma only with the name itself, its apposition)
        if h.i == tok.i or h.i > tok.i or not all(h.is_ancestor(doc[x]) for x in range(h.i + 1, end + 1)) \
                or h.right_edge.i > end and not any(c.dep_ in APPOS and c.i > end for c in h.children):
            break
        tok = h
        if tok.pos_ == "NOUN":
            nouns.append(tok)
    people = [n for n in nouns if n.lower_ in PERSON_NOUNS and n.tag_ not in {"NNS", "NNPS"}]
    name = doc[first]
    while name.dep_ in NAME_PARTS | {"flat:name", "nmod:desc"} and name.head.i > name.i:
        name = name.head
    if people and any(c.dep_ == "case" for c in people[-1].children) and name.dep_ in _SUBJECT_DEPS:
        # "In a letter to Ms. Hale's lawyer, Rep. Ivo Brandt said": a phrase with a preposition before the
        # clause's subject introduces the clause; an apposition is the subject's own phrase
        return None
    if people and people[-1].dep_ in OBJ | IOBJ and people[-1].head.pos_ in {"VERB", "AUX"}:
        return None  # "After questioning the witness, Judge Ivo Brandt said": the object is its verb's
    if people:
        top = people[-1]
    elif len(nouns) == 1 and tok is noun and noun.pos_ == "NOUN" and noun.tag_ not in {"NNS", "NNPS"} \
            and not any(c.dep_ == "case" for c in noun.children) \
            and noun.dep_ not in {"pobj", "obl", "nmod"} | OBJ | IOBJ:
        # (an object is its verb's: "After reporter Ada Lind finished her report, Grimm stormed back")
        top = noun
    else:
        return None
    k = top.left_edge.i
    # within its clause: "After the hearing, Mr. Jackson's lawyer, ..." parsed as one phrase is two
    k = max([k] + [t.i + 1 for t in doc[k:end] if t.is_punct and not t.is_quote])
    # (the preposition the phrase hangs from, "on Mr. Cruz's wife", is not part of it)
    while k < end and (doc[k].dep_ == "case" and doc[k].head.i == top.i or doc[k].pos_ == "ADP" and k == top.left_edge.i):
        k += 1
    if first - 1 - k > 14 or any(t.is_space or t.is_quote for t in doc[k:first - 1]):
        return None
    if doc[k].pos_ in {"DET", "PRON", "PROPN", "ADJ", "NOUN", "NUM"} or top.lower_ in PERSON_NOUNS:
        return doc[k:first - 1].text
    return None


def _name_goes_on(doc: Doc, end: int) -> int:
    """Where a description that stops at ``end`` really ends: past "and" when a capitalised name goes on
    through it up to a comma or a full stop ("the senior Republican on the House Oversight | and Government
    Reform Committee,": the parser hangs the second conjunct elsewhere). A second person after "and"
    ("the mayor of Tarsby and Jon Hale said") runs into a verb and is left alone."""
    if not (end + 1 < len(doc) and doc[end].lower_ in {"and", "&"} and doc[end - 1].is_title
            and doc[end - 1].pos_ == "PROPN" and doc[end + 1].is_title):
        return end
    k = end + 1
    while k < len(doc) and k - end < 7 and doc[k].is_title and doc[k].is_alpha:
        k += 1
    return k if k < len(doc) and doc[k].text in {",", ".", ";", ")"} else end


_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.")


def _abbreviation_before(doc: Doc, j: int) -> int:
    """How many tokens an abbreviation right before token ``j`` takes: "U.S." (one token) or "Lt" + "."
    (the tokenizer may split the period off); 0 when there is none."""
    if j >= 1 and _ABBREVIATION.fullmatch(doc[j - 1].text):
        return 1
    if j >= 2 and doc[j - 1].text == "." and not doc[j - 2].whitespace_ and doc[j - 2].is_alpha \
            and doc[j - 2].is_title and len(doc[j - 2]) <= 4:
        return 2
    return 0


def _descriptions(head: Token):
    """Candidate descriptions of a person, best first (see :func:`_description`)."""
    app = appos_of(head)
    # a quotation the parser hung on the name ("Helena Rusk ... wrote on X: "Relieved ..."") is no description
    if app is not None and any(t.pos_ in {"NOUN", "PROPN"} for t in app) and not app.root.ent_type_ in PERSON_LABELS \
            and len(app) <= 20 and not any(t.is_quote or t.is_space for t in app) \
            and not _runs_into_verb(app):
        yield app.doc[app.start:_name_goes_on(app.doc, app.end)].text
    doc = head.doc
    # the parse missed the apposition: ", a naval engineer at the University of Calder who ..., said"
    end = head.i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1
    # "Rep. Trey Gowdy (R-S.C.), the committee chairman,": past the party tag
    if end + 1 < len(doc) and doc[end + 1].text == "(":
        close = next((x for x in range(end + 2, min(len(doc), end + 10)) if doc[x].text == ")"), None)
        if close is not None and PARTY_TAG.match(doc[end + 1:close + 1].text):
            end = close
    if end + 2 < len(doc) and doc[end + 1].text == "," and doc[end + 2].lower_ in {"a", "an", "the"}:
        k = end + 2
        # (", the No. 2 Republican in the Senate,": the period of "No." before a number ends nothing)
        while k < len(doc) and k - end < 16 and (doc[k].text not in {",", ".", ";", "“", '"', "\n\n"} or (
                doc[k].text == "." and doc[k - 1].lower_ == "no" and k + 1 < len(doc) and doc[k + 1].like_num)) \
                and not (doc[k].pos_ in {"VERB", "AUX"} and doc[k].tag_ not in {"VBN", "VBG"}) \
                and doc[k].lower_ not in RELATIVE_PRON:
            k += 1
        if k > end + 3 and any(t.pos_ == "NOUN" for t in doc[end + 2:k]):
            yield doc[end + 2:_name_goes_on(doc, k)].text
    # "A spokeswoman, Anouk Fairweather, said": the description before the name, between commas. One
    # person is never a plural noun ("In the past twenty years, Dick has ..."), and a name that runs
    # straight into its verb is the subject after an introductory phrase, no apposition
    first = head.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].is_title:
        first -= 1
    if first >= 2 and doc[first - 1].text == "," and doc[first - 2].pos_ in {"NOUN", "PROPN"} \
            and _appositive_subject(doc, first):
        desc = _phrase_before_comma(doc, first)
        if desc is not None:
            yield desc
    # "economist John Smith", "Maritime Minister Helena Rusk", "harbour master Teodor Vlasko"
    i = head.i
    # (a first name the tagger called a common noun is still part of the name: "Simone/NOUN Achterberg")
    while i > 0 and doc[i - 1].ent_type_ in PERSON_LABELS and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].is_title) \
            and not (i >= 3 and doc[i - 2].lower_ == "of" and doc[i - 3].lower_.rstrip(".") in TITLES | PERSON_NOUNS):
        i -= 1
    j = i
    # past the role word, a word tagged as a person belongs to another name ("Calder Regional Rail chief
    # executive", with "Regional Rail" tagged a person), which the description takes in
    abbreviated = False
    while True:
        if j > 0 and doc[j - 1].pos_ in {"NOUN", "ADJ", "PROPN"} and (doc[j - 1].ent_type_ not in PERSON_LABELS
                                                                      or j < i) \
                and i - j < 5 and not doc[j - 1].is_space and doc[j - 1].is_alpha:
            j -= 1
            continue
        # "Lt. Governor Tim Murray", "U.S. Attorney Paul Fishman": an abbreviation before a role word is a
        # word of the description (not right before the name, where "Sen."/"Mr." are the name's title)
        # (the word after it must be a role word: in "Gov. Mike Pence" without an entity, "Mike" is the name)
        n = _abbreviation_before(doc, j) if j < i and i - j < 6 and (
            doc[j].lower_.rstrip(".") in TITLES | PERSON_NOUNS or not doc[j].is_title) else 0
        if n:
            j -= n
            abbreviated = True
            continue
        break
    # "two-term Texas Governor Rick Perry": a hyphenated modifier is one word of the description
    while j >= 2 and j < i and doc[j - 1].text in {"-", "–"} and doc[j - 2].is_alpha and not doc[j - 1].is_space:
        j -= 2
    # "Port Ellin harbour master Teodor Vlasko": a description never starts inside a proper name; the
    # whole name it starts with belongs to it (or, past a few words, none of that name does)
    # (an abbreviated title opens its description: "Cowan and Lt. Governor Tim Murray" names two people)
    if j < i and doc[j].is_title and not abbreviated:
        lo = j
        while lo > 0 and j - lo < 4 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].is_title \
                and doc[lo - 1].is_alpha and doc[lo - 1].ent_type_ not in PERSON_LABELS:
            lo -= 1
        # "Oversight and Government Reform Committee spokesman": the name goes on before its "and"
        # (the tagger may call such capitalised words common nouns)
        if lo >= 2 and doc[lo - 1].lower_ in {"and", "&"} and doc[lo - 2].is_title and doc[lo - 2].is_alpha:
            lo -= 2
            while lo > 0 and j - lo < 8 and doc[lo - 1].pos_ in {"PROPN", "NOUN"} and doc[lo - 1].is_title \
                    and doc[lo - 1].is_alpha and doc[lo - 1].ent_type_ not in PERSON_LABELS:
                lo -= 1
        if lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].is_title and doc[lo - 1].is_alpha:
            while j < i and doc[j].is_title:
                j += 1
        else:
            j = lo
    # "Former Secretary of State Hillary Clinton", "Chairman of the Joint Chiefs Ada Lind": a title with
    # its "of" phrase right before the name is one description (the object of "of" is the title's)
    titled_of = False
    if j >= 3 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].is_title and doc[j - 2].lower_ == "of" \
            and doc[j - 3].lower_.rstrip(".") in TITLES | PERSON_NOUNS:
        j -= 1  # "State", which the NER may have tagged with the name
    # ... but when the name is the object of "of" itself ("a friend of Joe Biden", "an outspoken critic of
    # Trump"), or has a role of its own after the "of" ("daughter of former Vice President Dick Cheney",
    # "sister of Senate candidate Liz Cheney"), the phrase before the "of" describes someone else
    own_role = any(t.lower_.rstrip(".") in TITLES | PERSON_NOUNS for t in doc[j:head.i])
    if 0 < j < i and not own_role and j >= 2 and doc[j - 1].lower_ == "of" \
            and doc[j - 2].lower_.rstrip(".") in TITLES | PERSON_NOUNS:
        j -= 2
        titled_of = True
        while j > 0 and doc[j - 1].pos_ in {"ADJ", "NOUN", "PROPN"} and doc[j - 1].is_alpha and i - j < 8 \
                and doc[j - 1].ent_type_ not in PERSON_LABELS:
            j -= 1
    # "Mayor Odile Brenn" tagged whole: the title words at the front of the name are its description too
    k = i
    while k < head.i and doc[k].lower_.rstrip(".") in TITLES and doc[k].is_alpha:
        k += 1
    toks = list(doc[j:k])
    # "the Rev Alice Mowbray" with only "Mowbray" tagged: "Alice" is the name, not the description
    while toks and toks[-1].pos_ == "PROPN" and toks[-1].lower_.rstrip(".") not in TITLES | PERSON_NOUNS \
            and not (titled_of and len(toks) >= 2 and toks[-2].lower_ == "of"):
        toks.pop()
    # the role word right before the name modifies it ("economist John Smith"); a word that governs the
    # name is no role of it ("to sentence Mr. Jackson", "no surprise Linda Marsh would"), unless it is a
    # title or a person noun whatever the parse made of it
    pre = [t for t in toks if t.i < i]
    if pre and pre[-1].head.i not in set(range(pre[0].i, head.i + 1)) \
            and pre[-1].lower_.rstrip(".") not in TITLES | PERSON_NOUNS:
        toks = [t for t in toks if t.i >= i]
    # "the day Clinton wrapped up the nomination": a time noun before a name heads a clause saying when,
    # whatever the parse hung on it; it is no role (_TIME_WORDS has "days" but not the singular)
    elif pre and pre[-1].lower_ in _TIME_WORDS | {"day", "moment"}:
        toks = [t for t in toks if t.i >= i]
    words = {t.lower_.rstrip(".") for t in toks}
    honorifics = {"mr", "mrs", "ms", "dr", "rev", "sir", "miss", "dame", "lord", "lady"}
    # a common noun says what someone is; a capitalised one alone ("Calder Regional Rail" before a word
    # the NER took for a name) is another name, not a description
    # (a capitalised word the tagger still calls a common noun, right before the name, is a title:
    # "Sheriff Joe Arpaio")
    if toks and not words <= honorifics and (words & (TITLES | PERSON_NOUNS)
                                             or any(t.pos_ == "NOUN" and not t.is_title for t in toks)
                                             or toks[-1].pos_ == "NOUN" and toks[-1].tag_ == "NN"
                                             and all(t.pos_ == "PROPN" for t in doc[toks[-1].i + 1:head.i + 1])):
        yield doc[toks[0].i:toks[-1].i + 1].text
    # last: the phrase before a comma that precedes the name's own role ("Their father, former Vice
    # President Dick Cheney,"), after the role itself, which describes better; it still tells the gender
    pre_first = j if toks else first
    if pre_first < first and pre_first >= 2 and doc[pre_first - 1].text == "," \
            and doc[pre_first - 2].pos_ in {"NOUN", "PROPN"} and _appositive_subject(doc, pre_first):
        desc = _phrase_before_comma(doc, pre_first)
        if desc is not None:
            yield desc


#: relative pronouns that the quote finder or the role readings may give as a speaker mention
_RELATIVE = RELATIVE_PRON
_RELCL = {"relcl", "acl:relcl"}


def _antecedent_phrase(pron: Token):
    """The noun phrase a relative pronoun stands for: the head of its relative clause ("One passenger,
    who asked not to be named, alleged ..." -> "One passenger"), or, when the parse hung the clause
    elsewhere, the noun right before "who"/"which" (", " between them at most). None otherwise: "that"
    alone is too often a demonstrative or a conjunction to be guessed from its neighbours."""
    doc = pron.doc
    tok = pron
    for _ in range(3):
        if tok.dep_ in _RELCL and tok.head.i < pron.i and tok.head.i != tok.i:
            ante = tok.head
            break
        if tok.head.i == tok.i:
            ante = None
            break
        tok = tok.head
    else:
        ante = None
    if ante is None and pron.lower_ in {"who", "which"} and pron.i > 0:
        prev = doc[pron.i - 1]
        if prev.text == "," and pron.i > 1:
            prev = doc[pron.i - 2]
        while prev.dep_ in {"compound", "flat", "flat:name", "nn"} and prev.head.i < pron.i and prev.head.i != prev.i:
            prev = prev.head
        ante = prev if prev.pos_ in {"NOUN", "PROPN"} else None
    if ante is None or ante.pos_ not in {"NOUN", "PROPN", "PRON"} or ante.lower_ in _RELATIVE:
        return None
    if ante.dep_ in APPOS and ante.head.i < ante.i and ante.head.pos_ == "PROPN":
        ante = ante.head  # "Linus Sorvik, a consultant who said": the consultant is Sorvik
    return np_span(ante) if ante.pos_ != "PRON" else doc[ante.i:ante.i + 1]


_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})


def _is_subject(tok: Token) -> bool:
    """Whether a name is its clause's subject ("Ryan" in "Ryan hammered Obama"), through the words of the
    name and an apposition ("Mr. Jackson's lawyer, Reid Weingarten, said")."""
    doc = tok.doc
    # "..., Ryan also hammered Obama" parsed with Ryan hung elsewhere: a name that runs into a finite verb
    # without a subject of its own is that verb's subject
    k = tok.i + 1
    while k < len(doc) and (doc[k].dep_ in NAME_PARTS | {"flat:name"} and doc[k].head.i <= tok.i or doc[k].pos_ == "ADV"):
        k += 1
    if k < len(doc) and doc[k].pos_ == "VERB" and doc[k].tag_ in {"VBD", "VBZ", "VBP"} \
            and not any(c.dep_ in _SUBJECT_DEPS for c in doc[k].children):
        return True
    for _ in range(6):
        if tok.dep_ in APPOS and tok.head.ent_type_ in ORG_LABELS and tok.ent_type_ in PERSON_LABELS:
            # "According to the Times, Mary Cheney, who ..., took to Facebook" parsed with the person in
            # apposition to the outlet in its prepositional phrase: no person is an outlet's apposition;
            # it is the sentence's subject, which the parse lost
            return tok.head.dep_ in {"obl", "nmod", "pobj"} and any(c.dep_ == "case" for c in tok.head.children)
        if tok.dep_ in NAME_PARTS | {"flat:name", "nmod:desc"} | APPOS and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return tok.dep_ in _SUBJECT_DEPS


def _salient_subject(doc: Doc, pron: Token, fits: list[_Mention]) -> _Mention | None:
    """The person a pronoun most likely stands for when a subject is at hand: the last compatible name
    that is a clause's subject in the pronoun's sentence or the one before ("Ryan hammered Obama for
    what he called ...": he is Ryan; "Kristol said Steele still needs to go, though he said ...": he is
    Kristol). Writers keep the subject as the topic a pronoun picks up (the centering/Hobbs preference);
    the nearest name before the pronoun is only the fallback, when neither sentence has a subject that fits.
    A full coreference model would do better; the bundled pipeline has none (see the module docstring)."""
    if not doc.has_annotation("DEP") or not fits:
        return None
    # first up the pronoun's own sentence, clause by clause ("Some are unhappy that Obama agreed to X and
    # that he agreed to Y": the clause above "he agreed" has Obama as its subject)
    sent = pron.sent
    here = [m for m in fits if m.start >= sent.start_char and _is_subject(doc[m.head])]
    verb = pron.head
    for _ in range(10):
        found = [m for m in here if _clause_verb(doc[m.head]).i == verb.i]
        if found:
            return found[-1]
        if verb.head.i == verb.i:
            break
        verb = verb.head
    # then any subject before it in the sentence, the nearest first (a parse that hangs the pronoun's
    # clause elsewhere still leaves the subject in its sentence)
    if here:
        return here[-1]
    lo_char = _window_start(pron)
    for m in reversed(fits):
        if m.start < lo_char:
            break
        if _is_subject(doc[m.head]) and _main_clause(_clause_verb(doc[m.head])):
            return m
    return None


def _clause_verb(tok: Token) -> Token:
    """The verb whose subject a name is (see :func:`_is_subject`)."""
    doc = tok.doc
    k = tok.i + 1
    while k < len(doc) and (doc[k].dep_ in NAME_PARTS | {"flat:name"} and doc[k].head.i <= tok.i or doc[k].pos_ == "ADV"):
        k += 1
    if k < len(doc) and doc[k].pos_ == "VERB" and not any(c.dep_ in _SUBJECT_DEPS for c in doc[k].children):
        return doc[k]
    for _ in range(6):
        if tok.dep_ in NAME_PARTS | {"flat:name", "nmod:desc"} | APPOS and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return tok.head


def _window_start(pron: Token) -> int:
    """The first character of the sentence before the pronoun's (or of its own, when it is the first)."""
    doc = pron.doc
    lo = pron.sent.start
    prev = lo - 1
    # (a "sentence" of punctuation alone, such as an opening quotation mark the splitter cut off, is none)
    while prev >= 0 and (doc[prev].is_space or doc[prev].is_punct and not any(
            t.is_alpha for t in doc[doc[prev].sent.start:prev + 1])):
        prev -= 1
    if prev >= 0:
        lo = doc[prev].sent.start
        # a previous "sentence" the parser cut off mid-clause ("... victory over House Majority Leader |
        # Eric Cantor (R-Va.) ..."): the one before it, which ends on a word, not a stop, is part of it
        back = lo - 1
        while back >= 0 and doc[back].is_space:
            back -= 1
        if back >= 0 and doc[back].is_alpha and not doc[back].is_punct:
            lo = doc[back].sent.start
    return doc[lo].idx


def _main_clause(tok: Token) -> bool:
    """Whether a subject's clause is a main one, not a clause reported or embedded in another ("Kristol
    said that Steele still needs to go": Steele's clause is what Kristol says)."""
    for _ in range(8):
        if tok.dep_ in {"ROOT", "parataxis"} or tok.head.i == tok.i:
            return True
        if tok.dep_ in {"ccomp", "xcomp", "csubj", "advcl", "acl", "acl:relcl", "relcl", "obl", "nmod", "obj"}:
            return False
        tok = tok.head
    return False


def _places(doc: Doc, mentions: list[_Mention]) -> set[str]:
    """Names the NER took for people that the text uses only as places: "in Ferguson", "said on Capitol
    Hill", and never with a title, a gender, a description or as a clause's subject. A pronoun or a
    description is never resolved to them ("He reserved his harshest criticism ..." is not Ferguson's).
    Read off the whole article: one "in X" says little about a person the text also names as a subject."""
    located: set[str] = set()
    personal: set[str] = set()
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        owned = after is not None and after.text in {"'s", "’s"}
        said = before is not None and span.start > 1 and doc[span.start - 2].lemma_ in {"say", "speak", "testify"}
        if before is not None and not owned and (before.lower_ == "in" or before.lower_ in {"on", "at"} and said):
            located.add(m.canonical)
        if m.gender or m.description or _titled(span) or _is_subject(doc[m.head]):
            personal.add(m.canonical)
    return located - personal


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


#: generic words for a business ("the company said"), which resolve to a company, not to any organisation
_COMPANY_NOUNS = {"company", "firm", "operator", "carrier", "airline", "insurer", "broadcaster", "network",
                  "retailer", "manufacturer", "developer", "lender", "bank"}
#: last words of a company's name
_COMPANY_SUFFIXES = {"line", "lines", "ltd", "ltd.", "limited", "inc", "inc.", "plc", "llc", "corp", "corp.",
                     "corporation", "co", "co.", "company", "group", "holdings", "airlines", "airways", "ferries",
                     "shipping", "railways", "rail", "motors", "energy", "partners", "industries", "bank",
                     "insurance", "logistics", "systems", "technologies", "foods", "pharmaceuticals", "gmbh", "ag",
                     "sa"}
#: last words of a public body: never "the company"
_PUBLIC_WORDS = {"authority", "agency", "ministry", "department", "police", "council", "government", "court",
                 "commission", "office", "service", "board", "parliament", "coastguard", "administration",
                 "inspectorate", "regulator", "bureau", "committee", "hospital", "university", "army", "navy"}
# "Skerra Line, the operator", "operated by Skerra Line", "Skerra Line, which runs the route"
_COMPANY_BEFORE = re.compile(r"(?:\b(?:operated|run|owned|built|chartered)\s+by|\b(?:company|operator|firm|carrier|"
                             r"airline|insurer))\s+(?:the\s+)?$", re.IGNORECASE)
_COMPANY_AFTER = re.compile(r"^(?:['’]s)?\s*(?:,|\(|-|–|—)\s*(?:(?:the|a|an|its)\s+)?(?:[\w-]+\s+){0,3}?(?:company|"
                            r"operator|firm|carrier|airline|insurer)\b|^,?\s*which\s+(?:runs|operates|owns)\b", re.IGNORECASE)
_COMPANY_RUN = re.compile(r"\b(?:[A-Z][\w'’&-]*\s+){0,4}(?:" + "|".join(
    sorted({w.rstrip(".").capitalize() for w in _COMPANY_SUFFIXES if len(w) > 2}, key=lambda w: (-len(w), w)))
    + r"|Ltd|Inc|PLC|LLC|plc)\b")


_NOT_START = {"the", "a", "an", "yesterday", "today", "but", "and", "meanwhile", "when", "after", "before", "if"}


def _is_public_body(name: str, acronyms: dict[str, str]) -> bool:
    name = acronyms.get(clean_name(name), name)
    words = name.lower().split()
    return bool(words) and (words[-1] in _PUBLIC_WORDS or words[0] in {"ministry", "department", "office"})


def _last_company(doc: Doc, start: int, people: list[_Mention]) -> str | None:
    """The company named last before ``start``: a name ending like a company's ("Skerra Line", "... Ltd")
    or one the text calls a company ("operated by X", "X, the operator"), whatever the NER called it."""
    text = _text_of(doc)
    lo = max(0, start - 20_000)
    cands: list[tuple[int, str]] = []
    for e in doc.ents:
        if e.end_char > start or e.start_char < lo or e.label_ not in PERSON_LABELS | ORG_LABELS | {"LOC", "MISC"}:
            continue
        name = clean_name(e.text)
        if not name or not name[0].isupper():
            continue
        words = name.lower().split()
        said_company = bool(_COMPANY_BEFORE.search(text[max(0, e.start_char - 40):e.start_char])
                            or _COMPANY_AFTER.search(text[e.end_char:e.end_char + 60]))
        if (words[-1] in _COMPANY_SUFFIXES and len(words) > 1) or said_company:
            if e.label_ in PERSON_LABELS and not said_company and any(
                    m.start <= e.start_char and e.end_char <= m.end for m in people):
                continue
            cands.append((e.end_char, name))
    has_pos = doc.has_annotation("POS")
    for m in _COMPANY_RUN.finditer(text, lo, start):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        # "Yesterday Skerra Line": a capitalised word that is not part of the name
        k = span.start
        while k < span.end - 1 and (doc[k].lower_ in _NOT_START or has_pos and doc[k].pos_ != "PROPN"):
            k += 1
        name = clean_name(doc[k:span.end].text)
        if len(name.split()) > 1:
            cands.append((m.end(), name))
    if not cands:
        return None
    # names the text also uses as a company elsewhere before: prefer the latest
    return max(cands)[1]


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
        if name in _COMPANY_NOUNS:
            # "the company said": the company named last before it, never the authority that
            # investigates it ("HSA") even when that was the last organisation named
            company = _last_company(doc, start, people)
            if company:
                return company
        if name in _GENERIC_ORGS:
            # "the company": the organisation named last before it (not a person the NER mislabelled)
            orgs = [e for e in doc.ents if e.label_ == "ORG" and e.end_char <= start
                    and not any(m.start < e.end_char and e.start_char < m.end for m in people)
                    and not (name in _COMPANY_NOUNS and _is_public_body(e.text, acronyms))]
            if orgs:
                return acronyms.get(clean_name(orgs[-1].text), clean_name(orgs[-1].text))
        # organisations the NER missed: the nearest capitalised run ending with the word
        m = None
        for m in re.finditer(r"((?:[A-Z][\w'’&-]+\s+){1,5})" + re.escape(name.capitalize()) + r"\b", _text_of(doc)[:start]):
            pass
        if m is not None:
            return clean_name(m.group(0))
    return name


def _org_phrase(span) -> bool:
    """An organisation, not a person: "A company spokesman" names a person (its head says so) though a
    word in it is an organisation's."""
    head = span.root
    if head.pos_ == "NOUN" and head.lower_ in PERSON_NOUNS and head.ent_type_ not in ORG_LABELS:
        return False
    return head.ent_type_ in ORG_LABELS or looks_like_org(span.text, head.ent_type_)


#: entity types that are never a person, whatever a proper-noun run looks like
_NOT_PERSON_LABELS = ORG_LABELS | {"LOC", "MISC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}
#: words in front of a noun phrase that make a name a thing ("the Merrow Bell", "a Boeing")
_THING_DETS = {"the", "a", "an"}


def is_thing_name(with_article: int, mentions: int) -> bool:
    """Whether a name is a thing (a ship, a product, a place) rather than a person, from how many of its
    ``mentions`` carry an article of their own ("the Merrow Bell", "that the Aurora had sunk"): people's
    names take none, so a name the text gives one in at least half of its mentions is a thing, even where
    the NER called it a person. The cross-article entities (``reconcile.entities``) decide by this too."""
    return mentions > 0 and 2 * with_article >= mentions


def _name_words(span) -> list[Token]:
    """The words of a person-name span without titles and possessive "'s": the name both the mentions
    and the thing names are keyed by, so that they match."""
    return [t for t in span if t.lower_.rstrip(".") not in TITLES and t.text not in {"'s", "’s"}]


def _thing_names(doc: Doc, spans) -> set[str]:
    """The names of the Doc that :func:`is_thing_name` calls things."""
    counts: dict[str, list[int]] = {}
    for span in spans:
        toks = _name_words(span)
        if not toks:
            continue
        det = span.doc[toks[0].i - 1] if toks[0].i > 0 else None
        c = counts.setdefault(clean_name(span.doc[toks[0].i:toks[-1].i + 1].text), [0, 0])
        c[0] += det is not None and det.lower_ in _THING_DETS and det.head.i in {t.i for t in toks}
        c[1] += 1
    return {name for name, (art, n) in counts.items() if is_thing_name(art, n)}


def _possessor_in(doc: Doc, m: _Mention, head: Token) -> bool:
    """Whether mention ``m`` only owns the speaker phrase whose head is ``head`` ("Brodie's lawyer"):
    the possessor is someone else than the speaker. Only a person noun makes someone new: "Brodie's
    statement said" is still Brodie speaking."""
    if head.pos_ != "NOUN" or head.lower_ not in PERSON_NOUNS | _ENTOURAGE:
        return False
    tok = doc[m.head]
    while tok.i != head.i and tok.head.i != head.i and tok.dep_ in NAME_PARTS | {"flat:name"} \
            and tok.head.i != tok.i:
        tok = tok.head
    if tok.head.i != head.i:
        return False
    # "Brodie's lawyer", "Mr. Obama's team"; and a name as the modifier of such a noun: "a Frank
    # representative", "a Clinton aide" speak for the person, they are not that person
    return tok.dep_ in {"nmod:poss", "poss"} or tok.dep_ in NAME_PARTS and tok.i < head.i


#: groups around a person that speak for, but are not, that person ("Mr. Obama's team said")
_ENTOURAGE = frozenset({"team", "staff", "camp", "aides", "allies", "advisers", "advisors", "lawyers",
                        "attorneys", "representatives", "spokespeople", "associates", "family", "office",
                        "campaign"})


def _appositive_mention(doc: Doc, span, mentions: list[_Mention]) -> _Mention | None:
    """The named person in apposition right after a description ("a spokeswoman, Anouk Fairweather,")."""
    head = span.root
    if head.pos_ == "PROPN" or head.lower_ in MALE_PRON | FEMALE_PRON | PLURAL_PRON | {"i"} | RELATIVE_PRON:
        return None
    np_end = max(span.end, np_span(head).end) if head.pos_ in {"NOUN", "PROPN"} else span.end
    end_char = doc[np_end - 1].idx + len(doc[np_end - 1].text)
    text = _text_of(doc)
    for m in mentions:
        if m.start < end_char:
            continue
        gap = text[end_char:m.start]
        if len(gap) <= 4 and gap.strip() in {",", "(", "-", "–", "—"}:
            return m
        # "said baker Pell Anders", "spokeswoman Ines Marlow": a bare role word right before the name
        # (the parser often makes the role the subject and leaves the name dangling) is the name's title
        if gap == " " and span.end == np_end and doc[span.end - 1].pos_ == "NOUN" \
                and doc[span.end - 1].tag_ not in {"NNS", "NNPS"} and doc[span.end - 1].is_lower:
            return m
        break
    # the parse linked them: an appos child of the description that is a person mention
    for child in head.children:
        if child.dep_ in APPOS and child.i > head.i:
            for m in mentions:
                if m.start <= child.idx < m.end:
                    return m
    return None


def _name_after_title(doc: Doc, span, mentions: list[_Mention]) -> _Mention | None:
    """The person whose name runs on from a speaker mention that ends in a title ("Democratic Attorney" +
    "General Ada Kroll"): no comma between, at most a few capitalised title words, and the name is no
    possessor ("Attorney General Ada Kroll's deputy" is the deputy)."""
    head = span.root
    if head.lower_.rstrip(".") not in TITLES or head.i != span.end - 1:
        return None
    k = span.end
    while k < len(doc) and k - span.end < 3 and doc[k].is_title and doc[k].lower_.rstrip(".") in TITLES \
            and doc[k].ent_type_ not in PERSON_LABELS:
        k += 1
    if k >= len(doc):
        return None
    m = next((m for m in mentions if m.start == doc[k].idx), None)
    if m is None:
        return None
    last = doc.char_span(m.start, m.end, alignment_mode="expand")
    if last is None or last.end < len(doc) and doc[last.end].tag_ == "POS":
        return None
    return m


def _appositive_org(doc: Doc, span) -> str | None:
    """The organisation named in apposition right after a description ("The ferry's operator, Skerra
    Line, said"), by the parse's appos link or by an organisation entity between commas."""
    head = span.root
    if head.pos_ != "NOUN" or head.tag_ in {"NNS", "NNPS"}:
        return None
    for child in head.children:
        if child.dep_ in APPOS and child.i > head.i and child.pos_ == "PROPN" and (
                child.ent_type_ in ORG_LABELS or looks_like_org(np_span(child).text, child.ent_type_)):
            return np_span(child).text
    np_end = max(span.end, np_span(head).end)
    if np_end + 1 < len(doc) and doc[np_end].text == ",":
        ent = next((e for e in doc.ents if e.start == np_end + 1), None)
        if ent is not None and ent.label_ in ORG_LABELS and ent.end < len(doc) and doc[ent.end].text in {",", "("}:
            return ent.text
    return None


def _canonicalise(mentions: list[_Mention]) -> None:
    """Each mention's canonical name: the longest name in the article that contains its words."""
    # first-use order breaks ties between names of one length ("Ty Woods", "Dorothy Woods"): a set's
    # order would change with the hash seed and so would the speaker a bare "Woods" resolves to
    full = sorted(dict.fromkeys(m.name for m in mentions), key=lambda n: -len(n.split()))
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


def _drop_party_state_names(doc: Doc) -> None:
    """"Rep. Ada House (D-Ga.)": the NER often tags the state ("Ga.") as a person or a place of its own;
    it is the person's, no name for a pronoun to stand for nor an entity of the article."""
    tags = party_state_tags(doc)  # in text order, not overlapping
    if not tags:
        return
    starts = [a for a, _b in tags]

    def in_tag(e) -> bool:
        k = bisect.bisect_right(starts, e.start_char) - 1
        return k >= 0 and e.end_char <= tags[k][1]

    doc.ents = [e for e in doc.ents if not in_tag(e)]


class SpeakerResolver:
    def __init__(self, *, quotes_key: str = "sd_quotes", sources_key: str = "sd_sources") -> None:
        self.quotes_key = quotes_key
        self.sources_key = sources_key
        self._acr: dict[str, str] = {}
        self._desc_words: dict[str, set[str]] = {}
        self._unnamed: list[tuple[int, int, str | None]] = []
        self._indefinite: set[tuple[int, int]] = set()
        self._pronouns: list[tuple[int, int, str, str]] = []
        self._places: set[str] = set()
        set_span_ext(("sd_speaker_name", "sd_speaker_description", "sd_person"))
        set_doc_ext(("sd_people",))

    def __call__(self, doc: Doc) -> Doc:
        _drop_party_state_names(doc)
        self._acr = _acronyms(doc)
        mentions = _person_mentions(doc)
        _canonicalise(mentions)
        descriptions: dict[str, str | None] = {}
        genders: dict[str, str] = {}
        # how a quoted speaker describes someone ("... chose his running mate, Congressman Ryan") is the
        # speaker's wording, not the article's description of that person
        text = _text_of(doc)
        for m in mentions:
            if m.description and _in_quotation(text, m.start):
                m.description = None
        for m in mentions:
            if m.description and not descriptions.get(m.canonical):
                descriptions[m.canonical] = m.description
            else:
                descriptions.setdefault(m.canonical, None)
            if m.gender:
                genders.setdefault(m.canonical, m.gender)
        for m in mentions:
            # "A spokeswoman, Anouk Fairweather," / "Olland, a father of two,": the description tells, and
            # so does any other the text gives ("Their father, former Vice President Dick Cheney": the
            # description kept is the title)
            if m.canonical in genders:
                continue
            said = (_noun_gender(d.split()[:4]) for d in [m.description or "", *_descriptions(doc[m.head])])
            g = next((x for x in said if x), None)
            if g:
                genders[m.canonical] = g
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
        # every word any description of a person uses ("Maritime Minister Helena Rusk" and "the minister")
        self._desc_words: dict[str, set[str]] = {}
        for m in mentions:
            if m.description:
                self._desc_words.setdefault(m.canonical, set()).update(
                    w.strip(",.'’").lower() for w in m.description.split())
        resolved: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        # speakers given only as a description ("Another passenger, who did not want to be named, said"),
        # in text order: a later "he said" goes to them rather than to a name before them
        self._unnamed: list[tuple[int, int, str | None]] = []
        self._indefinite: set[tuple[int, int]] = set()
        self._pronouns: list[tuple[int, int, str, str]] = []  # resolved pronoun speakers, in text order
        self._places = _places(doc, mentions) if doc.has_annotation("DEP") else set()
        quotes = sorted((q for q in doc.spans.get(self.quotes_key, []) if q._.sd_speaker),
                        key=lambda q: q._.sd_speaker[0])
        for q in quotes:
            s, e = q._.sd_speaker
            # what the speaker says is never where the speaker is named ("'... by hosting Trump,' he said"
            # is not Trump's): the names inside the quote's own content are no antecedents for it
            own = [(a, b) for a, b in (q._.sd_parts or [(q.start_char, q.end_char)]) if not (a <= s < b)]
            said = [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in own)]
            name, desc = self.resolve(doc, s, e, said, descriptions, genders)
            sp = doc.char_span(s, e, alignment_mode="expand")
            if name and sp is not None and len(sp) == 1 and sp[0].lower_ in MALE_PRON | FEMALE_PRON:
                self._pronouns.append((s, e, name, sp[0].lower_))
            q._.sd_speaker_name = name
            q._.sd_speaker_description = desc
            resolved[(s, e)] = (name, desc)
            sp = doc.char_span(s, e, alignment_mode="expand")
            if name is None and desc and sp is not None and len(sp) == 1 and sp.root.lower_ in _RELATIVE:
                # "One passenger, who ..., alleged": a later "he said" may go to the passenger
                sp = _antecedent_phrase(sp.root)
                s, e = (sp.start_char, sp.end_char) if sp is not None else (s, e)
            if (name is None or (s, e) in self._indefinite) and sp is not None and len(sp) \
                    and sp.root.pos_ == "NOUN" and sp.root.tag_ not in {"NNS", "NNPS"} and not _org_phrase(sp):
                self._unnamed.append((s, e, name))
        canon = {m.name: m.canonical for m in mentions}
        people = set(canon.values())
        for src in doc.spans.get(self.sources_key, []):
            key = (src.start_char, src.end_char)
            person, org = src._.sd_person, src._.sd_organization
            chain = list(src._.sd_chain or [])
            if key not in resolved and src.label_ == "according_to" and not (person or org):
                # "according to her": the speaker the quote resolved inside the phrase names the source
                key = next((k for k, (n, _d) in resolved.items() if n and src.start_char <= k[0]
                            and k[1] <= src.end_char), key)
                if key in resolved and not (chain and chain[-1] == resolved[key][0] and len(chain) > 1):
                    # (but "according to a spokesman for Mayor Ada Lind" keeps its chain: the spokesman
                    # speaks for the person the quote resolved to)
                    chain = []
            if key in resolved and resolved[key][0]:
                name = resolved[key][0]
                said = doc.char_span(*key, alignment_mode="expand")
                if said is not None and len(said) == 1 and said.root.lower_ in _RELATIVE:
                    said = _antecedent_phrase(said.root) or said  # "Brenlow Ferries, which said"
                if name not in people and (looks_like_org(name) or (said is not None
                                                                    and said.root.ent_type_ in ORG_LABELS)):
                    new_person, new_org = person, name if not org or org == clean_name(src.text) else org
                else:
                    # "Fox told CNN": the finder's organisation may be the person's own name
                    new_person, new_org = name, None if org and org in name.split() + [name] else org
            else:
                new_person = canon.get(person, person) if person else None
                sp = doc.char_span(*key, alignment_mode="expand")
                if not person and org in canon and sp is not None and len(sp) \
                        and sp.root.ent_type_ not in ORG_LABELS:
                    # "according to Fox" after "Former President Vicente Fox": the person's name
                    new_person, org = canon[org], None
                new_org = _resolve_org(doc, org, src.start_char, self._acr, mentions) if org else None
                if new_person is None:
                    # "Harbour master Teodor Vlasko told the Courier": the person named in the phrase
                    sp = doc.char_span(*key, alignment_mode="expand")
                    root = sp.root if sp is not None and len(sp) else None
                    inside = [m for m in mentions if src.start_char <= m.start and m.end <= src.end_char
                              and not (root is not None and _possessor_in(doc, m, root))]
                    if inside and (new_org is None or inside[0].canonical not in new_org):
                        new_person = inside[0].canonical
                        chain = [c for c in chain if c not in inside[0].canonical and inside[0].name not in c]
            # the chain names the same sources, now in their canonical form (an organisation that was the
            # person's own name is that person)
            found_org = src._.sd_organization
            mapping = {person: new_person, found_org: new_org or (
                new_person if found_org and new_person and found_org in new_person.split() + [new_person] else None)}
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
        head = span.root
        inside = [m for m in mentions if m.start < end and start < m.end and not _possessor_in(doc, m, head)]
        if head.pos_ == "NOUN" and head.tag_ == "NNS" and not any(m.start <= head.idx < m.end for m in inside):
            # "Some members of Pinto's congregation said": a plural common noun is a group, never the one
            # person named inside its phrase
            inside = []
        if inside and not any(m.start <= head.idx < m.end for m in inside) and head.pos_ == "NOUN" \
                and head.lower_ in _GENERIC_ORGS | _PUBLIC_WORDS | _COMPANY_NOUNS \
                and all(doc[m.head].dep_ in {"compound", "amod", "nmod"} for m in inside):
            # "the Brackwater council said": a name that only says which council speaks is not the speaker
            inside = []
        if inside:
            # "Calder Regional Rail chief executive Simone Achterberg" with "Regional Rail" also tagged a
            # person: the name the phrase's head is part of speaks, the others only modify it
            m = next((m for m in inside if m.start <= head.idx < m.end), inside[0])
            return m.canonical, descriptions.get(m.canonical)
        app = _appositive_mention(doc, span, mentions)
        if app is not None:
            # "A spokeswoman, Anouk Fairweather, said": the name right after the description speaks
            return app.canonical, descriptions.get(app.canonical) or span.text
        named = _name_after_title(doc, span, mentions)
        if named is not None:
            # "Democratic Attorney General Ada Kroll, once thought to be ...": the parse cut the speaker
            # at its title; the name that the title runs into speaks
            return named.canonical, descriptions.get(named.canonical) or span.text
        org = _appositive_org(doc, span)
        if org is not None:
            # "The ferry's operator, Skerra Line, said": the body named in apposition speaks
            return _resolve_org(doc, org, start, self._acr, mentions), span.text
        low = head.lower_
        text = clean_name(span.text)
        if _org_phrase(span):
            return _resolve_org(doc, span.text, start, self._acr, mentions), None
        # (a name used only as a place is no antecedent of a pronoun or a description; see _places)
        before = [m for m in mentions if m.end <= start and m.canonical not in self._places]
        if low in _RELATIVE:
            # "Lionel Sosa, a consultant who said ...", "One passenger, who asked not to be named,
            # alleged ...": the mention stays "who" (PolNeAR marks the relative pronoun as the source),
            # the reader is shown whom it stands for, like a pronoun's antecedent
            sp = _antecedent_phrase(head)
            if sp is None:
                return None, None
            name, desc = self.resolve(doc, sp.start_char, sp.end_char, mentions, descriptions, genders)
            if name is None and desc is None and sp.root.pos_ == "NOUN":
                desc = sp.text  # a description is all the text gives ("One passenger")
            return name, desc
        if low in MALE_PRON | FEMALE_PRON | {"i"}:
            want = "m" if low in MALE_PRON else "f" if low in FEMALE_PRON else None
            unnamed = [u for u in self._unnamed if u[1] <= start and start - u[1] < 400
                       and _noun_gender(_text_of(doc)[u[0]:u[1]].split()) in {None, want}]
            if unnamed and not any(m.start > unnamed[-1][1] for m in before):
                # "Another passenger ... said ... 'We went up on deck,' he said": the description speaks
                return unnamed[-1][2], _text_of(doc)[unnamed[-1][0]:unnamed[-1][1]]
            fits = [m for m in before if want is None or genders.get(m.canonical) in {None, want}]
            subject = _salient_subject(doc, head, fits)
            # "In a statement, he decried the decision. '...,' he said": a pronoun subject of the sentence
            # before, already resolved, carries its person on, unless a named subject came after it
            lo = _window_start(head) if doc.has_annotation("DEP") else start
            carried = [p for p in self._pronouns if lo <= p[0] and p[1] <= start and p[3] == low]
            if carried and (subject is None or subject.start < carried[-1][0]):
                return carried[-1][2], descriptions.get(carried[-1][2])
            if subject is not None:
                return subject.canonical, descriptions.get(subject.canonical)
            for m in reversed(fits):
                return m.canonical, descriptions.get(m.canonical)
            return None, None
        if low in PLURAL_PRON:
            orgs = [e for e in doc.ents if e.label_ in ORG_LABELS and e.end_char <= start]
            return (clean_name(orgs[-1].text), None) if orgs else (None, None)
        if low in PERSON_NOUNS and head.tag_ not in {"NNS", "NNPS"} and not low.endswith("s"):
            desc = span.text
            if any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in head.children):
                # "A company spokesman said", "A source close to the crew": an indefinite description brings
                # in someone new, never a person named before. One that says whom it speaks for keeps that
                # as its name, which the brief shows as "an unnamed spokesman for <the company>"
                self._indefinite.add((start, end))
                return (clean_name(span.text) or None) if looks_like_org(span.text) else None, desc
            # prefer the person the text described with the same kind of word ("the expert" for "a
            # naval engineer at the University of X")
            fam = _family(low)
            want = _noun_gender(w.text for w in span)
            # a description with a gender never goes to a person the article gives the other gender
            # "Brodie's lawyer" is never Brodie
            owners = {m.canonical for m in mentions if m.start < end and start < m.end and _possessor_in(doc, m, head)}
            fits = [m for m in before if (want is None or genders.get(m.canonical) in {None, want})
                    and m.canonical not in owners]
            for m in reversed(fits):
                # the same word first ("the minister" for "Maritime Minister Helena Rusk"), then its kind
                if low in self._desc_words.get(m.canonical, ()):
                    return m.canonical, descriptions.get(m.canonical) or desc
            # otherwise only a bare description ("the spokesman", "the expert") stands for a person of its
            # kind, or for the nearest person the text has not described as something else: one with words
            # of its own ("the chairman of the Joint Chiefs", "the Texas governor", "the person briefed on
            # the matter") names a role that a person must have been given above in those words (a
            # "President" is no "chairman of the Joint Chiefs"), and "the judge" is not the defendant
            bare = all(c.dep_ in {"det", "punct"} for c in head.children) and len(span) <= 2
            for m in reversed(fits if bare else []):
                d = descriptions.get(m.canonical) or ""
                if fam & {w.strip(",.").lower() for w in d.split()}:
                    return m.canonical, d
            # "Dave Brat celebrated his victory ... with Fox News' Sean Hannity. The tea party-backed candidate
            # attributed ...": a definite description opening its sentence as the subject carries on the
            # previous sentence's subject (the writer's variation on the topic's name), when the text gave
            # that person no other description
            if span.start == head.sent.start and span[0].lower_ == "the" and _is_subject(head):
                subject = _salient_subject(doc, head, [m for m in fits if not descriptions.get(m.canonical)])
                if subject is not None:
                    return subject.canonical, desc
            for m in reversed(fits):
                if bare and not descriptions.get(m.canonical):
                    return m.canonical, desc
            return None, desc
        if head.pos_ == "PROPN":
            # "Fairweather said" where the NER missed the surname it tagged in "Anouk Fairweather" before
            same = [m for m in before if len(text.split()) == 1 and len(m.canonical.split()) > 1
                    and m.canonical.split()[-1] == text]
            if same:
                return same[-1].canonical, descriptions.get(same[-1].canonical)
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
