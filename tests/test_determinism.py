"""The same input gives the same output whatever Python's hash seed: no set order reaches annotations
or briefs. Each check runs in two fresh interpreters with different ``PYTHONHASHSEED`` values, since
string hashing (and so set order) is fixed for the life of a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from model_marks import needs_model

REPO = Path(__file__).resolve().parent.parent

# Several families whose members' full names have the same number of words, each later quoted by surname
# alone: which full name a bare surname resolves to used to follow set order. Fictional people and places.
ARTICLE = [
    "Flood defences at Harwick Quay failed on Tuesday night, leaving 40 homes without power.",
    ("Marta Quillon, the harbour master, said crews had worked through the night. Her brother Tomas "
     "Quillon, who runs the ferry office, said sailings would resume on Friday."),
    ("Councillor Ines Varga and her husband Piet Varga both live on the quay. Dr. Lena Osk and her father "
     "Arvid Osk run the clinic, and Sofia Brandt and Jonas Brandt own the bakery."),
    ("\u201cWe probably will not know the full cost for weeks,\u201d Quillon said. \u201cThe water came "
     "in faster than anyone expected,\u201d Varga said."),
    ("Osk said at least a dozen patients had been moved, according to the clinic. \u201cWe lost "
     "everything in the cellar,\u201d Brandt said, adding that the shop might reopen next month."),
    "The regional authority said repairs could cost about 2 million euros.",
]

ANNOTATE = """
import json, sys
from storydesk.nlp.annotate import annotate
from storydesk.records import Article
paras = json.loads(sys.stdin.read())
aa = annotate([Article(source="harwick-gazette", paragraphs=paras)])[0]
d = aa.model_dump(mode="json")
print(json.dumps({k: d[k] for k in ("entities", "quotes", "sources", "hedges", "quantities")}, sort_keys=True))
"""

BRIEF = """
import sys
import storydesk
print(storydesk.brief([sys.argv[1]], pick=1).to_json(indent=1))
"""


def _run(code: str, seed: int, *args: str, stdin: str = "") -> str:
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    done = subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True, text=True,
                          env=env, check=False, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@needs_model
def test_annotation_does_not_depend_on_the_hash_seed():
    import json

    paras = json.dumps(ARTICLE)
    first = _run(ANNOTATE, 1, stdin=paras)
    second = _run(ANNOTATE, 2, stdin=paras)
    quotes = json.loads(first)["quotes"]
    # a bare "Varga" was given one of the two Vargas (it used to be either, by hash seed)
    assert any((q.get("speaker_name") or "").endswith("Varga") for q in quotes)
    assert first == second


@needs_model
def test_example_brief_does_not_depend_on_the_hash_seed(example_corpus):
    first = _run(BRIEF, 1, str(example_corpus))
    second = _run(BRIEF, 3, str(example_corpus))
    assert '"schema_version"' in first and '"Ellin Courier"' in first
    assert first == second
