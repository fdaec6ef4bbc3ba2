"""Attributed sources: ``storydesk_attribution``.

Every source an article relies on, with the person and the organisation behind it and the chain when
one outlet cites another: "according to X", "X reported", "X, citing Y", "as first reported by X",
"in an interview with X", "X told Y", and each quoted speaker. Results: ``doc.spans["sd_sources"]``
(label = kind), each span the phrase naming the source, with ``span._.sd_person``,
``span._.sd_organization``, ``span._.sd_chain`` (outermost first) and ``span._.sd_quote`` (index into
``doc.spans["sd_quotes"]`` when the source is a quote's speaker).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ._common import (
    APPOS,
    IOBJ,
    OBJ,
    ORG_LABELS,
    PERSON_LABELS,
    PERSON_NOUNS,
    TITLES,
    char_span,
    clean_name,
    is_name_like,
    looks_like_org,
    name_span,
    np_span,
    set_span_ext,
    subject_of,
    verb_lemma,
)
from .quantities import WEEKDAYS

SOURCE_EXTS = ("sd_person", "sd_organization", "sd_chain", "sd_quote")
_REPORT_VERBS = {"report", "reveal", "publish", "disclose", "break"}


def _ent_label(tok: Token) -> str:
    return tok.ent_type_ or ""


def _kind_of_name(head: Token, text: str) -> str:
    """'person', 'org' or 'other' for a source mention."""
    label = _ent_label(head)
    if looks_like_org(text, label) or _the_name(head):
        return "org"
    if label in PERSON_LABELS:
        return "person"
    if head.pos_ == "PRON" and head.lower_ in {"he", "she", "i", "him", "her"}:
        return "person"
    if head.pos_ == "PROPN":
        return "person"
    if head.lower_ in PERSON_NOUNS:
        return "person-noun"
    return "other"


def _the_name(head: Token) -> bool:
    """Whether a proper name comes after the definite article: "the Spokesman-Review", "the Ferndale
    Post-Gazette". English puts no article before a person's bare name, so such a name is an outlet or
    body whatever the NER label; a title between them keeps a person ("the Rev. Ada Kroll"), and so does a
    plural family name ("the Krolls")."""
    if head.pos_ != "PROPN" or head.tag_ == "NNPS":
        return False
    doc = head.doc
    i = head.i
    while i > 0 and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].tag_ == "HYPH") and head.i - i < 6:
        i -= 1
    if i == 0 or doc[i - 1].lower_ != "the":
        return False
    return not any(t.lower_ in TITLES or t.lower_.rstrip(".") in TITLES for t in doc[i:head.i + 1])


def _title_first(head: Token) -> bool:
    """Whether a title word opens its mention ("Secretary of State X", "the Secretary of State X")."""
    doc = head.doc
    i = head.i
    while i > 0 and doc[i - 1].pos_ in {"DET", "ADJ"} and doc[i - 1].lower_ not in {"a", "an"}:
        i -= 1
    return i == 0 or not (doc[i - 1].pos_ in {"NOUN", "PROPN"} or doc[i - 1].tag_ == "POS")


def _hyphen_end(doc: Doc, end: int) -> int:
    """The last token of a name that a tokenizer cut at a hyphen ("Ferndale Post" + "-" + "Gazette")."""
    while (end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_
           and not doc[end + 1].whitespace_ and doc[end + 2].is_title):
        end += 2
    return end


def _past_title_object(ns: Span) -> Span:
    """A name without the object of a title's "of" that the NER or the parse put in it: "of State Hillary
    Clinton" / "State Hillary Clinton" after "Secretary" -> "Hillary Clinton" (speakers.py reads names the
    same way)."""
    doc = ns.doc
    start = ns.start
    if doc[start].lower_ == "of" and start >= 1 and doc[start - 1].lower_.rstrip(".") in TITLES | PERSON_NOUNS:
        start += 1
    if ns.end - start >= 3 and start >= 2 and doc[start - 1].lower_ == "of" \
            and doc[start - 2].lower_.rstrip(".") in TITLES | PERSON_NOUNS:
        start += 1
    return doc[start:ns.end] if start < ns.end else ns


def describe_source(head: Token) -> tuple[str | None, str | None, list[str]]:
    """(person, organisation, chain) behind a source mention.

    "Jane Roe of Le Monde" -> ("Jane Roe", "Le Monde", ["Jane Roe", "Le Monde"]); "Le Monde's Jane Roe"
    likewise; "a report in The Tribune" -> (None, "The Tribune", ["The Tribune"]).
    """
    ns = _past_title_object(name_span(head))
    ns = head.doc[ns.start:_hyphen_end(head.doc, ns.end - 1) + 1]
    name = clean_name(ns.text)
    kind = _kind_of_name(head, name)
    person = name if kind == "person" and head.pos_ != "PRON" else None
    org = name if kind == "org" else None
    chain: list[str] = []
    inner: Token | None = None
    name_parts = [t for t in name_span(head) if t is not head]
    for child in list(head.children) + [c for t in name_parts for c in t.children if c.i > t.i]:
        if child.dep_ in {"poss", "nmod:poss"} and child.i < head.i:
            # "Le Monde's Jane Roe"; but a person's "lawyer" or "spokesman" is someone else than that
            # person, who is no source in the chain
            if not (kind == "person-noun" and _kind_of_name(child, clean_name(_full_name(child).text)) == "person"):
                inner = child
        elif child.dep_ in {"prep", "nmod"} and child.i > head.i:
            # "Jane Roe of Le Monde", "a report in The Tribune", "a spokesman for the ministry"
            obj = child if child.dep_ == "nmod" else next(
                (c for c in child.children if c.dep_ in {"pobj", "obj"}), None)
            prep = child.lower_ if child.dep_ == "prep" else next(
                (c.lower_ for c in child.children if c.dep_ == "case"), "")
            if obj is not None and prep in {"of", "at", "from", "with", "for", "in", "by"}:
                inner = obj
        elif child.dep_ in APPOS:
            # "Jane Roe, a reporter at Le Monde,"
            for t in child.subtree:
                if t.pos_ == "PROPN" and (t.dep_ in {"pobj", "obj", "nmod"}) and t.i > child.i:
                    inner = t
                    break
    if inner is None:
        # the parse hung "of <outlet>" elsewhere: read it off the words after the name
        doc = head.doc
        j = name_span(head).end
        if j + 1 < len(doc) and doc[j].lower_ in {"of", "at", "from", "for", "with"}:
            k = j + 1
            while k < len(doc) and doc[k].pos_ == "DET":
                k += 1
            m = k
            while m < len(doc) and (doc[m].pos_ == "PROPN" or (doc[m].is_title and doc[m].is_alpha)):
                m += 1
            if m > k:
                run = set(range(k, m))
                inner = next((doc[x] for x in range(k, m) if doc[x].head.i not in run), doc[m - 1])
    if inner is not None:
        inner_name = clean_name(_full_name(inner).text)
        inner_kind = _kind_of_name(inner, inner_name)
        if inner_kind == "org" or (inner_kind == "person" and kind in {"person-noun", "other"}):
            if kind in {"person", "person-noun"} and inner_kind == "org":
                org = inner_name
            elif kind == "other":
                org = org or (inner_name if inner_kind == "org" else None)
                person = person or (inner_name if inner_kind == "person" else None)
            chain = [c for c in ([person or (name if kind == "person-noun" else None)] + [inner_name]) if c]
            if kind == "person-noun" and inner_kind == "person" and head.is_title and _title_first(head):
                # "Secretary of State Ada Kroll": a capitalised title before the name is the person's own,
                # no second source ("a spokesman for Ada Kroll" stays a chain)
                person, chain = inner_name, [inner_name]
    if not chain:
        chain = [c for c in (person, org) if c]
    return person, org, chain


def _interviewee(interview: Token) -> str | None:
    """The named person whose clause an "interview with <outlet>" modifies ("Obama came out ... in an
    interview with ABC"; "Mr. Trump's remarks came in an interview with The Times": the remarks' owner),
    or None when that subject is no named person."""
    verb = interview
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
    subj = subject_of(verb) if verb.pos_ in {"VERB", "AUX"} else None
    if subj is not None and subj.pos_ == "NOUN":
        # "Mr. Trump's remarks": the possessor made them
        subj = next((c for c in subj.children if c.dep_ in {"poss", "nmod:poss"}), None)
    if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ not in PERSON_LABELS | {""}:
        return None
    p, _o, _c = describe_source(subj)
    return p


def _after_comma_subject(src: Token, end: int) -> int:
    """Where "according to <organisation>" ends when the parse ran it on past its comma into the clause's
    subject: "According to the Times, Mary Cheney, who ..., took to Facebook" (the person is the one the
    Times reports on, no source of it). A person's own apposition stays ("according to the harbour master,
    Ada Lind"): only an organisation's phrase is cut before a person's name."""
    doc = src.doc
    if not (src.ent_type_ in ORG_LABELS or looks_like_org(np_span(src).text, src.ent_type_) or _the_name(src)):
        return end
    for k in range(np_span(src).end, min(end, len(doc) - 1) + 1):
        if doc[k].text == "," and k + 1 <= end and (doc[k + 1].ent_type_ in PERSON_LABELS
                                                     or doc[k + 1].pos_ == "PROPN" and doc[k + 1].is_title
                                                     and not looks_like_org(doc[k + 1].text)):
            return k - 1
    return end


