"""Learned content tagger for indirect attributions: given a cue word, which words of its sentence are
what the source said.

The hand-written readings and the learned frames (``quotes.py``) cut the content along one dependency
subtree; PolNeAR's extents often differ (content before the cue, trailing phrases kept or left out,
multi-word cues whose head sits far from the content). The tagger scores every word of the cue's
sentence with a logistic model over features *relative to the cue* (the dependency path from the cue,
side and distance, commas in between, quote marks, the word itself for function words), and the content
is the best-scoring contiguous run on each side of the cue (maximum sum of log-odds). Its readings are
proposals like the others: the attribution scorer (``attribution_model.json``) decides which to keep.

Weights are plain JSON (``content_model.json``, trained by ``training/attribution_content.py`` on
PolNeAR train): no pickle in the package, and a dict lookup per feature is cheaper than a library call
per word.
"""

from __future__ import annotations

import json
import sys
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from spacy.attrs import DEP, HEAD, IS_PUNCT, LOWER, ORTH, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Token

from ._common import sent_of, sigmoid

CONTENT_MODEL = Path(__file__).resolve().parent / "content_model.json"

_MAX_SENT = 120  # words; longer "sentences" (lists, tables) are clipped around the cue
_FUNCTION_WORDS = {
    "that", "to", "for", "on", "about", "in", "of", "with", "against", "at", "by", "from", "as", "if",
    "whether", "because", "but", "and", "or", "while", "when", "after", "before", "since", "than", "which",
    "who", "what", "how", "why", "not", "n't", "he", "she", "they", "it", "we", "i", "his", "her", "their",
    "said", "says", "say", "according", "told", "saying", "also", "the", "a", "an", "this",
}
_BREAKS = {",", ";", ":", "—", "–", "-", "--", "(", ")"}


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _cue_ancestors(ci_doc: int, head: list[int], dep: list[str]):
    """The cue's ancestors, each with the dependency labels of the path up to it (at most 12 steps)."""
    path: list[str] = []
    a = ci_doc
    while head[a] != a and len(path) < 12:
        path = path + [dep[a]]
        a = head[a]
        yield a, path


def _up_to(i: int, stop, head: list[int], dep: list[str]) -> tuple[int, list[str]]:
    """Walk up from word ``i`` to the first word in ``stop`` (the cue's ancestors), a root, or 15 steps:
    the word reached and the labels on the way, from the word up."""
    down: list[str] = []
    b = i
    steps = 0
    while b not in stop and head[b] != b and steps < 15:
        down.append(dep[b])
        b = head[b]
        steps += 1
    return b, down


def _breaks_before(ids: list[int], text: list[str]) -> list[int]:
    """Running count of clause-breaking punctuation before each of the window's words."""
    out = []
    n = 0
    for i in ids:
        out.append(n)
        if text[i] in _BREAKS:
            n += 1
    return out


def cue_key(tok: Token) -> str:
    """The key the cue lemmas are learned under: lemma and coarse part of speech."""
    pos = {"AUX": "VERB", "PROPN": "NOUN"}.get(tok.pos_, tok.pos_)
    return f"{(tok.lemma_ or tok.lower_).lower()}|{pos}"


