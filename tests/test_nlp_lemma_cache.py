"""The cached lemmatizer call (storydesk.nlp.lemma_cache) gives exactly spaCy's lemmas."""

import pickle

import spacy

from storydesk.nlp import lemma_cache
from storydesk.nlp.lemma_cache import CachedEnglishLemmatizer
from storydesk.nlp.pipeline import BUNDLED_MODEL_PATH, load_base_pipeline

TEXT = (
    "The ferries were leaving Port Ailsa when the storm hit. Captain Odile Brannagh said the crews "
    "had been warned twice, and that the harbour's cranes were being secured. \"We're doing what we "
    "can,\" she told the Halden Courier. Two children, aged 9 and 11, were taken to hospitals; doctors "
    "said their injuries weren't thought to be serious. Inspectors are investigating the ships' logs."
)


def _lemmas(nlp, text):
    return [(t.text, t.pos_, t.lemma_) for t in nlp(text)]


def test_lemma_cache_gives_spacys_lemmas():
    plain = spacy.load(BUNDLED_MODEL_PATH)
    fast = load_base_pipeline(cached=False)
    assert isinstance(fast.get_pipe("lemmatizer"), CachedEnglishLemmatizer)
    assert type(plain.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"
    want = _lemmas(plain, TEXT)
    assert _lemmas(fast, TEXT) == want
    # a second pass answers from the cache and must still agree
    assert _lemmas(fast, TEXT) == want
    # the text exercises real rules, not only lowercasing
    assert any(lemma not in (text, text.lower()) for text, _, lemma in want)


def test_lemma_cache_keeps_lemmas_already_set_and_is_bounded(monkeypatch):
    fast = load_base_pipeline(cached=False)
    lemmatizer = fast.get_pipe("lemmatizer")
    monkeypatch.setattr(lemma_cache, "MAX_CACHE_KEYS", 3)
    want = [t.lemma_ for t in spacy.load(BUNDLED_MODEL_PATH)("Dockers were striking again.")]
    doc = fast.make_doc("Dockers were striking again.")
    for name, proc in fast.pipeline:
        if name == "lemmatizer":
            break
        doc = proc(doc)
    doc[0].lemma_ = "kept"
    lemmatizer(doc)
    assert doc[0].lemma_ == "kept"  # overwrite is off: a lemma set earlier stays
    assert [t.lemma_ for t in doc][1:] == want[1:]
    assert want[0] != "kept"
    fast("Harbour.")  # more than 3 keys cached -> starts afresh
    assert len(lemmatizer._storydesk_keys) <= 4


def test_lemma_cache_pipeline_still_serialises():
    fast = load_base_pipeline(cached=False)
    lemmatizer = fast.get_pipe("lemmatizer")
    fast("Officials said the talks had failed.")
    restored = spacy.load(BUNDLED_MODEL_PATH).get_pipe("lemmatizer").from_bytes(lemmatizer.to_bytes())
    index = restored.lookups.get_table("lemma_index")
    assert all(type(words) is list and words for words in index.values())
    assert pickle.loads(pickle.dumps(CachedEnglishLemmatizer)) is CachedEnglishLemmatizer
