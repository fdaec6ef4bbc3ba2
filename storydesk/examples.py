"""Where the bundled example corpus lives (a fictional event, written for storydesk)."""

from __future__ import annotations

from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parent / "example_corpus",  # installed package
    Path(__file__).resolve().parent.parent / "examples" / "corpus",  # source checkout
)


def example_corpus_dir() -> Path:
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    from .errors import ConfigError

    raise ConfigError("the bundled example corpus is missing from this installation")


def example_corpus_paths() -> list[str]:
    """Every file of the example corpus, sorted (stable order for reproducible output)."""
    root = example_corpus_dir()
    return sorted(str(p) for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def example_story_articles(options=None):
    """The articles of the main story of the example corpus, found the way a user's would be:
    extract every file, cluster into stories, take the largest (the corpus also holds an unrelated story)."""
    from .group.pick import select_story

    return select_story(example_corpus_paths(), options, pick=1).items