def _full_name(tok: Token) -> Span:
    """The whole name a source word is part of: "University" -> "University of Calder".

    The parse hangs "of Calder" off "University" as a modifier, so the noun phrase's name part stops at
    "University"; the entity (or, without one, the capitalised "of ..." run after it) has the full name.
    """
    doc = tok.doc
    if tok.ent_type_ and tok.ent_type_ not in PERSON_LABELS:
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and len(ent) <= 12:
            start = ent.start + (1 if ent[0].lower_ == "the" and len(ent) > 1 else 0)
            span = doc[start:ent.end]
            if tok.i >= start:
                return doc[start:_hyphen_end(doc, ent.end - 1) + 1]
    span = name_span(tok)
    # a parse that hangs the preposition and article under the name ("of the Tarsby Gazette" with "of"
    # under "Tarsby"): they are not part of it
    start = span.start
    while start < tok.i and doc[start].pos_ in {"ADP", "DET"}:
        start += 1
    span = doc[start:span.end]
    end = span.end
    # "Bank of Tarsby", "Department of Fisheries": a capitalised "of" run right after the name
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title and doc[end + 1].pos_ == "PROPN":
        k = end + 1
        while k < len(doc) and k - end < 6 and doc[k].pos_ == "PROPN" and doc[k].is_title:
            k += 1
        return doc[span.start:k]
    return span


