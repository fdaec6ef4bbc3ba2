"""storydesk: read many news articles about the same events and tell, story by story, what the
sources agree on, where they disagree, who said what, and which original source each claim rests on."""

from .api import annotate, brief, extract, load_pipeline
from .errors import StorydeskError
from .options import Options
from .records import AnnotatedArticle, Article, Brief, Problem, Story

__version__ = "0.1.0"


def __getattr__(name: str):  # Corpus pulls in SQLite/datasketch code: import it on first use
    if name == "Corpus":
        from .store.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'storydesk' has no attribute {name!r}")


__all__ = [
    "AnnotatedArticle",
    "Article",
    "Brief",
    "Corpus",
    "Options",
    "Problem",
    "Story",
    "StorydeskError",
    "__version__",
    "annotate",
    "brief",
    "extract",
    "load_pipeline",
]
