"""The hand-written coach-crash story (tests/fixtures/briefqa/coach_crash.jsonl: five fictional outlets) as
Article records, for the tests that brief it through the bundled pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from storydesk.records import Article

COACH = Path(__file__).resolve().parent / "fixtures" / "briefqa" / "coach_crash.jsonl"


def coach_articles() -> list[Article]:
    """One Article per line of the fixture, paragraphs split at blank lines."""
    articles = []
    for line in COACH.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        articles.append(Article(source=f"{COACH.name}#{rec['outlet']}", outlet=rec["outlet"], url=rec["url"],
                                title=rec["title"], byline=rec["author"], published=rec["date"], language="en",
                                paragraphs=[p for p in rec["text"].split("\n\n") if p.strip()]))
    return articles
