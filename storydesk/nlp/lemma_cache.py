"""A faster ``__call__`` for spaCy's rule and lookup lemmatizers, with the same output.

spaCy's :class:`~spacy.pipeline.Lemmatizer` already caches its rule lemmas by (word, POS,
morphology), but it still creates a ``Token``, a ``MorphAnalysis`` and a lemma string for every token
in Python, and each word it has not cached yet is looked up in word *lists*: together about 10% of the
bundled pipeline's CPU time (0.6-0.7 s of 5-6.6 s on UD EWT dev). This mixin reads the three keys for the whole Doc with one ``Doc.to_array``, looks each key up in a dict,
calls spaCy's own ``lemmatize`` only for keys it has not seen, and writes all lemmas back with one
``Doc.from_array``; the word lists answer ``in`` from a set. The lemmas are spaCy's, so the output is identical (checked by
``tests/test_nlp_lemma_cache.py`` against the plain component).
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

__all__ = ["speed_up_lemmatizers"]

# The cache is per component and per process; a long-running ingest of very varied text would grow
# it without bound, so it starts afresh past this many keys (a few tens of MB).
MAX_CACHE_KEYS = 300_000


class _CachedCall:
    """Mixed in before spaCy's lemmatizer class (see :func:`speed_up_lemmatizers`)."""

    _storydesk_keys: dict[tuple[int, ...], int]

    def __call__(self, doc: Doc) -> Doc:  # type: ignore[override]
        if not self._validated:  # type: ignore[attr-defined]
            self._validate_tables()  # type: ignore[attr-defined]
        if len(doc) == 0:
            return doc
        # Rule lemmas depend on the word, its POS and its morphology (spaCy's own cache key);
        # lookup lemmas on the word alone.
        key_attrs = [ORTH, POS, MORPH] if self.mode == "rule" else [ORTH]  # type: ignore[attr-defined]
        rows = doc.to_array([LEMMA, *key_attrs])
        keys = self.__dict__.setdefault("_storydesk_keys", {})
        if len(keys) > MAX_CACHE_KEYS:
            keys.clear()
        strings = doc.vocab.strings
        overwrite = self.overwrite  # type: ignore[attr-defined]
        lemmas = rows[:, 0].copy()
        for i, row in enumerate(rows.tolist()):
            if row[0] and not overwrite:
                continue
            key = tuple(row[1:])
            lemma = keys.get(key)
            if lemma is None:
                # The string goes into the shared Vocab's store, so the hash stays readable.
                lemma = strings.add(self.lemmatize(doc[i])[0])  # type: ignore[attr-defined]
                keys[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


class _WordList(list):
    """A word list (spaCy's ``lemma_index`` table holds plain lists: 57,528 nouns) whose ``in`` is a set
    lookup. spaCy tests ``form in index`` for every rule that fits a word not yet in its cache, which
    made each such word cost ~175 us; the list itself is unchanged, so it serialises as before."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._set = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._set


class CachedLemmatizer(_CachedCall, Lemmatizer):
    """spaCy's generic lemmatizer with the cached ``__call__``."""


class CachedEnglishLemmatizer(_CachedCall, EnglishLemmatizer):
    """spaCy's English lemmatizer (the bundled model's) with the cached ``__call__``."""


# Module-level classes (not made on the fly) so that a pipeline still pickles by reference.
_FAST = {Lemmatizer: CachedLemmatizer, EnglishLemmatizer: CachedEnglishLemmatizer}


def speed_up_lemmatizers(nlp: Any) -> None:
    """Give every rule or lookup lemmatizer in ``nlp`` the cached ``__call__`` (in place). Other
    lemmatizer classes (other languages, custom ones) are left as they are."""
    for _name, pipe in nlp.pipeline:
        fast = _FAST.get(type(pipe))
        if fast is not None and getattr(pipe, "mode", None) in ("rule", "lookup"):
            pipe.__class__ = fast
            if pipe.mode == "rule" and pipe.lookups.has_table("lemma_index"):
                index = pipe.lookups.get_table("lemma_index")
                for pos, words in list(index.items()):
                    if type(words) is list:
                        index[pos] = _WordList(words)