class AttributionFinder:
    """Finds the sources an article relies on."""

    def __init__(self, *, quotes_key: str = "sd_quotes", spans_key: str = "sd_sources") -> None:
        self.quotes_key = quotes_key
        self.spans_key = spans_key
        set_span_ext(SOURCE_EXTS)

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, str, str | None, str | None, list[str], int | None]] = []
        seen: set[tuple[int, int]] = set()

        def add(start: int, end: int, kind: str, person: str | None, org: str | None, chain: list[str],
                quote: int | None = None) -> None:
            if (start, end) in seen or end <= start:
                return
            seen.add((start, end))
            found.append((start, end, kind, person, org, chain, quote))

        for tok in doc:
            low = tok.lower_
            if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                from .quotes import _according_source

                src = _according_source(tok)
                if src is not None and _in_proportion(tok, src):
                    continue
                if src is not None:
                    p, o, c = describe_source(src)
                    from .quotes import according_phrase_end

                    end = _after_comma_subject(src, _hyphen_end(doc, according_phrase_end(tok, src)))
                    span = doc[tok.i:end + 1]
                    if not (p or o or c) and src.pos_ in {"NOUN", "PROPN"}:
                        # "according to a spokeswoman": an unnamed source is named by its own words,
                        # never by the phrase with the cue in it ("according to him" names no one new)
                        words = np_span(src)
                        if src.i < end + 1 and words.end <= end + 1 and words.text.strip():
                            c = [" ".join(words.text.split())]
                    add(span.start_char, span.end_char, "according_to", p, o, c)
                    for other in _coordinated_sources(src, end):
                        # "according to NBC and the AP": each outlet is a source of its own, neither
                        # cites the other, so they are two sources, not one chain
                        op, oo, oc = describe_source(other)
                        if op or oo:
                            words = np_span(other)
                            add(words.start_char, words.end_char, "according_to", op, oo, oc)
            elif low == "citing" and tok.i > 0:
                # "The Tribune, citing Reuters, reported"
                obj = next((c for c in tok.children if c.dep_ in {"dobj", "obj"}), None)
                if obj is None and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in {"PROPN", "DET", "NOUN"}:
                    j = tok.i + 1
                    while j + 1 < len(doc) and doc[j + 1].pos_ in {"PROPN", "NOUN"}:
                        j += 1
                    obj = doc[j]
                if obj is None or not _sourceish(obj):
                    continue  # "citing his health", "citing the state's economic comeback": a reason
                cited_p, cited_o, cited_c = describe_source(obj)
                citer = _citer(tok)
                chain = list(cited_c)
                if citer is not None:
                    _cp, _co, cc = describe_source(citer)
                    chain = cc + [c for c in chain if c not in cc]
                span = doc[tok.i:np_span(obj).end]
                add(span.start_char, span.end_char, "citing", cited_p, cited_o, chain)
            elif (low == "reported" or tok.tag_ == "VBN" and verb_lemma(tok) in _REPORT_VERBS) and any(
                    t.lower_ == "by" for t in doc[tok.i + 1:tok.i + 3]):
                # "as (first) reported by X", "first revealed by X", "was reported by X": the agent is the
                # source, whatever the clause's subject ("As first reported by the Courier, a boat towed")
                by = next(t for t in doc[tok.i + 1:tok.i + 3] if t.lower_ == "by")
                obj = next((c for c in by.children if c.dep_ in {"pobj", "obj"}), None)
                if obj is None and by.dep_ == "case":
                    obj = by.head
                if obj is None or obj.i <= by.i:
                    continue
                p, o, c = describe_source(obj)
                kind = "first_reported" if _first_report(tok) else "reported"
                span = doc[tok.i - 1 if doc[tok.i - 1].lower_ == "first" else tok.i:np_span(obj).end]
                add(span.start_char, span.end_char, kind, p, o, c)
            elif low == "interview" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "with":
                j = tok.i + 2
                while j < len(doc) and doc[j].pos_ == "DET":
                    j += 1
                # (is_name_like: a small tagger calls an unknown outlet's first word an adjective)
                if j < len(doc) and (doc[j].pos_ in {"PROPN", "NOUN"} or is_name_like(doc[j])):
                    k = j
                    while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN":
                        k += 1
                    p, o, c = describe_source(doc[k])
                    span = doc[tok.i:k + 1]
                    if o and not p:
                        # "Obama came out for the bill in an interview with ABC": the outlet heard it from
                        # the subject of the clause the interview is in, who leads the chain
                        giver = _interviewee(tok)
                        if giver is not None:
                            p, c = giver, [giver] + [x for x in c if x != giver]
                    add(span.start_char, span.end_char, "interview", p, o, c)
            elif verb_lemma(tok) == "tell":
                # "Smith told Reuters": the person and the outlet it was told to
                subj = subject_of(tok)
                hearer = next((c for c in tok.children if c.dep_ in {"obj", "dobj", "iobj", "dative"}
                               and is_name_like(c)), None)
                if subj is not None and hearer is not None and subj.pos_ != "PRON":
                    p, o, c = describe_source(subj)
                    hp, ho, _hc = describe_source(hearer)
                    org = ho or (hp if looks_like_org(np_span(hearer).text, hearer.ent_type_) else None)
                    if org:
                        span = doc[min(np_span(subj).start, tok.i):np_span(hearer).end]
                        # "one Democratic lawmaker told Fox News": an unnamed teller is named by its own
                        # words in the chain, as "according to a spokeswoman" is
                        who = p or o or (" ".join(np_span(subj).text.split()) if subj.pos_ == "NOUN" else None)
                        add(span.start_char, span.end_char, "told", p, org, [x for x in (who, org) if x])
            elif (verb_lemma(tok) in _REPORT_VERBS or low in {"reported", "reports", "reporting"}) and _reports(tok):
                subj = subject_of(tok)
                if subj is not None and (subj.pos_ == "PROPN" or looks_like_org(np_span(subj).text,
                                                                                 subj.ent_type_)):
                    p, o, c = describe_source(subj)
                    if p or o:
                        span = np_span(subj)
                        add(span.start_char, span.end_char, "first_reported" if _first_report(tok) else "reported",
                            p, o, c)

        for tok in doc:
            aside = _aside_report(tok)
            if aside is not None and not any(a < aside.end_char and aside.start_char < b for a, b, *_ in found):
                p, o, c = describe_source(doc[aside.end - 1])
                o = o or clean_name(aside.text)
                add(aside.start_char, aside.end_char, "reported", p, o, c or [o])

        for qi, q in enumerate(doc.spans.get(self.quotes_key, [])):
            if not q._.sd_speaker:
                continue
            s, e = q._.sd_speaker
            sp = doc.char_span(s, e, alignment_mode="expand")
            if sp is None or not len(sp):
                continue
            p, o, c = describe_source(sp.root)
            kind = "quote"
            vias = _outlets(doc, q)
            if q._.sd_cue_lemma == "tell" and vias:
                kind = "told"
            elif q._.sd_cue_lemma == "according to":
                kind = "according_to"
                cue = char_span(doc, *q._.sd_cue) if q._.sd_cue else None
                if cue is not None and len(cue) and _in_proportion(cue[0], sp.root):
                    continue  # "calculated according to a worker's contributions": no source
            elif q._.sd_medium == "interview":
                kind = "interview"
            if any(a <= s and e <= b for a, b, *_ in found):
                continue  # already found as "according to X", "in an interview with X"...
            show = _programme(doc, q)
            if show and show not in vias:
                vias.append(show)
            via = [v for v in vias if v not in c]
            if via:
                o = o or via[0]
                c = c + via
            add(s, e, kind, p, o, c, qi)

        # (after the quotes' sources: an outlet may be named only as the speaker of "The Journal reported")
        found = _outlet_antecedents(doc, found)
        found = _without_interviewers(doc, found)
        spans = []
        for start, end, kind, person, org, chain, quote in sorted(found):
            span = doc.char_span(start, end, label=kind, alignment_mode="expand")
            if span is None:
                continue
            span._.sd_person = person
            span._.sd_organization = org
            span._.sd_chain = list(chain)
            span._.sd_quote = quote
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


