"""training/attribution_heldout.py: the held-out slice and the scoring of the finder's readings on parsed
articles, as benchmarks/attribution.py scores them. A fictional article through the bundled pipeline."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import attribution_heldout as heldout  # noqa: E402
from attribution import Attr  # noqa: E402

_TEXT = ("Mayor Ilse Brandvold said the Tollen harbour bridge would reopen in May.\n\n"
         "The ferry to Krask runs twice a day.")


def _span(text: str, part: str) -> list[tuple[int, int]]:
    a = text.index(part)
    return [(a, a + len(part))]


def test_heldout_slice_is_every_fourth_article_from_the_fourth():
    assert heldout.held_out(9) == [3, 7]
    assert heldout.held_out(3) == []


def test_heldout_evaluation_runs_the_finder_on_parsed_docs_and_scores_like_the_benchmark(nlp):
    names = nlp.pipe_names
    with nlp.select_pipes(enable=names[: names.index("storydesk_quotes")]):
        doc = nlp(_TEXT)
    assert not doc.spans.get("sd_quotes")  # parsed only: the finder has not run yet
    gold = [Attr(content=_span(_TEXT, "the Tollen harbour bridge would reopen in May"),
                 cue=_span(_TEXT, "said"), source=_span(_TEXT, "Mayor Ilse Brandvold"))]
    articles = [("a", "", []), ("b", "", []), ("c", "", []), ("tollen", _TEXT, gold)]
    tallies = heldout.evaluate(nlp, [None, None, None, doc], articles, [3], None, None)
    t = tallies["all"]
    assert (t.gold, t.hit_gold, t.exact_gold, t.spk_n, t.spk_ok) == (1, 1, 1, 1, 1)
    assert t.pred == 1  # the ferry line is no one's statement
    lines = heldout.table(tallies)
    assert lines[-1].startswith("| all | 1 | 1 | 1.0000 | 1.0000 | 1.0000 | 1.0000 |")


def _one_leaf(value: float, threshold: float):
    from storydesk.nlp.components.cue_lexicon import RoleRescorer

    return RoleRescorer([{"f": [-1], "t": [0.0], "l": [-1], "r": [-1], "v": [value]}], 0.0, threshold)


def test_heldout_evaluation_gives_each_article_the_rescorer_of_its_position_and_restores_the_finders(nlp):
    import numpy as np

    from storydesk.nlp.components._common import set_doc_ext

    set_doc_ext(["sd_role_probs"])  # the role tagger's; it is not loaded here
    names = nlp.pipe_names
    docs = []
    for _ in range(2):
        with nlp.select_pipes(enable=names[: names.index("storydesk_quotes")]):
            doc = nlp(_TEXT)
        doc._.sd_role_probs = np.zeros((len(doc), 7), dtype=np.float32)
        docs.append(doc)
    gold = [Attr(content=_span(_TEXT, "the Tollen harbour bridge would reopen in May"),
                 cue=_span(_TEXT, "said"), source=_span(_TEXT, "Mayor Ilse Brandvold"))]
    articles = [("tollen-a", _TEXT, gold), ("tollen-b", _TEXT, gold)]
    finder = nlp.get_pipe("storydesk_quotes")
    own = finder.rescorer
    keep_all, keep_none = _one_leaf(10.0, 0.5), _one_leaf(0.0, 2.0)
    tallies = heldout.evaluate(nlp, docs, articles, [0, 1], None, None,
                               rescorers=lambda pos: keep_all if pos == 0 else keep_none)
    t = tallies["all"]
    # the first article's reading passes its rescorer, the second one's cannot pass a threshold of 2
    assert (t.gold, t.hit_gold, t.pred) == (2, 1, 1)
    assert finder.rescorer is own
