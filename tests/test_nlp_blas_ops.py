"""The models' matrix products through numpy's BLAS (storydesk.nlp.blas_ops): same annotations as with
thinc's blis, and the process's BLAS pools limited to one thread."""

import json
import os
import subprocess
import sys

import spacy
from model_marks import needs_model
from thinc.backends.numpy_ops import NumpyOps

from storydesk.nlp.blas_ops import BLAS_THREADS_ENV_VAR, BLASOps
from storydesk.nlp.pipeline import load_base_pipeline, resolve_model

TEXT = (
    "Fire crews from Dunmore and Kettleby fought the blaze at the Arden Mills warehouse for six hours, "
    "the Kettleby Fire Service said on Sunday. Station officer Priya Lannet told the Wexham Echo that "
    "nobody had been inside. \"We were lucky,\" she said. The owner, Haldane Foods, said it would "
    "rebuild. Police are treating the fire as suspicious, according to a statement."
)


def _annotations(doc):
    return ([(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.is_sent_start) for t in doc],
            [(e.start_char, e.end_char, e.label_) for e in doc.ents])


@needs_model
def test_blas_ops_give_the_same_annotations_as_blis():
    plain = spacy.load(resolve_model())  # the same pipeline, as spaCy loads it
    fast = load_base_pipeline(cached=False)
    plain_ops = {type(n.ops) for _, p in plain.pipeline if hasattr(getattr(p, "model", None), "walk")
                 for n in p.model.walk()}
    fast_ops = {type(n.ops) for _, p in fast.pipeline if hasattr(getattr(p, "model", None), "walk")
                for n in p.model.walk()}
    assert plain_ops == {NumpyOps}
    assert fast_ops == {BLASOps}
    # storydesk's presegment step may move sentence starts; compare the model's own layers on one Doc
    doc = plain.make_doc(TEXT)
    twin = plain.make_doc(TEXT)
    for name in ("tok2vec", "tagger", "morphologizer", "ner", "parser"):
        doc = plain.get_pipe(name)(doc)
        twin = fast.get_pipe(name)(twin)
    assert _annotations(twin) == _annotations(doc)
    assert doc.ents  # the text exercises the entity recogniser


@needs_model
def test_loading_a_pipeline_limits_blas_threads():
    code = (
        "import json\nfrom threadpoolctl import threadpool_info\n"
        "from storydesk.nlp.pipeline import load_base_pipeline\n"
        "before = [p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas']\n"
        "load_base_pipeline()\n"
        "after = [p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas']\n"
        "print(json.dumps([before, after]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                              BLAS_THREADS_ENV_VAR}}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    before, after = json.loads(out.stdout.strip().splitlines()[-1])
    assert after and all(n == 1 for n in after)
    env[BLAS_THREADS_ENV_VAR] = "0"  # leaves the pools as they were
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    before, after = json.loads(out.stdout.strip().splitlines()[-1])
    assert after == before