#: common nouns for an outlet that a parenthetical "(the paper reports)" names
_OUTLET_NOUNS = frozenset({"paper", "newspaper", "magazine", "network", "agency", "station", "broadcaster",
                           "outlet", "website", "site", "daily", "weekly", "tabloid", "channel", "wire", "journal"})
_ASIDE_VERBS = frozenset({"reports", "reported", "reveals", "revealed", "writes", "wrote", "notes", "noted"})


def _aside_report(tok: Token) -> Span | None:
    """The outlet of a parenthetical report: "(the paper reports)", "Instead, the newspaper reported, the
    aides ...". The tagger often reads "the paper reports" as one noun phrase, so the dependency branch
    never sees a verb with a subject; the aside is told by its punctuation: a bracket or comma on both
    sides of "<the> <outlet> <verb>". Returns the outlet's words without the article."""
    doc = tok.doc
    if tok.lower_ not in _ASIDE_VERBS or tok.i + 1 >= len(doc) or doc[tok.i + 1].text not in {")", ","}:
        return None
    start = tok.i
    while start > 0 and (doc[start - 1].pos_ in {"PROPN", "NOUN"} or doc[start - 1].tag_ == "HYPH") \
            and tok.i - start < 6:
        start -= 1
    if start == tok.i or start < 2 or doc[start - 1].lower_ != "the":
        return None
    if doc[start - 2].text not in {"(", ","} and not (start == 2 and doc[0].text == "("):
        return None
    words = doc[start:tok.i]
    last = words[-1]
    if last.lower_ in _OUTLET_NOUNS or last.pos_ == "PROPN" or looks_like_org(words.text, last.ent_type_):
        return doc[start - 1:tok.i]
    return None


