"""Hedges and epistemic status: ``storydesk_hedges``.

Finds cues that keep a distance from a claim (allegedly, reportedly, "is believed to", "may have been",
"claims" as a source's verb), that say it is unverified ("could not independently verify",
"unconfirmed") or that deny it ("denied", "rejected the allegations"), in ``doc.spans["sd_hedges"]``
(label ``hedge``/``unverified``/``denial``). Then marks each sentence (``doc._.sd_sentence_status``:
``[[start_char, end_char, status, [hedge indexes]], ...]``) and each quote (``span._.sd_status``,
``span._.sd_hedges``) as asserted, attributed, hedged or denied.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ._common import DENIAL_VERBS, HEDGING_VERBS, forget_sentences, sent_of, set_doc_ext, set_span_ext

_BE = ["is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re", "’re"]
_HEDGE_ADVERBS = ["purportedly", "allegedly", "reportedly", "apparently", "supposedly", "seemingly",
                  "possibly", "presumably", "probably", "perhaps", "maybe", "ostensibly", "likely",
                  "arguably", "rumoredly", "conceivably"]
_HEDGE_ADJ = ["alleged", "purported", "suspected", "rumored", "rumoured", "so-called", "possible", "apparent",
              "supposed", "reported", "putative"]
_DISTANCE_PARTICIPLES = ["believed", "thought", "said", "understood", "reported", "alleged", "rumored",
                         "rumoured", "suspected", "claimed", "presumed", "feared", "estimated", "expected"]
_DENIAL_FORMS = ["deny", "denies", "denied", "denying", "refute", "refutes", "refuted", "rebut", "rebutted",
                 "rebuts"]
_REJECT_FORMS = ["reject", "rejects", "rejected", "rejecting", "dismiss", "dismissed", "dismisses",
                 "dispute", "disputed", "disputes", "disputing", "contest", "contested"]
_CLAIM_NOUNS = ["claim", "claims", "allegation", "allegations", "accusation", "accusations", "report",
                "reports", "charge", "charges", "suggestion", "suggestions", "idea", "notion", "assertion",
                "assertions", "story", "account", "rumor", "rumors", "rumour", "rumours"]
_CLAIM_VERBS = ["claims", "claimed", "claim", "claiming", "alleges", "alleged", "allege", "alleging", "purports",
                "purported"]
# forms that are not also nouns: "<form> that" is a claim verb introducing a clause
_CLAIM_VERB_PAST = ["claimed", "alleges", "alleged", "alleging", "claiming", "purported"]
_CLAUSE_DEPS = ["ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis", "xcomp"]
_VERIFY = ["verify", "verified", "confirm", "confirmed", "corroborate", "corroborated", "authenticate",
           "authenticated"]


def _patterns() -> dict[str, list[list[dict]]]:
    adv = {"LOWER": "independently", "OP": "?"}
    return {
        "hedge": [
            [{"LOWER": {"IN": _HEDGE_ADVERBS}, "POS": {"IN": ["ADV", "ADJ", ""]}}],
            [{"LOWER": {"IN": _HEDGE_ADJ}, "POS": {"IN": ["ADJ", "VERB", ""]}, "DEP": {"IN": ["amod", ""]}}],
            [{"LOWER": {"IN": _BE}}, {"LOWER": {"IN": ["widely", "generally", "also", "now"]}, "OP": "?"},
             {"LOWER": {"IN": _DISTANCE_PARTICIPLES}}, {"LOWER": "to"}],
            [{"LOWER": {"IN": ["may", "might", "could"]}}, {"LOWER": "not", "OP": "?"}, {"LOWER": "have"},
             {"TAG": {"IN": ["VBN"]}, "OP": "?"}],
            [{"LOWER": {"IN": ["may", "might"]}}, {"LOWER": "not", "OP": "?"}, {"LOWER": "be"}],
            [{"LOWER": {"IN": ["appears", "appeared", "seems", "seemed", "appear", "seem"]}}, {"LOWER": "to"}],
            [{"LOWER": "it"}, {"LOWER": {"IN": _BE}}, {"LOWER": "not", "OP": "?"},
             {"LOWER": {"IN": ["unclear", "uncertain", "possible"]}}],
            # "it is clear that ..." asserts; only "it is not clear" keeps a distance
            [{"LOWER": "it"}, {"LOWER": {"IN": _BE}}, {"LOWER": {"IN": ["not", "n't", "’t"]}}, {"LOWER": "clear"}],
            # "The fate of the emails is unclear", "how many died remains uncertain": any subject
            [{"LOWER": {"IN": _BE + ["remains", "remained", "remain"]}}, {"LOWER": "still", "OP": "?"},
             {"LOWER": {"IN": ["unclear", "uncertain", "unknown"]}}],
            [{"LOWER": {"IN": ["remains", "remained", "remain"]}}, {"LOWER": "to"}, {"LOWER": "be"},
             {"LOWER": "seen"}],
            [{"LOWER": {"IN": _CLAIM_VERBS}, "POS": "VERB"}],
            # the tagger often reads a clause-heading "alleged"/"purported" as an adjective ("One
            # passenger alleged that ..." -> ADJ, ROOT): as the head of a clause it is still the verb
            [{"LOWER": {"IN": _CLAIM_VERBS}, "DEP": {"IN": _CLAUSE_DEPS}}],
            [{"LOWER": {"IN": _CLAIM_VERB_PAST}}, {"LOWER": "that"}],
        ],
        "unverified": [
            [{"LOWER": {"IN": ["unconfirmed", "unverified", "uncorroborated", "unsubstantiated"]}}],
            # the negation is required: "We can confirm that ..." confirms ("cannot" is "can" + "not")
            [{"LOWER": {"IN": ["could", "can", "did", "does", "do", "has", "have", "had", "would"]}},
             {"LOWER": {"IN": ["not", "n't", "’t", "never"]}}, {"LOWER": "be", "OP": "?"},
             {"LOWER": "been", "OP": "?"}, adv, {"LOWER": {"IN": _VERIFY}}],
            [{"LOWER": {"IN": _BE}}, {"LOWER": {"IN": ["unable", "not"]}}, {"LOWER": "able", "OP": "?"},
             {"LOWER": "to"}, adv, {"LOWER": {"IN": _VERIFY}}],
            [{"LOWER": {"IN": ["not", "never"]}}, {"LOWER": "been", "OP": "?"}, adv,
             {"LOWER": {"IN": _VERIFY}}],
            [{"LOWER": "no"}, {"LOWER": {"IN": ["evidence", "proof", "confirmation"]}}],
            [{"LOWER": {"IN": _BE + ["has", "have", "had"]}}, {"LOWER": {"IN": ["not", "n't", "’t", "never"]}},
             {"LOWER": "been", "OP": "?"}, {"LOWER": "able"}, {"LOWER": "to"}, adv, {"LOWER": {"IN": _VERIFY}}],
            [{"LOWER": "neither"}, {"LOWER": {"IN": ["confirm", "confirmed", "confirms"]}}, {"LOWER": "nor"},
             {"LOWER": {"IN": ["deny", "denied", "denies"]}}],
        ],
        "denial": [
            [{"LOWER": {"IN": _DENIAL_FORMS}}],
            [{"LOWER": {"IN": _REJECT_FORMS}}, {"POS": {"IN": ["DET", "PRON", "ADJ"]}, "OP": "*"},
             {"LOWER": {"IN": _CLAIM_NOUNS}}],
            [{"LOWER": {"IN": _BE}}, {"LOWER": {"IN": ["not", "n't", "’t"]}}, {"LOWER": "true"}],
            [{"LOWER": {"IN": ["categorically", "flatly", "strongly", "vehemently"]}},
             {"LOWER": {"IN": _DENIAL_FORMS + _REJECT_FORMS}}],
        ],
    }


_CLAIM_FORMS = frozenset(_CLAIM_VERBS)


_NOMINAL_DEPS = frozenset({"obj", "dobj", "iobj", "pobj", "nsubj", "nsubj:pass", "nsubjpass", "obl", "nmod",
                           "compound"})


def _claims(span: Span) -> bool:
    """Whether a claim verb keeps a distance from what it introduces ("claimed that the crew ...", "as he
    claims"). Not when it takes a thing as one's due: "will be able to claim compensation", "claimed
    responsibility", "claimed victory" have a noun object and no clause."""
    if len(span) != 1 or span[0].lower_ not in _CLAIM_FORMS or span[0].pos_ not in {"VERB", "AUX"}:
        return True
    tok = span[0]
    if tok.dep_ in _NOMINAL_DEPS:
        # "Republicans challenge Vance claims on ferry cuts": a headline noun the tagger calls a verb; its
        # place in the parse (an object, a subject) is a noun's
        return False
    kids = list(tok.children)
    obj = next((c for c in kids if c.dep_ in {"obj", "dobj"}), None)
    # a clause after a noun object and a comma is no content of the claim: "claimed responsibility for
    # the attack, though it's unclear ..." (the parse may hang the "though" clause as parataxis)
    after = obj.right_edge.i if obj is not None and obj.pos_ in {"NOUN", "PROPN"} else None
    if any((c.dep_ in {"ccomp", "xcomp", "parataxis", "csubj"} or c.lower_ == "that")
           and not (after is not None and c.left_edge.i > after
                    and any(t.is_punct for t in tok.doc[after + 1:c.left_edge.i + 1]))
           for c in kids):
        return True
    if obj is None and tok.lower_ in {"claim", "claims"} and tok.i + 1 < len(tok.doc) \
            and tok.doc[tok.i + 1].lower_ in {"on", "of", "about", "over", "against"} \
            and not any(c.dep_ == "mark" or c.lower_ in {"as", "so"} for c in kids):
        # "Republicans challenge Vance claims on ferry cuts": the verb of claiming takes a clause or an
        # object, never "on"/"of" + a topic; with neither, "claims on" is the plural noun
        return False
    if obj is None:
        # a parse that hangs the verb as a modifier of its object ("claimed responsibility for the blast"
        # -> claimed/amod, responsibility/ROOT): read the object off the words; a noun that no verb
        # follows is a thing claimed, a noun before a verb the subject of a claimed clause ("claimed
        # voters were turned away")
        doc = tok.doc
        j = tok.i + 1
        while j < len(doc) and doc[j].pos_ in {"DET", "ADJ"}:
            j += 1
        if j < len(doc) and doc[j].tag_ in {"NN", "NNS"}:
            k = j + 1
            while k < len(doc) and doc[k].tag_ in {"NN", "NNS"}:
                k += 1
            if k >= len(doc) or doc[k].pos_ not in {"VERB", "AUX"}:
                return False
        return True
    return obj.pos_ not in {"NOUN", "PROPN"}


_MODALS = frozenset({"may", "might", "could"})
#: perception verbs that "you may have ..." addresses to the reader or hearer ("You may have heard that")
_PERCEIVE = frozenset({"heard", "seen", "noticed", "read", "watched", "wondered", "guessed"})
_FREE_CHOICE = frozenset({"any", "whatever", "whichever", "every"})
#: "anyone I may have offended": the pronoun ranges over whoever there is, as "any person" does; the modal
#: in its relative clause allows for people, it doubts no reported fact
_FREE_CHOICE_PRONOUNS = frozenset({"anyone", "anybody", "anything", "everyone", "everybody", "everything",
                                   "whoever", "whomever"})
#: nouns for what is to be chosen among, people ("candidates", "successors") or options ("venues"):
#: "possible" on them says the choice is open, as on the object of a verb of proposing (:func:`_prospect`);
#: "possible violations", "possible motives" stay hedges (what may have happened)
_OPTION_NOUNS = frozenset({"candidate", "contender", "successor", "replacement", "nominee", "pick", "choice",
                           "option", "alternative", "challenger", "suitor", "bidder", "buyer", "appointee",
                           "heir", "venue", "site", "destination", "route", "date", "compromise", "solution",
                           "remedy", "partner", "mate"})
#: quantity words that make "reported <plural>" a count of what is on record
_MANY = frozenset({"numerous", "many", "several", "few", "multiple", "countless", "dozens", "hundreds",
                   "thousands", "scores"})


def _keeps_distance(span: Span) -> bool:
    """Whether a hedge cue keeps a distance from a claim, rather than only looking like one:

    - "likely Republican voters", "likely caucus-goers": a class of people defined by a likelihood (an
      adjective on a plural noun without an article), not a doubt about a statement;
    - "You may have heard that ...": a modal perfect addressed to the hearer;
    - "no gun law could have saved them": a negated counterfactual, which denies rather than doubts;
    - "any documents they may have had", "regardless of which party may be in charge": a modal in a
      free-choice clause ranges over possibilities, it doubts no fact;
    - "who would be expected to attend": an expectation under a condition, no report of a belief;
    - "suggested a possible administration job", "flirted with a possible presidential bid": "possible"
      on what someone proposes or weighs is an option not yet taken (see :func:`_prospect`).
    """
    doc = span.doc
    first = span[0]
    low = first.lower_
    if len(span) == 1 and low == "possible" and first.dep_ == "amod" and (
            _prospect(first.head) or first.head.lemma_.lower() in _OPTION_NOUNS):
        return False
    if len(span) == 1 and low == "reported" and first.dep_ == "amod" and _tally(first.head):
        return False
    if len(span) == 1 and low == "likely" and first.dep_ in {"amod", "advmod"}:
        noun = first.head
        for _ in range(4):  # "likely Republican caucus-goers": through the other modifiers of the noun
            if noun.dep_ not in {"amod", "compound", "advmod"} or noun.head.i <= noun.i:
                break
            noun = noun.head
        if noun.pos_ == "NOUN" and noun.tag_ in {"NNS", "NNPS"} and noun.i > first.i \
                and not any(c.dep_ == "det" for c in noun.children):
            return False
    if low in _MODALS:
        verb = next((t for t in span[1:] if t.tag_ == "VBN" or t.lower_ == "be"), None)
        clause = first.head
        subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"}), None)
        if subj is not None and subj.lower_ == "you" and (verb is not None and verb.lower_ in _PERCEIVE
                                                          or clause.lower_ in _PERCEIVE):
            return False
        if subj is not None and (subj.lower_ in {"nothing", "nobody", "none", "no"}
                                 or any(c.lower_ == "no" for c in subj.children)):
            return False
        # "only the toll cap could have had an effect": "only X could have" says that nothing else could
        # have, a negated counterfactual like the one above; it compares what was not done, doubts no fact
        if low == "could" and subj is not None and any(
                c.lower_ in {"only", "just"} for c in subj.children if c.dep_ in {"advmod", "amod", "det"}):
            return False
        # "murals that could have been spent on flood walls": a "could have" in a relative clause
        # describes what a thing could have been used for and was not (root possibility, counterfactual).
        # "may/might have" there stays a hedge ("the clerk who may have shredded the ledgers"), and so does
        # "could have" in a main clause ("the blaze could have been caused by wiring"), which guesses at
        # what did happen
        if low == "could" and clause.dep_ in {"relcl", "acl:relcl"} and not any(
                t.lower_ in {"not", "n't", "n’t"} for t in span):
            return False
        if clause.dep_ in {"relcl", "acl:relcl", "acl"} and (
                any(c.dep_ == "det" and c.lower_ in _FREE_CHOICE for c in clause.head.children)
                or clause.head.lower_ in _FREE_CHOICE_PRONOUNS):
            return False
        if low == "may" and _concedes(first, clause):
            return False
        window = doc[max(0, first.i - 8):first.i]
        text = " ".join(t.lower_ for t in window)
        if any(t.lower_ in {"which", "whichever", "whatever", "whoever"} for t in window) and (
                "regardless of" in text or "no matter" in text):
            return False
    if span.start > 0 and doc[span.start - 1].lower_ in {"would", "should", "could"} and any(
            t.lower_ == "expected" for t in span):
        return False
    return True


def _concedes(modal: Token, clause: Token) -> bool:
    """"Thrift may be fine for bankers but not for families": a "may" whose clause is set against a negated
    alternative ("but not", "but never") grants one side in order to deny the other (concessive "may");
    it keeps no distance from a claim. Without the negated contrast "may" stays a hedge ("the toll may be
    higher, but officials would not say")."""
    doc = modal.doc
    for tok in clause.subtree:
        if tok.i > modal.i and tok.lower_ == "but" and tok.i + 1 < len(doc) \
                and doc[tok.i + 1].lower_ in {"not", "never"}:
            return True
    return False


def _tally(noun: Token) -> bool:
    """"numerous, reported instances", "300 reported cases": "reported" on a counted plural tallies what
    is on record, as a statistic does; it keeps no distance from the count (the speaker offers it as
    evidence). "the reported attack" or "his reported remarks" stay hedges: one event known only by
    report."""
    if noun.tag_ not in {"NNS", "NNPS"}:
        return False
    return any(c.dep_ == "nummod" or c.lower_ in _MANY and c.dep_ in {"amod", "det", "nummod"}
               for c in noun.children)


#: verbs of proposing and weighing (cf. Levin's "suggest" and "consider" classes): their object is an
#: option, so "possible" on it says that the option is open, not that a reported fact is in doubt
_PROSPECT_VERBS = frozenset({"suggest", "offer", "propose", "consider", "discuss", "weigh", "explore", "flirt",
                             "contemplate", "mull", "float", "eye", "ponder", "plan", "prepare", "seek",
                             "entertain", "rule", "raise", "pitch", "dangle"})


def _prospect(noun: Token) -> bool:
    """Whether a noun is the object of a verb of proposing or weighing, directly ("suggested a possible
    job") or through its preposition ("flirted with a possible bid", "ruled out a possible run")."""
    verb = noun.head
    if noun.dep_ in {"pobj"} and verb.pos_ == "ADP":
        verb = verb.head
    elif noun.dep_ not in {"obj", "dobj", "obl", "nmod"}:
        return False
    return verb.pos_ == "VERB" and verb.lemma_.lower() in _PROSPECT_VERBS


_FUTURE_WORDS = frozenset({"tomorrow", "soon", "someday", "future", "hereafter"})
_NEXT = frozenset({"next", "coming", "following", "upcoming"})
_TIME_DEPS = frozenset({"obl", "obl:tmod", "obl:unmarked", "npadvmod", "advmod", "nmod:tmod", "tmod", "prep"})


def _predicts(span: Span) -> bool:
    """"Next time we might not be so lucky", "The vote may be delayed until next week": a "may/might
    (not) be" set in the future by its clause's time modifier is a prediction, not a distance kept from
    a fact (the hedges this component marks: "may have been", "is believed to", "allegedly"). Without
    such a modifier "may be" stays a hedge ("the death toll may be higher")."""
    if span[0].lower_ not in {"may", "might"} or span[-1].lower_ != "be":
        return False
    head = span[0].head
    for child in head.children:
        if child.dep_ not in _TIME_DEPS:
            continue
        # "in (the) future", "until next week": the time word hangs from a preposition in some parses
        words = [child] + [c for c in child.children if c.dep_ in {"pobj", "obj"}]
        for w in words:
            if w.lower_ in _FUTURE_WORDS or any(c.lower_ in _NEXT for c in w.children if c.dep_ in {"amod", "det"}):
                return True
    return False


_DENIAL_VERB_FORMS = frozenset(_DENIAL_FORMS + _REJECT_FORMS)
# words before a verb of denial that undo it: "did not deny", "has never disputed", "declined to deny"
_UNDO = frozenset({"not", "n't", "’t", "never", "cannot", "can't", "can’t", "declined", "declines", "declining",
                   "refused", "refuses", "refusing", "neither", "nor"})
_UNDO_WINDOW = 3  # tokens before the verb, within its clause
# subjects that deny nothing: "No one disputes that ...", "Nobody denied it"
_NOBODY = frozenset({"nobody", "none", "no"})
# what a verb of denial withholds rather than contradicts: "was denied bail", "denied him entry"
_REFUSED = frozenset({"bail", "entry", "access", "permission", "request", "requests", "application", "appeal",
                      "visa", "visas", "boarding", "admission", "parole", "leave", "benefits", "service",
                      "treatment", "care", "passage", "landing", "licence", "license", "funding"})

_REJECT_VERB_FORMS = frozenset(_REJECT_FORMS)
#: what is put to a decision: to reject or dismiss one is to turn it down, which contradicts no claim
#: ("rejected the mayor's agenda", "dismissed calls for a recount"); "denied any plan to ..." is not here:
#: with "deny" the object stands for a claim that the thing exists, and it stays a denial
_PROPOSALS = frozenset({"measure", "proposal", "plan", "bill", "agenda", "call", "offer", "deal", "amendment",
                        "legislation", "nomination", "nominee", "resolution", "motion", "compromise",
                        "settlement", "policy", "reform", "initiative", "budget", "treaty", "bid", "demand",
                        "petition", "recommendation", "invitation", "ultimatum", "overture", "candidacy"})


def _denies(span: Span) -> bool:
    """Whether a denial cue contradicts a claim. Not when it is negated or declined ("did not deny",
    "never disputed", "declined to deny", "No one denies"), nor when the verb refuses something rather
    than a claim ("was denied bail", "denied him entry", "rejected the application"): the status
    "denied" says a source contradicts what the statement reports, and these do not."""
    doc = span.doc
    verb = next((t for t in span if t.lower_ in _DENIAL_VERB_FORMS), None)
    if verb is None:
        return True  # "is not true"
    for tok in reversed(doc[max(span.start - _UNDO_WINDOW, 0):span.start]):
        if tok.is_punct or tok.is_space:
            break
        if tok.lower_ in _UNDO:
            return False
    if _in_negated_list(verb):
        return False
    if _hypothetical(verb):
        return False
    if not doc.has_annotation("DEP"):
        return True
    deps = {c.dep_: c for c in verb.children}
    if {"aux:pass", "auxpass", "nsubj:pass", "nsubjpass", "iobj", "dative"} & deps.keys() and not (
            {"ccomp"} & deps.keys()):
        return False  # "was denied entry", "denied him access": a refusal
    subj = deps.get("nsubj")
    if subj is not None and (subj.lower_ in _NOBODY or any(c.lower_ == "no" for c in subj.children)):
        return False
    if _two_objects(verb):
        return False  # "a bid to deny Clinton the nomination": withholds something, contradicts no one
    obj = deps.get("obj") or deps.get("dobj")
    if obj is not None and verb.lower_ in _REJECT_VERB_FORMS and obj.lemma_.lower() in _PROPOSALS:
        return False  # "rejecting gun safety measures", "rejects calls for a toll rise": a decision
    return obj is None or obj.lemma_.lower() not in _REFUSED and obj.lower_ not in _REFUSED


_LIST_WORDS = frozenset({",", "or", "and", "nor"})


def _in_negated_list(verb: Token) -> bool:
    """Whether a verb of denial is a later item of a negated list of verbs: "said he could not confirm,
    deny or comment on the case" refuses to comment; it denies nothing. Read off the words (a comma, "or",
    "and" and verbs back to the negation) as well as the parse (a conjunct of a negated verb)."""
    doc = verb.doc
    head = verb.head if verb.dep_ == "conj" else None
    if head is not None and any(c.lower_ in _UNDO for c in head.children if c.dep_ in {"neg", "advmod", "aux"}):
        return True
    k = verb.i - 1
    seen_list = False
    while k >= 0 and verb.i - k <= 8:
        tok = doc[k]
        if tok.lower_ in _LIST_WORDS:
            seen_list = True
        elif tok.lower_ in _UNDO:
            return seen_list
        elif tok.pos_ not in {"VERB", "AUX"}:
            return False
        k -= 1
    return False


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})


