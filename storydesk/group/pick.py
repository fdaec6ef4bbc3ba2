"""Which articles to brief: read the inputs, split them into stories, keep one.

A folder of saved pages often holds more than one story; briefing them as one would align and
"contradict" statements of unrelated events, so ``storydesk brief PATHS``, ``storydesk demo`` and
``storydesk.brief(..., pick=N)`` cluster the articles first (as corpus mode does) and brief the N-th
largest story. This is the one place that does it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, EmptyInputError
from ..options import Options
from ..records import AnnotatedArticle, Article, Problem, Story

__all__ = ["StorySelection", "select_story"]

Item = Article | AnnotatedArticle


@dataclass
class StorySelection:
    """The articles chosen for one brief and how they were chosen."""

    items: list[Item]  # the chosen story's articles, in input order
    problems: list[Problem] = field(default_factory=list)  # sources that gave no article
    stories: list[Story] = field(default_factory=list)  # every story found, largest first; [] unsplit
    pick: int | None = None  # 1-based rank of the chosen story among ``stories``
    total: int = 0  # articles read, before the choice

    @property
    def chosen(self) -> Story | None:
        return self.stories[self.pick - 1] if self.pick and len(self.stories) > 1 else None

    def warnings(self) -> list[str]:
        """What a brief of this selection should tell its reader: the split, then the bad sources."""
        notes = []
        if self.chosen is not None:
            notes.append(f"the {self.total} input articles form {len(self.stories)} stories; this brief covers "
                         f"story {self.pick} ({len(self.items)} articles: {self.chosen.label or self.chosen.id})")
        return notes + [p.line() for p in self.problems]


def select_story(items: str | Path | Item | Iterable[str | Path | Item], options: Options | None = None, *,
                 pick: int | None = 1) -> StorySelection:
    """Read the paths among ``items`` (records pass through), then, unless ``pick`` is None, cluster
    everything into stories and keep the ``pick``-th largest.

    Raises :class:`EmptyInputError` when no article is left and :class:`ConfigError` when ``pick`` is
    beyond the number of stories.
    """
    opts = options or Options.default()
    if isinstance(items, (str, Path, Article, AnnotatedArticle)):
        items = [items]
    records: list[Item] = []
    paths: list[str | Path] = []
    for item in items:
        (records if isinstance(item, (Article, AnnotatedArticle)) else paths).append(item)
    problems: list[Problem] = []
    if paths:
        from ..extraction import extract

        extraction = extract(paths, options=opts)
        records.extend(extraction.articles)
        problems = list(extraction.problems)
    if not records:
        lines = [p.line() for p in problems[:3]]
        raise EmptyInputError("no article to brief" + (f" ({'; '.join(lines)})" if lines else ""))
    selection = StorySelection(items=records, problems=problems, total=len(records))
    if pick is None:
        return selection
    if pick < 1:
        raise ConfigError(f"pick {pick}: stories are numbered from 1")
    from .stories import cluster_articles

    stories = cluster_articles(records, opts.group)
    if pick > max(1, len(stories)):
        n = len(stories)
        raise ConfigError(f"pick {pick}: the articles form only {n} {'story' if n == 1 else 'stories'}")
    selection.stories, selection.pick = stories, pick
    if len(stories) > 1:
        wanted = set(stories[pick - 1].article_ids)
        selection.items = [r for r in records if _id(r) in wanted]
    return selection


def _id(item: Item) -> str:
    return item.article.id if isinstance(item, AnnotatedArticle) else item.id