_SAID_ON = frozenset({"say", "speak", "talk", "tell", "argue", "explain", "add", "note", "insist", "acknowledge",
                      "admit", "predict", "suggest", "warn", "declare", "comment", "remark", "vow", "promise",
                      "concede", "complain", "claim", "deny", "announce", "state", "reply", "respond", "answer"})
_SHOW_NOUNS = frozenset({"program", "programme", "show", "broadcast", "podcast", "newscast"})
# Any mark spaCy's Token.is_quote knows is looked for; these say which of them can open and close a title
# (a "„" or "«" title is as much one as a "“" one; the PTB-style "``" / "''" tokens too)
_OPENING = frozenset({"'", '"', "‘", "“", "``", "«", "„"})
_CLOSING = frozenset({"'", '"', "’", "”", "''", "»"})
#: the small words a title in quotation marks may have besides its capitalised ones ("Meet the Press")
_TITLE_SMALL = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "at", "&"})
_ANTECEDENT_KINDS = frozenset({"reported", "first_reported", "according_to", "citing", "told"})
_ANTECEDENT_SENTENCES = 3  # how far back "the paper" may look for the outlet it stands for


def _sent_start(doc: Doc, start: int, end: int) -> int | None:
    """The first token of the sentence holding characters ``start:end`` (None when they make no token)."""
    span = char_span(doc, start, end)
    return span.sent.start if span is not None and len(span) else None


def _outlet_antecedents(doc: Doc, found: list[tuple]) -> list[tuple]:
    """"The Tarsby Courier reported ... Instead, the paper reports, ...": a bare "the paper" is the
    outlet last named as a source a few sentences before, as a definite description picks up its
    antecedent. Without one near, it stays "paper"."""
    starts = [s.start for s in doc.sents]
    quotes = list(doc.spans.get("sd_quotes", []))

    def reports(g: tuple) -> bool:
        # an outlet named as the subject of "reported" may come in as a quote's speaker ("The Journal
        # reported that ..."): it is as much an antecedent as a "reported" source
        return g[2] in _ANTECEDENT_KINDS or g[6] is not None and g[6] < len(quotes) \
            and quotes[g[6]]._.sd_cue_lemma in _REPORT_CUES

    out = []
    for f in found:
        start, end, kind, person, org, chain, quote = f
        # "according to the paper" names no organisation: its words alone are its chain
        bare = org is None and len(chain) == 1 and _outlet_description(chain[0])
        if person is None and (org is not None and org.lower() in _OUTLET_NOUNS or bare) and quote is None:
            here = _sent_start(doc, start, end)
            # (a capitalised "Journal" is a name, the Journal's short one; only "paper", "journal" are bare)
            before = [g for g in found if g[1] <= start and reports(g) and g[4]
                      and (g[4].lower() not in _OUTLET_NOUNS or g[4][:1].isupper())]
            if here is not None and before:
                g = max(before, key=lambda g: g[0])
                there = _sent_start(doc, g[0], g[1])
                if there is not None and starts.index(here) - starts.index(there) <= _ANTECEDENT_SENTENCES:
                    f = (start, end, kind, None, g[4], [g[4]], quote)
        out.append(f)
    return out


