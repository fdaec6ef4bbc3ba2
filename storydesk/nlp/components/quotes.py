"""Direct and indirect quotes: ``storydesk_quotes``.

Direct quotes are found on the characters (quote marks, paragraph ends) and their speakers on the parse
around them; indirect quotes come from the parse alone (a verb of saying with a clausal complement, a
parenthetical "he said", "according to X", a learned cue frame such as "called for X"). With the packaged
scorer (``attribution_model.json``, trained on PolNeAR by ``training/attribution_model.py``), the rules
and learned frames only *propose* indirect attributions (several readings per cue word); a logistic
regression over each proposal's features keeps the best reading per cue when it scores above the
threshold (stances count, as in PolNeAR: "endorsed Ruiz", "is a supporter of ...", "was asked about ...",
the last proposed without a source; a reading of "seem" / "appear" names no speaker: it is the writer's
view). Without the scorer file (or with ``model = "none"``), the rules decide as before. Next to the
scorer, the learned content tagger (``content_model.json``) reads the content of its cue words, and an
optional learned cue-word detector (``cue_model.json``, config ``cue_model``; not packaged: it did not
pay on held-out PolNeAR train) adds words outside the tagger's list. Readings that name no proposition
(a source's request for anonymity, an order that only moves people to a place) are never proposed. With
the optional transformer role tagger before this component (``Doc._.sd_role_probs``), every proposal's
score is revised by the tagger's view of it (``attribution_roles_rescore.json``, small boosted trees made by
``training/attribution_roles_rescore.py``; config ``roles_rescore = "none"`` switches it off). A headline
"Name: statement" is read as the name's statement, and the "Q:" / "A:" lines of a printed interview as the
asker's and the answerer's; with the scorer, "in <poll>" proposes the poll as the source of its sentence.
Results: ``doc.spans["sd_quotes"]`` (label ``direct`` or ``indirect``), each span being the quote's content
from its first piece to its last, with

- ``span._.sd_parts``: ``[(start_char, end_char), ...]`` the pieces of content
- ``span._.sd_cue`` / ``span._.sd_speaker``: ``(start_char, end_char)`` or None
- ``span._.sd_cue_lemma``, ``span._.sd_medium``, ``span._.sd_via`` (outlets it was told to)
- ``span._.sd_speaker_from``: how the speaker was found ("cue", "previous", "continuation", "colon",
  "headline", "interview", "roles")

Offsets are stored, not Span objects, so Docs stay serialisable (``Doc.to_bytes``, multiprocessing).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ._common import (
    _TIME_WORDS,
    CCOMP,
    IOBJ,
    MEDIA,
    MEDIUM_VERBS,
    OBJ,
    ORG_LABELS,
    PERSON_LABELS,
    PERSON_NOUNS,
    RELATIVE_PRON,
    SPEECH_VERBS,
    SUBJ,
    THINK_VERBS,
    XCOMP,
    char_span,
    clean_name,
    forget_sentences,
    has_passive_aux,
    is_name_like,
    is_paragraph_break,
    is_personish,
    np_span,
    sent_of,
    set_span_ext,
    subject_of,
    verb_lemma,
)
from .content_tagger import (
    CONTENT_MODEL,
    ContentTagger,
    agreement_from,
    agreement_table,
    cue_key,
    doc_arrays,
    load_content_model,
)
from .cue_lexicon import (
    CUE_MODEL,
    CUE_POS,
    LEXICON,
    MODEL,
    CueDetector,
    CueModel,
    candidate_features,
    content_tokens,
    frame_of,
    load_cue_detector,
    load_lexicon,
    load_model,
    load_rescorer,
    role_features,
)

QUOTE_EXTS = ("sd_parts", "sd_cue", "sd_cue_lemma", "sd_speaker", "sd_speaker_from", "sd_medium", "sd_via",
              "sd_speaker_name", "sd_speaker_description", "sd_status", "sd_hedges")

# opening mark -> closing marks that end it
_PAIRS = {"“": "”\"", "\"": "\"”", "«": "»", "‘": "’", "'": "'’", "„": "“”"}
_DOUBLE = {"“", "\"", "«", "„"}
_CLOSERS = set("”\"»’'")
_DASHES = {"—", "–", "-", "--"}
_SENT_END = {".", "!", "?"}


@dataclass
class Region:
    """A stretch between quote marks, in characters: ``start``/``end`` are the content bounds."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: still open at the end of its paragraph
    paragraph: int


