"""The public convenience functions: thin wrappers over the stage modules.

Imports happen inside the functions so that ``import storydesk`` stays fast and never loads spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .options import Options
from .records import AnnotatedArticle, Article, Brief

if TYPE_CHECKING:
    from spacy.language import Language

    from .extraction import Extraction
    from .group.pick import StorySelection

SourceLike = Union[str, Path]


def extract(sources: SourceLike | Iterable[SourceLike], *, options: Options | None = None) -> Extraction:
    """Read files, directories, globs or ``-`` (stdin) into clean articles.

    Bad sources do not raise: each becomes a :class:`~storydesk.records.Problem` in the result.
    """
    from .extraction import extract as _extract

    return _extract(sources, options=options)


def load_pipeline(model: str | None = None, *, roles_model: str | None = None) -> Language:
    """The spaCy pipeline storydesk annotates with: the bundled model (or ``model``) plus storydesk's
    own components (quotes, attributions, hedges, quantities), and the transformer role tagger when
    ``roles_model`` is set ("bundled" or a folder; see ``NlpOptions.roles_model``). Cached per process."""
    from .nlp.annotate import load_pipeline as _load

    return _load(model, roles_model=roles_model)


def annotate(articles: Iterable[Article], *, options: Options | None = None) -> list[AnnotatedArticle]:
    """Run the NLP pipeline over articles."""
    from .nlp.annotate import annotate as _annotate

    return _annotate(articles, options=options)


def brief(items: SourceLike | Iterable[SourceLike | Article | AnnotatedArticle], *,
          options: Options | None = None, pick: int | None = None) -> Brief:
    """The cross-source brief of one story, from paths or from article records.

    By default everything given is one story. ``pick=N`` splits the articles into stories first and
    briefs the N-th largest, as ``storydesk brief PATHS`` does (``pick=1``: the largest); the brief's
    warnings say how many stories the articles formed.
    """
    from .group.pick import select_story

    opts = options or Options.default()
    return brief_story_selection(select_story(items, opts, pick=pick), opts)


def brief_story_selection(selection: StorySelection, options: Options) -> Brief:
    """The brief of the articles :func:`~storydesk.group.pick.select_story` chose, numbered A1, A2...
    in reading order (``store/order.py``: time, then outlet) as a stored story's brief numbers them,
    not in the order the files were given."""
    from .reconcile.brief import brief_selection
    from .store.order import reading_order_key

    articles = [it for it in selection.items if isinstance(it, Article)]
    ready = [it for it in selection.items if isinstance(it, AnnotatedArticle)]
    if articles:  # annotated here, not in brief_selection, which would put them after the ready ones
        from .nlp.annotate import annotate as _annotate

        ready.extend(_annotate(articles, options=options))
    selection.items = sorted(ready, key=reading_order_key)
    return brief_selection(selection, options)
