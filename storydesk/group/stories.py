"""Online, time-aware story clustering over article records (no database needed).

Articles arrive in publication-time order; each joins the most similar active story or starts a new
one. Similarity mixes three kinds of evidence:

* TF-IDF cosine of title+lede terms against the story centroid (document frequencies are counted
  online, over everything observed so far);
* cosine of named entities weighted by their rarity (NER entities when an article is annotated,
  otherwise capitalised phrases: a crude stand-in so that ``nlp=False`` corpora still cluster);
* optionally, sentence embeddings when a local embedding model is configured;
* optionally (``year_weight`` > 0), a penalty when the years an article states conflict with those its
  story's members state (off by default: it did not help under cross-validation on ECB+ train).

Batch clustering (``cluster_articles``) then checks each story for two weakly linked groups of
members (``split_story``: recursive two-way normalised cuts of the member similarity graph) and splits
it: the online pass cannot undo a merge of two same-kind events, and on ECB+ train topics this took
sub-topic B^3 F1 from 0.873 to 0.915 (0.894-0.908 held out, training/cluster_split.py). The online
``StoryClusterer`` itself (the store's path) does not split: its assignments are final once stored.

Time enters twice: an article further than ``time_window_days`` from a story's span needs
``strong_threshold`` instead of ``story_threshold`` to join it, and stories quiet for ``active_days``
leave memory. Candidate stories come from an inverted index over each story's top terms and entities,
so the work per article is bounded by the candidates, not by the number of stories.

This follows the shape of Miranda et al. 2018 ("Multilingual clustering of streaming news"), with a
fixed linear score in place of their learned one.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..options import GroupOptions
from ..records import AnnotatedArticle, Article, Story

__all__ = [
    "ArticleFeatures",
    "StoryClusterer",
    "cluster_articles",
    "entity_phrases",
    "features_of",
    "load_embedder",
    "parse_time",
    "rebuild_story",
    "split_sizes",
    "split_stories",
    "split_story",
    "story_id_of",
    "terms_of",
    "years_of",
]

Embedder = Callable[[Sequence[str]], np.ndarray]

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*", re.UNICODE)
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told new one two also would could may might
    mr mrs ms year years yesterday today tomorrow monday tuesday wednesday thursday friday saturday sunday
    week last first since according like get got made make many much people time back still well even
    just news report reported reports""".split()
)
#: capitalised words that start sentences or titles without naming anything
_CAP_STOP = frozenset(
    """The A An He She It They We I In On At For But And Or If As By When While After Before This That
    These Those His Her Their Its Our There Here What Who Why How Where Mr Mrs Ms Dr Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Today Yesterday Tomorrow According Meanwhile However Also
    Some Many Most One Two Three New Police Officials Authorities""".split()
)
_CAPPHRASE = re.compile(
    r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+(?:of|de|del|da|van|von|al|bin|la|le)?\s*[A-Z][\w'’-]*)*"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# years stated anywhere in the early text: reports of one event cite its year, two events of one kind
# ("the 2008 fire" / "the 2013 fire") mostly cite different ones. (Other figures were tried the same way
# and did not help on ECB+ train: reports of one event quote different counts and times.)
_YEAR_MENTION = re.compile(r"(?<![\d.,])(?:19[5-9]\d|20[0-4]\d)(?![\d.,]\d)")
_FACT_CHARS = 6000  # text scanned for years (the lede and early body)
_MAX_FACTS = 20  # distinct years kept per article
_MAX_STORY_FACTS = 60
#: below this share of a story's year mentions, an article's years count against it (_year_penalty);
#: on ECB+ train, 3% of articles reach it against the other event of their topic, 82% against their own
_YEAR_PRIOR = 0.3
_ENTITY_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                            "WORK_OF_ART", "LAW", "MISC"})
_MAX_ARTICLE_TERMS = 60  # an article vector keeps its strongest terms only
_MAX_STORY_TERMS = 150  # and a story centroid its strongest; bounds memory per story
_MAX_STORY_ENTS = 60
_INDEX_TERMS = 20  # keys a story is findable by
_QUERY_TERMS = 12  # keys an article looks stories up by
_MAX_CANDIDATES = 30
#: stories kept per index key (the most recently indexed). A key shared by more active stories than
#: this ("president", "police") says little about which one an article belongs to, and scanning its
#: whole posting list made the work per article grow with the number of active stories (super-linear
#: ingest); stories dropped here stay findable through their rarer keys.
_MAX_POSTING = 100  # was 200: same ECB+, BASIL and UCI results, half the worst-case count per key
_QUERY_ENTS = 20  # an article's rarest entities are its lookup keys
_FLOOR_DIV = 2  # candidates share at least half the keys the best candidate shares (1/4 scored ~3x
# more stories on the synthetic scale stream; same ECB+ and BASIL results, UCI B3 F1 +0.006)
_EVICT_EVERY = 1000
_VALUE = operator.itemgetter(1)


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # a crude plural/possessive fold: enough for "protesters"/"protester"; a real stemmer would also
    # merge unrelated words ("news"/"new") that the clusterer must keep apart
    w = word.lower().replace("’", "'")
    w = w.removesuffix("'s")
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