def _is_opening(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    return prev.isspace() or prev in "([{—–-:/" or i == 0


def _is_closing(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isspace():
        return False
    if text[i] in "'’" and prev.isalpha() and nxt.isalpha():  # don't, O'Brien
        return False
    return nxt.isspace() or not nxt.isalnum()


def _before_enclosed(doc: Doc, idx, j: int, opener: str, limit: int) -> int:
    """The token before the run that ``doc[j]`` closes and ``opener`` opens (a bracket, an apposition
    between commas) when the opener is within ``limit`` tokens; else ``j`` itself."""
    k = j - 1
    while k in idx and doc[k].text != opener and j - k < limit:
        k -= 1
    return k - 1 if k in idx and doc[k].text == opener and k - 1 in idx else j


def find_quote_regions(text: str, max_chars: int = 5000) -> list[Region]:
    """Spans between quote marks, paragraph by paragraph.

    Single quotes count only outside double quotes and where they cannot be apostrophes; a quote left
    open at a paragraph's end runs to that end (news style for a quote that goes on in the next
    paragraph, which then opens with a new mark).
    """
    regions: list[Region] = []
    para_start = 0
    # typewriter doubles ('' and ``) are one double mark; same length keeps the offsets
    text = text.replace("''", '"\u200b').replace("``", '"\u200b')
    for p_idx, para in enumerate(text.split("\n\n")):
        open_at: int | None = None
        open_ch = ""
        for j, ch in enumerate(para):
            if ch not in _PAIRS and ch not in _CLOSERS:
                continue
            i = para_start + j
            if open_at is not None:
                if ch in _PAIRS[open_ch] and _is_closing(text, i):
                    if i - open_at - 1 <= max_chars:
                        regions.append(Region(open_at + 1, i, open_at, i, p_idx))
                    open_at = None
                    continue
                # a new double opening while a double is open: the first was never closed
                if ch in _DOUBLE and open_ch in _DOUBLE and ch in "“«„" and _is_opening(text, i):
                    open_at, open_ch = i, ch
                continue
            if ch in _PAIRS and _is_opening(text, i):
                if ch in "'‘" and j > 0 and para[j - 1].isalnum():
                    continue
                open_at, open_ch = i, ch
        if open_at is not None and open_ch in _DOUBLE:
            end = para_start + len(para.rstrip())
            if end - open_at - 1 <= max_chars and end > open_at + 1:
                regions.append(Region(open_at + 1, end, open_at, None, p_idx))
        para_start += len(para) + 2
    # strip whitespace inside the marks
    out = []
    for r in regions:
        s, e = r.start, r.end
        while s < e and (text[s].isspace() or text[s] == "\u200b"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;\u200b"):
            e -= 1
        if e > s:
            out.append(Region(s, e, r.open_mark, r.close_mark, r.paragraph))
    return out


@dataclass
class _Q:
    kind: str
    parts: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    cue_lemma: str | None = None
    speaker: tuple[int, int] | None = None
    speaker_from: str | None = None
    medium: str | None = None
    via: list[str] = field(default_factory=list)
    cue_token: int | None = None
    speaker_token: int | None = None
    origin: str = ""  # which rule or learned frame proposed it (the trained scorer's input)
    frame: str | None = None
    prior: float = 0.0
    score: float | None = None
    extra: list[str] = field(default_factory=list)  # further scorer features from the proposer
    role_feats: list[float] | None = None  # the role-tagger rescorer's input, when it ran

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


class QuoteFinder:
    """Finds direct and indirect quotes with their cues and speaker mentions."""

    def __init__(self, *, min_words: int = 4, window: int = 30, indirect: bool = True,
                 spans_key: str = "sd_quotes", cues: str = "", cue_precision: float = 0.2,
                 min_learned_tokens: int = 2, model: str = "", model_threshold: float = -1.0,
                 content_model: str = "", cue_model: str = "", roles_rescore: str = "") -> None:
        self.min_words = min_words
        # learned cue frames (cues.json): an empty path means the packaged lexicon
        self.lexicon = load_lexicon(cues or str(LEXICON), cue_precision) if indirect else {}
        # the trained scorer (attribution_model.json) decides which proposals are attributions; "none"
        # switches it off and falls back to the hand-set rules above
        self.model: CueModel | None = None
        if indirect and model != "none":
            self.model = load_model(model or str(MODEL))
        if self.model is not None:
            self.all_frames = load_lexicon(cues or str(LEXICON), 0.0)
            # words with a learned frame of some shape: an unseen frame of one of them is still a cue word
            self.frame_lemmas = {k.split("|", 1)[0] for k in self.all_frames}
            self.threshold = model_threshold if model_threshold >= 0 else self.model.threshold
        # the learned content tagger (content_model.json) adds readings of its own for the scorer to weigh;
        # it only runs next to the scorer (its readings are not filtered otherwise); "none" switches it off
        self.tagger: ContentTagger | None = None
        if self.model is not None and content_model != "none":
            self.tagger = load_content_model(content_model or str(CONTENT_MODEL))
        # learned-frame proposals without a source: on held-out PolNeAR train they added recall but cost
        # more speaker accuracy (a matched attribution with no speaker counts as a wrong speaker)
        self.frames_need_source = True
        # the scorer's frame proposals may carry one word ("endorsed Clinton", "opposes abortion", "supported
        # her"): a fifth of the attributions no proposal covered on held-out PolNeAR train were one word long;
        # the rules without the scorer keep ``min_learned_tokens``
        self.frame_min_tokens = 1
        self.tag_need_source = True  # the same for the content tagger's readings
        # ... or, with tag_need_source off, the score a tagged reading without a source must reach
        self.tag_sourceless_threshold = 0.0
        # 2, not 1 as for the frames: one-word readings of the tagger lowered held-out F1 (0.6922 -> 0.6907)
        self.tag_min_tokens = min_learned_tokens
        self.tag_agreement = True  # scorer features from the tagger's agreement with each reading
        # the learned cue-word detector (cue_model.json) lets the tagger read words outside its list of cue
        # lemmas when their place in the parse looks like a cue's ("alleged" parsed as an adjective with a
        # clause); its probability is also a scorer feature; "none" switches it off
        self.detector: CueDetector | None = None
        if self.tagger is not None and cue_model != "none":
            self.detector = load_cue_detector(cue_model or str(CUE_MODEL))
        # with the optional transformer role tagger in the pipeline (Doc._.sd_role_probs), the trained
        # scorer's verdict is revised by the tagger's view of each proposal (attribution_roles_rescore.json);
        # without the tagger's probabilities nothing changes; "none" switches it off
        self.rescorer = load_rescorer() if self.model is not None and roles_rescore != "none" else None
        if self.rescorer is None and self.model is not None and roles_rescore not in {"", "none"}:
            self.rescorer = load_rescorer(roles_rescore)
        self._cue_probs: dict[int, float] = {}
        self._doc_arrays: tuple[list, ...] | None = None
        self.cue_feature = True  # the detector's probability as a scorer feature
        self._quoted_ids: set[int] = set()
        self._scans: dict[int, tuple] = {}
        # what the scorer's features read of the Doc, computed once per Doc (cue words, agreement tables)
        self._doc_cache: dict = {}
        #: every scored proposal of the last Doc, (features, quote), for training and inspection
        self.keep_candidates = False
        self.candidates: list[tuple[dict[str, float], _Q]] = []
        self.min_learned_tokens = min_learned_tokens
        self.window = window
        self.indirect = indirect
        self.spans_key = spans_key
        self._starts: dict[int, list[int]] = {}
        self._text = ""
        set_span_ext(QUOTE_EXTS)

    # --- entry point ---------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        try:
            quotes = self.find(doc)
        finally:
            forget_sentences()
            self._scans = {}  # holds the Doc's tokens
            self._cue_probs = {}
            self._doc_arrays = None
            self._doc_cache = {}
        self.set_annotations(doc, quotes)
        return doc

    def find(self, doc: Doc) -> list[_Q]:
        self._starts = {}
        self._text = doc.text  # Doc.text is rebuilt on every access: read it once
        regions = find_quote_regions(self._text)
        direct = self._direct(doc, regions)
        indirect = self._indirect(doc, direct, regions) if self.indirect else []
        if VERB_CUE:
            frames = getattr(self, "all_frames", None) or self.lexicon
            for q in indirect:
                _verb_as_cue(doc, q, indirect, frames)
        if APPOS_HEAD:
            for q in indirect:
                _take_appos_head(doc, q)
        if NESTED_QUOTE_SPEAKER:
            _speak_for_reading(doc, direct, indirect)
        if PUT_QUESTION:
            asked = [q for q in indirect if _put_question(doc, q)]
            # "Asked if she believed Putin wanted ...": what the question holds is no one's statement either
            indirect = [q for q in indirect if q not in asked and not any(
                a.start <= (q.cue[0] if q.cue else q.start) < a.end for a in asked)]
        if MEDIA_SPEAKER:
            for q in direct:
                if not _media_speaker(doc, q):
                    # quoted words are someone's even when the parse gave them to the video: no speaker
                    q.speaker = q.speaker_token = q.speaker_from = None
            indirect = [q for q in indirect if _media_speaker(doc, q)]
        # a fragment quoted inside reported speech ("said the plan was 'a disaster'") is part of the
        # indirect statement, not a statement of its own
        kept = []
        for q in direct:
            inside = any(i.start <= q.start and q.end <= i.end and i.cue and not (q.start <= i.cue[0] < q.end)
                         for i in indirect)
            first = self._text[q.start:q.start + 1]
            if inside and first.islower() and q.cue is None:
                continue
            kept.append(q)
        if SPEAKER_OUTSIDE:
            indirect = [q for q in indirect if not _speaker_in_content(q)]
        out = kept + _drop_nested(_drop_inverted(indirect), kept)
        if INTERVIEW_LINES and self.indirect:
            # after the nested readings are dropped: what an answer reports keeps its own attribution
            out += [q for q in _interview_lines(doc, self._text)
                    if not any(_same_content(q, o) for o in out)]
        return sorted(out, key=lambda q: q.start)

    def set_annotations(self, doc: Doc, quotes: list[_Q]) -> None:
        spans = []
        for q in quotes:
            span = char_span(doc, q.start, q.end, label=q.kind)
            if span is None:
                continue
            span._.sd_parts = [list(p) for p in q.parts]
            span._.sd_cue = list(q.cue) if q.cue else None
            span._.sd_cue_lemma = q.cue_lemma
            span._.sd_speaker = list(q.speaker) if q.speaker else None
            span._.sd_speaker_from = q.speaker_from
            span._.sd_medium = q.medium
            span._.sd_via = list(q.via)
            spans.append(span)
        doc.spans[self.spans_key] = spans

    # --- direct quotes -------------------------------------------------------------------------------

    def _tok_at(self, doc: Doc, char: int) -> Token | None:
        """The token covering ``char``, or the first one after it."""
        if not len(doc):
            return None
        starts = self._starts.get(id(doc))
        if starts is None:
            starts = [t.idx for t in doc]
            self._starts = {id(doc): starts}
        i = bisect.bisect_right(starts, char) - 1
        if i < 0:
            return doc[0]
        tok = doc[i]
        if char >= tok.idx + len(tok.text) and i + 1 < len(doc):
            return doc[i + 1]
        return tok

    def _tail(self, doc: Doc, after: int, stop_chars: set[int]) -> list[Token]:
        """Tokens after a closing mark up to the end of the sentence (or the next quote)."""
        out: list[Token] = []
        first = self._tok_at(doc, after)
        if first is None:
            return out
        i = first.i
        if first.idx < after:
            i += 1
        while i < len(doc) and len(out) < self.window:
            t = doc[i]
            if is_paragraph_break(t) or t.idx in stop_chars:
                break
            out.append(t)
            if t.text in _SENT_END:
                break
            i += 1
        return out

    def _head(self, doc: Doc, before: int, stop_chars: set[int]) -> list[Token]:
        """Tokens before an opening mark back to the start of the sentence (or the previous quote)."""
        out: list[Token] = []
        tok = self._tok_at(doc, before)
        if tok is None:
            return out
        i = tok.i - 1
        while i >= 0 and len(out) < self.window:
            t = doc[i]
            if is_paragraph_break(t) or t.text in _SENT_END or t.idx + len(t.text) - 1 in stop_chars:
                break
            if t.text in _CLOSERS and i > 0 and doc[i - 1].text in _SENT_END:
                break
            out.insert(0, t)
            i -= 1
        return out

    def _speaker_for(self, cue: Token, window: list[Token], quote_chars: list[tuple[int, int]],
                     inverted: bool = True) -> Token | None:
        def inside_quote(t: Token) -> bool:
            return any(s <= t.idx < e for s, e in quote_chars)

        subj = _participle_subject(cue, _cue_subject(cue))
        if PASSIVE_NO_SPEAKER and subj is not None and _raised_subject(cue, subj):
            return None
        if subj is not None and not inside_quote(subj) and (is_personish(subj) or _noun_source(subj)
                                                            or _odd_name(subj) or _it_says(cue, subj)):
            return subj
        other = _other_subject(cue)
        if other is not None and not inside_quote(other):
            return other
        # positional fallback for parses that attach the cue elsewhere: "said Smith", "Smith said"
        idx = {t.i for t in window}
        doc = cue.doc
        j = cue.i + 1
        while j in idx and doc[j].pos_ in {"ADV", "AUX"}:
            j += 1
        # "said Smith" only when the statement came before the cue
        inverted_ok = inverted and cue.tag_ != "VBG" and verb_lemma(cue) not in {"tell", "ask", "call", "describe",
                                                                                  "urge"}
        # "said florist Wenna Corrie": a role word the lexicon does not know, right before a name
        titled_name = j in idx and j + 1 in idx and doc[j].pos_ == "NOUN" and doc[j].is_lower and (
            doc[j + 1].ent_type_ in PERSON_LABELS or doc[j + 1].pos_ == "PROPN" and is_personish(doc[j + 1]))
        if inverted_ok and j in idx and doc[j].pos_ in {"PROPN", "PRON", "DET", "NOUN"} and \
                doc[j].lower_ not in {"that", "it", "him", "them", "this"} and (
                doc[j].pos_ == "DET" or is_personish(doc[j]) or titled_name):  # not "said Thursday that"
            k = j
            while k + 1 in idx and doc[k + 1].pos_ in {"PROPN", "NOUN", "ADJ"} and not doc[k + 1].is_punct:
                k += 1
            return doc[k]
        j = cue.i - 1
        while j in idx and (doc[j].pos_ in {"ADV", "AUX", "PART"} and doc[j].lower_ != "'s"):
            j -= 1
        if j in idx and doc[j].text == ")":
            j = _before_enclosed(doc, idx, j, "(", 8)  # "Sen. Marco Rubio (R-Fla.) said"
        next_to_cue = j
        if j in idx and doc[j].text == ",":
            j = _before_enclosed(doc, idx, j, ",", 15)  # "Brian Fallon, a spokesman for the campaign, said"
        if j in idx and doc[j].pos_ in {"PROPN", "PRON", "NOUN"} and not inside_quote(doc[j]) and is_personish(doc[j]):
            return doc[j]
        if next_to_cue in idx and doc[next_to_cue].text == ",":
            # a longer apposition ("Patch, a former Iowa Republican Party communications director, said"):
            # the first comma back within 30 words, with a name (not any noun) before it
            k = next_to_cue - 1
            while k in idx and doc[k].text != "," and next_to_cue - k < 30 and not doc[k].is_quote \
                    and doc[k].text not in _SENT_END:
                k -= 1
            if k in idx and doc[k].text == "," and k - 1 in idx and not inside_quote(doc[k - 1]) and (
                    doc[k - 1].ent_type_ in PERSON_LABELS or doc[k - 1].pos_ == "PROPN" and is_personish(doc[k - 1])):
                return doc[k - 1]
        if j in idx and j == next_to_cue and not inside_quote(doc[j]) and (
                doc[j].ent_type_ in PERSON_LABELS or _odd_name(doc[j])
                or doc[j].pos_ in {"NOUN", "PROPN"} and _noun_source(doc[j])):
            # '..." Black said' with "Black" tagged as an adjective but recognised as a person; '...,"
            # the newspaper wrote' with the subject parsed as a compound
            return doc[j]
        return None

    def _describe_cue(self, q: _Q, cue: Token, window: list[Token]) -> None:
        lemma = verb_lemma(cue) or cue.lower_
        q.cue = (cue.idx, cue.idx + len(cue.text))
        q.cue_lemma = lemma
        q.cue_token = cue.i
        if lemma in MEDIUM_VERBS:
            q.medium = MEDIUM_VERBS[lemma]
        # the hearer of "told": an outlet it was told to
        for child in cue.children:
            if lemma == "tell" and child.dep_ in OBJ | IOBJ and is_name_like(child):
                q.via.append(clean_name(np_span(child).text))
        doc = cue.doc
        lo = min([cue.i] + [t.i for t in window])
        hi = max([cue.i] + [t.i for t in window])
        text = doc[lo:hi + 1].text
        m = re.search(r"\b(?:in|on|via|during|at|through)\s+(?:a|an|the|his|her|their|its)?\s*"
                      r"((?:[\w-]+\s+)?[\w-]+)", text[max(0, cue.idx - doc[lo].idx):], re.IGNORECASE)
        if m:
            words = m.group(1).lower().split()
            for key in (" ".join(words), words[-1], words[0]):
                if key in MEDIA:
                    q.medium = MEDIA[key]
                    break
        m = re.search(r"\binterview with\s+((?:the\s+)?(?:[A-Z][\w.&'’-]*\s*){1,5})", text)
        if m:
            q.medium = "interview"
            who = clean_name(m.group(1))
            if who and who not in q.via:
                q.via.append(who)

    def _cue_in(self, tokens: list[Token], from_end: bool) -> Token | None:
        seq = list(reversed(tokens)) if from_end else tokens
        found = [t for t in seq if (lemma := verb_lemma(t)) and lemma not in THINK_VERBS
                 and lemma not in _NOT_DIRECT_CUES]
        # "she said, recalling her days in office:" -- the finite verb is the cue, not the participle
        finite = [t for t in found if t.tag_ != "VBG"]
        return (finite or found or [None])[0]

    def _according(self, tokens: list[Token]) -> tuple[Token, Token] | None:
        """("according" token, head of the source) for "according to X" in the tokens."""
        for t in tokens:
            if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                src = _according_source(t)
                if src is not None:
                    return t, src
        return None

    def _direct(self, doc: Doc, regions: list[Region]) -> list[_Q]:
        quotes: list[_Q] = []
        marks = {r.open_mark for r in regions}
        closes = {r.close_mark for r in regions if r.close_mark is not None}
        region_chars = [(r.open_mark, (r.close_mark if r.close_mark is not None else r.end) + 1)
                        for r in regions]
        prev_q: _Q | None = None
        prev_r: Region | None = None
        for r in regions:
            words = len(re.findall(r"\w+", self._text[r.start:r.end]))
            q = _Q("direct", [(r.start, r.end)])
            tail = self._tail(doc, r.close_mark + 1, marks) if r.close_mark is not None else []
            head = self._head(doc, r.open_mark, closes)
            if self._text[r.end - 1:r.end] == "." and r.close_mark is not None:
                # “We will win.” Smith left. -- after a closed sentence only a short tail is a cue
                tail = tail[:8] if len(tail) <= 8 and tail and tail[-1].text in _SENT_END else []
            cue = self._cue_in(tail, from_end=False)
            if cue is not None and tail.index(cue) > 14:
                cue = None
            if cue is None and tail and words >= self.min_words and r.close_mark is not None and set(
                    self._text[r.end - 1:r.close_mark + 2]) & {",", "!", "?"}:
                # '"...," he continued', '"...," some protesters chanted': any verb right after a quote
                # that ends on a comma, with a subject that can speak, introduces it
                cue = _tail_verb(tail)
            window = tail
            where = "tail"
            if cue is None:
                cue = self._cue_in(head, from_end=True)
                window, where = head, "head"
                if cue is not None and head[-1].text in {":"} | _DASHES and (
                        cue.tag_ in {"VBN", "VBG"} or len(head) - head.index(cue) > 8):
                    cue = None  # "Asked whether ..., Vlasko was blunt -": the colon/dash introduces it
            # continuation: the previous paragraph's quote was left open, this one opens again
            continuing = (prev_r is not None and prev_q is not None and prev_r.close_mark is None
                          and r.paragraph == prev_r.paragraph + 1 and not head)
            # split quote: "...," she said, "..." shares the cue with the piece before
            split = (prev_q is not None and prev_r is not None and prev_r.paragraph == r.paragraph
                     and prev_r.close_mark is not None and cue is not None and where == "head"
                     and prev_q.cue_token == cue.i)
            # "A," she said. "B." -- a further quote in the same paragraph with no cue of its own goes on
            # the statement before it
            # the same goes for a paragraph that is nothing but a quote, right after the speaker's last one
            follow = (prev_q is not None and prev_r is not None and cue is None
                      and (prev_r.paragraph == r.paragraph or (
                          r.paragraph == prev_r.paragraph + 1 and self._paragraph_is_quote(doc, r)))
                      and not [t for t in head if not (t.is_punct or t.is_space)] and prev_q.speaker is not None
                      and not self._other_speaker_between(doc, prev_q, r))
            if split or continuing or follow:
                assert prev_q is not None
                prev_q.parts.append((r.start, r.end))
                if prev_q.speaker is None and cue is not None:
                    self._attach(prev_q, cue, window, region_chars, "cue")
                prev_r = r
                continue
            if cue is not None:
                self._attach(q, cue, window, region_chars, "cue")
                if where == "head":
                    gap = [t for t in head if t.i > cue.i and not t.is_punct]
                    if q.speaker_token is not None:
                        gap = [t for t in gap if t.i > max(x.i for x in doc[q.speaker_token].subtree)]
                    if gap and not (head[-1].text in {":"} | _DASHES and len(gap) <= 3):
                        # "X said the plan was 'a disaster'", "calling him 'a loser'": a quoted
                        # fragment inside reported speech -- the statement starts after the cue
                        if q.cue_lemma == "tell":  # "told the Courier the decision had ...": skip the hearer
                            hearer = next((c for c in cue.children if c.dep_ in OBJ | IOBJ and c.i > cue.i), None)
                            if hearer is not None:
                                gap = [t for t in gap if t.i >= np_span(hearer).end] or gap
                        start = gap[0]
                        if start.lower_ in {"that"} or start.pos_ not in {"ADP"}:
                            end = r.close_mark + 1 if r.close_mark is not None else r.end
                            q.parts = [(start.idx, self._sentence_rest(doc, end, marks))]
            if q.cue is None:
                acc = self._according(tail) or self._according(head)
                if acc is not None:
                    according, src = acc
                    q.cue = (according.idx, according.doc[according.i + 1].idx + 2)
                    q.cue_lemma = "according to"
                    sp = np_span(src)
                    q.speaker = (sp.start_char, sp.end_char)
                    q.speaker_token = src.i
                    q.speaker_from = "cue"
            if q.speaker is None and head and head[-1].text in {":"} | _DASHES:
                root = _clause_root(head)
                subj = subject_of(root) if root is not None else None
                if subj is None and root is not None and root.pos_ in {"PROPN", "NOUN"} and is_personish(root):
                    subj = root  # "Jeffrey Jones of Gallup: '...'"
                    q.cue = (head[-1].idx, head[-1].idx + len(head[-1].text))
                    q.cue_lemma = ":"
                if subj is None or not is_personish(subj):
                    subj = next((t for t in reversed(head[-9:]) if t.dep_ in SUBJ and is_personish(t)), None)
                if subj is not None and is_personish(subj):
                    sp = np_span(subj) if subj.pos_ != "PRON" else doc[subj.i:subj.i + 1]
                    q.speaker = (sp.start_char, sp.end_char)
                    q.speaker_token = subj.i
                    q.speaker_from = "colon"
            if q.speaker is None and q.cue is None and r.close_mark is not None:
                self._dash_signature(doc, q, r.close_mark + 1)
            starts_sentence = not [t for t in head if not (t.is_punct or t.is_space) and t.text not in _DASHES]
            if q.speaker is None and starts_sentence:
                self._from_context(doc, q, r, prev_q, prev_r)
            if q.parts[0] != (r.start, r.end):  # a fragment grown into its reported statement
                words = len(re.findall(r"\w+", self._text[q.start:q.end]))
            short = words < self.min_words
            adjacent = q.cue is not None and (
                (where == "tail" and len([t for t in tail if t.i < (q.cue_token or 0)]) <= 4)
                or (where == "head" and head and head[-1].text in {",", ":"} | _DASHES))
            if q.cue is None and q.speaker is None:
                # no cue, no speaker: a title, a scare quote, or a quote we cannot place
                if short or not starts_sentence:
                    continue
            elif short and not adjacent or not starts_sentence and where == "head" and q.cue is None and short:
                continue
            quotes.append(q)
            prev_q, prev_r = q, r
        return quotes

    def _dash_signature(self, doc: Doc, q: _Q, after: int) -> None:
        """'"... pay zero taxes." - Sanders.': a name after a dash, alone, signs the quote before it."""
        tok = self._tok_at(doc, after)
        if tok is None or tok.idx < after:
            return
        i = tok.i
        while i < len(doc) and doc[i].is_space and i - tok.i < 2:
            i += 1
        if i + 1 >= len(doc) or doc[i].text not in _DASHES:
            return
        k = i + 1
        while k < len(doc) and k - i <= 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
            k += 1
        if k == i + 1 or not (k == len(doc) or doc[k].text in {".", ","} or doc[k].is_space):
            return
        name = doc[i + 1:k]
        if not any(is_personish(t) for t in name):
            return
        q.cue = (doc[i].idx, doc[i].idx + len(doc[i].text))
        q.cue_lemma = doc[i].text
        q.cue_token = doc[i].i
        q.speaker, q.speaker_token, q.speaker_from = (name.start_char, name.end_char), name.root.i, "cue"

    def _sentence_rest(self, doc: Doc, end: int, marks: set[int]) -> int:
        """A quoted fragment inside reported speech: the statement runs on to the end of the sentence
        ("said he 'supports the plan' while his rival ..."), unless someone else's statement starts."""
        rest = self._tail(doc, end, marks)
        while rest and (rest[-1].is_punct or rest[-1].is_space):
            rest.pop()
        if not rest or rest[0].text in {".", "!", "?"}:
            return end
        if any(verb_lemma(t) and t.tag_ in _FINITE | {"VBG"} for t in rest) or len(rest) > 25:
            return end
        return rest[-1].idx + len(rest[-1].text)

    def _paragraph_is_quote(self, doc: Doc, r: Region) -> bool:
        """The quote opens its paragraph and nothing but punctuation follows it there."""
        text = self._text
        para_start = text.rfind("\n\n", 0, r.open_mark)
        para_start = 0 if para_start < 0 else para_start + 2
        para_end = text.find("\n\n", r.end)
        para_end = len(text) if para_end < 0 else para_end
        after = text[(r.close_mark + 1 if r.close_mark is not None else r.end):para_end]
        return not text[para_start:r.open_mark].strip() and not re.search(r"\w", after)

    def _other_speaker_between(self, doc: Doc, prev: _Q, r: Region) -> bool:
        """Whether a sentence between the previous quote and this one brings in someone else."""
        between = doc.char_span(prev.end, r.open_mark, alignment_mode="expand")
        if between is None:
            return False
        return any(verb_lemma(t) and t.idx >= (prev.cue[1] if prev.cue else prev.end) + 40 for t in between)

    def _attach(self, q: _Q, cue: Token, window: list[Token], region_chars: list[tuple[int, int]],
                how: str) -> None:
        self._describe_cue(q, cue, window)
        spk = _relative_subject(cue, self._speaker_for(cue, window, region_chars))
        if spk is not None:
            _set_speaker(q, spk, how)

    def _from_context(self, doc: Doc, q: _Q, r: Region, prev_q: _Q | None, prev_r: Region | None) -> None:
        """A quote with no cue of its own: the speaker of the quote just before it, or the subject of
        the sentence just before it ("Smith was blunt. 'We will not pay.'")."""
        tok = self._tok_at(doc, r.open_mark)
        prev_sent = sent_of(doc[tok.i - 1]) if tok is not None and tok.i > 0 else None
        recent = prev_q is not None and prev_r is not None and prev_q.speaker is not None
        if recent and prev_sent is not None and prev_q.end >= prev_sent.start_char - 2:  # type: ignore[union-attr]
            self._copy_speaker(q, prev_q)  # type: ignore[arg-type]
            return
        if prev_sent is not None and tok is not None and self._sentence_speaker(doc, q, prev_sent, tok.i):
            return
        if recent and r.paragraph - prev_r.paragraph <= 1:  # type: ignore[union-attr]
            self._copy_speaker(q, prev_q)  # type: ignore[arg-type]

    @staticmethod
    def _copy_speaker(q: _Q, prev: _Q) -> None:
        q.speaker, q.speaker_token, q.speaker_from = prev.speaker, prev.speaker_token, "previous"

    def _sentence_speaker(self, doc: Doc, q: _Q, sent, before: int) -> bool:
        cands = [t for t in sent if verb_lemma(t) and t.i < before]
        for cand in reversed(cands):
            subj = subject_of(cand)
            if subj is not None and is_personish(subj) and subj.lower_ not in {"it", "this", "that", "there"}:
                _set_speaker(q, subj, "previous")
                return True
        subj = subject_of(sent.root)
        if subj is None:
            # "Teodor Vlasko, the harbour master, was on the quay." with a parse that lost the subject:
            # a person named at the start of the sentence
            subj = next((t for t in list(sent)[:4] if (t.ent_type_ in PERSON_LABELS or t.pos_ == "PROPN")
                         and t.is_alpha and is_personish(t)), None)
            if subj is not None:
                subj = next((t for t in subj.doc[subj.i:subj.i + 4] if t.ent_type_ in PERSON_LABELS
                             and (t.i + 1 >= len(doc) or doc[t.i + 1].ent_type_ not in PERSON_LABELS)), subj)
        if subj is not None and is_personish(subj) and (subj.ent_type_ in {"PERSON", "PER"} or subj.pos_ in {"PROPN", "PRON"}) \
                and subj.lower_ not in {"it", "this", "that", "there", "we", "you", "i"}:
            _set_speaker(q, subj, "previous")
            return True
        return False

    # --- indirect quotes -----------------------------------------------------------------------------

    def _indirect(self, doc: Doc, direct: list[_Q], regions: list[Region]) -> list[_Q]:
        covered: list[tuple[int, int]] = [p for q in direct for p in q.parts]
        in_quote = [(r.start, r.end) for r in regions]

        def direct_share(s: int, e: int) -> float:
            n = 0
            for a, b in covered:  # a plain loop: this runs for every proposal and every direct quote
                if b > s and a < e:
                    n += min(e, b) - max(s, a)
            return n / max(1, e - s)

        q_starts = [a for a, _ in in_quote]

        def quoted(t: Token) -> bool:
            # regions do not nest, so the last one starting at or before the token is the only candidate
            i = bisect.bisect_right(q_starts, t.idx) - 1
            return i >= 0 and in_quote[i][0] <= t.idx < in_quote[i][1]

        out: list[_Q] = []
        model = self.model
        tagger = self.tagger if model is not None else None
        cands: list[_Q] = []
        cue_tokens = {q.cue_token for q in direct if q.cue_token is not None}
        quoted_ids: set[int] = set()
        self._quoted_ids = quoted_ids
        self._scans: dict[int, tuple] = {}  # the tagger's log-odds per cue word, shared by its proposals
        self._cue_probs = {}
        self._doc_arrays = None
        self._doc_cache = {}
        detector = self.detector if tagger is not None else None
        if tagger is not None:
            for a, b in in_quote:
                sp = doc.char_span(a, b, alignment_mode="expand")
                if sp is not None:
                    quoted_ids.update(range(sp.start, sp.end))
        for tok in doc:
            if POLL_IN and model is not None and tok.lower_ == "in" and not quoted(tok):
                q = self._poll_quote(tok)
                if q is not None and direct_share(q.start, q.end) < 0.5:
                    cands.append(q)
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                q = self._according_quote(tok)
                if q and direct_share(q.start, q.end) < 0.5 and not quoted(tok):
                    q.origin = "according"
                    (cands if model is not None else out).append(q)
                continue
            lemma = verb_lemma(tok)
            if quoted(tok):
                continue
            # an auxiliary ("has faced complaints", "was asked") is never the cue: the verb it serves is
            helper = AUX_NO_CUE and tok.dep_ in {"aux", "aux:pass", "auxpass"}
            if tagger is not None and tok.i not in cue_tokens and not helper and (
                    cue_key(tok) in tagger.cues
                    or detector is not None and tok.pos_ in CUE_POS and self._cue_prob(tok) >= detector.threshold):
                cands.extend(self._tagged_proposals(tok, tagger, quoted_ids, in_quote, cue_tokens, direct_share))
            if model is not None and tok.pos_ in LEXICON_POS and tok.i not in cue_tokens and not helper:
                # with the trained scorer every learned frame is a proposal, with or without a source,
                # next to what the rules below propose for the same word; the scorer picks
                for q in self._frame_proposals(tok):
                    if direct_share(q.start, q.end) < 0.5:
                        cands.append(q)
            if not lemma:
                if model is None:
                    q = self._learned_quote(tok) if self.lexicon else None
                    if q is not None and direct_share(q.start, q.end) < 0.5 and tok.i not in cue_tokens:
                        out.append(q)
                continue
            parts: list[tuple[int, int]] = []
            origin = ""
            kids = sorted(tok.children, key=lambda c: (c.dep_ not in CCOMP, c.i))
            for child in kids:
                if child.dep_ in CCOMP or (child.dep_ in XCOMP and lemma in _XCOMP_CUES) or (
                        child.dep_ in OBJ and lemma in _OBJ_CUES and child.pos_ not in {"PRON"}):
                    sub = list(child.subtree)
                    start, end = sub[0], sub[-1]
                    if start.i <= tok.i <= end.i:
                        # a parse that puts the cue inside its own complement: keep what follows it
                        if end.i <= tok.i + 1:
                            continue
                        start = doc[tok.i + 1]
                        while start.i < end.i and (start.is_punct or start.is_space):
                            start = doc[start.i + 1]
                    if child.dep_ in CCOMP:
                        if model is not None and start.i > tok.i:
                            # the clause as parsed, next to the one run to the sentence's edge below
                            raw = self._rule_quote(tok, lemma, [(start.idx, end.idx + len(end.text))],
                                                   "ccomp_raw", in_quote, cue_tokens, direct_share)
                            if raw is not None:
                                cands.append(raw)
                        # reported speech runs to the end of its sentence (or back to its start) even
                        # where a small parser cuts the clause short
                        start, end = _to_sentence_edge(tok, start, end)
                    parts = [(start.idx, end.idx + len(end.text))]
                    origin = "ccomp" if child.dep_ in CCOMP else ("xcomp" if child.dep_ in XCOMP else "obj")
                    break
            if not parts and lemma not in THINK_VERBS:
                parts = _clause_after(tok, lemma)
                origin = "clause_after"
                if not parts:
                    parts = _around_parenthetical(tok)
                    origin = "parenthetical"
            if not parts and tok.dep_ == "parataxis" and tok.head is not tok:
                # "The plan, he said, will fail." / "The plan will fail, he said."
                own = {t.i for t in tok.subtree}
                rest = [t for t in tok.head.subtree if t.i not in own]
                parts = _runs(rest)
                origin = "parataxis"
            if not parts:
                if model is None:
                    # the hand-written rules found no content: a learned frame may ("asked about X")
                    q = self._learned_quote(tok) if self.lexicon else None
                    if q is not None and direct_share(q.start, q.end) < 0.5 and tok.i not in cue_tokens:
                        out.append(q)
                continue
            q = self._rule_quote(tok, lemma, parts, origin, in_quote, cue_tokens, direct_share)
            if q is not None:
                (cands if model is not None else out).append(q)
        if model is not None:
            if ROLE_PROPOSALS and self.rescorer is not None:
                cands.extend(self._role_proposals(doc, cands, in_quote, cue_tokens, direct_share))
            if APPEARANCE_NO_SOURCE:
                for q in cands:
                    _drop_appearance_source(doc, q)
            out = self._choose(doc, [q for q in cands if not _not_a_statement(doc, q)], direct_share)
        else:
            out = [q for q in out if not _not_a_statement(doc, q)]
        if HEADLINE_COLON:
            q = _headline_colon(doc, self._text)
            if q is not None and direct_share(q.start, q.end) < 0.5 and not any(
                    o.start < q.end and q.start < o.end for o in out):
                out.append(q)
        return out

    def _rule_quote(self, tok: Token, lemma: str, parts: list[tuple[int, int]], origin: str,
                    in_quote: list[tuple[int, int]], cue_tokens: set, direct_share) -> _Q | None:
        """An indirect quote for a verb of saying whose content the rules found."""
        doc = tok.doc
        parts = [p for p in (_trim_chars(doc, a, b) for a, b in parts) if p is not None]
        parts = _cut_at_other_statements(doc, parts, tok)
        if not parts or sum(b - a for a, b in parts) < 3:
            return None
        start, end = parts[0][0], parts[-1][1]
        if direct_share(start, end) >= 0.5 or tok.i in cue_tokens and direct_share(start, end) > 0:
            return None
        q = _Q("indirect", parts)
        q.origin = origin
        q.cue = (tok.idx, tok.idx + len(tok.text))
        q.cue_lemma = lemma
        q.cue_token = tok.i
        if lemma in MEDIUM_VERBS:
            q.medium = MEDIUM_VERBS[lemma]
        subj = _participle_subject(tok, _cue_subject(tok))
        sent = sent_of(tok)
        if subj is None or subj.lower_ == "there":
            # "..., said Doyle and others": the positional reading the direct quotes use
            subj = self._speaker_for(tok, _speaker_window(tok), [(a, b) for a, b in in_quote],
                                     inverted=parts[0][0] < tok.idx)
        # "it" in "It also said it had expanded the teams" is an organisation speaking; the expletive
        # "it" of "it is said that" is not a subject here (a passive or an expl dependency)
        subj = _relative_subject(tok, subj)
        # a passive subject is no speaker ("it was reported that"), unless the parse called the subject of
        # an active verb passive ("As The Washington Post reported, ..." with no auxiliary "was")
        passive = subj is not None and subj.dep_ in {"nsubjpass", "nsubj:pass"} and (
            has_passive_aux(tok) or tok.tag_ != "VBD")
        if subj is not None and subj.lower_ != "there" and not passive:
            _set_speaker(q, subj, "cue")
        self._describe_cue(q, tok, list(doc[tok.i + 1:min(sent.end, tok.i + 13)]))  # up to 12 words after
        return q

    def _arrays(self, doc: Doc) -> tuple[list, ...]:
        """The Doc's words as plain lists for the content tagger, built once per Doc."""
        if self._doc_arrays is None:
            self._doc_arrays = doc_arrays(doc)
        return self._doc_arrays

    def _cue_prob(self, tok: Token) -> float:
        """The cue detector's probability for a word, once per word and Doc."""
        p = self._cue_probs.get(tok.i)
        if p is None:
            assert self.detector is not None
            p = self._cue_probs[tok.i] = self.detector.prob(tok)
        return p

    def _scan(self, tok: Token) -> tuple:
        """The content tagger's log-odds over a cue word's sentence, once per word and Doc: the tagger's own
        readings of the word and the agreement features of every reading of it share them."""
        scanned = self._scans.get(tok.i)
        if scanned is None:
            assert self.tagger is not None
            tokens = self._doc_cache.get("tokens")
            if tokens is None:
                tokens = self._doc_cache["tokens"] = list(tok.doc)
            scanned = self._scans[tok.i] = self.tagger.scan(tok, self._quoted_ids, self._arrays(tok.doc), tokens)
        return scanned

    def _agreement(self, cue: Token, parts: list[tuple[int, int]]) -> tuple[float, float]:
        """``agreement(self._scan(cue), parts)``, with the scan's probabilities summed once per cue word."""
        key = ("agreement", cue.i)
        table = self._doc_cache.get(key)
        if table is None:
            table = self._doc_cache[key] = agreement_table(self._scan(cue))
        return agreement_from(table, parts)

    def _tagged_proposals(self, tok: Token, tagger: ContentTagger, quoted_ids: set[int],
                          in_quote: list[tuple[int, int]], cue_tokens: set, direct_share) -> list[_Q]:
        """The content tagger's readings of a cue word (after it, before it, around it), with the source
        found as for the rules (verbs) or the learned frames (nouns, adjectives)."""
        doc = tok.doc
        out = []
        prec = tagger.cues.get(cue_key(tok), 0.0)
        for where, words, prob in tagger.readings(tok, quoted_ids, self.tag_min_tokens, self._scan(tok)):
            parts = _runs(words)
            if tok.pos_ in {"VERB", "AUX"}:
                q = self._rule_quote(tok, verb_lemma(tok) or tok.lower_, parts, "tag", in_quote, cue_tokens,
                                     direct_share)
            else:
                parts = [p for p in (_trim_chars(doc, a, b) for a, b in parts) if p is not None]
                q = _noun_cue_quote(tok, parts, direct_share)
            if q is not None and q.speaker_token is not None and _not_a_speaker(doc[q.speaker_token]):
                q.speaker = q.speaker_token = q.speaker_from = None  # "Trump on Tuesday backed ..."
            if q is None or q.speaker is None and self.tag_need_source and not (
                    SOURCELESS_PASSIVE and _agentless_passive(tok)):
                continue
            q.origin = "tag"
            pb = _bucket10(prob)
            q.extra = [f"tagp={pb}", f"tagw={where}", f"tagp_w={pb}|{where}",
                       f"tagcue={_bucket10(min(prec * 3, 0.99))}", f"tagw_spk={where}|{q.speaker is not None}"]
            out.append(q)
        return out

    def _known_cue(self, key: str) -> bool:
        lemma = key.split("|", 1)[0]
        return lemma in self.frame_lemmas or lemma in SPEECH_VERBS or lemma in THINK_VERBS

    def _frame_proposals(self, tok: Token) -> list[_Q]:
        """Every learned frame of the word as a proposal, with and without the cue's later dependents
        in the content, and with or without a source; the trained scorer picks among them."""
        out = []
        for child in tok.children:
            key = frame_of(tok, child)
            if key is None:
                continue
            prior = self.all_frames.get(key)
            origin = "frame"
            if prior is None:
                # a frame too rare to be learned ("denounced X", "praised X"): proposed only where the
                # word has someone to attribute it to, for the scorer to judge by the word and source
                # A passive without an agent licenses a proposal only for a word known as a cue (a learned
                # frame of another shape, a verb of saying or believing): otherwise any passive in a story
                # becomes an attribution of nobody ("Sixteen people were airlifted from the ferry ...").
                if not (_has_source(tok) or WIDE_UNSEEN and _frame_has_source(tok)
                        or SOURCELESS_PASSIVE and _agentless_passive(tok) and self._known_cue(key)):
                    continue
                prior, origin = 0.0, "unseen"
            # what the longer reading adds: the cue's later dependents ("voted against the resolution |
            # on free speech grounds"), which PolNeAR keeps in the content for some words and not others
            ext = next((c for c in tok.children if c.i > child.i and c.dep_ in _EXTEND_DEPS), None)
            ext_word = "" if ext is None else (next((c.lower_ for c in ext.children if c.dep_ in {"case", "mark"}),
                                                    ext.dep_) if ext.dep_ != "prep" else ext.lower_)
            seen = set()
            for extend in (True, False):
                q = self._frame_quote(tok, child, key, prior, extend)
                sourced = q is not None and (q.speaker is not None or not self.frames_need_source
                                             or SOURCELESS_PASSIVE and _agentless_passive(tok))
                if q is not None and q.end not in seen and sourced:
                    seen.add(q.end)
                    q.origin = origin if extend else origin + "_short"
                    q.extra = [f"ext={ext_word}|{q.origin}", f"ext_lemma={q.cue_lemma}|{extend}"] if ext_word \
                        else ["ext=none"]
                    out.append(q)
        return out

    def _choose(self, doc: Doc, cands: list[_Q], direct_share) -> list[_Q]:
        """Score every proposal with the trained model; per cue word keep the best, if it passes."""
        assert self.model is not None
        best: dict[int, _Q] = {}
        keep = self.keep_candidates
        if keep:
            self.candidates = []
        probs = getattr(doc._, "sd_role_probs", None) if Doc.has_extension("sd_role_probs") else None
        rescorer = self.rescorer if probs is not None and len(probs) == len(doc) else None
        threshold = rescorer.threshold if rescorer is not None else self.threshold
        for q in cands:
            cue = doc[q.cue_token] if q.cue_token is not None else None
            if cue is None:
                continue
            spk = doc[q.speaker_token] if q.speaker_token is not None else None
            feats = candidate_features(cue, q.parts, spk, q.origin, q.frame, q.prior,
                                       direct_share(q.start, q.end), cache=self._doc_cache)
            for name in q.extra:
                feats[name] = 1.0
            if self.detector is not None and self.cue_feature:
                feats[f"cuep={_bucket10(self._cue_prob(cue) ** 0.5)}"] = 1.0
            if self.tagger is not None and self.tag_agreement:
                # every reading is also judged by how well it agrees with the tagger's own view of the
                # cue's content: this picks among the readings of one cue word
                f1, mean_in = self._agreement(cue, q.parts)
                feats[f"tagf1={_bucket10(f1)}"] = 1.0
                feats[f"tagf1_o={_bucket10(f1)}|{q.origin}"] = 1.0
                feats[f"tagin={_bucket10(mean_in)}"] = 1.0
            q.score = self.model.score(feats)
            if rescorer is not None:
                q.role_feats = self._role_feats(doc, probs, q)
                q.score = rescorer.score(q.role_feats)
            if keep:
                self.candidates.append((feats, q))
            if q.speaker is None and q.origin == "tag" and q.score < self.tag_sourceless_threshold:
                continue
            old = best.get(cue.i)
            if old is None or (q.score or 0) > (old.score or 0):
                best[cue.i] = q
        # best first; a proposal whose content is mostly another kept one's ("called" and "call for" on
        # the same words, a frame and a rule reading of one clause) is the same attribution
        kept: list[_Q] = []
        for q in sorted(best.values(), key=lambda x: -(x.score or 0)):
            if (q.score or 0) < threshold:
                break
            if not any(_same_content(q, k) for k in kept):
                kept.append(q)
        return kept

    @staticmethod
    def _role_feats(doc: Doc, probs, q: _Q) -> list[float]:
        """:func:`~.cue_lexicon.role_features` of a proposal: its words, and two words each side of it in
        its sentence."""
        ids: list[int] = []
        for a, b in q.parts:
            sp = doc.char_span(a, b, alignment_mode="expand")
            if sp is not None:
                ids.extend(t.i for t in sp if not (t.is_punct or t.is_space))
        if ids:
            sent_lo, sent_hi = doc[ids[0]].sent.start, doc[ids[-1]].sent.end
            before = [i for i in range(ids[0] - 1, sent_lo - 1, -1) if not (doc[i].is_punct or doc[i].is_space)][:2]
            after = [i for i in range(ids[-1] + 1, sent_hi) if not (doc[i].is_punct or doc[i].is_space)][:2]
        else:
            before, after = [], []
        return role_features(probs, ids, q.cue_token, q.speaker_token, q.score or 0.0, (before, after),
                             role_run=q.origin == "role_run")

    def _role_proposals(self, doc: Doc, cands: list[_Q], in_quote: list[tuple[int, int]], cue_tokens: set,
                        direct_share) -> list[_Q]:
        """With the role tagger's probabilities (``Doc._.sd_role_probs``) and its rescorer: every run of
        words the tagger gives a content probability >= 0.4 becomes a proposal of the word it hangs on (the
        cue :class:`~.role_readings.RoleReadings` finds), with the speaker the rules find for that word (or
        the role readings' one). The rules and learned frames miss many cue words (stance verbs, nouns) and
        many extents; the rescorer, which knows these proposals by a feature of their own, decides.
        Held-out PolNeAR train (2-fold CV over slice 3::4): content F1 0.7212 -> 0.7274, speaker accuracy
        0.9151 -> 0.9127 (training/attribution_roles_rescore.py --cv)."""
        probs = getattr(doc._, "sd_role_probs", None) if Doc.has_extension("sd_role_probs") else None
        if probs is None or len(probs) != len(doc):
            return []
        from .role_readings import content_runs, run_cue, run_speaker  # role_readings imports this module

        have: dict[int, set] = {}
        for q in cands:
            if q.cue_token is not None:
                have.setdefault(q.cue_token, set()).add(tuple(map(tuple, q.parts)))
        out: list[_Q] = []
        for run in content_runs(doc, probs, ROLE_RUN_THRESHOLD):
            words = [i for i in run if not (doc[i].is_punct or doc[i].is_space)]
            if len(words) < 2:
                continue
            cue = run_cue(doc, probs, set(range(words[0], words[-1] + 1)))
            # a cue word inside quote marks is quoted speech (the quoted ids are only kept with the content tagger)
            if cue is None or cue.i in self._quoted_ids or any(a <= cue.idx < b for a, b in in_quote):
                continue
            toks = [t for t in doc[words[0]:words[-1] + 1] if t.i != cue.i]
            if sum(1 for t in toks if not (t.is_punct or t.is_space)) < 2:
                continue
            parts = [p for p in (_trim_chars(doc, a, b) for a, b in _runs(toks)) if p is not None]
            if not parts or tuple(map(tuple, parts)) in have.get(cue.i, set()):
                continue
            if cue.pos_ in {"VERB", "AUX"}:
                q = self._rule_quote(cue, verb_lemma(cue) or (cue.lemma_ or cue.lower_).lower(), parts,
                                     "role_run", in_quote, cue_tokens, direct_share)
            else:  # a noun or adjective cue: its source as for the content tagger's readings
                q = _noun_cue_quote(cue, parts, direct_share)
            if q is None:
                continue
            if q.speaker_token is not None and _not_a_speaker(doc[q.speaker_token]):
                q.speaker = q.speaker_token = q.speaker_from = None
            if q.speaker is None:
                spk = run_speaker(doc, probs, cue, {t.i for t in toks})
                if spk is not None:
                    _set_speaker(q, spk, "roles")
            q.origin = "role_run"
            have.setdefault(cue.i, set()).add(tuple(map(tuple, q.parts)))
            out.append(q)
        return out

    def _learned_quote(self, tok: Token, lexicon: dict[str, float] | None = None,
                       need_source: bool = True) -> _Q | None:
        """An attribution from a learned cue frame ("endorsed X", "called for X", "the claim that X")."""
        if tok.pos_ not in LEXICON_POS:
            return None
        lexicon = self.lexicon if lexicon is None else lexicon
        best: tuple[float, Token, str] | None = None
        for child in tok.children:
            key = frame_of(tok, child)
            p = lexicon.get(key) if key is not None else None
            if p is not None and (best is None or p > best[0]):
                best = (p, child, key)  # type: ignore[assignment]
        if best is None:
            return None
        prior, child, key = best
        q = self._frame_quote(tok, child, key, prior)
        if q is None or q.speaker is None and need_source:
            # a learned frame without a source is mostly a verb used in its plain sense ("the bill calls
            # for"): on PolNeAR train it cost more in speaker accuracy than it gave in recall
            return None
        return q

    def _frame_quote(self, tok: Token, child: Token, key: str, prior: float, extend: bool = True) -> _Q | None:
        toks = content_tokens(tok, child, extend)
        if len(toks) < (self.frame_min_tokens if self.model is not None else self.min_learned_tokens):
            return None
        doc = tok.doc
        parts = _cut_at_other_statements(doc, [(toks[0].idx, toks[-1].idx + len(toks[-1].text))], tok)
        q = _Q("indirect", parts)
        q.origin, q.frame, q.prior = "frame", key, prior
        cue_end = tok
        case = next((c for c in child.children if c.dep_ == "case"), None) if "|prep:" in key else None
        if child.dep_ == "prep" and child.i > tok.i:
            case = child
        if case is not None and case.i > tok.i and case.i - tok.i <= 3:
            cue_end = case  # "called for", "accused of"
        q.cue = (tok.idx, cue_end.idx + len(cue_end.text))
        q.cue_lemma = key.split("|", 1)[0]
        q.cue_token = tok.i
        spk = _frame_source(tok)
        # (an agentless passive's nearest name is the one asked or named, not a source)
        agentless = SOURCELESS_PASSIVE and _agentless_passive(tok)
        if spk is None and tok.pos_ in {"VERB", "AUX"} and not agentless:
            spk = self._speaker_for(tok, list(sent_of(tok)), [], inverted=False)
        if tok.pos_ not in {"VERB", "AUX"}:
            spk = _noun_cue_source(tok, parts, spk)
        spk = _relative_subject(tok, spk)
        if spk is None:
            return q
        _set_speaker(q, spk, "cue")
        return q

    def _poll_quote(self, prep: Token) -> _Q | None:
        """"He fell to 10 percent in the latest CNN poll", "In the CBS poll, Trump's lead narrowed": the
        poll is the source of its sentence's finding (PolNeAR marks it so, with "in" as the cue), as for
        "according to"; a proposal for the scorer to judge."""
        doc = prep.doc
        if prep.dep_ == "case":
            noun = prep.head
        else:
            noun = next((c for c in prep.children if c.dep_ in {"pobj", "obj"}), None)
        if noun is None or noun is prep or noun.lower_ not in _POLL_NOUNS:
            return None
        phrase = {t.i for t in noun.subtree} | {prep.i}
        sent = sent_of(prep)
        rest = [t for t in sent if t.i not in phrase]
        if not any(t.pos_ in {"VERB", "AUX"} for t in rest):
            return None
        parts = [p for p in (_trim_chars(doc, a, b) for a, b in _runs(rest)) if p is not None]
        if not parts:
            return None
        q = _Q("indirect", parts)
        q.origin = "poll_in"
        q.cue = (prep.idx, prep.idx + len(prep.text))
        q.cue_lemma = "in"
        q.cue_token = prep.i
        sp = np_span(noun)
        q.speaker, q.speaker_token, q.speaker_from = (sp.start_char, sp.end_char), noun.i, "cue"
        return q

    def _according_quote(self, according: Token) -> _Q | None:
        doc = according.doc
        src = _according_source(according)
        if src is None:
            return None
        phrase = (according.i, max(according_phrase_end(according, src), according.i + 1))
        sent = sent_of(according)
        rest = [t for t in sent if not (phrase[0] <= t.i <= phrase[1])]
        parts = [p for p in (_trim_chars(doc, a, b) for a, b in _runs(rest)) if p is not None]
        if not parts:
            return None
        q = _Q("indirect", parts)
        q.cue = (according.idx, doc[according.i + 1].idx + len(doc[according.i + 1].text))
        q.cue_lemma = "according to"
        q.cue_token = according.i
        sp = np_span(src)
        q.speaker, q.speaker_token, q.speaker_from = (sp.start_char, sp.end_char), src.i, "cue"
        return q


LEXICON_POS = {"VERB", "AUX", "NOUN", "ADJ"}
_NOT_DIRECT_CUES = {"find", "show", "report", "estimate", "forecast", "project", "cite"}
_XCOMP_CUES = {"claim", "promise", "vow", "pledge", "threaten", "deny", "admit", "hope", "expect", "predict",
               "urge", "ask", "warn", "estimate", "report"}
_OBJ_CUES = {"deny", "admit", "confirm", "announce", "reveal", "acknowledge", "dispute", "reject",
             "predict", "disclose", "promise", "demand", "propose", "recommend", "allege", "report",
             "concede", "estimate", "forecast", "claim"}


def speaker_mention(spk: Token) -> Span:
    """The mention a speaker word stands for: its noun phrase ("the harbour master"), a pronoun alone."""
    return np_span(spk) if spk.pos_ != "PRON" else spk.doc[spk.i:spk.i + 1]


def _set_speaker(q: _Q, spk: Token, how: str) -> None:
    """Make ``spk`` the speaker of ``q`` (:func:`speaker_mention`)."""
    sp = speaker_mention(spk)
    q.speaker, q.speaker_token, q.speaker_from = (sp.start_char, sp.end_char), spk.i, how


def _bucket10(x: float) -> str:
    return str(max(0, min(9, int(x * 10))))


_MOTION_CASES = {"to", "into", "towards", "toward", "onto", "back"}


#: "Sanders: Clinton Email Story Has Moved." as a headline: the words before the colon say what follows
HEADLINE_COLON = True
#: with the role tagger and its rescorer, the tagger's content runs are proposals too (QuoteFinder._role_proposals)
ROLE_PROPOSALS = True
#: the content probability a word needs to be part of such a run (0.3-0.6 gave the same held-out F1 within 0.002)
ROLE_RUN_THRESHOLD = 0.4
# the last word of a headline label before a colon ("The Latest:", "Poll:", "EXCLUSIVE:"), not a speaker
_HEADLINE_LABELS = {"latest", "breaking", "exclusive", "update", "updated", "updates", "watch", "video", "videos",
                    "photos", "photo", "analysis", "opinion", "editorial", "live", "revealed", "wow", "boom", "busted",
                    "poll", "report", "review", "notice", "email", "factbox", "explainer", "timeline", "recap",
                    "briefing", "newsletter", "podcast", "quiz", "graphic", "map", "fact", "check", "correction"}


def _headline_colon(doc: Doc, text: str) -> _Q | None:
    """The headline (the text's first line) "<speaker>: <statement>": a short name before the colon, no
    verb in it, and a statement of at least two words after it."""
    nl = text.find("\n")
    end = nl if nl >= 0 else len(text)
    if end > 300:
        return None
    colon = text.find(":", 0, end)
    if colon <= 0 or colon + 1 >= end or not text[colon + 1].isspace():
        return None
    head = doc.char_span(0, colon, alignment_mode="contract")
    if head is None or not 1 <= len(head) <= 6:
        return None
    words = [t for t in head if not (t.is_punct or t.is_space)]
    if not words or words[-1].lower_ in _HEADLINE_LABELS or head.text.isupper() and len(head.text) > 3:
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in words) or not any(
            t.pos_ == "PROPN" or t.ent_type_ in PERSON_LABELS | ORG_LABELS for t in words):
        return None
    trimmed = _trim_chars(doc, colon + 1, end)
    if trimmed is None:
        return None
    a, b = trimmed
    while b > a and text[b - 1] in ".;":
        b -= 1
    if len(text[a:b].split()) < 2:
        return None
    colon_tok = doc.char_span(colon, colon + 1, alignment_mode="expand")
    q = _Q("indirect", [(a, b)])
    q.origin = "headline_colon"
    q.cue = (colon, colon + 1)
    q.cue_lemma = ":"
    q.cue_token = colon_tok[0].i if colon_tok is not None and len(colon_tok) else None
    # the name's last word: "Clinton camp" -> camp, "Dr. Ben Carson" -> Carson
    spk = next((t for t in reversed(words) if t.pos_ in {"PROPN", "NOUN"}), words[-1])
    _set_speaker(q, spk, "headline")
    return q


#: an interview printed as "Q: ..." / "A: ..." lines: each line is its asker's or answerer's statement
INTERVIEW_LINES = True
_INTERVIEW_LINE = re.compile(r"^(Q|A)[:.][ \t]+(\S.*)$", re.MULTILINE)


def _interview_lines(doc: Doc, text: str) -> list[_Q]:
    """The lines of a question-and-answer interview, when the text has both "Q:" and "A:" lines (a lone
    "A:" is a list item): the line after the letter is the statement, the letter its speaker (the
    interviewer or the person interviewed; PolNeAR marks it so), the colon its cue."""
    lines = list(_INTERVIEW_LINE.finditer(text))
    if {m.group(1) for m in lines} != {"Q", "A"}:
        return []
    out = []
    for m in lines:
        trimmed = _trim_chars(doc, m.start(2), m.end(2))
        if trimmed is None or len(text[trimmed[0]:trimmed[1]].split()) < 2:
            continue
        letter = doc.char_span(m.start(1), m.end(1))
        colon = doc.char_span(m.end(1), m.end(1) + 1)
        if letter is None or colon is None:
            continue
        q = _Q("indirect", [trimmed])
        q.origin = "interview"
        q.cue = (m.end(1), m.end(1) + 1)
        q.cue_lemma = ":"
        q.cue_token = colon[0].i
        _set_speaker(q, letter[0], "interview")
        out.append(q)
    return out


def _not_a_statement(doc: Doc, q: _Q) -> bool:
    """Readings that name no proposition, whatever their cue word:

    - a passive infinitive with nothing else in it: what the source asked for itself ("who asked not to
      be named", "requested not to be identified") is a condition of the interview, not a statement;
    - an object moved to a place with no predicate anywhere in the content ("before ordering
      passengers to the muster stations", "sent troops into the city"): an action, not what was said.
    """
    if q.cue_token is None or q.cue_lemma == "according to" or q.end - q.start > 120:
        return False  # cheap first cut: both patterns below are a few short words
    toks = [t for a, b in q.parts for t in (char_span(doc, a, b) or [])]
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not words or len(words) > 12:
        return False
    if all(t.pos_ in {"PART", "AUX", "VERB", "ADV"} for t in words) and any(
            t.dep_ in {"aux:pass", "auxpass"} for t in words):
        return True
    if any(t.pos_ in {"VERB", "AUX"} for t in words):
        return False
    cue = doc[q.cue_token]
    ids = {t.i for t in words}
    if TOPIC_ONLY_NOUN and _topic_of_object_noun(cue, words, ids):
        return True
    obj = next((c for c in cue.children if c.dep_ in OBJ and c.i in ids), None)
    place = next((c for c in cue.children if c.dep_ in {"obl", "prep", "advmod", "obl:npmod"} and c.i in ids
                  and (c.lower_ in _MOTION_CASES or any(x.dep_ == "case" and x.lower_ in _MOTION_CASES
                                                        for x in c.children))), None)
    return obj is not None and place is not None and place.i > obj.i


def _topic_of_object_noun(cue: Token, words: list[Token], ids: set[int]) -> bool:
    """"The council has faced complaints about the road", "received questions over the budget": a noun
    of saying that is what the subject faced or received, with only a topic after it (no predicate, no
    quotation), reports nothing anyone said. The caller has already seen that the content has no verb."""
    noun = cue
    if cue.pos_ == "ADP":
        # the parse read the preposition as the cue: the topic noun it marks hangs on the noun of saying
        topic = cue.head
        if topic.i not in ids or topic.head.i == topic.i or cue.lower_ not in _TOPIC_CASES:
            return False
        noun = topic.head
    else:
        # "complaints about X" names a topic; "her promise of a recount" names what was promised
        topic = next((c for c in cue.children if c.i in ids and any(
            x.dep_ == "case" and x.lower_ in _TOPIC_CASES for x in c.children)), None)
        if topic is None:
            return False
    if noun.pos_ != "NOUN" or noun.i in ids or noun.dep_ not in OBJ or noun.head.pos_ not in {"VERB", "AUX"}:
        return False
    # "her complaints about X": an owner says who complained, as in "Lind offered her promise of ..."
    if any(c.dep_ in {"nmod:poss", "poss"} for c in noun.children):
        return False
    return not any(t.is_quote for t in words)


#: prepositions that give a noun of saying its topic rather than its content
_TOPIC_CASES = {"about", "over", "regarding", "concerning", "around"}


def _same_content(a: _Q, b: _Q) -> bool:
    """Whether two contents share at least half of the longer one's characters."""
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a.parts for s2, e2 in b.parts)
    longer = max(sum(e - s for s, e in a.parts), sum(e - s for s, e in b.parts), 1)
    return shared / longer >= 0.5


AS_CLAUSE_RULE = True
PASSIVE_NO_SPEAKER = True


APPOS_DEPS = {"appos"}
_RAISING = {"believed", "thought", "said", "understood", "reported", "rumoured", "rumored", "suspected",
            "feared", "expected", "estimated", "presumed", "alleged", "known", "considered"}


def _raised_subject(cue: Token, subj: Token) -> bool:
    """"The fire is believed to have started ...": the subject of a passive verb of belief or report with a
    "to" clause is what is believed, not who believes it (the hedge says no one is named). Other passive
    subjects stay ("Smith was asked ...": PolNeAR marks them)."""
    return subj.dep_ in {"nsubjpass", "nsubj:pass"} and cue.lower_ in _RAISING and has_passive_aux(cue) and any(
        c.dep_ in XCOMP and any(m.lower_ == "to" for m in c.children) for c in cue.children)


def _agent_of(cue: Token) -> Token | None:
    """The "by" phrase of a verb: ClearNLP ``agent -> pobj``, UD ``obl:agent`` or ``obl`` with case "by"."""
    for child in cue.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ in {"pobj", "obj"}), None)
            if obj is not None:
                return obj
        elif child.dep_ in {"obl:agent", "obl"} and child.i > cue.i and any(
                c.dep_ == "case" and c.lower_ == "by" for c in child.children):
            return child
    return None


