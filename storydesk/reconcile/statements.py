"""Statement alignment: sentences of different articles that report the same fact, grouped.

Similarity of two sentences = TF-IDF cosine of their content stems, plus the share of entities and
numbers they have in common (numbers count only when they agree, so a disagreeing figure neither helps
nor stops two sentences from aligning: the contradiction step needs them aligned). An optional local
sentence-embedding model (``BriefOptions.embedding_model``) adds a semantic score.

Grouping is average-link agglomeration with one constraint: a group holds at most one sentence per
article (two sentences of one article are two facts, or one fact said twice).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .common import ArticleView, content_stems, is_fragment
from .entities import EntityIndex

log = logging.getLogger(__name__)

MIN_CONTENT_WORDS = 2  # "No one was killed." is a fact; "He said." is not
MAX_UNITS = 6_000  # sentences compared in one brief; beyond this the tail is left unaligned


@dataclass
class Unit:
    """One sentence of one article, with what alignment compares."""

    article: int
    sentence: int
    text: str
    stems: list[str]
    entities: set[str]
    numbers: set[str]
    status: str = "asserted"


@dataclass
class Group:
    units: list[Unit]
    cohesion: float = 1.0
    extra: dict = field(default_factory=dict)


_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_NUM_RE = re.compile(r"\b\d+(?:[.,]\d+)?\b")


def build_units(views: list[ArticleView], entities: EntityIndex) -> list[Unit]:
    units: list[Unit] = []
    for v in views:
        for i, text in enumerate(v.sentences):
            stems = content_stems(text)
            if len(stems) < MIN_CONTENT_WORDS or len(_LOWER_WORD.findall(text)) < 1 or is_fragment(text):
                # too short to be a fact, a dateline / headline fragment ("PORT ELLIN, March 3"), or a
                # piece of a sentence the splitter cut off that had no neighbour to join ("Harbour master")
                continue
            units.append(Unit(article=v.index, sentence=i, text=text, stems=stems,
                              entities=set(entities.by_sentence.get((v.index, i), ())),
                              numbers=set(_NUM_RE.findall(text)), status=v.sentence_status(i)))
            if len(units) >= MAX_UNITS:
                return units
    return units


def similarity_matrix(units: list[Unit], *, embedding_model: str | None = None) -> np.ndarray:
    """Pairwise similarity of the units (symmetric, 0..1, diagonal 1)."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0))
    df: Counter = Counter()
    for u in units:
        df.update(set(u.stems))
    vocab = {w: i for i, w in enumerate(df)}
    mat = np.zeros((n, len(vocab)), dtype=np.float32)
    for r, u in enumerate(units):
        tf = Counter(u.stems)
        for w, c in tf.items():
            mat[r, vocab[w]] = (1 + math.log(c)) * math.log((1 + n) / (1 + df[w]) + 1)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1
    mat /= norms
    cos = mat @ mat.T
    # entity Jaccard and shared numbers through incidence matrices (a Python pair loop is quadratic)
    ent_inc = _incidence([u.entities for u in units])
    inter = ent_inc @ ent_inc.T
    sizes = ent_inc.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - inter
    ent = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    num_inc = _incidence([u.numbers for u in units])
    num = ((num_inc @ num_inc.T) > 0).astype(np.float32)
    has_ent = np.array([bool(u.entities) for u in units])
    both = np.outer(has_ent, has_ent)
    # sentences without named entities ("The dam was poorly maintained") are judged on their words
    ent = np.where(both, ent, cos)
    sim = 0.75 * cos + 0.2 * ent + 0.1 * num
    if embedding_model:
        emb = _embed([u.text for u in units], embedding_model)
        if emb is not None:
            sim = 0.5 * sim + 0.5 * np.clip(emb @ emb.T, 0, 1)
    np.fill_diagonal(sim, 1.0)
    return np.clip(sim, 0.0, 1.0)


def _incidence(sets: list[set[str]]) -> np.ndarray:
    vocab = {x: i for i, x in enumerate(sorted({x for s in sets for x in s}))}
    mat = np.zeros((len(sets), max(1, len(vocab))), dtype=np.float32)
    for r, s in enumerate(sets):
        for x in s:
            mat[r, vocab[x]] = 1.0
    return mat


def _embed(texts: list[str], model_path: str) -> np.ndarray | None:
    """Sentence embeddings from a local model; None (and a log line) when that is not possible."""
    try:
        from sentence_transformers import SentenceTransformer  # optional dependency
    except ImportError:
        log.warning("embedding_model is set but sentence-transformers is not installed; lexical only")
        return None
    try:
        model = SentenceTransformer(model_path, local_files_only=True)
        vecs = model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
    except Exception as exc:  # noqa: BLE001 - any failure of an optional model falls back to lexical
        log.warning("cannot use embedding model %s: %s", model_path, exc)
        return None
    return np.asarray(vecs, dtype=np.float32)


def align_statements(units: list[Unit], sim: np.ndarray, *, threshold: float) -> list[Group]:
    """Average-link groups of units, at most one unit per article in a group."""
    n = len(units)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    arts: dict[int, set[int]] = {i: {units[i].article} for i in range(n)}
    pairs = []
    if n:
        iu, ju = np.triu_indices(n, k=1)
        vals = sim[iu, ju]
        keep = vals >= threshold
        for i, j, s in zip(iu[keep], ju[keep], vals[keep], strict=True):
            if units[i].article != units[j].article:
                pairs.append((float(s), int(i), int(j)))
    pairs.sort(reverse=True)
    for _s, i, j in pairs:
        a, b = owner[i], owner[j]
        if a == b or arts[a] & arts[b]:
            continue
        link = float(sim[np.ix_(members[a], members[b])].mean())
        if link < threshold:
            continue
        keep_id, drop = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        members[keep_id].extend(members[drop])
        arts[keep_id] |= arts[drop]
        for m in members[drop]:
            owner[m] = keep_id
        del members[drop], arts[drop]
    groups = []
    for idx in members.values():
        idx.sort(key=lambda k: (units[k].article, units[k].sentence))
        coh = float(sim[np.ix_(idx, idx)].mean()) if len(idx) > 1 else 1.0
        groups.append(Group(units=[units[k] for k in idx], cohesion=coh, extra={"idx": idx}))
    return groups


def representative(group: Group, sim: np.ndarray) -> Unit:
    """The member closest to all others (then the shorter): the sentence that stands for the group."""
    idx = group.extra.get("idx") or []
    if len(group.units) == 1 or not idx:
        return group.units[0]
    scores = sim[np.ix_(idx, idx)].sum(axis=1)
    best = max(range(len(idx)), key=lambda k: (round(float(scores[k]), 3), -len(group.units[k].text)))
    return group.units[best]