class _Memo(dict):
    """A bounded memo of a one-argument function, read with ``map(memo.__getitem__, ...)``.

    Hits are a plain dict lookup in C (``functools.lru_cache`` also reorders its list on every
    hit, which cost a third of term extraction); when full it starts over, which news vocabulary
    refills quickly.
    """

    __slots__ = ("fn", "limit")

    def __init__(self, fn: Callable[[str], str], limit: int) -> None:
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, key: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.fn(key)
        return value


def _term(tok: str) -> str:
    # one token -> its content term, or "" to drop it; memoised (_TERMS) because news vocabulary
    # repeats and the per-token Python work was the largest cost of feature extraction
    if tok[0].isdigit():
        # years tell apart two events of one kind ("the 2008 quake" / "the 2011 quake"); other
        # numbers vary between reports of the same event
        return tok if _YEAR.fullmatch(tok) else ""
    t = _stem(tok)
    if len(t) < 2 or t in _STOP:
        return ""
    return t


_TERMS = _Memo(_term, 500_000)
_WINDOW_CHARS = 16  # characters scanned per wanted term before checking whether enough were found


def terms_of(text: str, limit: int | None = None) -> list[str]:
    """Content terms of a text: lower-cased, folded, no stop words or bare numbers."""
    if limit is None:
        return list(filter(None, map(_TERMS.__getitem__, _WORD.findall(text))))
    out: list[str] = []
    pos = 0
    # scan a window at a time so a long body costs what its first ``limit`` terms cost
    while pos < len(text) and len(out) < limit:
        end = pos + max(256, _WINDOW_CHARS * (limit - len(out)))
        if end < len(text):
            cut = text.rfind(" ", pos, end)  # never split a word between windows
            end = cut + 1 if cut > pos else end
        out.extend(filter(None, map(_TERMS.__getitem__, _WORD.findall(text, pos, end))))
        pos = end
    return out[:limit]


def _norm_entity(text: str) -> str:
    t = " ".join(text.replace("’", "'").split()).strip(" .,;:'\"")
    if t.lower().endswith("'s"):
        t = t[:-2]
    if t.lower().startswith("the "):
        t = t[4:]
    return t.lower()


def entity_phrases(text: str) -> list[str]:
    """Capitalised phrases as a stand-in for named entities when no NER annotation exists.

    Crude on purpose (it also catches sentence-initial words, hence the stop list): it only has to give
    the clusterer names like "Tara Reid" or "Promises Treatment Center" that two reports share.
    """
    return list(filter(None, map(_PHRASES.__getitem__, _CAPPHRASE.findall(text))))


def _phrase(raw: str) -> str:
    # one capitalised match -> its normalised entity, or "" to drop it; cached like _term (names recur)
    words = [w for w in raw.split() if w not in _CAP_STOP]
    if not words:
        return ""
    phrase = _norm_entity(" ".join(words))
    return phrase if len(phrase) >= 3 else ""


_PHRASES = _Memo(_phrase, 200_000)


@functools.lru_cache(maxsize=200_000)
def _entity_keys(e: str) -> tuple[str, ...]:
    parts = e.split()
    # a surname alone ("Reid") should meet the full name ("Tara Reid") of another report
    keys = (e, parts[-1]) if len(parts) > 1 and len(parts[-1]) > 2 else (e,)
    return tuple(k for k in keys if k and k not in _STOP)


def parse_time(value: str | None) -> float | None:
    """ISO 8601 date/datetime -> days since the epoch (UTC when no zone is given), None if unparsable."""
    if not value:
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(text[:40])
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp() / 86400.0


def _iso(days: float | None) -> str | None:
    if days is None:
        return None
    return datetime.fromtimestamp(days * 86400.0, tz=UTC).isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class ArticleFeatures:
    """What the clusterer needs of one article; small enough to store beside it."""

    id: str
    time: float | None = None  # days since the epoch
    terms: dict[str, float] = field(default_factory=dict)  # weighted counts (title words weigh more)
    entities: list[str] = field(default_factory=list)  # normalised, distinct
    title: str = ""
    outlet: str | None = None
    embedding: list[float] | None = None
    years: list[str] = field(default_factory=list)  # years mentioned in the text, distinct

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "time": self.time, "terms": self.terms,
                             "entities": self.entities, "title": self.title, "outlet": self.outlet,
                             "years": self.years}
        if self.embedding is not None:
            d["embedding"] = self.embedding
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleFeatures:
        return cls(id=d["id"], time=d.get("time"), terms=dict(d.get("terms") or {}),
                   entities=list(d.get("entities") or []), title=d.get("title") or "",
                   outlet=d.get("outlet"), embedding=d.get("embedding"),
                   years=[str(x) for x in (d.get("years") or [])][:_MAX_FACTS])


