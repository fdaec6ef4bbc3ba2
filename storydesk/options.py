"""One options object, passed down the pipeline.

Defaults live here; a user TOML file (``--config FILE`` or ``STORYDESK_CONFIG``) overlays them, one table
per stage::

    [extract]
    max_file_bytes = 50_000_000
    [group]
    story_threshold = 0.3

``Options.from_toml`` rejects unknown keys, so a typo is an error, not a silently ignored setting.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Options", "ExtractOptions", "NlpOptions", "GroupOptions", "BriefOptions",
           "StoreOptions", "WebOptions"]


@dataclass(kw_only=True, slots=True)
class ExtractOptions:
    max_file_bytes: int = 20_000_000  # raw bytes read from one file
    max_decompressed_bytes: int = 50_000_000  # bound on gunzip output: a gzip bomb stops here
    max_records_per_file: int = 100_000  # JSONL lines / WARC records read from one file
    max_paragraphs: int = 2_000
    min_article_chars: int = 200  # shorter bodies are reported as "no article"
    include_tables: bool = True  # trafilatura's default: results, schedules and figures live in tables
    favor_precision: bool = False  # trafilatura: favour precision over recall
    language: str | None = "en"  # expected language (ISO 639-1); others get a warning; None: no check
    include_comments: bool = False  # trafilatura: reader comments are not the article
    max_line_chars: int = 1_000_000  # one JSONL line / one text block; longer is malformed or hostile
    max_article_chars: int = 200_000  # article body kept (a news article is < 50k); longer is cut, with a warning
    # what one document's parser is given (HTML: lxml's tree costs ~25 bytes of memory per character;
    # text: the cleaner's blocks ~30): the rest of a longer page or text is dropped, with a warning
    max_html_chars: int = 8_000_000
    # '<' in one page (trafilatura: ~1.5 KB and 30 us per element); a news page has < 20k
    max_html_tags: int = 200_000
    max_text_chars: int = 2_000_000
    max_json_values: int = 2_000_000  # values (objects, arrays, numbers...) in one JSON file: ~100 bytes each
    max_gzip_layers: int = 3  # gzip inside gzip is unpacked this deep (each layer bounded as above)
    # an http(s) URL given as a source is fetched (the only network use): seconds per connect/read, and
    # redirects followed; the body is bounded by max_file_bytes after Content-Encoding is undone
    fetch_timeout: float = 20.0
    max_redirects: int = 5


@dataclass(kw_only=True, slots=True)
class NlpOptions:
    model: str | None = None  # spaCy package name or path; None -> STORYDESK_MODEL or bundled
    batch_size: int = 32
    n_process: int = 1
    max_chars_per_article: int = 200_000
    # transformer role tagger (nlp/components/role_tagger.py): None = off; "bundled" = the model in
    # storydesk/models/attribution_roles; else a model folder. Needs the "transformer" extra (torch) and
    # costs about as much CPU again as the rest of the pipeline; it adds readings the quote finder misses
    roles_model: str | None = None
    # the role tagger with 8-bit linear layers: about 2.2x faster, content F1 0.699 -> 0.689 on held-out
    # PolNeAR train (BENCHMARKS.md)
    roles_int8: bool = False


@dataclass(kw_only=True, slots=True)
class GroupOptions:
    dedup_threshold: float = 0.5  # estimated Jaccard of 5-word shingles; independent reports of one
    # event share almost none, a wire copy with a few edited lines keeps well over half
    dedup_window_days: float = 30.0  # copies are looked for among canonicals this recent (bounds memory)
    num_perm: int = 128
    shingle_size: int = 5
    story_threshold: float = 0.15  # combined similarity to join a story (tuned on ECB+ train topics)
    strong_threshold: float = 0.3  # ... beyond time_window_days of the story (by hand; not tuned)
    time_window_days: float = 7.0  # beyond this, only strong evidence joins a story
    active_days: float = 30.0  # stories quiet for longer leave memory (blocking by time)
    entity_weight: float = 0.6  # share of the score from named entities (rest: TF-IDF terms)
    title_weight: float = 3.0  # a title word counts this many body words
    body_tokens: int = 400  # leading body tokens used for features (the lede carries the event)
    embedding_model: str | None = None  # local path of a sentence-embedding model (optional)
    embedding_weight: float = 0.3  # share of the score from embeddings, when a model is set
    year_weight: float = 0.0  # score taken off when the years an article states conflict with its
    # story's; off: on ECB+ train it gained +0.015 in-sample but nothing under topic cross-validation
    split_ncut: float = 0.85  # batch clustering (cluster_articles) splits a story in two when its
    # members' similarity graph has a normalised cut at most this (0 turns splitting off); tuned on
    # ECB+ train topics, where any value in 0.7-0.9 scored within 0.01 of the best
    split_min_size: int = 3  # each part of a split keeps at least this many articles


@dataclass(kw_only=True, slots=True)
class BriefOptions:
    summary_sentences: int = 6  # 4..8
    min_statement_similarity: float = 0.4  # average-link threshold for aligning sentences
    embedding_model: str | None = None  # local path of a sentence-transformers model (optional)
    copy_threshold: float = 0.7  # word 5-gram containment above which an article is a copy
    max_articles: int = 300  # articles briefed at once; more are cut with a warning


@dataclass(kw_only=True, slots=True)
class StoreOptions:
    db: str = "storydesk.db"
    workers: int = 1
    scheduler: str | None = None  # tcp://host:port of an existing Dask scheduler
    batch_size: int = 200  # articles per write transaction (a kill loses at most one batch)
    busy_timeout_s: float = 30.0  # how long a writer waits for another writer's lock


@dataclass(kw_only=True, slots=True)
class WebOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    page_size: int = 25
    max_page_size: int = 100
    max_query_chars: int = 200
    allow_ingest: bool = False
    max_ingest_bytes: int = 20_000_000  # one POST /api/ingest body (only with allow_ingest)
    # the stories list builds missing briefs (for their contradiction counts) for at most this long per
    # page load; the rest show "–" until a later load or a visit to the story (0: never build)
    list_brief_budget_s: float = 0.5
    # Host header values the app answers to; a DNS-rebinding page gets 400. "*" turns the check off
    # (needed behind a reverse proxy or when binding 0.0.0.0 without naming the host here).
    allowed_hosts: list[str] = field(default_factory=lambda: ["127.0.0.1", "localhost", "::1"])


def _check_value(name: str, value: Any, default: Any) -> None:
    """Raise :class:`ConfigError` unless ``value`` has the type of the option's default (a text option
    may be None, a float option an integer) and, when a number, is not negative: a size bound given as
    "lots" or -5 would otherwise fail deep inside a reader."""
    if isinstance(default, bool):
        ok, kind = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        ok, kind = isinstance(value, int) and not isinstance(value, bool), "a whole number"
    elif isinstance(default, float):
        ok, kind = isinstance(value, (int, float)) and not isinstance(value, bool), "a number"
    elif isinstance(default, list):
        ok, kind = isinstance(value, list), "a list"
    elif default is None or isinstance(default, str):
        ok, kind = value is None or isinstance(value, str), "a string"
    else:
        ok, kind = True, ""
    if not ok:
        raise ConfigError(f"option {name} must be {kind}, not {value!r}"[:300])
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        raise ConfigError(f"option {name} must not be negative (got {value})")


@dataclass(kw_only=True, slots=True)
class Options:
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    nlp: NlpOptions = field(default_factory=NlpOptions)
    group: GroupOptions = field(default_factory=GroupOptions)
    brief: BriefOptions = field(default_factory=BriefOptions)
    store: StoreOptions = field(default_factory=StoreOptions)
    web: WebOptions = field(default_factory=WebOptions)

    @classmethod
    def from_toml(cls, path: str | Path) -> Options:
        """Defaults overlaid with the tables of a TOML file."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read options file {path}: {exc}") from exc
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Options:
        opts = cls()
        for section, values in data.items():
            if section not in {f.name for f in dataclasses.fields(cls)}:
                raise ConfigError(f"unknown options section [{section}]")
            if not isinstance(values, dict):
                raise ConfigError(f"options section [{section}] must be a table")
            sub = getattr(opts, section)
            known = {f.name: f for f in dataclasses.fields(sub)}
            for key, value in values.items():
                if key not in known:
                    raise ConfigError(f"unknown option {section}.{key}")
                _check_value(f"{section}.{key}", value, getattr(sub, key))
                setattr(sub, key, value)
        return opts

    @classmethod
    def default(cls) -> Options:
        """Defaults, overlaid with ``STORYDESK_CONFIG`` when that variable names a file."""
        path = os.environ.get("STORYDESK_CONFIG")
        return cls.from_toml(path) if path else cls()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