def _cue_subject(cue: Token) -> Token | None:
    """Who a verb of saying speaks for, as :func:`subject_of` finds it, except where the speaker is not a
    subject: a passive cue with an agent speaks for the agent ("as first reported by the Courier, a boat
    towed ...", "the plan, criticised by the union, ..."); a cue in an "as" clause with no subject of its
    own names no speaker in the clause it frames ("As reported earlier, a boat towed ...": the boat is
    what was reported, not who reported it). Only for verbs of saying and reporting: "the defense mounted
    by her husband" is no attribution to the husband."""
    if verb_lemma(cue) and (cue.tag_ == "VBN" or has_passive_aux(cue)):
        agent = _agent_of(cue)
        if agent is not None:
            return agent
    if AS_CLAUSE_RULE and cue.dep_ == "advcl" and not any(c.dep_ in SUBJ for c in cue.children) and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return None
    return subject_of(cue)


def _participle_subject(cue: Token, subj: Token | None) -> Token | None:
    """"Trump criticised Walker as weak, arguing that ...": a participle cue speaks for the subject of
    its sentence when the parse gave it none, or one after it ("adding the U.S. must ..."), or a thing
    ("arguing" under "the hotel conference center")."""
    if CONJ_REPORTED and subj is not None and cue.dep_ == "conj":
        main = _conj_of_reported(cue, subj)
        if main is not None:
            return main
    if cue.tag_ != "VBG":
        return subj
    root = sent_of(cue).root
    if subj is not None and subj.i < cue.i and (subj.ent_type_ in PERSON_LABELS | ORG_LABELS or subj.pos_ in {
            "PROPN", "PRON"} or subj.lower_ in PERSON_NOUNS):
        if PARTICIPLE_MAIN_CLAUSE and cue.i > 0 and cue.doc[cue.i - 1].text == "," and root.i < cue.i \
                and root.pos_ in {"VERB", "AUX"} and _in_subordinate_clause(subj.head, root):
            # "Bradley apologized after they came out, saying ...": a participle set off by a comma speaks
            # for the main clause, though the parser hung it on the nearer subordinate verb
            main = subject_of(root)
            if main is not None and main.i < subj.i and (is_personish(main) or _noun_source(main)) \
                    and main.lower_ not in {"it", "there"}:
                return main
        return subj
    if root.i < cue.i and root.pos_ in {"VERB", "AUX"}:
        main = subject_of(root)
        if main is not None and main.i < cue.i and is_personish(main) and main.lower_ not in {"it", "there"}:
            return main
    return subj


