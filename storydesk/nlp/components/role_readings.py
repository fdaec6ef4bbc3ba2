"""Attribution readings from the transformer role tagger (optional; ``NlpOptions.roles_model``).

``storydesk_role_tagger`` gives every word seven probabilities: indirect cue, direct cue, source, indirect
content, direct content, content begin, content end (``Doc._.sd_role_probs``). This component runs right
after ``storydesk_quotes`` and uses them in two ways; without the probabilities it does nothing.

- **Speaker check.** A reading whose speaker mention the tagger gives almost no chance of being a source
  (every word < ``speaker_keep``) takes instead the word of the speaker's sentence the tagger is surest is
  one (>= ``speaker_take``), outside the content.
- **Added readings.** Runs of likely content words the quote finder left unread become indirect
  statements when the run is confident (mean probability >= ``add_threshold``) and a speaker is found: the
  subject of the cue the content hangs on in the parse (or of the verbs above it, or the object of
  "according to"), else the likeliest source word of the sentence. The finder's rules and scorer only read
  cue words they know; the tagger reads stance words and nouns ("her criticism of ...", "calls for ...").
- **What can speak.** A speaker is a noun, a name or a pronoun, never a layout token or a time or age
  ("in his sixties"); a word of a name stands for the whole name ("the Brill Gazette", not "Brill"); a
  likeliest source word stands for the phrase the tagger marks around it ("The keeper, a man in his
  sixties"), and the agent of a participle for the thing it describes ("footage released by X shows":
  the footage). Nothing of the subject of a passive verb of saying or judging speaks ("X has been
  praised for ...", "X was asked about ..."). Both parsers' labels are read (UD "obl:agent",
  "nmod:poss", "according" hanging from the source).
- **What is content.** One doubtful word between likely content words does not split a run, a line break
  does (a headline's content does not run on into the text below it); a short run with no verb that only
  points back ("could not confirm those reports") is no statement.
- The quote finder itself also reads the probabilities: its scorer's verdict on each proposal is revised
  by them (``cue_lexicon.RoleRescorer``), and the runs of likely content words (:func:`content_runs`, with
  :func:`run_cue` and :func:`run_speaker`, at a lower threshold) are proposals of its own for the rescorer
  to judge, before this component runs; what it leaves unread is what this component may add.

The thresholds were set, and the rules above checked (together: content F1 0.706 -> 0.707, speaker
accuracy 0.910 -> 0.914), on held-out PolNeAR train (slice 3::4 with a tagger fitted on the rest; see
``training/attribution_roles.py`` and BENCHMARKS.md), not on the dev split.
"""

from __future__ import annotations

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import quotes as _quotes
from ._common import _TIME_WORDS, NAME_PARTS, SPEECH_VERBS, _build_forms, char_span, set_doc_ext, set_span_ext
from .cue_lexicon import BEGIN, CON_D, CON_I, CUE_I, END, SRC  # column order of Doc._.sd_role_probs
from .quotes import QUOTE_EXTS, SHOWING_NOUNS, media_poster, put_question_cue, speaker_mention

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_PASSIVE = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass", "auxpass", "aux:pass"}
_POSS = {"poss", "nmod:poss"}  # ClearNLP and UD labels: the bundled parser gives UD ones
_SPEAKER_POS = {"NOUN", "PROPN", "PRON"}
_NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# time nouns the NER leaves unlabelled (the bundled one has no DATE label): "Monday", "this week", "in his
# sixties"; "Times" is more often a newspaper than a time
_TIME_NOUNS = (_TIME_WORDS - {"times"}) | {
    "teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
    "decade", "decades", "century", "weekend", "past", "future", "season"}
# verbs of judging (Levin's class 33), with the verbs of saying: the subject of their passive is who is
# judged or addressed ("the keeper has been praised for ...", "Smith was asked about ..."), never who speaks
_JUDGING = {"praise", "criticise", "criticize", "condemn", "blame", "hail", "applaud", "fault", "slam", "attack",
            "accuse", "thank", "congratulate", "commend", "denounce", "rebuke", "scold", "censure", "mock",
            "ridicule", "laud", "celebrate", "honour", "honor", "chide", "berate", "lambast", "castigate"}
# by surface form too: a pipeline may have no lemmatizer (see _common)
_PASSIVE_CUES = _JUDGING | SPEECH_VERBS | set(_build_forms(_JUDGING | SPEECH_VERBS))
_DEICTIC = {"this", "that", "these", "those", "it", "them", "such"}
#: a word between two content words joins their run when the tagger gives it at least this much
BRIDGE = 0.3


def _word(tok: Token) -> bool:
    return not (tok.is_punct or tok.is_space)