_WEEKDAYS = frozenset(WEEKDAYS)
#: cue lemmas by which an outlet reports (see :func:`_outlet_antecedents`)
_REPORT_CUES = frozenset({"report", "reveal", "write", "publish", "disclose"})


def _outlet_description(words: str) -> bool:
    """"the paper", "the newspaper", "the network": a definite outlet noun, which stands for an outlet
    named before."""
    parts = words.lower().split()
    return len(parts) == 2 and parts[0] == "the" and parts[1] in _OUTLET_NOUNS


#: verbs that "according to" follows when it means "in proportion to" or "as set by" ("calculated
#: according to contributions", "vary according to income"): what follows is a measure, not a source
_PROPORTION_VERBS = frozenset({"calculate", "compute", "vary", "rank", "adjust", "sort", "divide", "allocate",
                               "distribute", "determine", "base", "pay", "tax", "price", "scale", "classify",
                               "group", "arrange", "weight", "assess", "grade", "apportion", "index", "tailor",
                               "award", "split", "differ", "range", "fluctuate", "charge", "order", "list",
                               "rate", "measure", "set", "fix", "categorize", "categorise"})
#: nouns for a measure things are set by ("according to income", "according to need")
_MEASURE_NOUNS = frozenset({"contribution", "income", "earnings", "salary", "wage", "size", "need", "weight",
                            "age", "population", "seniority", "formula", "schedule", "ability", "merit",
                            "performance", "usage", "consumption", "distance", "height", "length", "volume",
                            "value", "rank", "grade", "length", "density", "severity", "tenure", "wealth"})


def _in_proportion(according: Token, src: Token) -> bool:
    """Whether "according to" means "in proportion to" or "as set by", not "as said by": right after a
    verb of measuring or arranging, without a comma ("calculated according to a worker's
    contributions"), or before a noun for a measure ("according to income"). A source ("according to the
    harbour master") is neither."""
    doc = according.doc
    prev = doc[according.i - 1] if according.i > 0 else None
    if prev is not None and not prev.is_punct and prev.pos_ in {"VERB", "AUX", "ADJ"} and (
            prev.lemma_.lower() in _PROPORTION_VERBS or verb_lemma(prev) in _PROPORTION_VERBS):
        return True
    head = np_span(src).root if src.pos_ in {"NOUN", "PROPN"} else src
    return head.pos_ == "NOUN" and head.lemma_.lower() in _MEASURE_NOUNS and not head.ent_type_


def _coordinated_sources(src: Token, end: int) -> list[Token]:
    """The names coordinated with a source inside its phrase ("according to NBC and the AP"): each is a
    source too. Only names and organisations: "according to the report and its annex" is one source."""
    return [c for c in src.conjuncts if src.i < c.i <= end and (is_name_like(c) or c.ent_type_)]


def _programme(doc: Doc, q: Span) -> str | None:
    """The programme a quote was said on: "said on 'Tarsby Sunday'", "in an interview on Radio Kestle's
    'Morning Desk'". Like the outlet a quote was told to, the programme is the medium it reached readers
    through, so it goes into the source's chain. A title in quotation marks, a name the NER calls an
    organisation or work, or any capitalised name after "interview on"; never a day or place ("said on
    Sunday", "on Capitol Hill")."""
    cue = char_span(doc, *q._.sd_cue) if q._.sd_cue else None
    if cue is None or not len(cue):
        return None
    verb = cue.root
    # only a verb of saying is said "on" a programme: "called on Congress" urges, it airs nothing
    places = [(verb, False)] if verb.lemma_.lower() in _SAID_ON else []
    for child in verb.children:
        noun = child if child.lower_ == "interview" else None
        if child.lower_ == "in":
            noun = next((c for c in child.children if c.lower_ == "interview"), None)
        if noun is not None:
            places.append((noun, True))
    for head, interview in places:
        for child in head.children:
            if child.lower_ == "on" and child.dep_ == "prep":
                obj = next((c for c in child.children if c.dep_ in {"pobj", "obj"}), None)
            elif child.dep_ in {"obl", "nmod"} and any(c.lower_ == "on" and c.dep_ == "case" for c in child.children):
                obj = child
            else:
                continue
            if obj is None or obj.i < verb.i - 12:
                continue
            name = _title_around(doc, obj)
            if name is None and obj.lower_ in _SHOW_NOUNS and obj.i + 2 < len(doc) \
                    and doc[obj.i + 1].text in _OPENING:
                # "on the CNN program 'State of the Union'": the title after the noun, its owner before
                name = _title_around(doc, doc[obj.i + 2])
                owner = next((c for c in obj.children if c.dep_ in {"compound", "nmod", "poss", "nmod:poss"}
                              and (c.pos_ == "PROPN" or c.is_upper or c.ent_type_ == "ORG") and c.i < obj.i), None)
                if name and owner is not None:
                    name = f"{clean_name(owner.text)}'s {name}"
            if name is None and _not_a_place(doc, obj.i) and (interview or _broadcaster(_full_name(obj))):
                name = clean_name(_full_name(obj).text)
            if name:
                return name
    # a parse that hangs "in an interview on X" off the speaker ("Vance, in an interview on Radio
    # Kestle, said"): read "interview on <name>" off the words of the cue's sentence
    for tok in cue.sent:
        if tok.lower_ == "interview" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "on":
            j = tok.i + 2
            while j < len(doc) and doc[j].pos_ == "DET":
                j += 1
            if j < len(doc):
                inside = doc[j + 1] if doc[j].is_quote and j + 1 < len(doc) else doc[j]
                name = _title_around(doc, inside)
                if name is None and _not_a_place(doc, j):
                    k = j
                    while k + 1 < len(doc) and (doc[k + 1].pos_ == "PROPN" or doc[k + 1].tag_ == "POS"):
                        k += 1
                    name = clean_name(doc[j:k + 1].text)
                if name:
                    return name
    return None


