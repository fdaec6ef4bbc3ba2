"""Near-duplicate detection: MinHash signatures of word shingles, LSH buckets for candidates.

Syndicated wire copies keep most of the body and change the headline or a few lines, so signatures are
built from the body only (the title joins in only when the body is too short to shingle). The first
article seen of a group is its canonical; only canonicals are indexed, so copies of copies still find
the original and memory grows with distinct articles, not with all of them.

datasketch defines the hashing scheme and the banding (bands x rows for the threshold); this module adds
the policy (what text, which threshold, which article is canonical), keeps signatures as bare ``uint32``
arrays so they can be stored in SQLite, and keeps the band tables itself (see ``_Bands``).
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param  # datasketch's choice of bands x rows for a threshold
from datasketch.minhash import _fmix  # the scheme's pre-mix: needed to match its signatures

from ..options import GroupOptions
from ..records import Article

__all__ = ["DedupIndex", "DuplicateMatch", "dedup_text", "find_duplicates", "shingle_hashes", "shingles",
           "signature"]

_WORD = re.compile(r"\w+", re.UNICODE)
#: a fixed seed: signatures stored in a corpus must stay comparable across runs and processes
_SEED = 1
#: datasketch's 32-bit permutation scheme: half the memory of 64-bit values, same accuracy here
SCHEME = "affine32"
SIG_DTYPE = np.uint32
_MAX_WORDS = 20_000  # bound per-article hashing work; syndicated copies differ early if at all


def dedup_text(article: Article) -> str:
    """The text whose shingles identify an article: the body, or title+body when the body is tiny."""
    body = " ".join(article.paragraphs)
    # words in a prefix never outnumber those of the whole text: no need to split a long body
    if len(_WORD.findall(body, 0, 200)) < 20 and len(_WORD.findall(body)) < 20:
        return f"{article.title or ''} {body}"
    return body


def shingles(text: str, k: int) -> set[bytes]:
    """Word k-grams of lower-cased text (the whole text as one shingle when it is shorter than k)."""
    words = _WORD.findall(text.lower())[:_MAX_WORDS]
    if not words:
        return set()
    if len(words) < k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


# odd 64-bit multipliers for combining word hashes into a k-gram hash (positions must differ)
_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                  0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                 dtype=np.uint64)


def shingle_hashes(text: str, k: int, *, distinct: bool = True) -> np.ndarray:
    """32-bit hashes of the word k-grams of a text (each once, unless ``distinct`` is False).

    Equivalent in purpose to hashing :func:`shingles` one by one, but each word is hashed once
    (crc32, in C) and k-grams are combined with numpy: datasketch's per-shingle SHA-1 was the
    bottleneck of ingest at a few hundred thousand articles.
    """
    words = _WORD.findall(text.lower())[:_MAX_WORDS]
    if not words:
        return np.zeros(0, dtype=np.uint64)
    # map() over C functions: no Python frame per word
    wh = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    kk = min(k, len(wh), len(_MULT))
    n = len(wh) - kk + 1
    with np.errstate(over="ignore"):  # wrap-around multiplication is the point
        h = np.zeros(n, dtype=np.uint64)
        for j in range(kk):
            h += wh[j : j + n] * _MULT[j]
        h ^= h >> np.uint64(29)
    h &= np.uint64(0xFFFFFFFF)
    return np.unique(h) if distinct else h


_TEMPLATES: dict[int, MinHash] = {}


def _template(num_perm: int) -> MinHash:
    # building datasketch's permutations costs more than hashing a whole article: build them once
    t = _TEMPLATES.get(num_perm)
    if t is None:
        t = _TEMPLATES[num_perm] = MinHash(num_perm=num_perm, seed=_SEED, scheme=SCHEME)
    return t


class _Bands:
    """LSH band tables: an article is a candidate when all ``rows`` values of any one band match.

    datasketch's ``MinHashLSH`` does the same with a Python-level hash (byteswap + bytes) per band and
    per call; at a million articles (25 bands each for insert, query and eviction) that was a fifth
    of dedup time. Here a signature's bands become dict keys in one numpy call; the bands x rows are
    datasketch's own choice for the threshold, so the candidates are the ones it would give.
    """

    __slots__ = ("_void", "bands", "rows", "tables")

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        # a bucket is the one id it holds (by far the common case: a small dict per band and
        # article cost ~5 KiB per indexed article), or a dict used as an ordered set of ids
        self.tables: list[dict[bytes, str | dict[str, None]]] = [{} for _ in range(self.bands)]
        self._void = np.dtype(f"V{self.rows * np.dtype(SIG_DTYPE).itemsize}")

    def keys(self, sig: np.ndarray) -> list[bytes]:
        head = np.ascontiguousarray(sig[: self.bands * self.rows], dtype=SIG_DTYPE)
        return head.view(self._void).tolist()

    def insert(self, article_id: str, sig: np.ndarray) -> None:
        for table, key in zip(self.tables, self.keys(sig)):
            bucket = table.get(key)
            if bucket is None:
                table[key] = article_id
            elif isinstance(bucket, str):
                if bucket != article_id:
                    table[key] = {bucket: None, article_id: None}
            else:
                bucket[article_id] = None

    def query(self, sig: np.ndarray) -> set[str]:
        out: set[str] = set()
        for table, key in zip(self.tables, self.keys(sig)):
            bucket = table.get(key)
            if bucket is None:
                continue
            if isinstance(bucket, str):
                out.add(bucket)
            else:
                out.update(bucket)
        return out

    def remove(self, article_id: str, sig: np.ndarray) -> None:
        for table, key in zip(self.tables, self.keys(sig)):
            bucket = table.get(key)
            if bucket is None:
                continue
            if isinstance(bucket, str):
                if bucket == article_id:
                    del table[key]
            else:
                bucket.pop(article_id, None)
                if len(bucket) == 1:
                    table[key] = next(iter(bucket))


_CHUNK = 2048  # shingles per block: bounds the (shingles x num_perm) temporary to a few MiB


def minhash_values(hashes: np.ndarray, num_perm: int = 128) -> np.ndarray:
    """MinHash values of a set of 32-bit hashes, bit-for-bit what datasketch's ``update_batch``
    gives with the ``affine32`` scheme (so stored signatures stay comparable), in one numpy pass
    instead of a Python call per shingle."""
    t = _template(num_perm)
    a, b = t.permutations
    out = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    hv = _fmix(np.asarray(hashes, dtype=np.uint32), 32)
    with np.errstate(over="ignore"):  # uint32 wrap-around is the modulo of the scheme
        for i in range(0, len(hv), _CHUNK):
            block = hv[i:i + _CHUNK].reshape(-1, 1) * a
            block += b  # in place: one (shingles x num_perm) temporary instead of two
            np.minimum(out, block.min(axis=0), out=out)
    return out


def signature(text: str, *, num_perm: int = 128, k: int = 5) -> np.ndarray:
    """MinHash signature (``num_perm`` uint32 values) of a text's word k-grams."""
    # a minimum does not change when a value repeats: no need to sort the hashes into a set
    return minhash_values(shingle_hashes(text, k, distinct=False), num_perm)


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    canonical_id: str
    similarity: float  # estimated Jaccard of shingle sets


