"""Hand-parsed Docs for the attribution component tests.

A fictional sentence is written out word by word with its tags, heads and labels, so that a component's
rules are tested on exactly the parse they are meant for, whatever the statistical model would say.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

#: words written without a space before them; an opening quote has none after it
NO_SPACE_BEFORE = frozenset({",", ".", "”", ":", "'s", "?", "!"})


def parsed_doc(nlp: Language, words: list[str], *, pos: list[str], heads: list[int], deps: list[str],
               tags: list[str] | None = None, lemmas: list[str] | None = None, ents: list[str] | None = None,
               run: bool = True) -> Doc:
    """A Doc with the given annotation (heads are absolute indices); ``run`` passes it through ``nlp``'s
    components in order."""
    spaces = [i + 1 < len(words) and w != "“" and words[i + 1] not in NO_SPACE_BEFORE for i, w in enumerate(words)]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos, tags=tags, heads=heads, deps=deps, lemmas=lemmas,
              ents=ents or ["O"] * len(words))
    if run:
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    return doc


def columns(rows: list[tuple]) -> list[list]:
    """Rows of (word, tag, ...) as one list per column."""
    return [list(c) for c in zip(*rows)]


def tagged_doc(nlp: Language, rows: list[tuple], ents: list[str] | None = None, run: bool = True) -> Doc:
    """A Doc from rows of (word, pos, tag, head, dep, lemma); ``run`` as for :func:`parsed_doc`."""
    words, pos, tags, heads, deps, lemmas = columns(rows)
    return parsed_doc(nlp, words, pos=pos, tags=tags, heads=heads, deps=deps, lemmas=lemmas, ents=ents, run=run)


def direct_speaker(doc: Doc) -> str | None:
    """The speaker's text of the Doc's one direct quote."""
    (q,) = [q for q in doc.spans["sd_quotes"] if q.label_ == "direct"]
    return doc.text[slice(*q._.sd_speaker)] if q._.sd_speaker else None
