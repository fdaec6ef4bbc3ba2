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
from functools import lru_cache
from pathlib import Path

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


def cue_key(tok: Token) -> str:
    """The key the cue lemmas are learned under: lemma and coarse part of speech."""
    pos = {"AUX": "VERB", "PROPN": "NOUN"}.get(tok.pos_, tok.pos_)
    return f"{(tok.lemma_ or tok.lower_).lower()}|{pos}"


def window(cue: Token) -> list[Token]:
    """The words the tagger labels: the cue's sentence, clipped around the cue."""
    sent = sent_of(cue)
    lo = max(sent.start, cue.i - _MAX_SENT // 2)
    hi = min(sent.end, lo + _MAX_SENT)
    return list(cue.doc[lo:hi])


def doc_arrays(doc) -> tuple[list, ...]:
    """Per-word attributes of a Doc as plain lists (lower form, POS, dependency, head index, punctuation,
    text): spaCy builds a new Token object on every access, and the tagger reads each word once per cue."""
    lower, pos, dep, head, punct, text = [], [], [], [], [], []
    for t in doc:
        lower.append(t.lower_)
        pos.append(t.pos_)
        dep.append(t.dep_)
        head.append(t.head.i)
        punct.append(t.is_punct)
        text.append(t.text)
    return lower, pos, dep, head, punct, text


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
    path: list[str] = []
    a = ci_doc
    while head[a] != a and len(path) < 12:
        path = path + [dep[a]]
        a = head[a]
        up[a] = path
    ids = [t.i for t in toks]
    breaks_before = []  # running count of punctuation that breaks a clause, per position in toks
    n = 0
    for i in ids:
        breaks_before.append(n)
        if text[i] in _BREAKS:
            n += 1
    ci = next((k for k, i in enumerate(ids) if i == ci_doc), None)
    out: list[list[str]] = []
    last = len(ids) - 1
    for k, i in enumerate(ids):
        if i == ci_doc:
            out.append([])
            continue
        # walk up from the word to the first of the cue's ancestors (or the cue)
        down: list[str] = []
        b = i
        steps = 0
        while b not in up and head[b] != b and steps < 15:
            down.append(dep[b])
            b = head[b]
            steps += 1
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

    def logits(self, cue: Token, toks: list[Token], quoted: set[int] | None = None,
               arrays: tuple[list, ...] | None = None) -> list[float]:
        get = self.weights.get
        b = self.bias
        return [(b + sum(get(name, 0.0) for name in f)) if f else -50.0
                for f in token_features(cue, toks, quoted, arrays)]

    def scan(self, cue: Token, quoted: set[int] | None = None,
             arrays: tuple[list, ...] | None = None) -> tuple[list[Token], list[float]]:
        """The words around the cue and their log-odds of being its content."""
        toks = window(cue)
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


def agreement(scanned: tuple[list[Token], list[float]], parts: list[tuple[int, int]]) -> tuple[float, float]:
    """How well a proposed content agrees with the tagger: (soft F1 of the content's words against the
    tagger's probabilities, mean probability of the content's words), over the tagger's window."""
    toks, lg = scanned
    inside = total = n_in = 0.0
    for t, x in zip(toks, lg):
        if t.is_punct or t.is_space:
            continue
        p = sigmoid(x)
        total += p
        if any(a <= t.idx < b for a, b in parts):
            inside += p
            n_in += 1
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
