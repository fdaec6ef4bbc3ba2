"""Loading the base spaCy pipeline: bundled by default, lazily, once per process.

Which pipeline is used, in order: the ``model`` argument, then the ``STORYDESK_MODEL`` environment
variable, then the pipeline bundled at :data:`BUNDLED_MODEL_PATH`. A model is either an installed spaCy
package name (``en_core_web_trf``) or a path to an ``nlp.to_disk`` folder. Nothing is ever downloaded.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from spacy.language import Language

from storydesk.errors import ModelError

__all__ = ["BUNDLED_MODEL_PATH", "MODEL_ENV_VAR", "clear_cache", "load_base_pipeline", "resolve_model"]

BUNDLED_MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "en_storydesk_news"
MODEL_ENV_VAR = "STORYDESK_MODEL"

_cache: dict[str, Language] = {}
# Loading takes seconds; the lock keeps two threads (e.g. web workers) from loading the same model twice.
_lock = threading.Lock()


def resolve_model(model: str | os.PathLike[str] | None = None) -> str:
    """The model name or path that :func:`load_base_pipeline` would load for ``model``."""
    if model is not None and str(model).strip():
        return str(model).strip()
    env = os.environ.get(MODEL_ENV_VAR, "").strip()
    if env:
        return env
    return str(BUNDLED_MODEL_PATH)


def _cache_key(name: str) -> str:
    path = Path(name).expanduser()
    # The same folder given as relative and absolute path is one model.
    return str(path.resolve()) if path.exists() else name


def load_base_pipeline(model: str | os.PathLike[str] | None = None, *, cached: bool = True) -> Language:
    """The spaCy pipeline for ``model`` (see module docstring), loaded once per process and cached;
    ``cached=False`` loads a fresh instance that the caller owns (e.g. to add components to it).

    Raises :class:`storydesk.errors.ModelError` when the name is neither an installed package nor a
    pipeline folder, or when loading fails.
    """
    name = resolve_model(model)
    if not cached:
        return _with_storydesk_steps(_load(name))
    key = _cache_key(name)
    nlp = _cache.get(key)
    if nlp is not None:
        return nlp
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = _with_storydesk_steps(_load(name))
            _cache[key] = nlp
    return nlp


@Language.component("storydesk_release_tensor")
def release_tensor(doc):
    """Drop ``doc.tensor`` once the model's components have run: nothing in storydesk reads it, and
    with ``nlp.pipe(n_process=N)`` every Doc is serialised back to the main process with it (128
    floats per token: 16.7 MB instead of 3.6 MB for EWT dev)."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def _with_storydesk_steps(nlp: Language) -> Language:
    """Put ``storydesk_presegment`` before the parser: punctuation and line breaks constrain the
    parser's sentence boundaries (see :mod:`storydesk.nlp.components.sentences`); release the tensor
    after the model's last component. Two changes of speed with the same output: spaCy's lemmatizer
    gets a cached call (:mod:`storydesk.nlp.lemma_cache`), the models' matrix products go through
    numpy's BLAS (:mod:`storydesk.nlp.blas_ops`, which also limits the process's BLAS threads)."""
    from storydesk.nlp.blas_ops import use_blas_ops
    from storydesk.nlp.components import sentences  # noqa: F401  (registers the factory)
    from storydesk.nlp.lemma_cache import speed_up_lemmatizers

    speed_up_lemmatizers(nlp)
    use_blas_ops(nlp)

    if nlp.has_pipe("parser") and not nlp.has_pipe("storydesk_presegment"):
        nlp.add_pipe("storydesk_presegment", before="parser")
    if (nlp.has_pipe("tok2vec") or nlp.has_pipe("transformer")) and not nlp.has_pipe("storydesk_release_tensor"):
        nlp.add_pipe("storydesk_release_tensor", last=True)
    return nlp


def clear_cache() -> None:
    """Forget loaded pipelines (tests; a long-running process that switched models)."""
    with _lock:
        _cache.clear()


def _load(name: str) -> Language:
    import spacy
    from spacy import util

    path = Path(name).expanduser()
    looks_like_path = path.exists() or os.sep in name or name.startswith(".")
    try:
        if path.is_dir():
            return spacy.load(path)
        if looks_like_path:
            bundled = path.resolve() == BUNDLED_MODEL_PATH
            hint = " (the bundled model is missing: reinstall storydesk)" if bundled else ""
            raise ModelError(f"spaCy pipeline folder not found: {name}{hint}")
        if util.is_package(name):
            return spacy.load(name)
    except ModelError:
        raise
    except Exception as exc:  # spaCy raises OSError, ValueError, KeyError... for broken pipelines
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    raise ModelError(
        f"unknown spaCy pipeline {name!r}: not an installed package and not a folder "
        f"(storydesk never downloads models; install it with pip or give a path, "
        f"or unset {MODEL_ENV_VAR} to use the bundled model)"
    )