PARTICIPLE_MAIN_CLAUSE = True
#: drop noun-of-saying objects with only a topic after them ("has faced complaints about the road")
TOPIC_ONLY_NOUN = True
CONJ_REPORTED = True


def _conj_of_reported(cue: Token, subj: Token) -> Token | None:
    """"Ryan said he was not ready, and suggested that ...": a second cue verb the parser coordinated with
    the reported clause instead of the verb of saying speaks for that verb's subject, not for the pronoun
    inside the report. Taken when the cue is a verb of saying, or when punctuation before its "and" marks
    the higher coordination ("- and thinks that ...")."""
    lemma = verb_lemma(cue)
    h = cue.head
    say = h.head
    if not lemma or h.i == cue.i or h.dep_ not in CCOMP or say.i == h.i or not verb_lemma(say):
        return None
    if subj.pos_ != "PRON" or not (h.left_edge.i <= subj.i <= h.right_edge.i):
        return None
    cc = next((c for c in cue.children if c.dep_ == "cc" and c.i < cue.i), None)
    punct_before = cc is not None and cc.i > 0 and cue.doc[cc.i - 1].text in {",", ";", "—", "–", "-", "--"}
    if lemma in THINK_VERBS and not punct_before:
        return None
    main = subject_of(say)
    if main is None or main.i > say.i or main.i == subj.i or not is_personish(main) or main.lower_ in {"it", "there"}:
        return None
    return main


