"""A sentence the splitter cut after a title ("Reps." | "Ilka Varn, Tolland, kept ...") or after "No."
before a number ("kept the No." | "2 post of whip") goes on in the next piece; "no." ending a sentence
before a number stays a sentence end. Hand-written fictional pieces."""

from __future__ import annotations

from test_reconcile_fragments import annotated

from storydesk.reconcile.common import ArticleView


def _sentences(pieces: list[str]) -> list[str]:
    view = ArticleView(index=0, aa=annotated("Marl Echo", [pieces]))
    return [s for s in view.sentences if s]


def test_a_title_and_no_before_a_number_do_not_end_a_sentence():
    out = _sentences(["Other posts were uncontested.", "Reps.", "Ilka Varn, Tolland, kept the No.",
                      "2 post of party whip."])
    assert out == ["Other posts were uncontested.", "Reps. Ilka Varn, Tolland, kept the No. 2 post of party whip."]


def test_a_lower_case_no_still_ends_a_sentence():
    out = _sentences(["Asked whether she would run again, she said no.", "4 rivals have already declared."])
    assert out == ["Asked whether she would run again, she said no.", "4 rivals have already declared."]