def _two_objects(verb: Token) -> bool:
    """"deny Clinton the nomination", "denied them a vote": a person and then a thing after the verb is
    the frame of refusing someone something (the parse often misses the indirect object). "denied Smith's
    account" and "denied that ..." are not: a possessive or a clause follows."""
    doc = verb.doc
    j = verb.i + 1
    # (a name the tagger took for something else is still capitalised: "deny Lind/VERB the nomination")
    if j >= len(doc) or not (doc[j].pos_ == "PROPN" or doc[j].is_title and doc[j].is_alpha
                             or doc[j].lower_ in _OBJECT_PRONOUNS):
        return False
    while j + 1 < len(doc) and doc[j + 1].is_title and doc[j + 1].is_alpha and doc[j].is_title:
        j += 1
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    return nxt is not None and (nxt.pos_ == "DET" and nxt.lower_ in {"the", "a", "an", "any", "his", "her", "their"}
                                or nxt.tag_ in {"PRP$"})


#: what puts a verb of denial in a condition: "if he were to reject the plank", "unless she denies it"
_CONDITION = frozenset({"if", "unless", "whether", "suppose", "supposing"})


def _hypothetical(verb: Token) -> bool:
    """Whether a verb of denial sits in a condition ("If Vance were to reject the plank, it would ..."):
    a condition supposes a denial, it reports none."""
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].lower_ == "to" and doc[verb.i - 2].lower_ in {"were", "was"}:
        return True
    clause = verb
    for _ in range(3):  # from the verb up through "were to reject" to the clause head
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION for c in clause.children):
            return True
        if clause.dep_ not in {"xcomp", "conj", "aux"} or clause.head is clause:
            break
        clause = clause.head
    return False