#: words that make a name a broadcast even where the NER calls it a place ("Radio Kestle" -> LOC)
_BROADCAST_WORDS = frozenset({"radio", "tv", "television", "news", "network", "channel", "show", "hour", "today",
                              "tonight", "live", "public", "broadcasting", "podcast"})


def _not_a_place(doc: Doc, i: int) -> bool:
    """Whether the capitalised name at ``i`` can be a programme or outlet: not a day, time, person or
    place ("on Sunday", "on Capitol Hill"), unless it has a broadcast word ("Radio Kestle")."""
    tok = doc[i]
    if not tok.is_title or tok.lower_ in _WEEKDAYS or tok.ent_type_ in {"DATE", "TIME", "PERSON", "NORP"}:
        return False
    if tok.ent_type_ in {"GPE", "LOC", "FAC"}:
        words = {t.lower_ for t in doc[i:min(i + 5, len(doc))] if t.is_title}
        return bool(words & _BROADCAST_WORDS)
    return True


def _broadcaster(name: Span) -> bool:
    """Whether a name said "on" without quotation marks is a broadcaster: an acronym ("on CNN", "on
    KTV") or a name with a broadcast word ("on Radio Kestle"). A programme's own title is set in quotation
    marks (see :func:`_title_around`); any other name after "said on" is as often a place ("said on
    Capitol Hill"), which the NER labels too unreliably to tell apart."""
    return any(t.is_upper and len(t) >= 2 and t.is_alpha for t in name) or any(
        t.lower_ in _BROADCAST_WORDS and t.is_title for t in name)


def _title_around(doc: Doc, tok: Token) -> str | None:
    """A title in quotation marks that holds ``tok``, with an owner's name before it ("NBC's 'Meet the
    Press'"); None when ``tok`` is not inside quotation marks on its line."""
    sent = tok.sent
    opening = next((i for i in range(tok.i - 1, max(sent.start, tok.i - 8) - 1, -1)
                    if doc[i].is_quote), None)
    closing = next((i for i in range(tok.i + 1, min(sent.end, tok.i + 8))
                    if doc[i].is_quote), None)
    if tok.is_quote or opening is None or closing is None or closing - opening < 2 \
            or doc[opening].text not in _OPENING or doc[closing].text not in _CLOSING:
        return None
    # a title has capitalised words and small ones only: a stretch with "said" in it lies between two
    # quotations, not inside one title
    inner = [t for t in doc[opening + 1:closing] if not (t.is_punct and t.i == closing - 1)]
    if not inner or not inner[0].is_title or any(
            not (t.is_title or t.is_upper or t.is_digit or t.lower_ in _TITLE_SMALL or t.text in {"-", "'s", ":"})
            for t in inner):
        return None
    title = doc[inner[0].i:inner[-1].i + 1].text
    k = opening
    if k >= 2 and doc[k - 1].tag_ == "POS" and doc[k - 2].pos_ == "PROPN":
        title = f"{clean_name(name_span(doc[k - 2]).text)}'s {title}"
    return title


def _without_interviewers(doc: Doc, found: list[tuple]) -> list[tuple]:
    """Without "interview with <person>" where someone else speaks in that sentence ("Varga said in an
    interview with Ada Brin"): the person interviewing the speaker is a hearer, no source."""
    speakers = [(f[0], f[1], _sent_start(doc, f[0], f[1])) for f in found if f[6] is not None]
    out = []
    for f in found:
        start, end, kind, person, org, _chain, quote = f
        if kind == "interview" and quote is None and person and not org:
            here = _sent_start(doc, start, end)
            if any(here is not None and sent == here and not (s < end and start < e) for s, e, sent in speakers):
                continue
        out.append(f)
    return out