def _in_subordinate_clause(verb: Token, root: Token) -> bool:
    """Whether ``verb`` sits in a clause below ``root`` that a subordinator opens ("after they came out",
    "how he planned to ..."), that modifies a noun, or that a verb of saying reports."""
    t = verb
    for _ in range(8):
        if t.i == root.i or t.head.i == t.i:
            return False
        if t.dep_ in CCOMP and verb_lemma(t.head):
            return True  # "Carson said he plans ..., insisting that": the report of a verb of saying
        if t.dep_ in {"acl", "acl:relcl", "relcl"} or t.dep_ in {"advcl", "ccomp"} and any(
                c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ in {"WRB"} for c in t.children):
            return True
        t = t.head
    return False


def _tail_verb(tail: list[Token]) -> Token | None:
    """The verb of a short clause right after a closing quote ("he continued", "opined the Gazette")."""
    for k, t in enumerate(tail[:6]):
        if t.text in _SENT_END or t.is_quote:
            return None
        if t.pos_ == "VERB" and t.tag_ not in {"VBG", "VBN"}:
            subj = next((c for c in t.children if c.dep_ in SUBJ and c.i < t.i), None)
            if subj is not None and is_personish(subj) and subj.lower_ not in {"it", "that", "this", "which"}:
                return t
            if k == 0 and len(tail) > 1 and (is_personish(tail[1]) or tail[1].pos_ == "DET"):
                return t  # "opined Cleveland's Plain Dealer"
            return None
    return None