def _can_speak(tok: Token) -> bool:
    """A speaker is a noun, a name or a pronoun: not a verb ("released"), a layout token the tagger calls a
    noun ("\\n\\n"), or a time or age ("Monday", "sixties" in "his sixties")."""
    return (tok.pos_ in _SPEAKER_POS and tok.ent_type_ not in _NOT_SPEAKERS and any(c.isalpha() for c in tok.text)
            and tok.lower_ not in _TIME_NOUNS)


def _name_head(tok: Token, p: np.ndarray, threshold: float) -> Token:
    """The head of the name a word is part of, while the tagger marks it as source too ("Brill" -> "the
    Brill Gazette"), so that the mention is the whole name; a headline verb the parser took for the head
    ("Obama slams ...") is no source word and stops the climb."""
    steps = 0
    while (tok.dep_ in NAME_PARTS and tok.head.i != tok.i and tok.head.pos_ in {"NOUN", "PROPN"}
           and p[tok.head.i, SRC] >= threshold and steps < 4):
        tok, steps = tok.head, steps + 1
    return tok


def _phrase_head(tok: Token, p: np.ndarray, threshold: float, outside: set[int]) -> Token:
    """The word the source phrase the tagger marks hangs from ("his" -> "The keeper" in "The keeper, a
    man in his sixties,"); past a participle to the noun it describes ("footage released by the council
    shows ...": the footage shows, not the council). The word itself when that head cannot speak."""
    top, steps = tok, 0
    while top.head.i != top.i and top.head.i not in outside and steps < 6 and (
            p[top.head.i, SRC] >= threshold
            or (top.dep_ == "acl" and top.tag_ == "VBN" and top.head.pos_ in {"NOUN", "PROPN"})):
        top, steps = top.head, steps + 1
    return top if _can_speak(top) else tok


def _no_proposition(doc: Doc, words: list[int]) -> bool:
    """A short run with no verb that points back at what was said elsewhere ("could not confirm those
    reports", "echoed it") names no statement a reader can use."""
    return (len(words) <= 3 and not any(doc[i].pos_ in {"VERB", "AUX"} for i in words)
            and any(doc[i].lower_ in _DEICTIC for i in words))


def _opens(doc: Doc, sent: Span, i: int) -> bool:
    """Whether token ``i`` is the first word of ``sent`` (past quote marks and the like)."""
    return all(not _word(t) for t in doc[sent.start:i])


def _words(doc: Doc, parts) -> list[int]:
    ids: list[int] = []
    for s, e in parts:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            ids.extend(t.i for t in sp if _word(t))
    return ids


def _letters(text: str, parts) -> set[int]:
    """Character offsets of the parts that are letters or digits (what two readings can share)."""
    return {i for s, e in parts for i in range(s, min(e, len(text))) if text[i].isalnum()}


def content_runs(doc: Doc, p: np.ndarray, content_threshold: float = 0.5, begin_threshold: float = 0.5,
                 end_threshold: float = 0.5) -> list[list[int]]:
    """Runs of token ids the tagger calls content (indirect or direct, >= ``content_threshold``); a run
    breaks where the tagger sees a content begin or end (>= ``begin_threshold`` / ``end_threshold``) and at a
    line break. Used by :class:`RoleReadings` and by the quote finder's role-run proposals."""
    con = np.maximum(p[:, CON_I], p[:, CON_D])
    n = len(doc)
    runs: list[list[int]] = []
    cur: list[int] = []
    for i in range(n):
        if "\n" in doc[i].text and doc[i].is_space:
            # a line break ends a statement: a headline's run does not go on into the first line below it
            if cur:
                runs.append(cur)
                cur = []
            continue
        on = con[i] >= content_threshold
        if not on and cur and con[i] >= BRIDGE and i + 1 < n and con[i + 1] >= content_threshold:
            on = True  # one doubtful word inside a content ("run by Brill Ferries") does not split it
        if not on and not _word(doc[i]) and cur:  # punctuation inside a run does not end it
            on = i + 1 < n and con[i + 1] >= content_threshold
        if on:
            if cur and ((p[i, BEGIN] >= begin_threshold and _word(doc[i]))
                        or p[cur[-1], END] >= end_threshold):
                runs.append(cur)
                cur = []
            cur.append(i)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def run_cue(doc: Doc, p: np.ndarray, ids: set[int], cue_threshold: float = 0.2) -> Token | None:
    """The word the content hangs on in the parse when the tagger gives it some chance of being a cue,
    else the likeliest cue word of the content's sentence or the one before."""
    for i in sorted(ids):
        head = doc[i].head
        if head.i not in ids and head.i != i and p[head.i, CUE_I] >= 0.1:
            return head
    sent = doc[min(ids)].sent
    cands = [t for t in sent if t.i not in ids]
    if sent.start > 0 and _opens(doc, sent, min(ids)):  # a sentence that is all content: the cue before it
        cands += [t for t in doc[sent.start - 1].sent if t.i not in ids]
    best = max(cands, key=lambda t: p[t.i, CUE_I], default=None)
    return best if best is not None and p[best.i, CUE_I] >= cue_threshold else None


