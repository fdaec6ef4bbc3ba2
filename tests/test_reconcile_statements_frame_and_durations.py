"""Statement alignment: the frame of reported speech (who says it, how they are introduced) does not
make two different things one speaker said look alike; a length of time given in hours and in days
is one number. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.common import ArticleView, stem
from storydesk.reconcile.entities import reconcile_entities
from storydesk.reconcile.statements import (
    _attribution_stems,
    _numbers,
    align_statements,
    build_units,
    similarity_matrix,
)

THRESHOLD = 0.4  # BriefOptions.min_statement_similarity's default
ENTS = [("Dorran Ferrymen's Guild", "ORG"), ("Dorran", "GPE"), ("Harwick Ferries", "ORG")]
FILLER = ["Passengers queued at the terminal for replacement buses.",
          "The harbour cafe stayed open for stranded travellers.",
          "Talks with the operator are due to resume next week."]


def _pair_similarity(first: tuple[str, list[dict]], second: tuple[str, list[dict]]) -> float:
    arts = [make_article(outlet, "Ferry stoppage", "2026-07-01", [sentence, *FILLER[i:i + 2]],
                         entities=ENTS, quotes=quotes)
            for i, (outlet, (sentence, quotes)) in enumerate(zip(("Dorran Echo", "Coast Daily"),
                                                                  (first, second), strict=True))]
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate(arts)]
    units = build_units(views, reconcile_entities(views))
    sim = similarity_matrix(units)
    (i,) = [k for k, u in enumerate(units) if (u.article, u.sentence) == (0, 0)]
    (j,) = [k for k, u in enumerate(units) if (u.article, u.sentence) == (1, 0)]
    groups = align_statements(units, sim, threshold=THRESHOLD)
    together = any({(u.article, u.sentence) for u in g.units} >= {(0, 0), (1, 0)} for g in groups)
    assert together == (sim[i, j] >= THRESHOLD)
    return float(sim[i, j])


def test_two_things_one_speaker_said_are_not_aligned_by_their_frame():
    a = (("The Dorran Ferrymen's Guild says the new timetable would add three extra night crossings a "
          "week for most boatmen."),
         [{"content": "the new timetable would add three extra night crossings a week for most boatmen",
           "kind": "indirect", "speaker": "The Dorran Ferrymen's Guild"}])
    b = (("The Dorran Ferrymen's Guild, which represents about 300 of the port's boatmen, said 80% of "
          "members had voted for the stoppage."),
         [{"content": "80% of members had voted for the stoppage", "kind": "indirect",
           "speaker": "The Dorran Ferrymen's Guild"}])
    assert _pair_similarity(a, b) < THRESHOLD


def test_one_thing_reported_by_two_outlets_with_different_frames_still_aligns():
    said = "the new timetable would add three extra night crossings a week for most boatmen"
    a = (f"The Dorran Ferrymen's Guild says {said}.",
         [{"content": said, "kind": "indirect", "speaker": "The Dorran Ferrymen's Guild"}])
    b = (f"The Dorran Ferrymen's Guild, which represents about 300 of the port's boatmen, said {said}.",
         [{"content": said, "kind": "indirect", "speaker": "The Dorran Ferrymen's Guild"}])
    assert _pair_similarity(a, b) >= THRESHOLD


def test_hours_and_days_of_one_length_are_one_number():
    assert "72h" in _numbers("Crews began a 72-hour stoppage.") & _numbers("Crews began a three-day stoppage.")
    assert not _numbers("a 48-hour strike") & _numbers("a three-day strike")
    assert _numbers("a two week closure") >= {"336h"}



def _frame(sentence: str, speaker: str, content: str) -> dict:
    aa = make_article("Dorran Echo", "Ferry stoppage", "2026-07-01", [sentence, FILLER[0]], entities=ENTS,
                      quotes=[{"content": content, "kind": "indirect", "speaker": speaker}])
    return dict(_attribution_stems(ArticleView(index=0, aa=aa)).get(0, {}))


def test_a_long_frame_is_set_aside_and_a_short_one_stays_part_of_what_is_said():
    long = _frame("The Dorran Ferrymen's Guild, which represents about 300 of the port's boatmen, said members "
                  "had voted for the stoppage.", "The Dorran Ferrymen's Guild", "members had voted for the stoppage")
    assert {stem(w) for w in ("guild", "boatmen", "represents")} <= set(long)
    assert stem("stoppage") not in long and stem("members") not in long
    # "Harwick Ferries denied": a name and a verb, which say as much of the claim as the rest
    assert _frame("Harwick Ferries denied that the ship's pumps had failed any inspection.", "Harwick Ferries",
                  "the ship's pumps had failed any inspection") == {}