def years_of(text: str) -> list[str]:
    """Distinct years (1950-2049) stated in a text's first ``_FACT_CHARS`` characters, in order."""
    return list(dict.fromkeys(_YEAR_MENTION.findall(text[:_FACT_CHARS])))[:_MAX_FACTS]


def features_of(article: Article, annotated: AnnotatedArticle | None = None,
                options: GroupOptions | None = None, *, embedder: Embedder | None = None
                ) -> ArticleFeatures:
    """Features of one article: title+lede terms, entities (NER when annotated), time."""
    opts = options or GroupOptions()
    title = article.title or ""
    body = " ".join(article.paragraphs)
    # title terms first (their order breaks ties later), then body counts added in C
    counts: Counter[str] = Counter(terms_of(title, 50))
    for t in counts:
        counts[t] *= opts.title_weight
    counts.update(terms_of(body, opts.body_tokens))
    if annotated is not None and annotated.entities:
        ents = [_norm_entity(e.text) for e in annotated.entities if e.label in _ENTITY_LABELS]
        ents += [_norm_entity(t) for t in entity_phrases(title)]
    else:
        # no NER available (nlp=False): capitalised phrases of the title and lede
        lede = " ".join(body.split(maxsplit=opts.body_tokens)[: opts.body_tokens])
        ents = entity_phrases(title) + entity_phrases(lede)
    distinct: list[str] = []
    seen: set[str] = set()
    for e in ents:
        for k in _entity_keys(e):
            if k not in seen:
                seen.add(k)
                distinct.append(k)
    emb = None
    if embedder is not None:
        lede = " ".join(body.split(maxsplit=120)[:120])
        vec = np.asarray(embedder([f"{title}. {lede}"])[0], dtype=np.float32)
        n = float(np.linalg.norm(vec))
        emb = [round(float(x), 5) for x in (vec / n if n else vec)]
    return ArticleFeatures(id=article.id, time=parse_time(article.published),
                           terms=dict(counts), entities=distinct[:60],
                           title=title[:500], outlet=article.outlet, embedding=emb,
                           # only looked for when they count (the scan is a few % of feature time)
                           years=years_of(f"{title}\n{body}") if opts.year_weight else [])


def load_embedder(path: str) -> Embedder:
    """A sentence-embedding function from a local sentence-transformers model directory.

    Never downloads: the path must exist. Raises ConfigError when the library or the model is missing.
    """
    from pathlib import Path

    if not Path(path).exists():
        raise ConfigError(f"embedding model not found at {path}")
    try:
        from sentence_transformers import SentenceTransformer  # optional dependency
    except ImportError as exc:
        raise ConfigError("group.embedding_model needs the sentence-transformers package") from exc
    model = SentenceTransformer(path, local_files_only=True)
    return lambda texts: np.asarray(model.encode(list(texts), normalize_embeddings=True))


def _largest(n: int, d: dict[str, float]) -> list[tuple[str, float]]:
    # what heapq.nlargest(n, d.items(), key=...) returns (ties in insertion order), but sorting in C
    # is several times faster than nlargest's Python-level key calls for dicts of a few hundred items
    return sorted(d.items(), key=_VALUE, reverse=True)[:n]


def _top(d: dict[str, float], n: int) -> dict[str, float]:
    if len(d) <= n:
        return d
    return dict(_largest(n, d))


def _norm(d: dict[str, float]) -> float:
    # map over a C multiply, not a generator: the same squares summed in the same order
    return math.sqrt(sum(map(operator.mul, d.values(), d.values())))


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # map/sum over C callables: this runs for every candidate story of every article
    return sum(map(operator.mul, a.values(), map(b.get, a.keys(), itertools.repeat(0.0))))


def _add_into(acc: dict[str, float], vec: dict[str, float], norm: float) -> float:
    """acc += vec; returns the new L2 norm of acc given its old one."""
    # the per-key loop as maps over C callables (it ran for every article, twice): each key occurs once,
    # so the old values can all be read first, and sum() adds the changes to the square in the same order
    olds = list(map(acc.get, vec, itertools.repeat(0.0)))
    news = list(map(operator.add, olds, vec.values()))
    acc.update(zip(vec, news))
    sq = sum(map(operator.sub, map(operator.mul, news, news), map(operator.mul, olds, olds)), norm * norm)
    return math.sqrt(max(sq, 0.0))


