"""Attribution cue frames learned from data (``cues.json``, made by ``training/attribution_cues.py``).

A frame is ``lemma|POS|dep``: a word ("endorse", "claim", "call") with its coarse part of speech and the
dependency that carries the attributed content ("obj", "ccomp", "acl", "obl:for"...). The lexicon keeps
frames that headed a PolNeAR attribution often enough on the training articles; the quote finder uses
them next to its hand-written verbs of saying, which cover only about half of PolNeAR's cues.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from ._common import sent_of

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


def content_tokens(tok: Token, child: Token) -> list[Token]:
    """The content a frame carries: the child's subtree, without the preposition ("called for X" -> X),
    clipped to the cue's sentence and to a contiguous run after the cue."""
    sent = sent_of(tok)
    last = max([child.right_edge.i] + [c.right_edge.i for c in tok.children if c.i > child.i and c.dep_ in _EXTEND])
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