def _odd_name(tok: Token) -> bool:
    """A capitalised word the tagger got wrong ("O’Donnell" as an interjection, "Black" as an adjective)
    that stands right before a verb of saying: a name all the same."""
    return (tok.pos_ in {"INTJ", "ADJ", "X", "VERB", "NOUN"} and tok.text[:1].isupper() and len(tok.text) > 1
            and not tok.is_sent_start and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL", "NORP"}
            and any(c.isalpha() for c in tok.text) and tok.dep_ in SUBJ | {"amod", "compound", "dep"}
            and tok.head.i > tok.i and tok.lower_ not in _TIME_WORDS)


def _it_says(cue: Token, subj: Token) -> bool:
    """"it says", "it read": a document or organisation named before speaks through "it" (PolNeAR marks "it")."""
    return subj.lower_ == "it" and subj.dep_ in {"nsubj"} and verb_lemma(cue) in {"say", "read", "state", "add",
                                                                                  "note", "write", "declare"}


def _other_subject(cue: Token) -> Token | None:
    """Speakers the subject search misses for parser reasons:
    "said it was too early but added, ..." (the second verb hung in the reported clause), "issued a
    statement saying ..." (the statement's issuer), "Castellanos, who ..., said, ..." (a parataxis on the name)."""
    v = cue
    while v.dep_ == "conj" and v.head is not v and v.head.i < v.i:
        v = v.head
    if v is not cue and v.dep_ in CCOMP and verb_lemma(v.head) in SPEECH_VERBS:
        subj = subject_of(v.head)
        if subj is not None and is_personish(subj):
            return subj
    if cue.dep_ in {"acl", "relcl"} and cue.tag_ == "VBG" and cue.head.pos_ == "NOUN" and cue.head.dep_ in OBJ:
        subj = subject_of(cue.head.head)
        if subj is not None and (is_personish(subj) or _noun_source(subj)):
            return subj
    if cue.dep_ == "parataxis" and cue.head.i < cue.i and cue.head.pos_ in {"PROPN", "NOUN"} \
            and is_personish(cue.head):
        return cue.head
    doc = cue.doc
    sent = sent_of(cue)
    lo = max(sent.start, cue.i - 40)
    if cue.tag_ == "VBG":
        # "Starr said ... , explaining, "...": the participle goes with the last finite verb of saying
        for t in reversed(doc[lo:cue.i]):
            if t.tag_ != "VBG" and verb_lemma(t) in SPEECH_VERBS:
                subj = subject_of(t)
                return subj if subj is not None and is_personish(subj) and subj.i < t.i else None
    for t in reversed(doc[lo:cue.i]):
        # "Durbin (D-Ill.), noting the size of ..., said,": the subject the parse gave the clause between
        if t.dep_ in SUBJ and t.head.i < cue.i and t.head.i > t.i and t.head.head.i == cue.i and is_personish(t) \
                and t.lower_ not in RELATIVE_PRON:
            return t
    return None


def _has_source(tok: Token) -> bool:
    """A verb with a subject that can speak, or a noun with an owner ("Kerry's announcement")."""
    if tok.pos_ in {"VERB", "AUX"}:
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "csubj"}), None)
        return subj is not None and (is_personish(subj) or _noun_source(subj))
    if tok.pos_ == "NOUN":
        return any(c.dep_ in {"poss", "nmod:poss"} and is_personish(c) for c in tok.children) or (
            NOUN_SUBJECT_SOURCE and _frame_source(tok) is not None)
    return False


# switches of the proposals that PolNeAR's stances need (each measured on held-out PolNeAR train, see
# training/README.md): an unseen frame proposed where _frame_source finds a source; a verb hanging from a
# noun that can speak speaks for it; agentless passives proposed without a source; "seem"/"appear" name
# no speaker; a predicate noun speaks for its subject
WIDE_UNSEEN = True
ACL_SOURCE = True
SOURCELESS_PASSIVE = True
APPEARANCE_NO_SOURCE = True
NOUN_SUBJECT_SOURCE = True
AUX_NO_CUE = True
#: verbs of appearance: "Lind seemed eager to leave" is the writer's view of Lind, not Lind's statement
#: (PolNeAR leaves the source of 175 of 180 such cues in train empty)
_APPEARANCE = {"seem", "appear"}


def _drop_appearance_source(doc: Doc, q: _Q) -> None:
    """A reading of "seem" / "appear" keeps its content but names no speaker: its subject is what the writer
    judges ("The plan appears to have failed", "Lind seemed eager to leave")."""
    if q.cue_token is not None and (doc[q.cue_token].lemma_ or "").lower() in _APPEARANCE:
        q.speaker = q.speaker_token = q.speaker_from = None


def _agentless_passive(tok: Token) -> bool:
    """"She was asked about the pier", "new cuts were announced": a passive verb with no "by" phrase names
    no source (PolNeAR leaves the source empty), so its readings are proposed without one; its subject
    is what is said or asked about, never the speaker."""
    return tok.pos_ in {"VERB", "AUX"} and has_passive_aux(tok) and _agent_of(tok) is None


def _frame_has_source(tok: Token) -> bool:
    """A verb or adjective whose source is not its own subject but one the frames find ("He endorsed Ruiz
    and boycotted the debate", "..., advising the senator to ...", "Voters are put off by ..."): the
    subject of the first conjunct, of the main clause of a participle, or the agent of a passive."""
    if tok.pos_ not in {"VERB", "AUX", "ADJ"}:
        return False
    spk = _frame_source(tok)
    return spk is not None and (is_personish(spk) or _noun_source(spk))


def _speaker_window(cue: Token) -> list[Token]:
    """The cue's sentence, and the one before when the parser split a sentence where no punctuation
    ends it ("Scot Ross, director of One Wisconsin | Now, said the figures ..." parsed with two roots)."""
    sent = sent_of(cue)
    doc = cue.doc
    toks = list(sent)
    if sent.start > 0:
        last = doc[sent.start - 1]
        if last.text not in _SENT_END | _CLOSERS | {":", ";", "”"} and not last.is_space:
            toks = list(sent_of(last)) + toks
    return toks