def run_speaker(doc: Doc, p: np.ndarray, cue: Token | None, ids: set[int], subject_threshold: float = 0.2,
                source_threshold: float = 0.5) -> Token | None:
    """The speaker of a run of content words ``ids`` hanging on ``cue``: the cue's subject, possessor or agent
    (or the object of "according to"), a subject of the verbs above it that looks a bit like a source
    (>= ``subject_threshold``), else the source word (>= ``source_threshold``) of the sentence nearest the
    cue, standing for the phrase it heads. None when nothing can speak."""
    if cue is not None:
        if cue.lower_ == "according" and cue.dep_ == "case" and cue.head.i not in ids and _can_speak(cue.head):
            return cue.head  # UD: "according" hangs from the source
        if cue.lower_ == "according":
            for to in cue.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj" and _can_speak(obj):
                            return obj
        for c in cue.children:
            if c.dep_ in _SUBJECTS and c.i not in ids and _can_speak(c):
                return c
        for c in cue.children:  # "her criticism of ...", "claims by the council"
            if c.dep_ in _POSS and c.i not in ids and _can_speak(c):
                return c
            if c.dep_ == "obl:agent" and c.i not in ids and _can_speak(c):  # UD: the agent noun itself
                return c
            if c.dep_ == "agent":
                for obj in c.children:
                    if obj.dep_ == "pobj" and _can_speak(obj):
                        return obj
        head, steps = cue, 0
        while head.head is not head and steps < 3:  # "... ripped into Sanders, bickering over ..."
            head, steps = head.head, steps + 1
            for c in head.children:
                if (c.dep_ in _SUBJECTS and c.i not in ids and _can_speak(c)
                        and p[c.i, SRC] >= subject_threshold):
                    return c
    anchor = cue.i if cue is not None else min(ids)
    sent = doc[min(ids)].sent
    if cue is not None and (cue.lemma_.lower() in _PASSIVE_CUES or cue.lower_ in _PASSIVE_CUES) \
            and any(c.dep_ in _PASSIVE for c in cue.children):
        # "X has been praised for ...", "X was asked about ...": nothing of X speaks
        ids = ids | {t.i for c in cue.children if c.dep_ in _SUBJECTS | _PASSIVE for t in c.subtree}
    cands = [t for t in sent if t.i not in ids and _can_speak(t) and p[t.i, SRC] >= source_threshold]
    best = min(cands, key=lambda t: abs(t.i - anchor), default=None)
    return _phrase_head(best, p, source_threshold, ids) if best is not None else None


