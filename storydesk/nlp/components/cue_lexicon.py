"""Attribution cue frames learned from data (``cues.json``, made by ``training/attribution_cues.py``).

A frame is ``lemma|POS|dep``: a word ("endorse", "claim", "call") with its coarse part of speech and the
dependency that carries the attributed content ("obj", "ccomp", "acl", "obl:for"...). The lexicon keeps
frames that headed a PolNeAR attribution often enough on the training articles; the quote finder uses
them next to its hand-written verbs of saying, which cover only about half of PolNeAR's cues.

This module also holds the trained attribution scorer (``attribution_model.json``): ``CueModel`` and the
features it reads, ``candidate_features``.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from ._common import ORG_WORDS, PERSON_NOUNS, THINK_VERBS, is_personish, sent_of, sigmoid, verb_lemma

LEXICON = Path(__file__).resolve().parent / "cues.json"

#: dependencies that can carry content, UD and ClearNLP
_CLAUSAL = {"ccomp": "ccomp", "xcomp": "xcomp", "obj": "obj", "dobj": "obj", "acl": "acl"}
_PREP = {"obl", "nmod", "prep"}
_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "ADJ": "ADJ"}
_MAX_CONTENT = 120  # tokens
#: later dependents of the cue that PolNeAR keeps in the content ("conceded his bid | for the nomination"
#: when the parser hangs the prepositional phrase on the verb)
_EXTEND = {"obl", "prep", "advcl", "nmod"}


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.lower_).lower()


def _case_of(child: Token) -> Token | None:
    if child.dep_ == "prep":
        return child
    return next((c for c in child.children if c.dep_ == "case" and c.i < child.i), None)


def frame_of(tok: Token, child: Token) -> str | None:
    """The frame key of ``child`` as the content of ``tok``, or None when it cannot be one."""
    pos = _POS.get(tok.pos_)
    if pos is None or child.i < tok.i:
        return None
    dep = child.dep_.split(":")[0] if child.dep_.startswith("acl") else child.dep_
    if dep == "acl" and child.dep_ not in {"acl"}:
        return None  # acl:relcl: a relative clause is a description, not content
    if dep in _CLAUSAL:
        return f"{_lemma(tok)}|{pos}|{_CLAUSAL[dep]}"
    if dep in _PREP:
        case = _case_of(child)
        if case is None:
            return None
        return f"{_lemma(tok)}|{pos}|prep:{case.lower_}"
    return None


def frames(doc: Doc) -> Iterator[tuple[Token, Token, str]]:
    """Every (cue candidate, content head, frame key) in the Doc."""
    for tok in doc:
        if tok.pos_ not in _POS:
            continue
        for child in tok.children:
            key = frame_of(tok, child)
            if key is not None:
                yield tok, child, key


def content_tokens(tok: Token, child: Token, extend: bool = True) -> list[Token]:
    """The content a frame carries: the child's subtree, without the preposition ("called for X" -> X),
    clipped to the cue's sentence and to a contiguous run after the cue; with ``extend``, also the
    cue's later prepositional and adverbial dependents."""
    sent = sent_of(tok)
    last = max([child.right_edge.i] + [c.right_edge.i for c in tok.children if extend and c.i > child.i
                                       and c.dep_ in _EXTEND])
    sub = [t for t in child.subtree if sent.start <= t.i < sent.end and t.i > tok.i]
    sub += [t for t in tok.doc[child.right_edge.i + 1:last + 1] if t.i < sent.end]
    if child.dep_ == "prep":
        sub = [t for t in sub if t.i != child.i]
    elif child.dep_ in _PREP:
        case = _case_of(child)
        sub = [t for t in sub if case is None or t.i != case.i]
    if not sub:
        return []
    run = [sub[0]]
    for t in sub[1:]:
        if t.i != run[-1].i + 1 or t.is_space and "\n" in t.text:
            break
        run.append(t)
    while run and (run[-1].is_punct and run[-1].text not in "”\"’?!" or run[-1].is_space):
        run.pop()
    while run and (run[0].is_punct and run[0].text not in "“\"‘" or run[0].is_space):
        run.pop(0)
    return run[:_MAX_CONTENT]