def _noun_source(tok: Token) -> bool:
    """A common noun as the subject of a verb of saying speaks ("the moderator said", "the report
    says"): PolNeAR marks these as sources even where no list of person nouns has the word."""
    return (tok.pos_ in {"NOUN", "PROPN"} and tok.lower_ not in _TIME_WORDS and tok.is_alpha
            and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _relative_subject(cue: Token, spk: Token | None) -> Token | None:
    """"Sosa, a consultant who said ...", "the AP report, which notes ...": the speaker mention is the
    relative pronoun, as for "he" (the speakers component resolves it to the noun it hangs from)."""
    if spk is None or spk.head.i == cue.i:
        return spk
    rel = next((c for c in cue.children if c.dep_ in SUBJ and c.lower_ in RELATIVE_PRON), None)
    if rel is not None and cue.head.i == spk.i:
        return rel
    return spk


def _frame_source(cue: Token) -> Token | None:
    """Who a learned cue attributes to: the subject of a verb (or the agent of a passive), the owner of a
    noun ("Kerry's announcement", "the claim by X"), or the subject of the verb a noun cue is the object
    of ("Smith made the claim that ...")."""
    if cue.pos_ in {"VERB", "AUX", "ADJ"}:
        subj = _participle_subject(cue, _cue_subject(cue))
        if subj is not None and subj.dep_ in {"nsubjpass", "nsubj:pass"}:
            subj = None
        if subj is None:
            for child in cue.children:
                if child.dep_ == "agent":  # ClearNLP: by -pobj-> X
                    subj = next((c for c in child.children if c.dep_ == "pobj"), None)
                elif child.dep_ in {"obl", "obl:agent"} and any(c.dep_ == "case" and c.lower_ == "by"
                                                                 for c in child.children):
                    subj = child
        if subj is None and ACL_SOURCE and cue.dep_ == "acl" and cue.head.i < cue.i \
                and cue.head.pos_ in {"NOUN", "PROPN"} and is_personish(cue.head):
            # "the campaign, pushing the idea that ...", "a member of Congress to endorse him": a verb
            # hanging from a noun that can speak speaks for it
            subj = cue.head
        # PolNeAR-style sources: any subject that states, backs or wants something ("Sanders aides
        # declined", "the poll shows"), not only people
        if subj is not None and subj.lower_ not in {"there", "which", "that", "this"} | _TIME_WORDS \
                and not subj.is_punct and subj.ent_type_ not in {"DATE", "TIME"}:
            return subj
        return None
    for child in cue.children:
        if child.dep_ in {"poss", "nmod:poss"} and is_personish(child):
            return child
    if NOUN_SUBJECT_SOURCE and cue.pos_ == "NOUN":
        for child in cue.children:
            # "Lind is an outspoken supporter of ...": the subject of a predicate noun; and where the small
            # tagger took a verb for a noun, "Polls show ...", "Germany pledges to ...": its subject, or the
            # name it made a compound of the "noun"
            subject = child.dep_ == "nsubj" and (is_personish(child) or _noun_source(child))
            name = child.dep_ == "compound" and child.pos_ == "PROPN" and is_personish(child) \
                and cue.tag_ in {"NNS", "VBZ"}
            if child.i < cue.i and (subject or name) and child.lower_ not in RELATIVE_PRON:
                return child
    for child in cue.children:
        if child.dep_ in {"nmod", "prep"} and child.i > cue.i:
            obj = child if child.dep_ == "nmod" else next((c for c in child.children if c.dep_ == "pobj"), None)
            case = next((c.lower_ for c in obj.children if c.dep_ == "case"), "") if child.dep_ == "nmod" \
                else child.lower_
            if obj is not None and case in {"by", "from"} and is_personish(obj):
                return obj
    if cue.dep_ in OBJ and cue.head is not cue:
        subj = subject_of(cue.head)
        if subj is not None and subj.lower_ not in {"it", "there", "which", "that"} and is_personish(subj):
            return subj
    return None


def _not_a_speaker(tok: Token) -> bool:
    """A date or time the positional reading took for a speaker."""
    return tok.lower_ in _TIME_WORDS or tok.ent_type_ in {"DATE", "TIME"} or tok.is_punct or tok.is_space


def _noun_cue_source(cue: Token, parts: list[tuple[int, int]], spk: Token | None) -> Token | None:
    """The source of a cue that is not a verb, given its own (``_frame_source``): where it has none, or only
    a possessive pronoun, the subject of the verb it hangs from speaks ("Clinton offered her firmest
    promise", "the candidate repeated his promise to ...": PolNeAR's source is the one who offers or
    repeats). The tagger's readings and the learned frames' go by this one rule."""
    if spk is None or spk.pos_ == "PRON" and spk.dep_ in {"poss", "nmod:poss"}:
        return _governor_subject(cue, parts) or spk
    return spk


def _governor_subject(cue: Token, parts: list[tuple[int, int]]) -> Token | None:
    """"Vera Lind expressed concern that ...", "in the hope of ...", "talked about ...": a cue word that is
    not a verb speaks for the subject of the verb it hangs from (at most three steps up), if that subject
    is outside the content."""
    t = cue
    for _ in range(3):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ not in {"VERB", "AUX"}:
            continue
        subj = subject_of(t)
        if subj is None or subj.dep_ in {"nsubjpass", "nsubj:pass", "expl"} or subj.is_punct \
                or subj.lower_ in {"there", "it", "this"} | _TIME_WORDS or subj.ent_type_ in {"DATE", "TIME"}:
            return None
        if subj.i == cue.i or subj.is_ancestor(cue) or any(a <= subj.idx < b for a, b in parts):
            return None  # "The hope of a recount faded": the cue's own phrase is the subject
        return subj
    return None


def _cut_at_other_statements(doc: Doc, parts: list[tuple[int, int]], cue: Token) -> list[tuple[int, int]]:
    """"... does not care, and one in four said the party was hostile": the content of the first
    statement stops at the joint before the next speaker's own "said"."""
    if len(parts) != 1:
        return parts
    a, b = parts[0]
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return parts
    for t in span:
        if t.i <= cue.i or t.tag_ not in _FINITE or not verb_lemma(t):
            continue
        subj = subject_of(t)
        if subj is None or subj.i < span.start or subj.i > t.i:
            continue
        left = subj.left_edge.i
        joint = left - 1
        if joint > span.start and doc[joint].lower_ in _JOINTS:
            k = joint
            while k > span.start and doc[k - 1].lower_ in _JOINTS:
                k -= 1
            if k - 1 >= span.start:
                return [(a, doc[k - 1].idx + len(doc[k - 1].text))]
    if SECOND_CUE_CUT:
        return _cut_at_second_cue(doc, span, parts, cue)
    return parts


#: with the scorer, "in <poll>" proposes the poll as its sentence's source (QuoteFinder._poll_quote)
POLL_IN = True
_POLL_NOUNS = {"poll", "polls", "polling", "survey", "surveys"}
#: a content stops before the speaker's next verb of saying (_cut_at_second_cue)
SECOND_CUE_CUT = True


def _cut_at_second_cue(doc: Doc, span: Span, parts: list[tuple[int, int]],
                       cue: Token) -> list[tuple[int, int]]:
    """"Khalif said the rhetoric was patronizing, noting her comments ..." / "Bartels noted that troop
    strength lags the target and asked whether ...": a participle of saying set off by a comma, or a verb
    of saying coordinated with the cue itself, is the same speaker's next statement (PolNeAR gives it an
    attribution of its own), though a small parser hangs it inside the first one's clause."""
    for t in span:
        if t.i <= cue.i + 1 or not verb_lemma(t):
            continue
        prev = doc[t.i - 1]
        if t.tag_ == "VBG" and prev.lower_ in {",", "and", "but"}:
            joint = t.i - 1
        elif t.dep_ == "conj" and t.head.i == cue.i and prev.lower_ in {"and", "but"}:
            joint = t.i - 1
            if joint - 1 > span.start and doc[joint - 1].text == ",":
                joint -= 1
        else:
            continue
        end = joint - 1
        while end > span.start and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        if end - span.start >= 1:
            return [(parts[0][0], doc[end].idx + len(doc[end].text))]
    return parts


def _opening_participle(cue: Token, sent) -> bool:
    """"Asked whether the port had been ready, Vlasko was blunt": a participle with no subject opening its
    sentence frames a clause of its own; what follows the clause is the main clause, not more of it."""
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    return first is not None and first.i == cue.i and cue.tag_ in {"VBN", "VBG", "VBD"} \
        and subject_of(cue) is None and cue.lower_.endswith(("ed", "ing"))


# "Asked whether ..., Vlasko said ...": the question is the unnamed reporter's, put to the speaker of the
# main clause; it is nobody's statement, and what the speaker said is the main clause's own reading
PUT_QUESTION = True
_QUESTION_VERBS = {"ask", "question", "press", "quiz", "challenge"}


_QUESTION_LEAD = {"when", "once", "if", "after", "later"}


def _put_question(doc: Doc, q: _Q) -> bool:
    """A reading cued by a question put to the main clause's speaker (:func:`put_question_cue`)."""
    return q.cue_token is not None and q.cue_lemma in _QUESTION_VERBS and put_question_cue(doc[q.cue_token])


def put_question_cue(cue: Token) -> bool:
    """A participle of asking that opens its sentence ("Asked whether ...", "When pressed on ...") with no
    subject of its own: the parse may still hang it from the main verb, whose subject is the one asked,
    not the one asking."""
    if (verb_lemma(cue) or (cue.lemma_ or cue.lower_).lower()) not in _QUESTION_VERBS:
        return False
    if cue.tag_ not in {"VBN", "VBD"} or not cue.lower_.endswith("ed") or any(
            c.dep_ in SUBJ and c.dep_ not in {"nsubjpass", "nsubj:pass"} for c in cue.children):
        return False
    lead = [t for t in cue.doc[sent_of(cue).start:cue.i] if not (t.is_punct or t.is_space)]
    return all(t.lower_ in _QUESTION_LEAD for t in lead) and len(lead) <= 1


# "Footage released by the authority showed ...": a video or photo shows, it does not say; the statement
# is whoever released or posted it, when the text names them, and otherwise the outlet's own description
MEDIA_SPEAKER = True
#: nouns for things that show (lower case) -> the medium recorded on the statement
SHOWING_NOUNS = {
    "footage": "video", "video": "video", "videos": "video", "clip": "video", "clips": "video",
    "film": "video", "livestream": "video", "recording": "recording", "recordings": "recording",
    "photo": "photo", "photos": "photo", "photograph": "photo", "photographs": "photo", "image": "photo",
    "images": "photo", "picture": "photo", "pictures": "photo", "screenshot": "photo", "screenshots": "photo",
}
_RELEASE_VERBS = {"release", "post", "publish", "share", "issue", "provide", "obtain", "broadcast", "air",
                  "upload", "distribute", "circulate", "tweet"}


def _media_speaker(doc: Doc, q: _Q) -> bool:
    """Give a reading whose speaker is a video or photo its releaser ("released by X", "X's footage") as
    speaker, with the medium; False (drop the reading) when the text names nobody who released it."""
    if q.speaker_token is None:
        return True
    noun = doc[q.speaker_token]
    medium = SHOWING_NOUNS.get(noun.lower_)
    if medium is None:
        return True
    poster = media_poster(noun)
    if poster is None:
        return False
    _set_speaker(q, poster, q.speaker_from or "cue")
    q.medium = q.medium or medium
    return True


def media_poster(noun: Token) -> Token | None:
    """Who released or posted a video or photo, as the noun's phrase names them: its owner ("the Gazette's
    footage") or the agent of a participle of releasing ("footage released by the authority")."""
    poster = next((c for c in noun.children if c.dep_ in {"poss", "nmod:poss"} and is_personish(c)), None)
    if poster is not None:
        return poster
    for t in noun.subtree:
        if t.i != noun.i and t.pos_ in {"VERB", "ADJ"} and (t.lemma_ or t.lower_).lower() in _RELEASE_VERBS:
            agent = _agent_of(t)
            if agent is not None and is_personish(agent):
                return agent
    return None


def _to_sentence_edge(cue: Token, start: Token, end: Token) -> tuple[Token, Token]:
    doc = cue.doc
    sent = sent_of(cue)
    if start.i > cue.i and _opening_participle(cue, sent):
        return start, end
    if start.i > cue.i:
        j = end.i
        while j + 1 < sent.end:
            nxt = doc[j + 1]
            if nxt.is_space or (nxt.text == "," and j + 2 < sent.end and verb_lemma(doc[j + 2])):
                break
            if BUT_PREDICATE and nxt.text == "," and _but_predicate(doc, j + 2, sent.end):
                break
            if verb_lemma(nxt) and doc[j].text == ",":
                break
            if verb_lemma(nxt) and nxt.tag_ in _FINITE:
                # "... and one in four said ...": another statement starts; stop at the joint before it
                joint = next((k for k in range(j, end.i, -1) if doc[k].lower_ in _JOINTS), None)
                j = (joint - 1) if joint is not None else end.i
                break
            j += 1
        while j > end.i and (doc[j].is_punct and doc[j].text not in "”\"’?!") or doc[j].is_space:
            j -= 1
        return start, doc[j]
    if end.i < cue.i:
        i = start.i
        while i - 1 >= sent.start and not doc[i - 1].is_space:
            i -= 1
        while i < start.i and (doc[i].is_punct and doc[i].text not in "“\"‘"):
            i += 1
        return doc[i], end
    return start, end


# a reading whose cue came out as a preposition ("complained | about X", the content tagger's pick) or as the
# noun of the frame ("said in a | statement | that X", a learned "statement that" frame) is cued by the verb
VERB_CUE = True
# a verb of saying: its "said that X" frame is right at least this often in the learned cue frames
_SAYING_PRECISION = 0.3


def _verb_as_cue(doc: Doc, q: _Q, readings: list[_Q], frames: dict[str, float]) -> None:
    """Move the cue of ``q`` from a preposition or a framing noun to the verb that governs it."""
    if q.cue_token is None or q.cue_lemma == "according to":
        return
    cue = doc[q.cue_token]
    _drop_framing_noun(doc, q, cue)
    verb = prep = None
    if cue.pos_ == "ADP" and cue.lower_ != "according":
        if cue.dep_ == "prep":
            verb = cue.head
        elif cue.dep_ == "case" and cue.head.dep_ in {"obl", "nmod", "pobj"}:
            verb = cue.head.head
        prep = cue
    elif cue.pos_ == "NOUN" and cue.dep_ in {"obl", "pobj"}:
        head = cue.head.head if cue.dep_ == "pobj" else cue.head
        # only a verb of saying frames the noun: "said in a statement", not "took part in a debate that"
        lemma = (head.lemma_ or head.lower_).lower()
        if head.pos_ == "VERB" and frames.get(f"{lemma}|VERB|ccomp", 0.0) >= _SAYING_PRECISION:
            verb = head
    if verb is None or verb.pos_ != "VERB" or any(a <= verb.idx < b for a, b in q.parts):
        return
    if any(o is not q and o.cue_token == verb.i for o in readings):
        return  # the verb cues a reading of its own
    end = prep if prep is not None and prep.i == verb.i + 1 else verb  # "complained about", not "told us about"
    q.cue, q.cue_token = (verb.idx, end.idx + len(end.text)), verb.i
    q.cue_lemma = (verb.lemma_ or verb.lower_).lower()


def _drop_framing_noun(doc: Doc, q: _Q, cue: Token) -> None:
    """"said in a | statement that X": a content that starts on the noun of the cue's own prepositional
    phrase, whose preposition is left out, starts at the clause the noun frames."""
    first = doc.char_span(q.parts[0][0], q.parts[0][1], alignment_mode="expand")
    if first is None or not len(first) or cue.pos_ != "VERB":
        return
    noun = first[0]
    if noun.pos_ != "NOUN" or noun.head.i != cue.i or noun.dep_ not in {"obl", "pobj"}:
        return
    if not any(c.dep_ == "case" and c.i < noun.i for c in noun.children):
        return
    clause = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i), None)
    # only a clause of what was said: "calling on | countries to act" keeps the addressee
    if clause is None or clause.left_edge.i != noun.i + 1 or clause.left_edge.idx >= q.parts[0][1] \
            or clause.left_edge.lower_ not in {"that", "whether"}:
        return
    q.parts = [(clause.left_edge.idx, q.parts[0][1])] + q.parts[1:]


NESTED_QUOTE_SPEAKER = True
APPOS_HEAD = True


def _take_appos_head(doc: Doc, q: _Q) -> None:
    """"The two citizens, a retired couple from Lerberg, were travelling ..., a spokesman said": a content
    that starts on an apposition has lost the noun it describes, the subject of what was said; it starts
    at that noun. The parse gives the apposition as such, or as a second subject of the same verb. Only
    when the noun is in the same sentence, right before the content and a comma, with the cue elsewhere."""
    if q.cue_token is None or len(q.parts) != 1:
        return
    a, b = q.parts[0]
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span) or span.start == 0 or doc[span.start - 1].text != ",":
        return
    root = span[0]
    while root.dep_ not in SUBJ | APPOS_DEPS and span.start <= root.head.i < span.end and root.head.i != root.i \
            and root.head.i - span.start < 6:
        root = root.head
    if root.dep_ in APPOS_DEPS and root.head.i < span.start:
        noun = root.head
    elif root.dep_ in SUBJ:
        noun = next((c for c in reversed(list(root.head.children)) if c.dep_ in SUBJ and c.i < span.start), None)
        if noun is None:
            return
    else:
        return
    start = noun.left_edge
    if start.i < sent_of(noun).start or span.start - start.i > 12 or start.i <= q.cue_token < span.start \
            or noun.right_edge.i not in {span.start - 2, span.start - 1}:
        return
    if any(t.is_space or t.text in _SENT_END or t.is_quote for t in doc[start.i:span.start]):
        return
    lo, hi = start.idx, span.start_char
    if q.cue_lemma == "according to" or q.cue is not None and lo <= q.cue[0] < hi \
            or q.speaker is not None and q.speaker[0] < hi and lo < q.speaker[1]:
        return  # "According to the Agency (CPA), 14 people ...": the noun before is the source's phrase
    q.parts = [(start.idx, b)]