def _needs_dep(tok: dict) -> bool:
    """A dependency test that has no lexical fallback (no "" among its values)."""
    dep = tok.get("DEP")
    return dep is not None and not (isinstance(dep, dict) and "" in dep.get("IN", []))


def _inside(hedge: Span, quote: Span | None, cue: Span | None) -> bool:
    """A denial that is the quote's cue ("denied that ...", "rejected claims that ...") or part of what
    it reports ("said the report was not true"; ``quote`` None: the cue alone)."""
    if cue is not None and hedge.start < cue.end and cue.start < hedge.end:
        return True
    return quote is not None and quote.start <= hedge.start and hedge.end <= quote.end


def _clause_head(tok: Token) -> Token | None:
    """The verb heading the clause a word is in (None at the root of a verbless parse)."""
    for _ in range(8):
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"aux", "aux:pass", "auxpass", "cop"}:
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _belongs(hedge: Span, parts: list[tuple[int, int]], cue: Span | None) -> bool:
    """Whether a hedge found near a statement qualifies that statement.

    Outside the statement's content, only a hedge on its cue does ("reportedly said", "is believed to have
    told"), not one in a clause about the speaker ("Ada Lind, who would be expected to attend, said she
    will travel"). Inside the content, a verb of claiming with its own subject there is another source's
    claim that the statement mentions ("Ryan says this preserves the plan, as his rivals claim"), not a
    distance the statement keeps."""
    inside = any(a <= hedge.start_char and hedge.end_char <= b for a, b in parts)
    if cue is not None and len(cue) and hedge.start < cue.end and cue.start < hedge.end:
        return True
    doc = hedge.doc
    if not doc.has_annotation("DEP"):
        return True
    if not inside:
        if cue is None or not len(cue):
            return True
        if hedge.start_char > max(b for _a, b in parts):
            # after the content ("..., he said, apparently"): the sentence's as before, unless it sits in a
            # clause of its own that the cue does not head ("urged lawmakers to act, while mocking them for
            # supposedly minor bills")
            clause = _clause_head(doc[hedge.start])
            return clause is None or clause.i in {t.i for t in cue} or clause.is_ancestor(cue.root) \
                or not any(t.is_punct for t in doc[cue.end:hedge.start])
        cue_idx = {t.i for t in cue}
        own = {t.i for t in hedge}
        return any(t.head.i in cue_idx for t in hedge) or any(t.head.i in own for t in cue) \
            or any(t.head.i in cue_idx for t in doc[hedge.start].head.subtree if t.i in own)
    if len(hedge) == 1 and hedge[0].lower_ in _CLAIM_FORMS:
        # (a tagger may read "as Obama's campaign claims" as a noun with a compound "subject")
        subj = next((c for c in hedge[0].children if c.i < hedge[0].i and (
            c.dep_ in {"nsubj", "nsubj:pass"} or hedge[0].pos_ == "NOUN" and c.dep_ in {"compound", "nmod:poss"})),
                    None)
        if subj is not None and any(a <= subj.idx < b for a, b in parts):
            return False
    return True