def _outlets(doc: Doc, q: Span) -> list[str]:
    """The outlets a quote was given to (``sd_via``: "told the Courier", "in an interview with Radio
    Kestle"). A person it was told to is its hearer, no source of it: "Fox told Jorge Ramos" is Fox's
    statement, and "told the Courier's Ada Brin" the Courier's report."""
    vias = list(q._.sd_via or [])
    if not vias:
        return vias
    heard: dict[str, str | None] = {}  # a hearer's name -> the outlet it stands for (None: a person)
    cue = char_span(doc, *q._.sd_cue) if q._.sd_cue else None
    if cue is not None and len(cue) and q._.sd_cue_lemma == "tell":
        for child in cue.root.children:
            if child.dep_ in OBJ | IOBJ and is_name_like(child):
                hp, ho, _hc = describe_source(child)
                if hp and not ho:
                    heard[clean_name(np_span(child).text)] = None
                elif ho:
                    heard[clean_name(np_span(child).text)] = ho
    people = {clean_name(e.text) for e in doc.ents if e.label_ in PERSON_LABELS
              and not looks_like_org(e.text, e.label_)}
    out = []
    for v in vias:
        v = heard.get(v, v) if v in heard else (None if v in people else v)
        if v and v not in out:
            out.append(v)
    return out


#: what a source cited or relied on can be besides a name or a person: a body of text or figures
_SOURCE_NOUNS = frozenset({"report", "reports", "study", "studies", "survey", "surveys", "poll", "polls",
                           "document", "documents", "record", "records", "data", "figures", "statistics",
                           "statement", "statements", "analysis", "memo", "letter", "filing", "filings",
                           "papers", "article", "story", "account", "accounts", "estimate", "estimates",
                           "testimony", "email", "emails", "transcript", "complaint", "indictment", "lawsuit",
                           "audit", "investigation", "review", "interview", "interviews", "reporting",
                           "newspaper", "paper", "magazine", "website", "network", "agency", "broadcaster"})


def _sourceish(tok: Token) -> bool:
    """Whether "citing <tok>" names a source: a name, an organisation, a person or a document; not the
    reason for an act ("resigned, citing his health")."""
    if is_name_like(tok) or tok.ent_type_ or tok.pos_ == "PRON" and tok.lower_ in {"him", "her", "them"}:
        return True
    head = np_span(tok).root if tok.pos_ in {"NOUN", "PROPN"} else tok
    return head.lower_ in PERSON_NOUNS | _SOURCE_NOUNS or head.lemma_.lower() in PERSON_NOUNS | _SOURCE_NOUNS


def _reports(verb: Token) -> bool:
    """Whether a verb of reporting reports something a reader is told: not negated ("won't disclose his
    net worth") and not "reporting on" a matter without a report of what ("by reporting on executive
    action")."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" or c.lower_ in {"not", "n't", "n’t", "never"} for c in kids):
        return False
    if any(c.lower_ in {"on", "about"} and c.dep_ in {"prep", "obl", "case"} for c in kids) or (
            verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ in {"on", "about"}):
        return any(c.dep_ in {"ccomp", "parataxis"} or c.lower_ == "that" for c in kids)
    return True


def _first_report(verb: Token) -> bool:
    """"first reported by X", "as X first reported", "X was (the) first to report": the outlet that broke
    the story, which the others only repeat."""
    doc = verb.doc
    if any(c.lower_ == "first" and c.dep_ in {"advmod", "amod", "npadvmod", "obl:npmod"} for c in verb.children):
        return True
    if verb.i > 0 and doc[verb.i - 1].lower_ == "first":
        return True
    head = verb.head
    # "was the first to report that ...": the parse hangs the verb of reporting from "first"
    return head is not verb and head.lower_ == "first" and head.i < verb.i and verb.i - head.i <= 3


def _citer(citing: Token) -> Token | None:
    """Who does the citing: the subject of the clause "citing" hangs from."""
    head = citing.head
    if head is citing:
        return None
    if head.pos_ in {"PROPN", "NOUN"}:
        return head
    # a parse that gives "citing" the clause's subject ("The Courier, citing X, reported")
    own = next((c for c in citing.children if c.dep_ in {"nsubj", "nsubj:pass"} and c.i < citing.i), None)
    return subject_of(head) or own


@Language.factory(
    "storydesk_attribution",
    default_config={"quotes_key": "sd_quotes", "spans_key": "sd_sources"},
    requires=["token.dep", "token.pos", "doc.spans"],
    assigns=["doc.spans", "span._.sd_person", "span._.sd_organization", "span._.sd_chain"],
)
def make_attribution(nlp: Language, name: str, quotes_key: str, spans_key: str) -> AttributionFinder:
    """Sources the article relies on, with person, organisation and citation chain."""
    return AttributionFinder(quotes_key=quotes_key, spans_key=spans_key)