def _speak_for_reading(doc: Doc, direct: list[_Q], indirect: list[_Q]) -> None:
    """Whose words a direct quote inside someone's reported speech is: "Achterberg said the company had
    offered talks and described the strike as 'deeply disappointing'".

    A quote inside a reading of speaker S (its content, not its cue) belongs to S when it has no cue of its
    own, or when its cue lies inside S's content, under S's cue in the parse, with no subject of its own: the subject the parse lends
    such a verb through a coordination or a control verb ("the company had offered ... and described") is
    one reading of an ambiguous attachment, and the quoted words are what the reporter heard from S. A quote
    whose cue has its own subject ("Achterberg said the union told members 'we will walk out'") keeps its
    own speaker. The quote stays a quote of its own; listing it once under S is the brief's business."""
    for q in direct:
        outer = [o for o in indirect if o.speaker is not None and o.cue is not None and o.start <= q.start
                 and q.end <= o.end and not (q.start <= o.cue[0] < q.end)]
        if not outer:
            continue
        o = min(outer, key=lambda x: x.end - x.start)  # the reading the quote is closest to
        if q.speaker_token is not None and q.speaker_token == o.speaker_token:
            continue
        if q.cue_token is not None:
            cue = doc[q.cue_token]
            if not any(a <= cue.idx < b for a, b in o.parts) or o.cue_token is None \
                    or not doc[o.cue_token].is_ancestor(cue):
                continue  # the quote's cue frames it from outside S's words, or is not in S's clause
            if any(c.dep_ in SUBJ for c in cue.children):
                continue
            lent = subject_of(cue)
            if lent is not None and not any(a <= lent.idx < b for a, b in o.parts):
                continue  # the subject it shares stands outside S's words: a statement at S's level or above
        q.speaker, q.speaker_token, q.speaker_from = o.speaker, o.speaker_token, o.speaker_from


BUT_PREDICATE = True


def _but_predicate(doc: Doc, i: int, end: int) -> bool:
    """", but still did nothing" after reported speech: "but" and a finite verb with no subject of its own
    is a second predicate of the speaker's clause ("was warned that he was a threat, but still did
    nothing"), not more of what was said."""
    if i >= end or doc[i].lower_ != "but":
        return False
    k = i + 1
    while k < end and doc[k].pos_ in {"ADV", "PART"}:
        k += 1
    return k < end and doc[k].tag_ in _FINITE and not any(c.dep_ in SUBJ for c in doc[k].children)


def _noun_cue_quote(tok: Token, parts: list[tuple[int, int]], direct_share) -> _Q | None:
    """The reading of a noun or adjective cue ("her criticism of ...") over ``parts``, with the source the
    cue's frame, its relative clause or its possessor gives; None for a content under 3 characters or
    mostly inside quote marks."""
    if not parts or sum(b - a for a, b in parts) < 3 or direct_share(parts[0][0], parts[-1][1]) >= 0.5:
        return None
    q = _Q("indirect", parts)
    q.cue, q.cue_token = (tok.idx, tok.idx + len(tok.text)), tok.i
    q.cue_lemma = (tok.lemma_ or tok.lower_).lower()
    spk = _relative_subject(tok, _noun_cue_source(tok, parts, _frame_source(tok)))
    if spk is not None:
        _set_speaker(q, spk, "cue")
    return q


SPEAKER_OUTSIDE = True


def _speaker_in_content(q: _Q) -> bool:
    """A reading whose speaker is named inside its own content ("Footage of the fire, released by Skerra
    Line, shows ..." read as Skerra Line saying "Footage of the fire, released by Skerra Line"): no one
    says the words that name them as the one saying them, so the reading is a misparse (nlpqa3)."""
    return q.speaker is not None and any(s <= q.speaker[0] and q.speaker[1] <= e for s, e in q.parts)


def _drop_nested(quotes: list[_Q], direct: list[_Q]) -> list[_Q]:
    """PolNeAR-style univocal attributions: a cue inside another statement's content ("he said he
    hoped that...") is part of that statement, not a separate one."""
    out = []
    for q in quotes:
        if q.cue is None:
            out.append(q)
            continue
        c = q.cue[0]
        nested = any(o is not q and any(s <= c < e for s, e in o.parts) and not
                     (o.cue is not None and any(s <= o.cue[0] < e for s, e in q.parts)) for o in quotes + direct)
        if not nested:
            out.append(q)
    return out


def _drop_inverted(quotes: list[_Q]) -> list[_Q]:
    """Two readings of one sentence ("X found Y, the spokesman said"): each content holds the other's
    cue. The later cue is the parenthetical one that frames the sentence; keep that reading."""
    def holds(a: _Q, b: _Q) -> bool:
        return b.cue is not None and any(s <= b.cue[0] < e for s, e in a.parts)

    drop = set()
    for i, a in enumerate(quotes):
        for j, b in enumerate(quotes):
            if i != j and holds(a, b) and holds(b, a) and a.cue and b.cue and a.cue[0] < b.cue[0]:
                drop.add(i)
    return [q for i, q in enumerate(quotes) if i not in drop]


_EXTEND_DEPS = {"obl", "prep", "advcl", "nmod"}  # as cue_lexicon.content_tokens extends a frame's content
_JOINTS = {",", "and", "but", "while", "whereas", ";", "or", "although", "though"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_BARE_CLAUSE_CUES = {"say", "tell", "add", "warn", "claim", "insist", "argue", "write", "explain", "note",
                     "announce", "state", "report", "reply", "predict", "promise", "believe", "think",
                     "suggest", "acknowledge", "admit", "assert", "contend", "maintain", "stress"}


def _clause_after(cue: Token, lemma: str) -> list[tuple[int, int]]:
    """When the parse gives a verb of saying no complement ("told the Courier the talks had failed"
    parsed with a relative clause), the rest of its sentence, if that is a clause of its own."""
    if subject_of(cue) is None or lemma not in _BARE_CLAUSE_CUES:
        return []
    doc = cue.doc
    sent = sent_of(cue)
    i = cue.i + 1
    if lemma == "tell":
        hearer = next((c for c in cue.children if c.dep_ in OBJ | IOBJ and c.i > cue.i), None)
        if hearer is None:
            return []
        i = np_span(hearer).end
    while i < sent.end and (doc[i].pos_ == "ADV" or doc[i].is_punct and doc[i].text not in "“\"'‘"):
        i += 1
    rest = [t for t in doc[i:sent.end] if not t.is_space]
    finite = next((t for t in rest[:12] if t.tag_ in _FINITE), None)
    if len(rest) < 3 or finite is None or any(t.text == "," for t in rest if t.i < finite.i):
        return []
    if rest[0].pos_ not in {"DET", "PRON", "PROPN", "NOUN", "SCONJ", "NUM", "ADJ"} and rest[0].lower_ != "that":
        return []
    return [(rest[0].idx, rest[-1].idx + len(rest[-1].text))]


def _around_parenthetical(cue: Token) -> list[tuple[int, int]]:
    """"<clause>, a spokeswoman said on Saturday." / "<clause>, said Smith." / "The tag, he said, was
    popular.": the clause around a parenthetical cue, found from the commas rather than the parse
    (small parsers attach these cues in many ways)."""
    doc = cue.doc
    sent = sent_of(cue)
    # the comma that opens the parenthetical: before the speaker, with no verb in between
    j = cue.i - 1
    while j >= sent.start and doc[j].text != "," and cue.i - j <= 14:
        if doc[j].pos_ == "VERB" or doc[j].text in {".", ":", ";", "“", "”", '"'}:
            return []
        j -= 1
    if j < sent.start or doc[j].text != ",":
        return []
    # an apposition "X, a spokeswoman, said": the comma before X opens it
    k = j - 1
    if cue.i - j > 1:
        while k >= sent.start and doc[k].text != "," and j - k <= 10:
            if doc[k].pos_ == "VERB":
                break
            k -= 1
        if k >= sent.start and doc[k].text == "," and doc[k].i > sent.start and all(
                t.pos_ in {"PROPN", "NOUN", "DET", "ADJ", "ADP", "PUNCT", "CCONJ", "NUM", "PRON", "PART"}
                for t in doc[k + 1:j]):
            j = k
    before = [t for t in doc[sent.start:j] if not t.is_space]
    while before and before[0].is_punct and before[0].text not in "“\"‘":
        before.pop(0)
    if len(before) < 2:
        return []
    parts = [(before[0].idx, before[-1].idx + len(before[-1].text))]
    # "The tag, he said, was popular": the clause goes on after the cue
    after: list[Token] = []
    m = cue.i + 1
    while m < sent.end and doc[m].text != "," and m - cue.i <= 6:
        if doc[m].pos_ in {"VERB", "AUX"} or doc[m].text in {".", ";", ":"}:
            m = sent.end
            break
        m += 1
    if m < sent.end and doc[m].text == ",":
        after = [t for t in doc[m + 1:sent.end] if not t.is_space]
        while after and after[-1].is_punct and after[-1].text not in "”\"’?!":
            after.pop()
        if len(after) >= 2 and not verb_lemma(after[0]) and after[0].tag_ != "VBG":
            parts.append((after[0].idx, after[-1].idx + len(after[-1].text)))
        else:
            after = []
    if not any(t.pos_ in {"VERB", "AUX"} for t in before + after) or (not after and len(before) < 3):
        return []
    return parts


def _according_source(according: Token) -> Token | None:
    doc = according.doc
    to = doc[according.i + 1]
    # ClearNLP: according -prep-> to -pobj-> X ; UD: X -case-> according (+ fixed "to"), or X -obl->
    kids = sorted((c for c in list(to.children) + list(according.children)
                   if c.dep_ in {"pobj", "obj", "nmod", "obl"} and c.i > to.i), key=lambda t: t.i)
    if kids:
        return kids[0]
    # a nominal head only: a parse that hung "according" on the clause's verb ("According to the X
    # Agency (XA), 14 people were lifted ...") names no source there; the words after "to" do
    if according.dep_ == "case" and according.head.i > to.i and according.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return according.head
    j = to.i + 1
    while j < len(doc) and doc[j].pos_ in {"DET", "ADJ"}:
        j += 1
    if j < len(doc) and doc[j].pos_ in {"PROPN", "NOUN", "PRON"}:
        k = j
        while k + 1 < len(doc) and doc[k + 1].pos_ in {"PROPN", "NOUN"}:
            k += 1
        run = set(range(j, k + 1))
        heads = [doc[x] for x in sorted(run) if doc[x].head.i not in run or doc[x].head.i == x]
        return heads[0] if heads else doc[k]
    return None


def according_phrase_end(according: Token, src: Token) -> int:
    """Index of the last token of "according to X (of Y)"."""
    # a clause the parse hung on the source as a list item or loose dependent ("According to Lina Marsh of
    # the Courier, cafés in the town stayed open" with "cafés" under "Lina") is what was said, not the source
    doc = src.doc
    # ... and so is an "apposition" that runs straight into the clause's verb, with no comma closing it
    # ("According to Oda Brin of the Gazette, cafés in the town stayed open" with "cafés" in apposition)
    cut = {t.i for c in src.children if c.i > src.i and (
        c.dep_ in {"list", "parataxis", "dep"} or c.dep_ in APPOS_DEPS and c.right_edge.i + 1 < len(doc)
        and doc[c.right_edge.i + 1].pos_ in {"VERB", "AUX"} and doc[c.right_edge.i + 1].tag_ not in {"VBN", "VBG"})
        for t in c.subtree}
    end = max(t.i for t in src.subtree if t.i not in cut)
    before = [t for t in according.subtree if t.i < according.i and not t.is_punct]
    if not before and according.dep_ not in {"ROOT", "case"}:
        end = max(end, according.right_edge.i)
    return end


def _clause_root(tokens: list[Token]) -> Token | None:
    idx = {t.i for t in tokens}
    for t in tokens:
        if (t.head.i not in idx or t.head is t) and t.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
            return t
    return None


def _runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as character ranges."""
    runs: list[tuple[int, int]] = []
    toks = sorted(tokens, key=lambda t: t.i)
    i = 0
    while i < len(toks):
        j = i
        while j + 1 < len(toks) and toks[j + 1].i == toks[j].i + 1:
            j += 1
        runs.append((toks[i].idx, toks[j].idx + len(toks[j].text)))
        i = j + 1
    return runs


def _trim_chars(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    # only the edges are read: no Token objects for the words in between (this runs for every proposal)
    i, j = span.start, span.end - 1
    while i <= j and (doc[i].is_space or (doc[i].is_punct and doc[i].text not in "“\"‘'(")):
        i += 1
    while j >= i and (doc[j].is_space or (doc[j].is_punct and doc[j].text not in "”\"’')?!")):
        j -= 1
    if i > j:
        return None
    first, last = doc[i], doc[j]
    return first.idx, last.idx + len(last.text)


@Language.factory(
    "storydesk_quotes",
    default_config={"min_words": 4, "window": 30, "indirect": True, "spans_key": "sd_quotes", "cues": "",
                    "cue_precision": 0.2, "min_learned_tokens": 2, "model": "", "model_threshold": -1.0,
                    "content_model": "", "cue_model": "", "roles_rescore": ""},
    requires=["token.dep", "token.pos", "token.head"],
    assigns=["doc.spans", "span._.sd_parts", "span._.sd_cue", "span._.sd_speaker", "span._.sd_medium",
             "span._.sd_via"],
)
def make_quotes(nlp: Language, name: str, min_words: int, window: int, indirect: bool,
                spans_key: str, cues: str, cue_precision: float, min_learned_tokens: int, model: str,
                model_threshold: float, content_model: str, cue_model: str = "",
                roles_rescore: str = "") -> QuoteFinder:
    """Direct and indirect quotes, their cues and speaker mentions."""
    return QuoteFinder(min_words=min_words, window=window, indirect=indirect, spans_key=spans_key, cues=cues,
                       cue_precision=cue_precision, min_learned_tokens=min_learned_tokens, model=model,
                       model_threshold=model_threshold, content_model=content_model, cue_model=cue_model,
                       roles_rescore=roles_rescore)


__all__ = ["QuoteFinder", "Region", "find_quote_regions", "make_quotes", "speaker_mention"]