@lru_cache(maxsize=4)
def load_lexicon(path: str = str(LEXICON), min_precision: float = 0.0) -> dict[str, float]:
    """frame -> precision on the training articles (empty when the file is missing or unreadable)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {k: float(v["precision"]) for k, v in data.get("frames", {}).items()
                if float(v["precision"]) >= min_precision}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


# --- the trained attribution classifier (attribution_model.json, made by training/attribution_model.py) ---

MODEL = Path(__file__).resolve().parent / "attribution_model.json"


class CueModel:
    """A logistic regression over sparse candidate features, stored as plain JSON weights.

    The quote finder proposes indirect attributions from its rules and from every learned frame (with or
    without a source); this model scores each proposal. Plain weights rather than a pickled scikit-learn
    object: loading a pickle from a package file would run arbitrary code, and the dot product over a few
    dozen features is cheaper than the library call per candidate.
    """

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def score(self, feats: dict[str, float]) -> float:
        get = self.weights.get
        return sigmoid(self.bias + sum([get(k, 0.0) * v for k, v in feats.items()]))  # (a list is quicker to sum)


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL)) -> CueModel | None:
    """The trained candidate scorer, or None when the file is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return CueModel(weights, float(data["bias"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


# --- rescoring with the transformer role tagger (optional; attribution_roles_rescore.json) -------------

ROLES_RESCORE = Path(__file__).resolve().parent / "attribution_roles_rescore.json"
#: column order of ``Doc._.sd_role_probs`` (role_tagger.LABELS; role_readings reads these names too)
CUE_I, CUE_D, SRC, CON_I, CON_D, BEGIN, END = range(7)
ROLE_FEATURES = ("logit", "con_mean", "con_min", "con_share", "out_before", "out_after", "begin", "end",
                 "cue", "src", "no_src", "log_len", "role_run")


def role_features(probs, word_ids: list[int], cue_i: int | None, spk_i: int | None, score: float,
                  outside: tuple[list[int], list[int]], role_run: bool = False) -> list[float]:
    """Dense features of one proposal from the role tagger's per-word probabilities: how much the tagger
    sees content inside it and none just outside it, begin/end at its edges, a cue at its cue word and a
    source at its speaker, next to the finder scorer's own log-odds. ``outside``: up to two words right
    before and right after the proposal in its sentence. ``role_run``: the proposal is one of the tagger's own
    content runs (``QuoteFinder._role_proposals``), which the finder's scorer was never trained on."""
    import math

    def content(i: int) -> float:  # direct or indirect content, whichever the tagger favours
        return max(float(probs[i, CON_I]), float(probs[i, CON_D]))

    con = [content(i) for i in word_ids] or [0.0]
    before = [content(i) for i in outside[0]]
    after = [content(i) for i in outside[1]]
    s = min(max(score, 1e-4), 1 - 1e-4)
    return [math.log(s / (1 - s)), sum(con) / len(con), min(con), sum(c >= 0.5 for c in con) / len(con),
            max(before, default=0.0), max(after, default=0.0),
            float(probs[word_ids[0], BEGIN]) if word_ids else 0.0,
            float(probs[word_ids[-1], END]) if word_ids else 0.0,
            max(float(probs[cue_i, CUE_I]), float(probs[cue_i, CUE_D])) if cue_i is not None else 0.0,
            float(probs[spk_i, SRC]) if spk_i is not None else 0.0,
            1.0 if spk_i is None else 0.0, math.log(1 + len(word_ids)), 1.0 if role_run else 0.0]


class RoleRescorer:
    """Gradient-boosted trees over :func:`role_features`: the finder's score of a proposal, revised with the
    role tagger's view of it (``attribution_roles_rescore.json``, fitted with scikit-learn's
    HistGradientBoostingClassifier and exported as plain node lists). Plain JSON rather than a pickle, as
    for :class:`CueModel`; a dozen features and a few hundred small trees score in pure Python quickly."""

    def __init__(self, trees: list[dict[str, list]], base: float, threshold: float,
                 n_features: int = len(ROLE_FEATURES)) -> None:
        # per tree: (feature index or -1 for a leaf, threshold, left, right, leaf value) per node
        self.trees = [list(zip(t["f"], t["t"], t["l"], t["r"], t["v"])) for t in trees]
        n = n_features
        for nodes in self.trees:
            for f, _t, left, right, _v in nodes:
                if f >= n or (f >= 0 and not (0 <= left < len(nodes) and 0 <= right < len(nodes))):
                    raise ValueError("malformed rescorer tree")
        self.base = base
        self.threshold = threshold

    def score(self, feats: list[float]) -> float:
        z = self.base
        for nodes in self.trees:
            node, steps = nodes[0], 0
            while node[0] >= 0 and steps < 64:  # bounded: a malformed file cannot loop forever
                node = nodes[node[2]] if feats[node[0]] <= node[1] else nodes[node[3]]
                steps += 1
            z += node[4]
        return sigmoid(max(-30.0, min(30.0, z)))


@lru_cache(maxsize=4)
def load_rescorer(path: str = str(ROLES_RESCORE), features: tuple[str, ...] = ROLE_FEATURES) -> RoleRescorer | None:
    """The role-tagger rescorer (or another tree model over ``features``), or None when the file is missing or
    unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if list(data["features"]) != list(features):
            return None
        trees = [{k: list(t[k]) for k in ("f", "t", "l", "r", "v")} for t in data["trees"]]
        return RoleRescorer(trees, float(data["base"]), float(data["threshold"]), len(features))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


_NEG = {"not", "n't", "never", "no"}
_PASSIVE = {"nsubjpass", "nsubj:pass", "auxpass", "aux:pass"}
_INANIMATE_HINT = {"video", "report", "poll", "survey", "study", "data", "document", "documents", "memo",
                   "letter", "statement", "bill", "law", "plan", "ad", "ads", "analysis", "record", "records",
                   "email", "emails", "book", "article", "story", "website", "page", "campaign"}


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_MARKS = {'"', "“", "”"}
_FIRST_WORDS = {"that", "to", "the", "a", "he", "she", "it", "they", "whether", "if"}


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _speaker_kind(spk: Token | None) -> str:
    if spk is None:
        return "none"
    low = spk.lower_
    if spk.pos_ == "PRON":
        if low in {"he", "she", "i", "we", "they", "you"}:
            return "pron_person"
        if low in {"who", "which", "that"} and spk.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}:
            return "pron_rel"
        return "pron_other"
    if spk.ent_type_:
        return f"ent_{spk.ent_type_}"
    if spk.pos_ == "PROPN":
        return "propn"
    if low in PERSON_NOUNS:
        return "person_noun"
    if low in ORG_WORDS:
        return "org_word"
    if low in _INANIMATE_HINT:
        return "document"
    return f"noun_{spk.pos_}"


def _cue_facts(cue: Token, cache: dict | None = None) -> tuple:
    """What :func:`candidate_features` reads of the cue word and its sentence alone (the same for every
    reading of the word); ``cache``: see candidate_features."""
    doc = cue.doc
    sent = sent_of(cue)
    if cache is not None:
        marks = cache.get("marks")  # the words that are quote marks, in order
        if marks is None:
            marks = cache["marks"] = [t.i for t in doc if t.text in _MARKS]
        k = bisect_left(marks, sent.start)
        sent_quote = k < len(marks) and marks[k] < sent.end
    else:
        sent_quote = any(t.text in _MARKS for t in sent)
    return (_lemma(cue), _POS.get(cue.pos_, cue.pos_), cue.tag_, cue.dep_,
            cue.head.pos_ if cue.head is not cue else "ROOT", sorted({c.dep_ for c in cue.children}),
            any(c.lower_ in _NEG for c in cue.children), any(c.dep_ in _PASSIVE for c in cue.children),
            verb_lemma(cue), _bucket(cue.i - sent.start, (0, 2, 5, 10, 20)), _bucket(len(sent), (6, 12, 25, 40)),
            sent.start == 0 or "\n" in doc[max(0, sent.start - 1)].text, sent.start < 3, sent_quote)


#: content-end features in candidate_features (held-out PolNeAR train: see training/attribution_heldout.py)
END_FEATURES = True


def candidate_features(cue: Token, parts: list[tuple[int, int]], spk: Token | None, origin: str,
                       frame: str | None, prior: float, quote_share: float,
                       cache: dict | None = None) -> dict[str, float]:
    """Features of one proposed attribution (cue token, content pieces, source token, how it was found).
    ``cache``: a dict the caller keeps for one Doc, where the facts of each cue word are kept for its
    other readings (a cue word has several; reading its sentence for each was a tenth of the quote
    finder's time)."""
    doc = cue.doc
    facts = cache.get(("cue", cue.i)) if cache is not None else None
    if facts is None:
        facts = _cue_facts(cue, cache)
        if cache is not None:
            cache[("cue", cue.i)] = facts
    (lemma, pos, cue_tag, cue_dep, head_pos, kid_deps, negated, passive, speech, sent_pos, sent_len, para_start,
     doc_start, sent_quote) = facts
    f: dict[str, float] = {}

    def on(name: str) -> None:
        f[name] = 1.0

    start, end = parts[0][0], parts[-1][1]
    span = doc.char_span(start, end, alignment_mode="expand")
    n_tok = len(span) if span is not None else 0
    where = "after" if start > cue.idx else ("before" if end <= cue.idx else "around")
    kind = _speaker_kind(spk)
    on(f"origin={origin}")
    on(f"lemma={lemma}")
    on(f"lemma_pos={lemma}|{pos}")
    on(f"lemma_origin={lemma}|{origin}")
    on(f"pos={pos}")
    on(f"tag={cue_tag}")
    on(f"dep={cue_dep}")
    on(f"head_pos={head_pos}")
    if frame is not None:
        on(f"frame={frame}")
        on(f"frame_dep={frame.rsplit('|', 1)[-1]}")
    f["prior"] = prior
    on(f"prior_b={_bucket(int(prior * 10), (0, 1, 2, 3, 4, 5, 7))}")
    on(f"spk={kind}")
    on(f"spk_origin={kind}|{origin}")
    on(f"spk_pos={kind}|{pos}")
    if spk is not None:
        on(f"spk_dep={spk.dep_}")
        on(f"spk_side={'before' if spk.i < cue.i else 'after'}")
        if spk.lower_ in _INANIMATE_HINT or spk.pos_ == "NOUN":
            on(f"spk_lemma={(spk.lemma_ or spk.lower_).lower()}")
    on(f"where={where}")
    on(f"where_origin={where}|{origin}")
    on(f"len={_bucket(n_tok, (2, 4, 7, 12, 20, 35, 60))}")
    on(f"len_origin={_bucket(n_tok, (3, 8, 20))}|{origin}")
    on(f"parts={min(len(parts), 3)}")
    for d in kid_deps:
        on(f"kid={d}")
    if negated:
        on("negated")
    if passive:
        on("passive")
        on(f"passive_spk={kind}")
    on(f"speech={'think' if speech in THINK_VERBS else bool(speech)}")
    if spk is not None:
        on(f"spk_person={is_personish(spk)}")
        on(f"spk_person_origin={is_personish(spk)}|{origin}")
    if span is not None and len(span):
        root = span.root
        on(f"c_root={root.pos_}")
        if root.pos_ == "PRON" and len(span) <= 2:
            on(f"c_pron={root.lower_}")
        speech_in = finite = mark = False
        for t in span[:_MAX_CONTENT]:  # one pass: this runs for every proposal
            tag = t.tag_
            if tag in _FINITE_TAGS:
                finite = True
            if not speech_in and tag.startswith("VB") and verb_lemma(t):
                speech_in = True
            if t.text in _MARKS:
                mark = True
        on(f"c_speech={speech_in}")
        first = span[0]
        on(f"c_first={first.lower_ if first.lower_ in _FIRST_WORDS else first.pos_}")
        on(f"c_finite={finite}")
        if mark:
            on("c_quote_mark")
        if END_FEATURES:
            # where the content stops: at the sentence's end, before a comma, or in the middle of a phrase
            # ("his endorsement | this week on his radio call"): what picks among the extents of one cue
            last = span[-1]
            nxt = doc[span.end] if span.end < len(doc) else None
            on(f"c_last={last.pos_}")
            on(f"c_next={'none' if nxt is None else (nxt.text if nxt.is_punct else nxt.pos_)}")
        if END_FEATURES:
            # "..., injuring 11 people, Kestle Police said.": a cue that closes its sentence frames all of it
            j = cue.i + 1
            while j < len(doc) and (doc[j].is_punct or doc[j].is_space) and doc[j].text not in _MARKS \
                    and "\n" not in doc[j].text and j - cue.i < 4:
                j += 1
            closes = j >= len(doc) or doc[j].is_sent_start or "\n" in doc[j].text
            on(f"cue_closes={closes}|{origin}")
    on(f"qshare={_bucket(int(quote_share * 10), (0, 2, 4))}")
    on(f"sent_pos={sent_pos}")
    on(f"sent_len={sent_len}")
    if para_start:
        on("para_start")
    if doc_start:
        on("doc_start")
    if sent_quote:
        on("sent_quote")
    return f


# --- the learned cue-word detector (cue_model.json, made by training/attribution_cues.py --detector) ---

CUE_MODEL = Path(__file__).resolve().parent / "cue_model.json"
#: the parts of speech a cue word can have (PolNeAR cue heads: verbs, nouns, adjectives, a few others)
CUE_POS = {"VERB", "AUX", "NOUN", "ADJ", "PROPN"}
_CUE_KIDS = {"ccomp", "xcomp", "obj", "dobj", "obl", "nmod", "acl", "advcl", "nsubj", "nsubj:pass", "nsubjpass",
             "csubj", "iobj", "parataxis", "mark", "aux", "aux:pass", "auxpass", "cop", "advmod", "conj"}
SUBJ_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}


def cue_word_features(tok: Token) -> list[str]:
    """Features of a word as the head of an attribution cue, from the word and its place in the parse:
    lemma and part of speech, its dependency and its head's, the shape of its dependents (a "that"
    clause, an infinitive, an object, a subject and what kind of subject), so that a word outside the
    learned lists ("alleged" parsed as an adjective with a clause) can still be recognised."""
    lemma = _lemma(tok)
    pos = {"AUX": "VERB", "PROPN": "NOUN"}.get(tok.pos_, tok.pos_)
    dep = tok.dep_
    head = tok.head
    f = [f"l={lemma}|{pos}", f"p={pos}|{dep}", f"t={tok.tag_}", f"h={pos}|{dep}|{head.pos_}",
         f"s={lemma[-3:]}|{pos}"]
    kids = set()
    subj = None
    for c in tok.children:
        d = c.dep_
        if d not in _CUE_KIDS:
            continue
        if d in {"obl", "nmod", "acl", "advcl"}:
            case = next((x.lower_ for x in c.children if x.dep_ in {"case", "mark"} and x.i < c.i), "")
            d = f"{d}:{case}" if case else d
        elif d == "ccomp":
            mark = next((x.lower_ for x in c.children if x.dep_ == "mark"), "")
            d = f"ccomp:{mark}" if mark else d
        elif d in SUBJ_DEPS and subj is None:
            subj = c
        kids.add(d)
    for d in kids:
        f.append(f"k={pos}|{d}")
        f.append(f"lk={lemma}|{d}")
    if subj is not None:
        f.append(f"subj={_speaker_kind(subj)}|{pos}")
        f.append(f"lsubj={lemma}|{is_personish(subj)}")
    else:
        f.append(f"subj=none|{pos}")
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        f.append(f"prev={prev.lower_ if prev.is_punct or prev.pos_ in {'ADP', 'DET', 'PRON', 'AUX', 'PART'} else prev.pos_}|{pos}")
    speech = verb_lemma(tok)
    if speech:
        f.append(f"speech={'think' if speech in THINK_VERBS else 'say'}")
    return f


class CueDetector:
    """A logistic model over :func:`cue_word_features`: how likely a word heads an attribution cue."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold  # the probability a word needs to get the content tagger's readings

    def prob(self, tok: Token) -> float:
        w = self.weights
        return sigmoid(self.bias + sum(w.get(name, 0.0) for name in cue_word_features(tok)))


@lru_cache(maxsize=4)
def load_cue_detector(path: str = str(CUE_MODEL)) -> CueDetector | None:
    """The packaged cue detector, or None when the file is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return CueDetector({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                           float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