@dataclass(slots=True)
class _StoryState:
    id: str
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member term vectors
    ents: dict[str, float] = field(default_factory=dict)  # sum of member entity vectors
    emb: np.ndarray | None = None  # sum of member embeddings
    size: int = 0
    first: float | None = None
    last: float | None = None
    label: str = ""
    label_score: float = -1.0
    outlets: list[str] = field(default_factory=list)
    indexed: set[str] = field(default_factory=set)
    cnorm: float = 0.0
    enorm: float = 0.0
    years: dict[str, float] = field(default_factory=dict)  # year -> members mentioning it
    ysum: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "centroid": {k: round(v, 4) for k, v in self.centroid.items()},
                "ents": {k: round(v, 4) for k, v in self.ents.items()},
                "emb": None if self.emb is None else [round(float(x), 5) for x in self.emb],
                "size": self.size, "first": self.first, "last": self.last, "label": self.label,
                "label_score": self.label_score, "outlets": self.outlets, "years": self.years}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> _StoryState:
        s = cls(id=d["id"], centroid=dict(d.get("centroid") or {}), ents=dict(d.get("ents") or {}),
                emb=None if d.get("emb") is None else np.asarray(d["emb"], dtype=np.float32),
                size=int(d.get("size") or 0), first=d.get("first"), last=d.get("last"),
                label=d.get("label") or "", label_score=float(d.get("label_score", -1.0)),
                outlets=list(d.get("outlets") or []), years=dict(d.get("years") or {}))
        s.cnorm = _norm(s.centroid)
        s.enorm = _norm(s.ents)
        s.ysum = sum(s.years.values())
        return s


@dataclass(frozen=True, slots=True)
class Assignment:
    article_id: str
    story_id: str
    score: float
    new: bool