def _proposes(verb: Token) -> bool:
    """"suggested a possible job to Ivo Brandt": "suggest" with a thing as its object and no clause puts
    forward an option; it keeps no distance from a claim ("suggested that the port may close" does)."""
    if verb.lemma_.lower() != "suggest":
        return False
    kids = list(verb.children)
    # (an infinitive of purpose is no content: "suggested a job to Ivo Brandt to keep him out of the race",
    # nor is a parenthetical attribution hung on the verb: "..., The Post has reported")
    if any(c.dep_ in {"ccomp", "csubj"} or c.lower_ == "that" for c in kids):
        return False
    obj = next((c for c in kids if c.dep_ in {"obj", "dobj"} and c.pos_ in {"NOUN", "PROPN"}), None)
    if obj is None:
        return False
    # "suggested such actions may constitute a crime": a verb right after the "object" makes it the
    # subject of a suggested clause the parse did not build
    nxt = verb.doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(verb.doc) else None
    return not (nxt is not None and nxt.pos_ in {"VERB", "AUX"})


def _negated(verb: Token) -> bool:
    return any(c.dep_ in {"neg", "advmod"} and c.lower_ in {"not", "n't", "’t", "never"} for c in verb.children)


_PRIORITY = {"denied": 3, "hedged": 2, "attributed": 1, "asserted": 0}