class RoleReadings:
    """Checks the quote finder's speakers and adds the readings it missed, from the role tagger's
    per-word probabilities."""

    def __init__(self, *, spans_key: str = "sd_quotes", content_threshold: float = 0.5,
                 begin_threshold: float = 0.5, end_threshold: float = 0.5, add_threshold: float = 0.7,
                 min_words: int = 2, max_shared: float = 0.2, cue_threshold: float = 0.2,
                 subject_threshold: float = 0.2, source_threshold: float = 0.5,
                 speaker_keep: float = 0.2, speaker_take: float = 0.7) -> None:
        self.spans_key = spans_key
        self.content_threshold = content_threshold
        self.begin_threshold = begin_threshold
        self.end_threshold = end_threshold
        self.add_threshold = add_threshold
        self.min_words = min_words
        self.max_shared = max_shared  # share of a run's letters another reading may already hold
        self.cue_threshold = cue_threshold
        self.subject_threshold = subject_threshold  # a subject above the cue must look a bit like a source
        self.source_threshold = source_threshold
        self.speaker_keep = speaker_keep
        self.speaker_take = speaker_take
        set_span_ext(QUOTE_EXTS)
        set_doc_ext(["sd_role_probs"])  # set by storydesk_role_tagger; None without it

    def __call__(self, doc: Doc) -> Doc:
        probs = doc._.sd_role_probs
        if probs is None or len(probs) != len(doc):
            return doc
        quotes = list(doc.spans.get(self.spans_key, []))
        for q in quotes:
            self._check_speaker(doc, q, probs)
        added = self._added(doc, quotes, probs)
        if added:
            doc.spans[self.spans_key] = sorted(quotes + added, key=lambda s: (s.start_char, s.end_char))
        return doc

    # --- speaker check ------------------------------------------------------------------------------

    def _check_speaker(self, doc: Doc, q: Span, p: np.ndarray) -> None:
        if not q._.sd_speaker:
            return
        mention = doc.char_span(*q._.sd_speaker, alignment_mode="expand")
        if mention is None or max(p[t.i, SRC] for t in mention) >= self.speaker_keep:
            return
        inside = set(_words(doc, q._.sd_parts or [(q.start_char, q.end_char)]))
        cands = [t for t in doc[mention.start].sent if t.i not in inside and _can_speak(t)]
        best = max(cands, key=lambda t: p[t.i, SRC], default=None)
        if best is not None and p[best.i, SRC] >= self.speaker_take and not (
                _quotes.MEDIA_SPEAKER and best.lower_ in SHOWING_NOUNS):
            _set_speaker(q, _name_head(best, p, self.source_threshold))

    # --- added readings -----------------------------------------------------------------------------

    def _added(self, doc: Doc, quotes: list[Span], p: np.ndarray) -> list[Span]:
        text = doc.text
        con = np.maximum(p[:, CON_I], p[:, CON_D])
        taken: set[int] = set()
        for q in quotes:
            taken |= _letters(text, q._.sd_parts or [(q.start_char, q.end_char)])
        out = []
        for run in content_runs(doc, p, self.content_threshold, self.begin_threshold, self.end_threshold):
            words = [i for i in run if _word(doc[i])]
            if len(words) < self.min_words:
                continue
            if p[run, CON_D].mean() > p[run, CON_I].mean():
                continue  # direct quotes are the finder's: its quote-mark rules read them well
            first, last = doc[words[0]], doc[words[-1]]
            if _no_proposition(doc, words):
                continue
            parts = [(first.idx, last.idx + len(last))]
            letters = _letters(text, parts)
            if not letters or len(letters & taken) > self.max_shared * len(letters):
                continue
            if con[words].mean() < self.add_threshold:
                continue
            span_ids = set(range(words[0], words[-1] + 1))
            cue = run_cue(doc, p, span_ids, self.cue_threshold)
            spk = run_speaker(doc, p, cue, span_ids, self.subject_threshold, self.source_threshold)
            if spk is None:
                continue  # a statement without a speaker is not an attribution the brief can use
            if _quotes.PUT_QUESTION and cue is not None and put_question_cue(cue):
                continue  # a question put to a speaker is no statement (quotes.PUT_QUESTION)
            medium = None
            if _quotes.MEDIA_SPEAKER and spk.lower_ in SHOWING_NOUNS:
                # footage shows, it does not say: its statement is who released it, if named (quotes.MEDIA_SPEAKER)
                medium, spk = SHOWING_NOUNS[spk.lower_], media_poster(spk)
                if spk is None:
                    continue
            span = char_span(doc, *parts[0], label="indirect")
            if span is None:
                continue
            span._.sd_parts = [list(parts[0])]
            span._.sd_cue = [cue.idx, cue.idx + len(cue)] if cue is not None else None
            span._.sd_cue_lemma = cue.lemma_.lower() if cue is not None else None
            span._.sd_medium = medium
            span._.sd_via = []
            _set_speaker(span, spk if medium else _name_head(spk, p, self.source_threshold))
            out.append(span)
            taken |= letters
        return out

def _set_speaker(q: Span, spk: Token) -> None:
    """The same mention the quote finder gives (:func:`~.quotes.speaker_mention`)."""
    sp = speaker_mention(spk)
    q._.sd_speaker = [sp.start_char, sp.end_char]
    q._.sd_speaker_from = "roles"


@Language.factory(
    "storydesk_role_readings",
    default_config={"spans_key": "sd_quotes", "add_threshold": 0.7, "speaker_keep": 0.2, "speaker_take": 0.7},
    assigns=["doc.spans", "span._.sd_speaker", "span._.sd_parts", "span._.sd_cue"],
)
def make_role_readings(nlp: Language, name: str, spans_key: str, add_threshold: float, speaker_keep: float,
                       speaker_take: float) -> RoleReadings:
    """Speaker checks and added readings from ``storydesk_role_tagger``'s probabilities."""
    return RoleReadings(spans_key=spans_key, add_threshold=add_threshold, speaker_keep=speaker_keep,
                        speaker_take=speaker_take)


__all__ = ["RoleReadings", "content_runs", "make_role_readings", "run_cue", "run_speaker"]
