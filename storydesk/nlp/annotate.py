"""Run the NLP pipeline over articles: the base spaCy pipeline plus storydesk's components, and the
conversion of a processed ``Doc`` into an :class:`~storydesk.records.AnnotatedArticle`.

Every offset in the record refers to ``Article.text``: the Doc is made from exactly that text (cut at
``NlpOptions.max_chars_per_article``, which keeps the offsets of what remains).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..options import NlpOptions, Options
from ..records import (
    AnnotatedArticle,
    Article,
    EntityMention,
    Hedge,
    Quantity,
    Quote,
    Sentence,
    SourceRef,
    Span,
)
from .components import COMPONENTS
from .pipeline import BUNDLED_MODEL_PATH, load_base_pipeline, resolve_model

__all__ = ["add_components", "add_space_tags", "annotate", "annotate_doc", "iter_annotate", "load_pipeline"]

_CACHE: dict[str, Language] = {}
_LOCK = threading.Lock()
BUNDLED = BUNDLED_MODEL_PATH


def add_components(nlp: Language, *, roles_model: str | None = None, roles_int8: bool = False) -> Language:
    """Add storydesk's components to a pipeline (idempotent). A pipeline without a parser gets a
    sentencizer so that sentences exist; the syntax-based finders then find little, but run.
    ``roles_model`` (see ``NlpOptions.roles_model``) adds the transformer role tagger before the quote
    finder and the readings made from its probabilities right after it."""
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer")
    add_space_tags(nlp)
    if nlp.has_pipe("parser") and not nlp.has_pipe("storydesk_space_heads"):
        from .components import sentences  # noqa: F401  (registers the factory)

        # whitespace tokens hang from words, never the reverse (see sentences.SpaceHeads)
        nlp.add_pipe("storydesk_space_heads", after="parser")
    for name in COMPONENTS:
        if not nlp.has_pipe(name):
            nlp.add_pipe(name)
    if roles_model:
        from .components import role_readings, role_tagger  # noqa: F401  (register the factories)

        if not nlp.has_pipe("storydesk_role_tagger"):
            nlp.add_pipe("storydesk_role_tagger", before="storydesk_quotes",
                         config={"model": str(roles_model), "int8": bool(roles_int8)})
        if not nlp.has_pipe("storydesk_role_readings"):
            nlp.add_pipe("storydesk_role_readings", after="storydesk_quotes")
    return nlp


SPACE_TAGS = "storydesk_space_tags"


def add_space_tags(nlp: Language) -> Language:
    """Tag every whitespace token ("\\n\\n", "  ") ``_SP`` / ``SPACE`` with no morphology, right after the
    last tagging step, as spaCy's English pipelines do. Their tagger learns ``_SP`` (whitespace tokens
    are in their training data) and their ``attribute_ruler`` maps it to ``SPACE``; the bundled tagger and
    morphologizer are trained on UD treebanks, which have no whitespace tokens, and guess (a paragraph
    break came out NNS/NOUN, so rules that look for nouns took it for a word). spaCy's own
    ``attribute_ruler``, matching on the lexical ``IS_SPACE``, sets the tags; it runs before the NER and
    the parser, neither of which reads tags, and before every storydesk component. A pipeline without a
    tagger gets nothing: a partial tagging would make ``doc.has_annotation("TAG")`` lie."""
    taggers = [name for name in ("tagger", "morphologizer", "attribute_ruler") if nlp.has_pipe(name)]
    if not taggers or nlp.has_pipe(SPACE_TAGS):
        return nlp
    ruler = nlp.add_pipe("attribute_ruler", name=SPACE_TAGS, after=max(taggers, key=nlp.pipe_names.index))
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP", "POS": "SPACE", "MORPH": ""})
    return nlp


def _pipeline_key(model: str | None, roles_model: str | None, roles_int8: bool = False) -> str:
    key = resolve_model(model)
    if roles_model:
        from .components.role_tagger import resolve_roles_path

        path = resolve_roles_path(roles_model)
        key += f"|roles={path.resolve() if path.exists() else path}" + ("|int8" if roles_int8 else "")
    return key


def load_pipeline(model: str | None = None, *, roles_model: str | None = None,
                  roles_int8: bool = False) -> Language:
    """The base pipeline (bundled, or ``model``) with storydesk's components (and the role tagger when
    ``roles_model`` is given), cached per process."""
    key = _pipeline_key(model, roles_model, roles_int8)
    with _LOCK:
        nlp = _CACHE.get(key)
        if nlp is None:
            # a fresh base of our own: the cached one stays bare for callers that score the model
            nlp = add_components(load_base_pipeline(model, cached=False), roles_model=roles_model,
                                 roles_int8=roles_int8)
            _CACHE[key] = nlp
    return nlp


def _pipeline_name(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def _make_doc(nlp: Language, article: Article, opts: NlpOptions) -> Doc:
    from .components.quantities import QuantityFinder  # noqa: F401  (registers sd_published)

    text = article.text[: max(0, opts.max_chars_per_article)]
    doc = nlp.make_doc(text)
    if Doc.has_extension("sd_published"):
        doc._.sd_published = article.published
    return doc


def iter_annotate(articles: Iterable[Article], *, options: Options | None = None,
                  nlp: Language | None = None) -> Iterator[AnnotatedArticle]:
    """Annotate lazily, batching through ``nlp.pipe``."""
    opts = (options or Options.default()).nlp
    nlp = nlp or load_pipeline(opts.model, roles_model=opts.roles_model, roles_int8=opts.roles_int8)
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for article in articles:
            pending.append(article)
            yield _make_doc(nlp, article, opts)

    for doc in nlp.pipe(docs(), batch_size=opts.batch_size, n_process=opts.n_process):
        article = pending.pop(0)
        yield annotate_doc(article, doc, pipeline=_pipeline_name(nlp))


def annotate(articles: Iterable[Article], *, options: Options | None = None,
             nlp: Language | None = None) -> list[AnnotatedArticle]:
    """Annotate articles: sentences, entities, quotes, sources, hedges and quantities."""
    return list(iter_annotate(articles, options=options, nlp=nlp))


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _statuses(doc: Doc, text: str | None = None) -> dict[int, tuple[str, list[int]]]:
    """Epistemic status per sentence, keyed by the sentence's first non-space character (``text``:
    ``doc.text`` when the caller has it; Doc.text is rebuilt token by token on every access)."""
    raw = doc._.sd_sentence_status if Doc.has_extension("sd_sentence_status") else None
    out: dict[int, tuple[str, list[int]]] = {}
    if raw and text is None:
        text = doc.text
    text = text or ""
    for start, end, status, hedges in raw or []:
        while start < end and text[start].isspace():
            start += 1
        out[start] = (status, list(hedges))
    return out


def _sentences(doc: Doc) -> list[Sentence]:
    """Sentences without their surrounding whitespace (as ``convert.doc_sentences`` gives them, which
    reads ``Doc.text`` once per sentence: quadratic on long articles, so not used here)."""
    sentences = []
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        for sent in doc.sents:
            text = sent.text
            start = sent.start_char + (len(text) - len(text.lstrip()))
            end = sent.end_char - (len(text) - len(text.rstrip()))
            if start < end:
                sentences.append(Sentence(start=start, end=end))
    return sentences


def _convert(doc: Doc, text: str | None = None) -> tuple[list[Sentence], list[EntityMention]]:
    try:
        from .convert import doc_entities
    except ImportError:  # the model helper's converter is not there: the same thing, inline
        entities = [EntityMention(start=e.start_char, end=e.end_char, text=e.text, label=e.label_)
                    for e in doc.ents]
    else:
        entities = doc_entities(doc)
    sentences = _sentences(doc)
    statuses = _statuses(doc, text)
    for sent in sentences:
        if sent.start in statuses:
            sent.status, sent.hedges = statuses[sent.start][0], statuses[sent.start][1]  # type: ignore[assignment]
    return sentences, entities


def annotate_doc(article: Article, doc: Doc, *, pipeline: str = "") -> AnnotatedArticle:
    """The record of one processed Doc (made from ``article.text``)."""
    text = doc.text  # rebuilt on every access: read once
    sentences, entities = _convert(doc, text)
    starts = [s.start for s in sentences]

    def sent_index(char: int) -> int | None:
        if not starts:
            return None
        i = bisect.bisect_right(starts, char) - 1
        return i if i >= 0 else None

    hedges = [Hedge(start=h.start_char, end=h.end_char, text=h.text, kind=h.label_, sentence=sent_index(h.start_char))
              for h in doc.spans.get("sd_hedges", [])]
    quotes: list[Quote] = []
    for q in doc.spans.get("sd_quotes", []):
        parts = [_span(text, a, b) for a, b in (q._.sd_parts or [])]
        quotes.append(Quote(
            kind=q.label_ if q.label_ in {"direct", "indirect"} else "indirect",
            content=_span(text, q.start_char, q.end_char),
            parts=parts if len(parts) > 1 else [],
            cue=_span(text, *q._.sd_cue) if q._.sd_cue else None,
            speaker=_span(text, *q._.sd_speaker) if q._.sd_speaker else None,
            speaker_name=q._.sd_speaker_name,
            speaker_description=q._.sd_speaker_description,
            via=list(q._.sd_via or []),
            medium=q._.sd_medium,
            status=q._.sd_status or "attributed",
            hedges=list(q._.sd_hedges or []),
            sentence=sent_index(q.start_char),
        ))
    sources = [SourceRef(kind=s.label_, span=_span(text, s.start_char, s.end_char), person=s._.sd_person,
                         organization=s._.sd_organization, chain=list(s._.sd_chain or []),
                         sentence=sent_index(s.start_char))
               for s in doc.spans.get("sd_sources", [])]
    quantities = [Quantity(start=x.start_char, end=x.end_char, text=x.text, kind=x.label_, value=x._.sd_value,
                           low=x._.sd_low, high=x._.sd_high, unit=x._.sd_unit, iso=x._.sd_iso,
                           counted=x._.sd_counted, sentence=sent_index(x.start_char))
                  for x in doc.spans.get("sd_quantities", [])]
    return AnnotatedArticle(article=article, pipeline=pipeline, sentences=sentences, entities=entities,
                            quotes=quotes, sources=sources, hedges=hedges, quantities=quantities)
