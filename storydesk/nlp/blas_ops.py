"""Matrix products of the spaCy models through numpy's BLAS instead of blis.

thinc's CPU backend (``NumpyOps``) multiplies matrices with blis. On this project's machine (AMD EPYC,
AVX-512) the blis wheel reaches about 35 GFLOP/s on one core for the tok2vec's 2000x384 by 384x384
products, numpy's OpenBLAS about 97. The CNN layers are mostly such products, so the bundled pipeline
needs about half the CPU time per word with numpy doing them (EWT dev: 4,564 -> 8,519 words per CPU
second). thinc's own generic ``Ops.gemm`` already is the numpy version (the GPU and Apple backends
replace it too); :class:`BLASOps` only routes ``NumpyOps.gemm`` back to it. The other kernels
(maxout, layer norm, the parser's state loop) stay thinc's and spaCy's.

numpy's BLAS would start a thread per core for every product. spaCy's CPU models are run one process
per core (``nlp.pipe(n_process=...)``, storydesk's Dask workers), and the thread pools of two such
processes fight over the cores (EWT+CoNLL+UNER dev, ``n_process=2``: 20.0 CPU s with the pools, 13.5
without), so loading a pipeline limits the process's BLAS pools to one thread, as the story
clusterer does around scikit-learn. Set ``STORYDESK_BLAS_THREADS`` to change that number (0 leaves the
pools alone).

Parses, tags and entities are the same as with blis: on the 80,282 tokens of UD EWT dev and
CoNLL-2003 testa not one tag, head, label, entity or sentence start differs (the sums are computed in
another order, so the scores differ in the last bits; ``tests/test_nlp_blas_ops.py``).
"""

from __future__ import annotations

import os
from typing import Any

from thinc.backends.numpy_ops import NumpyOps
from thinc.backends.ops import Ops

__all__ = ["BLAS_THREADS_ENV_VAR", "BLASOps", "use_blas_ops"]

BLAS_THREADS_ENV_VAR = "STORYDESK_BLAS_THREADS"


class BLASOps(NumpyOps):
    """thinc's ``NumpyOps`` with ``gemm`` done by numpy (see the module docstring)."""

    def gemm(self, x, y, out=None, trans1=False, trans2=False):  # type: ignore[override]
        return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)


_ops = BLASOps()
_limited = False


def _limit_blas_threads() -> None:
    global _limited
    if _limited:
        return
    _limited = True
    raw = os.environ.get(BLAS_THREADS_ENV_VAR, "").strip()
    threads = int(raw) if raw.isdigit() else 1
    if threads > 0:
        from threadpoolctl import threadpool_limits  # a scikit-learn dependency

        # not used as a context manager: the limit holds for the life of the process
        threadpool_limits(limits=threads, user_api="blas")


def use_blas_ops(nlp: Any) -> None:
    """Give every thinc layer of ``nlp`` that runs on thinc's plain CPU backend the :class:`BLASOps`
    (in place), and limit the process's BLAS thread pools (see the module docstring). Layers on other
    backends (GPU, Apple) are left alone."""
    changed = False
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = _ops
                changed = True
    if changed:
        _limit_blas_threads()