class DedupIndex:
    """An LSH index over canonical articles' signatures."""

    def __init__(self, options: GroupOptions | None = None) -> None:
        opts = options or GroupOptions()
        self.threshold = float(opts.dedup_threshold)
        self.num_perm = int(opts.num_perm)
        self.k = int(opts.shingle_size)
        self.window_days = float(opts.dedup_window_days)
        self._lsh = _Bands(self.threshold, self.num_perm)
        self._sigs: dict[str, np.ndarray] = {}
        # (publication day, id) of dated canonicals, oldest first: what evict() drops
        self._times: list[tuple[float, str]] = []
        self._clock: float | None = None

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sigs

    def signature(self, article: Article) -> np.ndarray:
        return signature(dedup_text(article), num_perm=self.num_perm, k=self.k)

    def find(self, sig: np.ndarray) -> DuplicateMatch | None:
        """The most similar indexed canonical at or above the threshold, if any."""
        if sig.shape != (self.num_perm,):
            raise ValueError(f"signature has {sig.shape} values, index expects {self.num_perm}")
        best: DuplicateMatch | None = None
        for cand in self._lsh.query(sig):
            sim = float(np.count_nonzero(self._sigs[cand] == sig)) / self.num_perm
            if sim >= self.threshold and (best is None or sim > best.similarity
                                          or (sim == best.similarity and cand < best.canonical_id)):
                best = DuplicateMatch(cand, sim)
        return best

    def add(self, article_id: str, sig: np.ndarray, time: float | None = None) -> None:
        """Index a canonical article (a no-op when the id is already indexed).

        ``time`` (days since the epoch) lets :meth:`evict` drop it once it is older than the window:
        each LSH band costs a few hundred bytes per article, too much to keep a million of them.
        """
        if article_id in self._sigs:
            return
        self._sigs[article_id] = np.asarray(sig, dtype=SIG_DTYPE)
        self._lsh.insert(article_id, self._sigs[article_id])
        if time is not None:
            heapq.heappush(self._times, (time, article_id))
            self._clock = time if self._clock is None else max(self._clock, time)

    def evict(self, before: float | None = None) -> int:
        """Drop canonicals published before ``before`` (default: newest seen - window); returns how many."""
        if before is None:
            if self._clock is None:
                return 0
            before = self._clock - self.window_days
        n = 0
        while self._times and self._times[0][0] < before:
            _, aid = heapq.heappop(self._times)
            if aid in self._sigs:
                self.remove(aid)
                n += 1
        return n

    def remove(self, article_id: str) -> None:
        """Drop an article from the index (e.g. when it leaves the time window)."""
        sig = self._sigs.pop(article_id, None)
        if sig is not None:
            self._lsh.remove(article_id, sig)

    def check(self, article_id: str, sig: np.ndarray, time: float | None = None) -> DuplicateMatch | None:
        """Match against the index; index the article as a new canonical when nothing matches."""
        match = self.find(sig)
        if match is None:
            self.add(article_id, sig, time)
        return match

    def extend(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        for article_id, sig in items:
            self.add(article_id, sig)


def find_duplicates(articles: Iterable[Article], options: GroupOptions | None = None
                    ) -> dict[str, DuplicateMatch]:
    """Copy id -> its canonical, for articles in the order given (the first of a group is canonical).

    An id already seen is skipped: same content id, same article.
    """
    index = DedupIndex(options)
    out: dict[str, DuplicateMatch] = {}
    seen: set[str] = set()
    for art in articles:
        if art.id in seen:
            continue
        seen.add(art.id)
        match = index.check(art.id, index.signature(art))
        if match is not None:
            out[art.id] = match
    return out
