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