def window(cue: Token, tokens: list[Token] | None = None) -> list[Token]:
    """The words the tagger labels: the cue's sentence, clipped around the cue. ``tokens``: ``list(doc)``
    when the caller keeps it for many cues (spaCy makes a new Token object on every access)."""
    sent = sent_of(cue)
    lo = max(sent.start, cue.i - _MAX_SENT // 2)
    hi = min(sent.end, lo + _MAX_SENT)
    return tokens[lo:hi] if tokens is not None else list(cue.doc[lo:hi])


def doc_arrays(doc) -> tuple[list, ...]:
    """Per-word attributes of a Doc as plain lists (lower form, POS, dependency, head index, punctuation,
    text): spaCy builds a new Token object on every access, and the tagger reads each word once per cue.
    Read through ``Doc.to_array``; the strings are interned, so that the tagger's memo (keyed by them)
    compares them by identity."""
    if not len(doc):
        return [], [], [], [], [], []
    cols = doc.to_array([LOWER, POS, DEP, HEAD, IS_PUNCT, ORTH]).astype("int64")
    strings = doc.vocab.strings

    def names(col) -> list[str]:
        # 64-bit string hashes, read back unsigned
        hashes = cols[:, col].astype("uint64").tolist()
        found = {h: sys.intern(strings[h]) for h in set(hashes)}
        return [found[h] for h in hashes]

    pos = [POS_NAMES[p] for p in cols[:, 1].tolist()]
    head = [i + rel for i, rel in enumerate(cols[:, 3].tolist())]  # HEAD is stored relative to the word
    punct = [bool(x) for x in cols[:, 4].tolist()]
    return names(0), pos, names(2), head, punct, names(5)


def token_features(cue: Token, toks: list[Token], quoted: set[int] | None = None,
                   arrays: tuple[list, ...] | None = None) -> list[list[str]]:
    """Feature names of every word in ``toks`` as content of ``cue`` (the cue itself gets []).
    ``arrays``: :func:`doc_arrays` of the cue's Doc, when the caller keeps them for many cues."""
    quoted = quoted or set()
    lower, pos, dep, head, punct, text = arrays if arrays is not None else doc_arrays(cue.doc)
    lemma, cpos = cue_key(cue).split("|")
    ci_doc = cue.i
    cue_dep = dep[ci_doc]
    # the cue's ancestors, with the path of dependency labels up to each
    up: dict[int, list[str]] = {ci_doc: []}
    up.update(_cue_ancestors(ci_doc, head, dep))
    ids = [t.i for t in toks]
    breaks_before = _breaks_before(ids, text)
    ci = next((k for k, i in enumerate(ids) if i == ci_doc), None)
    out: list[list[str]] = []
    last = len(ids) - 1
    for k, i in enumerate(ids):
        if i == ci_doc:
            out.append([])
            continue
        b, down = _up_to(i, up, head, dep)  # to the first of the cue's ancestors (or the cue)
        ups = up.get(b, ["*"])  # "*": another tree (the parser split the sentence)
        down.reverse()
        side = "R" if i > ci_doc else "L"
        dist = abs(i - ci_doc)
        d1 = down[0] if down else "="
        u = "/".join(ups[:2]) if ups else "^"
        nbr = abs(breaks_before[k] - breaks_before[ci]) if ci is not None else 0
        low = lower[i]
        is_p = punct[i]
        word = low if (low in _FUNCTION_WORDS or is_p) else pos[i]
        depth = _bucket(len(down), (0, 1, 2, 3, 5))
        f = [
            f"s={side}{_bucket(dist, (1, 2, 3, 5, 8, 12, 20, 35))}",
            f"p={u}|{'>'.join(down[:2])}",
            f"p3={u}|{'>'.join(down[:3])}|{side}",
            f"d1={d1}|{side}",
            f"d1l={lemma}|{u}|{d1}|{side}",
            f"d1c={cpos}|{u}|{d1}|{side}",
            f"dd={d1}|{depth}|{side}",
            f"cd={cue_dep}|{u}|{d1}|{side}",
            f"w={word}|{u}|{d1}|{side}",
            f"wd={word}|{dep[i]}|{side}",
            f"pos={pos[i]}|{dep[i]}",
            f"br={side}{min(nbr, 3)}|{u}|{d1}",
            f"brl={lemma}|{side}{min(nbr, 2)}",
            f"sl={lemma}|{side}{_bucket(dist, (1, 3, 8, 20))}",
        ]
        if dist == 1:
            f.append(f"adj={word}|{side}|{lemma}")
        if i in quoted:
            f.append(f"q={u}|{d1}|{side}")
        if is_p and (k == last or k == 0):
            f.append(f"edge={text[i]}")
        out.append(f)
    return out


class ContentTagger:
    """A logistic model over :func:`token_features` and the cue words it applies to."""

    def __init__(self, weights: dict[str, float], bias: float, cues: dict[str, float]) -> None:
        self.weights = weights
        self.bias = bias
        self.cues = cues  # cue key -> how often the word is a PolNeAR cue head in training
        # [entries, then one dict per group of features]: their weights, keyed by the parts the features'
        # names are made of (see _fast_logits)
        self._memo: list = [0] + [{} for _ in range(7)]

    def logits(self, cue: Token, toks: list[Token], quoted: set[int] | None = None,
               arrays: tuple[list, ...] | None = None) -> list[float]:
        """The log-odds of every word in ``toks`` as content of ``cue`` (-50 for the cue itself): the bias
        plus the weights of the word's :func:`token_features`, summed in their order. Computed without
        building the feature names (``_fast_logits``; the same floats, tests compare the two), which was
        a third of the quote finder's time; :meth:`logits_by_name` is the direct reading."""
        return _fast_logits(self, cue, toks, quoted, arrays)

    def logits_by_name(self, cue: Token, toks: list[Token], quoted: set[int] | None = None,
                       arrays: tuple[list, ...] | None = None) -> list[float]:
        """:meth:`logits` from the feature names of :func:`token_features` (the reference)."""
        get = self.weights.get
        b = self.bias
        return [(b + sum(get(name, 0.0) for name in f)) if f else -50.0
                for f in token_features(cue, toks, quoted, arrays)]

    def scan(self, cue: Token, quoted: set[int] | None = None, arrays: tuple[list, ...] | None = None,
             tokens: list[Token] | None = None) -> tuple[list[Token], list[float]]:
        """The words around the cue and their log-odds of being its content (``tokens``: see
        :func:`window`)."""
        toks = window(cue, tokens)
        return toks, self.logits(cue, toks, quoted, arrays)

    def readings(self, cue: Token, quoted: set[int] | None = None, min_tokens: int = 2,
                 scanned: tuple[list[Token], list[float]] | None = None) -> list[tuple[str, list[Token], float]]:
        """(where, content words, mean probability) for the best run after the cue, before it, and both
        together when each side has one."""
        toks, lg = scanned or self.scan(cue, quoted)
        ci = next(k for k, t in enumerate(toks) if t.i == cue.i)
        right = _best_run(lg, ci + 1, len(toks))
        left = _best_run(lg, 0, ci)
        out = []
        for where, run in (("R", right), ("L", left)):
            if run is not None:
                words = toks[run[0]:run[1]]
                if sum(not t.is_punct for t in words) >= min_tokens:
                    out.append((where, words, _mean_prob(lg[run[0]:run[1]])))
        if len(out) == 2:
            l_words, r_words = out[1][1], out[0][1]
            out.append(("LR", l_words + r_words, _mean_prob(lg[left[0]:left[1]] + lg[right[0]:right[1]])))
        return out


_MEMO_MAX = 100_000  # entries kept by ContentTagger._memo (~12 MB; 43k after 112 news articles); then dropped
#: a word's offset from the cue -> its side and distance as the "s=" and "sl=" names spell them
_OFF_SUFFIX: dict[int, tuple[str, str]] = {}


def _fast_logits(tagger: ContentTagger, cue: Token, toks: list[Token], quoted: set[int] | None,
                 arrays: tuple[list, ...] | None) -> list[float]:
    """:meth:`ContentTagger.logits` with fewer feature names built. Each name of :func:`token_features`
    is a function of a few parts (side and distance, the path to the cue, the word, the clause breaks in
    between); the names whose parts take few values are looked up once per distinct parts and their
    weights kept (``tagger._memo``, a dict per group of names), the four whose parts take many values
    (path and word: most of them seen once, and absent from the weights) are built and looked up as
    before. A word's weights are then summed in token_features' order, which gives the same floats. Keep
    in step with :func:`token_features` (tests/test_nlp_quotes_fast_scoring.py compares the two)."""
    quoted = quoted or set()
    lower, pos, dep, head, punct, text = arrays if arrays is not None else doc_arrays(cue.doc)
    memo = tagger._memo
    if memo[0] > _MEMO_MAX:
        memo[:] = [0] + [{} for _ in memo[1:]]
    get = tagger.weights.get
    bias = tagger.bias
    lemma, cpos = cue_key(cue).split("|")
    ci_doc = cue.i
    cue_dep = dep[ci_doc]
    m_s = memo[1].setdefault(lemma, {})  # offset suffixes -> (s, sl)
    m_d = memo[2]  # (d1, depth, side) -> (d1, dd)
    m_c = memo[3].setdefault((cpos, cue_dep), {})  # (u, d1, side) -> (d1c, cd, q)
    m_t = memo[4]  # (word, dep, pos, side) -> (wd, pos)
    m_b = memo[5]  # (side, breaks, u, d1) -> br
    m_bl = memo[6].setdefault(lemma, {})  # (side, breaks) -> brl
    m_p = memo[7]  # (u, first two labels) -> p
    local: dict[tuple, tuple[float, ...]] = {}
    n_new = 0
    # the cue's ancestors -> the "u" part of the names (the first two labels of the path up to them)
    up_u: dict[int, str] = {ci_doc: "^"}
    up_u.update((a, sys.intern("/".join(path[:2]))) for a, path in _cue_ancestors(ci_doc, head, dep))
    ids = [t.i for t in toks]
    breaks_before = _breaks_before(ids, text)
    ci = next((k for k, i in enumerate(ids) if i == ci_doc), None)
    b_cue = breaks_before[ci] if ci is not None else 0
    last = len(ids) - 1
    out: list[float] = []
    for k, i in enumerate(ids):
        if i == ci_doc:
            out.append(-50.0)
            continue
        b, down = _up_to(i, up_u, head, dep)  # labels from the word up (token_features reads them from the top)
        u = up_u.get(b, "*")  # "*": another tree
        nd = len(down)
        d1 = down[-1] if nd else "="
        off = i - ci_doc
        side = "R" if off > 0 else "L"
        sfx = _OFF_SUFFIX.get(off)
        if sfx is None:
            dist = abs(off)
            sfx = _OFF_SUFFIX[off] = (f"{side}{_bucket(dist, (1, 2, 3, 5, 8, 12, 20, 35))}",
                                      f"{side}{_bucket(dist, (1, 3, 8, 20))}")
        sd = m_s.get(sfx)
        if sd is None:
            sd = m_s[sfx] = (get(f"s={sfx[0]}", 0.0), get(f"sl={lemma}|{sfx[1]}", 0.0))
            n_new += 1
        key = (d1, min(6, nd), side)
        dg = m_d.get(key)
        if dg is None:
            dg = m_d[key] = (get(f"d1={d1}|{side}", 0.0), get(f"dd={d1}|{_bucket(nd, (0, 1, 2, 3, 5))}|{side}", 0.0))
            n_new += 1
        key = (u, d1, down[-2]) if nd > 1 else ((u, d1, None) if nd else (u, None, None))
        wp = m_p.get(key)
        if wp is None:
            wp = m_p[key] = get(f"p={u}|{'>'.join(down[:-3:-1])}", 0.0)
            n_new += 1
        key = (u, d1, side)
        cg = local.get(key)  # (d1l, d1c, cd, q): d1l has the cue's lemma, so it is kept for this cue only
        if cg is None:
            g = m_c.get(key)
            if g is None:
                g = m_c[key] = (get(f"d1c={cpos}|{u}|{d1}|{side}", 0.0), get(f"cd={cue_dep}|{u}|{d1}|{side}", 0.0),
                                get(f"q={u}|{d1}|{side}", 0.0))
                n_new += 1
            cg = local[key] = (get(f"d1l={lemma}|{u}|{d1}|{side}", 0.0), *g)
        low = lower[i]
        is_p = punct[i]
        word = low if (low in _FUNCTION_WORDS or is_p) else pos[i]
        dep_i = dep[i]
        key = (word, dep_i, pos[i], side)
        tw = m_t.get(key)
        if tw is None:
            tw = m_t[key] = (get(f"wd={word}|{dep_i}|{side}", 0.0), get(f"pos={pos[i]}|{dep_i}", 0.0))
            n_new += 1
        nbr = abs(breaks_before[k] - b_cue) if ci is not None else 0
        key = (side, min(3, nbr), u, d1)
        wbr = m_b.get(key)
        if wbr is None:
            wbr = m_b[key] = get(f"br={side}{min(nbr, 3)}|{u}|{d1}", 0.0)
            n_new += 1
        key = (side, min(2, nbr))
        wbl = m_bl.get(key)
        if wbl is None:
            wbl = m_bl[key] = get(f"brl={lemma}|{side}{min(nbr, 2)}", 0.0)
            n_new += 1
        # token_features' order: s p p3 d1 d1l d1c dd cd w wd pos br brl sl [adj] [q] [edge]
        ws = (sd[0], wp, get(f"p3={u}|{'>'.join(down[:-4:-1])}|{side}", 0.0), dg[0], cg[0], cg[1], dg[1], cg[2],
              get(f"w={word}|{u}|{d1}|{side}", 0.0), tw[0], tw[1], wbr, wbl, sd[1])
        adj = off == 1 or off == -1
        edge = is_p and (k == last or k == 0)
        if adj or edge or i in quoted:
            more = list(ws)
            if adj:
                more.append(get(f"adj={word}|{side}|{lemma}", 0.0))
            if i in quoted:
                more.append(cg[3])
            if edge:
                more.append(get(f"edge={text[i]}", 0.0))
            out.append(bias + sum(more))
        else:
            out.append(bias + sum(ws))
    memo[0] += n_new
    return out


def agreement(scanned: tuple[list[Token], list[float]], parts: list[tuple[int, int]]) -> tuple[float, float]:
    """How well a proposed content agrees with the tagger: (soft F1 of the content's words against the
    tagger's probabilities, mean probability of the content's words), over the tagger's window."""
    return agreement_from(agreement_table(scanned), parts)


def agreement_table(scanned: tuple[list[Token], list[float]]) -> tuple[list[int], list[float], float]:
    """What :func:`agreement` needs of a scan, for all the readings of one cue word: the words' offsets and
    probabilities (punctuation and spaces left out) and the sum of the probabilities."""
    toks, lg = scanned
    idxs: list[int] = []
    probs: list[float] = []
    total = 0.0
    for t, x in zip(toks, lg):
        if t.is_punct or t.is_space:
            continue
        p = sigmoid(x)
        total += p
        idxs.append(t.idx)
        probs.append(p)
    return idxs, probs, total


def agreement_from(table: tuple[list[int], list[float], float],
                   parts: list[tuple[int, int]]) -> tuple[float, float]:
    """:func:`agreement` from an :func:`agreement_table` (the words inside the content summed in the
    window's order, as agreement always did)."""
    idxs, probs, total = table
    inside_at: set[int] = set()
    for a, b in parts:
        inside_at.update(range(bisect_left(idxs, a), bisect_left(idxs, b)))
    inside = 0.0
    for k in sorted(inside_at):
        inside += probs[k]
    n_in = float(len(inside_at))
    f1 = 2 * inside / (n_in + total) if n_in + total else 0.0
    return f1, (inside / n_in if n_in else 0.0)


def _mean_prob(lg: list[float]) -> float:
    return sum(map(sigmoid, lg)) / max(1, len(lg))


def _best_run(lg: list[float], lo: int, hi: int) -> tuple[int, int] | None:
    """The contiguous run in lg[lo:hi] with the largest sum of log-odds (Kadane), if it is positive."""
    best, best_run = 0.0, None
    cur, start = 0.0, lo
    for k in range(lo, hi):
        if cur <= 0:
            cur, start = lg[k], k
        else:
            cur += lg[k]
        if cur > best:
            best, best_run = cur, (start, k + 1)
    return best_run


@lru_cache(maxsize=4)
def load_content_model(path: str = str(CONTENT_MODEL)) -> ContentTagger | None:
    """The packaged tagger, or None when the file is missing or unreadable (the rules still work)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return ContentTagger({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                             {str(k): float(v) for k, v in data.get("cues", {}).items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