class StoryClusterer:
    """Online clusterer: ``observe`` articles to count document frequencies, ``assign`` them in time
    order. State (frequencies, active stories) can be exported and reloaded between runs."""

    def __init__(self, options: GroupOptions | None = None, *, embedder: Embedder | None = None,
                 auto_evict: bool = True) -> None:
        self.opts = options or GroupOptions()
        self.embedder = embedder
        self.auto_evict = auto_evict  # off: the caller calls evict() when it has saved what it needs
        self.n_docs = 0
        self.df_terms: Counter[str] = Counter()
        self.df_ents: Counter[str] = Counter()
        self.stories: dict[str, _StoryState] = {}
        # key -> story ids, insertion-ordered (a dict as an ordered set) so the oldest can be dropped
        self._index: dict[str, dict[str, None]] = defaultdict(dict)
        self._since_evict = 0
        self._clock: float | None = None  # latest publication time seen

    # ---- document frequencies -------------------------------------------------------------
    def observe(self, feats: ArticleFeatures) -> None:
        """Count an article in the document frequencies (once per article, before it is assigned)."""
        self.n_docs += 1
        self.df_terms.update(feats.terms.keys())
        self.df_ents.update(feats.entities)

    def _idf(self, df: int) -> float:
        return math.log((1 + self.n_docs) / (1 + df)) + 1.0

    def vectors(self, feats: ArticleFeatures) -> tuple[dict[str, float], dict[str, float]]:
        """L2-normalised TF-IDF term vector and rarity-weighted entity vector of an article."""
        # _idf inlined: this runs for every term of every article
        nd, log, dget = self.n_docs, math.log, self.df_terms.get
        lg = log(1 + nd) + 1.0
        tv = {t: (1.0 + log(c)) * (lg - log(1 + dget(t, 0))) for t, c in feats.terms.items() if c > 0}
        # strongest first, always: _candidates then takes the first keys instead of sorting again
        tv = dict(_largest(_MAX_ARTICLE_TERMS, tv))
        n = _norm(tv)
        tv = {k: v / n for k, v in tv.items()} if n else {}
        eget = self.df_ents.get
        ev = {e: log((1 + nd) / (1 + eget(e, 0))) + 1.0 for e in feats.entities}  # _idf inlined
        n = _norm(ev)
        ev = {k: v / n for k, v in ev.items()} if n else {}
        return tv, ev

    # ---- scoring ------------------------------------------------------------------------------
    def _year_penalty(self, s: _StoryState, years: Sequence[str]) -> float:
        """How much the years an article states conflict with its story's (0: no conflict or no years).

        The share of the story's year mentions that the article's years account for; below
        ``_YEAR_PRIOR`` it counts against joining, up to ``year_weight`` when no year is shared. A
        penalty only: unrelated stories of one era share years all the time, so agreement proves little.
        """
        if not years or not s.years or not self.opts.year_weight:
            return 0.0
        get = s.years.get
        share = sum(get(y, 0.0) for y in years) / s.ysum
        if share >= _YEAR_PRIOR:
            return 0.0
        return self.opts.year_weight * (_YEAR_PRIOR - share) / _YEAR_PRIOR

    def _score(self, s: _StoryState, tv: dict[str, float], ev: dict[str, float],
               emb: np.ndarray | None) -> float:
        text = _dot(tv, s.centroid) / s.cnorm if s.cnorm else 0.0
        parts = [(1.0, text)]
        if ev and s.enorm:
            ent = _dot(ev, s.ents) / s.enorm
            w = self.opts.entity_weight
            parts = [(1.0 - w, text), (w, ent)]
        if emb is not None and s.emb is not None:
            n = float(np.linalg.norm(s.emb))
            cos = float(emb @ s.emb) / n if n else 0.0
            w = self.opts.embedding_weight
            parts = [(pw * (1.0 - w), pv) for pw, pv in parts] + [(w, cos)]
        return sum(w * v for w, v in parts)

    def _gap(self, s: _StoryState, t: float | None) -> float:
        if t is None or s.first is None or s.last is None:
            return 0.0
        if t < s.first:
            return s.first - t
        return max(0.0, t - s.last)

    def _candidates(self, tv: dict[str, float], ev: dict[str, float]) -> list[str]:
        # tv comes from vectors(), strongest term first
        keys = [f"t:{k}" for k in itertools.islice(tv, _QUERY_TERMS)]
        if len(ev) > _QUERY_ENTS:
            keys += [f"e:{k}" for k, _ in _largest(_QUERY_ENTS, ev)]
        else:
            keys += [f"e:{k}" for k in ev]
        get = self._index.get
        # one count over all posting lists (in key order, so ties rank as before): a Counter.update
        # per key cost more in Python overhead than the counting itself
        hits: Counter[str] = Counter(itertools.chain.from_iterable(filter(None, map(get, keys))))
        if not hits:
            return []
        # a story sharing far fewer keys than the best candidate cannot outscore it by much: skip it
        floor = max(1, max(hits.values()) // _FLOOR_DIV)
        # the top _MAX_CANDIDATES by count (hits.most_common(n), ties in insertion order) cut at the floor
        # are the top of the hits at or above the floor: those are selected first (in C), so that only
        # they are sorted, not the hundreds of stories that share a key or two
        near = itertools.compress(hits.items(), map(floor.__le__, hits.values()))
        ranked = sorted(near, key=_VALUE, reverse=True)[:_MAX_CANDIDATES]
        return [sid for sid, _n in ranked if sid in self.stories]

    def _reindex(self, s: _StoryState) -> None:
        keys = {f"t:{k}" for k, _ in _largest(_INDEX_TERMS, s.centroid)}
        keys |= {f"e:{k}" for k, _ in _largest(_INDEX_TERMS, s.ents)}
        for key in keys - s.indexed:
            post = self._index[key]
            post[s.id] = None
            if len(post) > _MAX_POSTING:
                del post[next(iter(post))]  # the least recently indexed story leaves this key
        s.indexed |= keys  # stale keys stay: a candidate is re-scored anyway, and removal costs more

    # ---- assignment -------------------------------------------------------------------------
    def assign(self, feats: ArticleFeatures) -> Assignment:
        """Put one (observed) article into the best story, or a new one."""
        tv, ev = self.vectors(feats)
        emb = None if feats.embedding is None else np.asarray(feats.embedding, dtype=np.float32)
        t = feats.time
        if t is not None:
            self._clock = t if self._clock is None else max(self._clock, t)
        best: tuple[float, str] | None = None
        opts, stories, years = self.opts, self.stories, feats.years
        w = opts.entity_weight
        for sid in self._candidates(tv, ev):
            s = stories[sid]
            if emb is not None:
                score = self._score(s, tv, ev, emb)
            else:
                # _score without an embedding, inlined (same arithmetic): this loop is the hot spot
                score = _dot(tv, s.centroid) / s.cnorm if s.cnorm else 0.0
                if ev and s.enorm:
                    score = (1.0 - w) * score + w * (_dot(ev, s.ents) / s.enorm)
            if years:
                score -= self._year_penalty(s, years)
            need = (opts.story_threshold if self._gap(s, t) <= opts.time_window_days
                    else opts.strong_threshold)
            if score >= need and (best is None or score > best[0]):
                best = (score, sid)
        if best is None:
            sid = "s-" + hashlib.sha256(feats.id.encode()).hexdigest()[:12]
            s = self.stories.get(sid) or _StoryState(id=sid)
            self.stories[sid] = s
            score, new = 1.0, True
        else:
            score, sid = best
            s = self.stories[sid]
            new = False
        self._add(s, feats, tv, ev, emb)
        self._since_evict += 1
        if self.auto_evict and self._since_evict >= _EVICT_EVERY:
            self.evict()
        return Assignment(feats.id, sid, round(score, 4), new)

    def _add(self, s: _StoryState, feats: ArticleFeatures, tv: dict[str, float], ev: dict[str, float],
             emb: np.ndarray | None) -> None:
        # norms are updated with the changed entries only (a story has up to 225 of each), and
        # recomputed whenever the vectors are pruned, so rounding drift does not accumulate
        s.cnorm = _add_into(s.centroid, tv, s.cnorm)
        s.enorm = _add_into(s.ents, ev, s.enorm)
        # prune in bursts (at 1.5x the cap), not on every add: sorting per article was the hot spot
        if len(s.centroid) > _MAX_STORY_TERMS * 3 // 2:
            s.centroid = _top(s.centroid, _MAX_STORY_TERMS)
            s.cnorm = _norm(s.centroid)
        if len(s.ents) > _MAX_STORY_ENTS * 3 // 2:
            s.ents = _top(s.ents, _MAX_STORY_ENTS)
            s.enorm = _norm(s.ents)
        if emb is not None:
            s.emb = emb.copy() if s.emb is None else s.emb + emb
        if feats.years:
            ys = s.years
            for y in feats.years:
                ys[y] = ys.get(y, 0.0) + 1.0
            if len(ys) > _MAX_STORY_FACTS * 3 // 2:
                s.years = ys = _top(ys, _MAX_STORY_FACTS)
            s.ysum = sum(ys.values())
        s.size += 1
        if feats.time is not None:
            s.first = feats.time if s.first is None else min(s.first, feats.time)
            s.last = feats.time if s.last is None else max(s.last, feats.time)
        if feats.outlet and feats.outlet not in s.outlets and len(s.outlets) < 200:
            s.outlets.append(feats.outlet)
        # the label is the title closest to the centroid at the time it joined: cheap and stable
        fit = _dot(tv, s.centroid) / s.cnorm if s.cnorm else 0.0
        if feats.title and fit > s.label_score:
            s.label, s.label_score = feats.title, fit
        # a story's top terms settle after a few members: re-index early, then now and then
        if s.size <= 4 or s.size % 8 == 0:
            self._reindex(s)

    def evict(self, before: float | None = None) -> list[str]:
        """Forget stories quiet since before ``before`` (default: clock - active_days); returns their ids."""
        self._since_evict = 0
        if before is None:
            if self._clock is None:
                return []
            before = self._clock - self.opts.active_days
        gone = [sid for sid, s in self.stories.items() if s.last is not None and s.last < before]
        for sid in gone:
            s = self.stories.pop(sid)
            for key in s.indexed:
                post = self._index.get(key)
                if post is not None:
                    post.pop(sid, None)
                    if not post:
                        del self._index[key]
        return gone

    # ---- state -----------------------------------------------------------------------------------
    def story_state(self, story_id: str) -> dict[str, Any]:
        return self.stories[story_id].to_dict()

    def load_story(self, state: dict[str, Any]) -> None:
        s = _StoryState.from_dict(state)
        self.stories[s.id] = s
        self._reindex(s)
        if s.last is not None:
            self._clock = s.last if self._clock is None else max(self._clock, s.last)

    def story_record(self, story_id: str, article_ids: list[str] | None = None) -> Story:
        """A Story record from the clusterer's view of a story."""
        s = self.stories[story_id]
        return Story(id=s.id, label=s.label, article_ids=list(article_ids or []), outlets=list(s.outlets),
                     first_published=_iso(s.first), last_published=_iso(s.last),
                     top_terms=[k for k, _ in _largest(8, s.centroid)],
                     top_entities=[k for k, _ in _largest(8, s.ents)])


def _time_key(f: ArticleFeatures) -> tuple[float, str]:
    return (f.time if f.time is not None else math.inf, f.id)


_MAX_SPLIT = 400  # larger stories are not checked for a split (the check is quadratic in members)
#: members must carry this many distinct terms on average for their story to be checked: headlines
#: alone (6-7 terms) share a word or two with anything, and cutting such sparse graphs split true
#: stories (UCI headlines: B^3 F1 0.49 -> 0.34); reports with a lede carry up to 60
_SPLIT_MIN_TERMS = 20


class _MemberVectors:
    """Article vectors (as ``StoryClusterer.vectors`` gives them) as sparse rows, for member graphs.

    Built once for every article of a batch: one sparse matrix per kind instead of one per story
    (scipy's constructor overhead was most of the split check's cost).
    """

    def __init__(self, clusterer: StoryClusterer, feats: Sequence[ArticleFeatures]) -> None:
        self.opts = clusterer.opts
        # keyed by object, not article id: a batch may hold two articles under one id
        self.row = {id(f): i for i, f in enumerate(feats)}
        self.vectors = vecs = [clusterer.vectors(f) for f in feats]
        self.terms = self._matrix([v[0] for v in vecs])
        self.ents = self._matrix([v[1] for v in vecs])
        self.has_ents = np.array([bool(v[1]) for v in vecs])
        embs = [f.embedding for f in feats]
        self.emb = (np.asarray(embs, dtype=np.float64)
                    if embs and all(e is not None for e in embs) else None)

    @staticmethod
    def _matrix(vecs: list[dict[str, float]]) -> Any:
        import scipy.sparse  # here, not at the top: only batch clustering needs it (import time)

        # columns numbered by first occurrence, as a per-entry setdefault loop numbers them (same matrix),
        # with the loops in C (~20% less CPU than the Python loop over every member's ~80 entries)
        keys = list(itertools.chain.from_iterable(vecs))
        uniq = dict.fromkeys(keys)
        vocab = dict(zip(uniq, range(len(uniq))))
        cols = np.fromiter(map(vocab.__getitem__, keys), dtype=np.int64, count=len(keys))
        vals = np.fromiter(itertools.chain.from_iterable(v.values() for v in vecs), dtype=np.float64,
                           count=len(keys))
        rows = np.repeat(np.arange(len(vecs)), [len(v) for v in vecs])
        return scipy.sparse.csr_matrix((vals, (rows, cols)), shape=(len(vecs), max(1, len(vocab))))

    def of(self, f: ArticleFeatures) -> tuple[dict[str, float], dict[str, float]]:
        return self.vectors[self.row[id(f)]]

    def similarity(self, feats: Sequence[ArticleFeatures]) -> np.ndarray:
        """Pairwise similarity of articles, mixed as ``StoryClusterer`` mixes article-vs-story scores."""
        idx = np.array([self.row[id(f)] for f in feats])
        t, e = self.terms[idx], self.ents[idx]
        text = (t @ t.T).toarray()
        w = self.opts.entity_weight
        has = self.has_ents[idx]
        sim = np.where(np.outer(has, has), (1.0 - w) * text + w * (e @ e.T).toarray(), text)
        if self.emb is not None:
            emb = self.emb[idx]
            ew = self.opts.embedding_weight
            sim = (1.0 - ew) * sim + ew * (emb @ emb.T)
        return np.clip(sim, 0.0, None)


def _bisect(sim: np.ndarray, min_size: int) -> tuple[float, np.ndarray] | None:
    """The best two-way normalised cut (Shi & Malik 2000) of a similarity graph: (ncut, side mask).

    The spectral relaxation: members sorted by the Fiedler vector of the normalised Laplacian, and
    every split of that order with ``min_size`` members on each side is scored exactly. Hand-written
    because scikit-learn's SpectralClustering neither returns the cut value nor enforces a side size.
    """
    n = len(sim)
    if n < 2 * min_size:
        return None
    w = sim.copy()
    np.fill_diagonal(w, 0.0)
    deg = w.sum(axis=1)
    if not deg.all():
        return None  # a member linked to no other: leave the story alone
    d = deg ** -0.5
    lap = np.eye(n) - d[:, None] * w * d[None, :]
    import scipy.linalg  # here, not at the top: only batch clustering needs it (import time)

    # only the two smallest eigenpairs: about 3x faster than numpy's full eigh at 150 members
    _vals, vecs = scipy.linalg.eigh(lap, subset_by_index=[0, 1], driver="evr")
    order = np.argsort(d * vecs[:, 1], kind="stable")
    wp = w[np.ix_(order, order)]
    degp = deg[order]
    # cut(first k | rest) for every k, from the degrees and the links back to earlier members
    back = np.tril(wp, -1).sum(axis=1)
    cut = np.cumsum(degp - 2.0 * back)
    assoc = np.cumsum(degp)
    total = assoc[-1]
    k = np.arange(min_size - 1, n - min_size)  # index of the last member on the first side
    ncut = cut[k] / assoc[k] + cut[k] / (total - assoc[k])
    best = int(np.argmin(ncut))
    side = np.zeros(n, dtype=bool)
    side[order[: k[best] + 1]] = True
    return float(ncut[best]), side


def split_sizes(opts: GroupOptions) -> tuple[int, int] | None:
    """The smallest and largest member counts that :func:`split_story` checks (None: splitting off)."""
    m = max(1, opts.split_min_size)
    return (2 * m, _MAX_SPLIT) if opts.split_ncut > 0 and 2 * m <= _MAX_SPLIT else None


def _splittable(opts: GroupOptions, feats: Sequence[ArticleFeatures]) -> bool:
    m = max(1, opts.split_min_size)
    return (opts.split_ncut > 0 and 2 * m <= len(feats) <= _MAX_SPLIT
            and sum(len(f.terms) for f in feats) >= _SPLIT_MIN_TERMS * len(feats))


def _split_parts(sim: np.ndarray, opts: GroupOptions) -> list[np.ndarray]:
    m = max(1, opts.split_min_size)
    out: list[np.ndarray] = []
    stack = [np.arange(len(sim))]
    while stack:
        idx = stack.pop()
        cut = _bisect(sim[np.ix_(idx, idx)], m) if len(idx) >= 2 * m else None
        if cut is None or cut[0] > opts.split_ncut:
            out.append(idx)
            continue
        stack.append(idx[~cut[1]])
        stack.append(idx[cut[1]])
    return out


def split_story(clusterer: StoryClusterer, feats: Sequence[ArticleFeatures],
                vectors: _MemberVectors | None = None) -> list[list[ArticleFeatures]]:
    """Split one story's members into weakly linked groups (recursive two-way normalised cuts).

    An online pass merges two events of one kind for good once the second one's first report joins
    the first one's story (same firm, place or person, different co-participant or place); every
    later report then fits the mixed centroid. Among the members the two events show up as two
    groups with few links between them. Returns the members unchanged (one group) when no cut is
    at most ``split_ncut`` or the story is outside the checked sizes. Groups come in time order.
    """
    if not _splittable(clusterer.opts, feats):
        return [list(feats)]
    if vectors is None:
        vectors = _MemberVectors(clusterer, feats)
    sim = vectors.similarity(feats)  # once: each part's graph is a sub-matrix of it
    groups = [[feats[i] for i in idx] for idx in _split_parts(sim, clusterer.opts)]
    groups.sort(key=lambda g: min(map(_time_key, g)))
    return groups


def split_stories(clusterer: StoryClusterer, groups: Sequence[Sequence[ArticleFeatures]]
                  ) -> list[list[list[ArticleFeatures]]]:
    """:func:`split_story` for many stories at once: the article vectors are built once for all of
    them (scipy's constructor overhead dominated one-story-at-a-time checks), with one BLAS thread."""
    checked = [f for g in groups if _splittable(clusterer.opts, g) for f in g]
    vectors = _MemberVectors(clusterer, checked) if checked else None
    from threadpoolctl import threadpool_limits  # a scikit-learn dependency

    with threadpool_limits(limits=1, user_api="blas"):
        return [split_story(clusterer, g, vectors) for g in groups]


def cluster_articles(items: Iterable[Article | AnnotatedArticle | ArticleFeatures],
                     options: GroupOptions | None = None, *, embedder: Embedder | None = None
                     ) -> list[Story]:
    """Cluster a batch of articles into stories (largest first), without a database.

    Document frequencies come from the whole batch, then articles are assigned in time order
    (undated ones last, by id, so the result does not depend on input order).
    """
    opts = options or GroupOptions()
    feats: list[ArticleFeatures] = []
    for it in items:
        if isinstance(it, ArticleFeatures):
            feats.append(it)
        elif isinstance(it, AnnotatedArticle):
            feats.append(features_of(it.article, it, opts, embedder=embedder))
        else:
            feats.append(features_of(it, None, opts, embedder=embedder))
    clusterer = StoryClusterer(opts, embedder=embedder)
    for f in feats:
        clusterer.observe(f)
    members: dict[str, list[ArticleFeatures]] = defaultdict(list)
    records: dict[str, Story] = {}
    for f in sorted(feats, key=_time_key):
        a = clusterer.assign(f)
        members[a.story_id].append(f)
        records[a.story_id] = clusterer.story_record(a.story_id)  # snapshot before a possible eviction
    out: list[Story] = []
    # scipy and numpy (scikit-learn dependencies) do the split check's linear algebra; one BLAS thread:
    # its matrices are small, and with the cores busy, thread start-up cost 10-100x the work itself
    checked = [f for group in members.values() if _splittable(opts, group) for f in group]
    vectors = _MemberVectors(clusterer, checked) if checked else None
    from threadpoolctl import threadpool_limits  # a scikit-learn dependency

    with threadpool_limits(limits=1, user_api="blas"):
        splits = {sid: split_story(clusterer, group, vectors) for sid, group in members.items()}
    for sid, group in members.items():
        parts = splits[sid]
        if len(parts) == 1:
            out.append(records[sid].model_copy(update={"article_ids": [f.id for f in group]}))
            continue
        for part in parts:
            out.append(_rebuild(clusterer, part, vectors))
    out.sort(key=lambda s: (-len(s.article_ids), s.id))
    return out


def _rebuild(clusterer: StoryClusterer, part: list[ArticleFeatures], vectors: _MemberVectors | None
             ) -> Story:
    # a story record for one part of a split story, built like the online pass builds one (its id
    # comes from its earliest article, so the part that holds the story's first article keeps its id)
    return _part_state(clusterer, part, vectors)[0]


def _part_state(clusterer: StoryClusterer, part: list[ArticleFeatures], vectors: _MemberVectors | None,
                story_id: str | None = None) -> tuple[Story, _StoryState]:
    part = sorted(part, key=_time_key)
    # a scratch clusterer sharing the document frequencies: _add also indexes the story, which must
    # not reach the real clusterer's index
    scratch = StoryClusterer(clusterer.opts, auto_evict=False)
    scratch.n_docs, scratch.df_terms, scratch.df_ents = clusterer.n_docs, clusterer.df_terms, clusterer.df_ents
    s = _StoryState(id=story_id or "s-" + hashlib.sha256(part[0].id.encode()).hexdigest()[:12])
    for f in part:
        tv, ev = vectors.of(f) if vectors is not None else scratch.vectors(f)
        emb = None if f.embedding is None else np.asarray(f.embedding, dtype=np.float32)
        scratch._add(s, f, tv, ev, emb)
    story = Story(id=s.id, label=s.label, article_ids=[f.id for f in part], outlets=list(s.outlets),
                  first_published=_iso(s.first), last_published=_iso(s.last),
                  top_terms=[k for k, _ in _largest(8, s.centroid)],
                  top_entities=[k for k, _ in _largest(8, s.ents)])
    return story, s


def story_id_of(article_id: str) -> str:
    """The id the online pass gives a story that an article starts."""
    return "s-" + hashlib.sha256(article_id.encode()).hexdigest()[:12]


def rebuild_story(clusterer: StoryClusterer, part: Sequence[ArticleFeatures], story_id: str | None = None
                  ) -> tuple[Story, dict[str, Any]]:
    """A story record and its clusterer state (as ``StoryClusterer.story_state`` gives it) for a
    group of members, e.g. one part of a split story, built as if the online pass had put exactly
    these members into one story. ``load_story`` accepts the state, so later articles can join it.
    The id defaults to the one the earliest member would give (:func:`story_id_of`)."""
    story, s = _part_state(clusterer, list(part), None, story_id)
    return story, s.to_dict()