class HedgeFinder:
    def __init__(self, vocab, *, quotes_key: str = "sd_quotes", sources_key: str = "sd_sources",
                 spans_key: str = "sd_hedges") -> None:
        self.quotes_key = quotes_key
        self.sources_key = sources_key
        self.spans_key = spans_key
        # spaCy's Matcher refuses POS/TAG/DEP tests on Docs without them: a second, lexical matcher
        # serves pipelines without a tagger or parser (it skips the cues only the tags can tell apart)
        self.matcher = Matcher(vocab)
        self.lexical = Matcher(vocab)
        for label, pats in _patterns().items():
            self.matcher.add(label, pats)
            lexical = []
            for pat in pats:
                if any(tok.get("POS") == "VERB" or _needs_dep(tok) for tok in pat):
                    continue
                lexical.append([{k: v for k, v in tok.items() if k not in {"POS", "TAG", "DEP"}} for tok in pat])
            self.lexical.add(label, lexical)
        set_span_ext(("sd_status", "sd_hedges"))
        set_doc_ext(("sd_sentence_status",))

    def __call__(self, doc: Doc) -> Doc:
        matches = []
        tagged = doc.has_annotation("POS") and doc.has_annotation("TAG") and doc.has_annotation("DEP")
        for match_id, start, end in (self.matcher if tagged else self.lexical)(doc):
            label = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=label)
            if label == "denial" and not _denies(span) or label == "hedge" and not _claims(span):
                continue
            if label == "hedge" and tagged and (_predicts(span) or not _keeps_distance(span)):
                continue
            matches.append(span)
        # "denied" is a verb of saying for the quote finder too; prefer the longest match per place
        hedges = sorted(filter_spans(matches), key=lambda s: s.start)
        doc.spans[self.spans_key] = hedges
        starts = [h.start_char for h in hedges]

        def hedges_in(a: int, b: int) -> list[int]:
            return [i for i, s in enumerate(starts) if a <= s < b]

        quotes = list(doc.spans.get(self.quotes_key, []))
        denied_cues: list[int] = []
        contents = [[tuple(p) for p in (q._.sd_parts or [(q.start_char, q.end_char)])] for q in quotes]

        def in_other(i: int, k: int) -> bool:
            # "cautioned that the fire may have been burning, and said investigators would look ...": a
            # hedge inside another statement's content is that statement's, not this one's
            h = hedges[i]
            if any(a <= h.start_char < b for a, b in contents[k]):
                return False
            return any(j != k and any(a <= h.start_char and h.end_char <= b for a, b in parts)
                       for j, parts in enumerate(contents))

        for k, q in enumerate(quotes):
            # the statement is the content plus its cue; a hedge before the cue ("reportedly said")
            # belongs to it too, when in the same sentence
            lo, hi = q.start_char, q.end_char
            if q._.sd_cue:
                lo, hi = min(lo, q._.sd_cue[0]), max(hi, q._.sd_cue[1])
            sent = sent_of(q.doc[q.start])
            cue_sent = doc.char_span(q._.sd_cue[0], q._.sd_cue[1], alignment_mode="expand") if q._.sd_cue else None
            region_lo = min(lo, sent_of(cue_sent[0]).start_char if cue_sent is not None and len(cue_sent) else lo)
            idx = [i for i in hedges_in(region_lo, max(hi, sent.end_char if q.label_ == "indirect" else hi))]
            idx = [i for i in idx if hedges[i].start_char >= lo or sent_of(hedges[i][0]) == (sent_of(cue_sent[0])
                                                                                     if cue_sent else None)]
            idx = [i for i in idx if not in_other(i, k) and _belongs(hedges[i], contents[k], cue_sent)]
            status = "attributed"
            # a denial elsewhere in the sentence is another statement's ("He denied X, saying Y": Y is
            # what he says, not what he denies); it qualifies this one only as its cue or inside it
            idx = [i for i in idx if hedges[i].label_ != "denial" or _inside(hedges[i], q, cue_sent)]
            kinds = {hedges[i].label_ for i in idx}
            lemma = q._.sd_cue_lemma
            # inside a direct quote, a denial is one of the speaker's sentences, not what the quote is
            denies = any(hedges[i].label_ == "denial" and (q.label_ == "indirect" or _inside(hedges[i], None, cue_sent))
                         for i in idx)
            if lemma in DENIAL_VERBS and cue_sent is not None and len(cue_sent) and _denies(cue_sent):
                # "The union disputed that ...": the verb is the denial, whether or not a cue pattern
                # matched it; its sentence is denied too
                status = "denied"
                denied_cues.append(cue_sent.start_char)
            elif denies:
                status = "denied"
            elif kinds & {"hedge", "unverified"} or lemma in HEDGING_VERBS and not (
                    cue_sent is not None and len(cue_sent) == 1 and not _claims(cue_sent)) and not (
                    cue_sent is not None and len(cue_sent) and (_negated(cue_sent.root) or _proposes(cue_sent.root))):
                # ("claim a refund" as a cue is no distance from a claim: see _claims; "was not suggesting
                # any round-ups" keeps none either: it says what was not suggested)
                status = "hedged"
            q._.sd_status = status
            q._.sd_hedges = idx
        statuses = []
        sources = list(doc.spans.get(self.sources_key, []))
        for sent in doc.sents:
            if sent.text.strip() == "":
                continue
            idx = hedges_in(sent.start_char, sent.end_char)
            kinds = {hedges[i].label_ for i in idx}
            status = "asserted"
            if any(q.start_char < sent.end_char and sent.start_char < q.end_char for q in quotes) or any(
                    s.start_char < sent.end_char and sent.start_char < s.end_char for s in sources):
                status = "attributed"
            if kinds & {"hedge", "unverified"}:
                status = "hedged"
            if "denial" in kinds or any(sent.start_char <= c < sent.end_char for c in denied_cues):
                status = "denied"
            statuses.append([sent.start_char, sent.end_char, status, idx])
        doc._.sd_sentence_status = statuses
        forget_sentences()
        return doc


@Language.factory(
    "storydesk_hedges",
    default_config={"quotes_key": "sd_quotes", "sources_key": "sd_sources", "spans_key": "sd_hedges"},
    requires=["doc.spans", "token.pos"],
    assigns=["doc.spans", "doc._.sd_sentence_status", "span._.sd_status", "span._.sd_hedges"],
)
def make_hedges(nlp: Language, name: str, quotes_key: str, sources_key: str, spans_key: str) -> HedgeFinder:
    """Hedge, unverified and denial cues; epistemic status per sentence and per statement."""
    return HedgeFinder(nlp.vocab, quotes_key=quotes_key, sources_key=sources_key, spans_key=spans_key)
