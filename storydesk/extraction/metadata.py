"""Article metadata: outlet names, dates, language guesses."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import lru_cache
from urllib.parse import urlsplit

__all__ = ["outlet_from", "normalize_date", "guess_language", "split_authors", "host_of"]


def host_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``; None for anything that is not an http(s)-like URL."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip() if "//" in url else "//" + url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def outlet_from(site_name: str | None, url: str | None) -> str | None:
    """The outlet: the page's own site name when it has one, else the URL host."""
    if site_name and isinstance(site_name, str):
        name = " ".join(site_name.split())
        if 0 < len(name) <= 120 and not name.startswith(("http://", "https://")):
            return name
    return host_of(url)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")


def normalize_date(value: object) -> str | None:
    """ISO 8601 (``YYYY-MM-DD`` or a full datetime when a time is given) from the many shapes dates come
    in; None when it is not a plausible publication date."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        secs = value / 1000 if value > 1e11 else value  # epoch milliseconds are common in JSON exports
        try:
            d = dt.datetime.fromtimestamp(secs, tz=dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return d.isoformat() if 1990 <= d.year <= 2100 else None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())[:80]
    if not text or not any(c.isdigit() for c in text):
        return None
    text = re.sub(
        r"^(published|updated|posted|last updated|first published|date)\s*:?\s*(on\s+)?", "", text, flags=re.I
    )
    from dateutil import parser

    try:
        if _ISO.match(text):
            d = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            with warnings.catch_warnings():  # "tzname CET not understood": the date part is still right
                warnings.simplefilter("ignore")
                d = parser.parse(text, fuzzy=True, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        return None
    if not 1990 <= d.year <= 2100:
        return None
    if _HAS_TIME.search(text) or "T" in text[10:11]:
        return d.isoformat()
    return d.date().isoformat()


_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\band\b|&|\||,(?!\s*(?:jr|sr|ii|iii)\b))\s*", re.I)
_AUTHOR_TAIL = re.compile(
    r"\b(senior|chief|staff|special|foreign|political|economics|correspondent|reporter|"
    r"writer|editor|in\s+[A-Z]).*$",
    re.I,
)


def split_authors(byline: str | None) -> list[str]:
    """Names from a byline: ``By A and B, Senior Correspondent`` -> ``["A", "B"]``."""
    if not byline:
        return []
    text = re.sub(r"^\s*(by|von|par|por|di|door)\s+", "", byline.strip(), flags=re.I)
    out: list[str] = []
    for part in _AUTHOR_SPLIT.split(text):
        part = _AUTHOR_TAIL.sub("", part).strip(" ,.-–—")
        words = part.split()
        if 1 <= len(words) <= 5 and part[:1].isupper() and not any(c.isdigit() for c in part):
            if part not in out:
                out.append(part)
    return out[:10]


# Small stopword sets for the fallback guesser: enough to tell the big European languages apart.
_STOPWORDS = {
    "en": "the of and to in is that for it was on with as he said by at from his be have are this".split(),
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch".split(),
    "fr": "le la les de des et en un une du est que pour dans qui sur pas par au avec il".split(),
    "es": "el la de que y en los del se las por un para con una su al es lo como más".split(),
    "it": "il di che la e per un in del non una sono le della si con al da gli".split(),
    "nl": "de het een van en in is op dat te zijn met voor niet die aan er ook".split(),
    "pt": "de que o a do da em um para com não uma os no se na por mais as dos".split(),
}


@lru_cache(maxsize=1)
def _langid():
    try:
        import py3langid
    except ImportError:  # optional: the stopword guess below is the fallback
        return None
    return py3langid


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell.

    py3langid (a pure-Python port of langid.py with a bundled model: no network, ~1 ms a page) when
    installed; otherwise the share of each language's commonest function words, which separates the big
    European languages reliably on a paragraph or more.
    """
    sample = text[:1200]  # a paragraph or two decides it; the cost grows with the length
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 8:
        return None
    lid = _langid()
    if lid is not None:
        lang, _ = lid.classify(sample)
        return lang
    scores = {lang: sum(1 for w in words if w in set(sw)) / len(words) for lang, sw in _STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 0.08 else None


# --------------------------------------------------------------------------- HTML head metadata

_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title", "headline"),
    "author": (
        "author",
        "article:author",
        "parsely-author",
        "dc.creator",
        "sailthru.author",
        "byl",
        "byline",
        "twitter:creator",
        "citation_author",
    ),
    "date": (
        "article:published_time",
        "og:published_time",
        "published_time",
        "publishdate",
        "publish-date",
        "pubdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "citation_publication_date",
        "article.published",
        "datepublished",
    ),
    "site_name": (
        "og:site_name",
        "application-name",
        "twitter:site",
        "publisher",
        "dc.publisher",
        "al:android:app_name",
    ),
    "url": ("og:url", "twitter:url", "parsely-link"),
}
_KEY_FIELD = {k: field for field, keys in _META_KEYS.items() for k in keys}


def _ld_objects(doc: object, depth: int = 0):
    if depth > 6:
        return
    if isinstance(doc, list):
        for x in doc[:50]:
            yield from _ld_objects(x, depth + 1)
    elif isinstance(doc, dict):
        yield doc
        if "@graph" in doc:
            yield from _ld_objects(doc["@graph"], depth + 1)


def _ld_name(v: object) -> str | None:
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        n = v.get("name")
        return n if isinstance(n, str) else None
    if isinstance(v, list):
        names = [n for n in (_ld_name(x) for x in v[:10]) if n]
        return ", ".join(names) or None
    return None


def html_metadata(tree) -> dict[str, str | None]:
    """Title, author, date, site name, URL and language from a page's meta tags, JSON-LD and markup.

    Reading these few places directly costs a fraction of trafilatura's full metadata search (which
    also scans the body for author and date patterns); news pages declare them here for search engines.
    """
    import json

    out: dict[str, str | None] = dict.fromkeys(("title", "author", "date", "site_name", "url", "language"))
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        field = _KEY_FIELD.get(key)
        content = meta.get("content")
        if field and content and content.strip() and not out[field]:
            out[field] = " ".join(content.split())[:500]
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            doc = json.loads(script.text[:200_000])
        except (ValueError, RecursionError):
            continue
        for obj in _ld_objects(doc):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if not any(
                isinstance(t, str) and ("Article" in t or t in ("Report", "BlogPosting", "WebPage"))
                for t in types
            ):
                continue
            for field, key in (("title", "headline"), ("date", "datePublished"), ("url", "url")):
                v = obj.get(key)
                if not out[field] and isinstance(v, str) and v.strip():
                    out[field] = " ".join(v.split())[:500]
            if not out["author"]:
                out["author"] = _ld_name(obj.get("author"))
            if not out["site_name"]:
                out["site_name"] = _ld_name(obj.get("publisher"))
    if not out["date"]:
        for t in tree.iterfind(".//time"):
            if t.get("datetime"):
                out["date"] = t.get("datetime")
                break
    if not out["url"]:
        for link in tree.iterfind(".//link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                out["url"] = link.get("href")
                break
    if not out["title"]:
        h1 = tree.find(".//h1")
        text = " ".join(h1.text_content().split()) if h1 is not None else ""
        if not text:
            text = " ".join((tree.findtext(".//title") or "").split())
            text = re.split(r"\s+[|–—·»]\s+|\s+-\s+", text)[0] if text else ""
        out["title"] = text[:500] or None
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    out["language"] = lang.split("-")[0].split("_")[0].lower()[:8] if lang else None
    if out["site_name"] and out["site_name"].startswith("@"):
        out["site_name"] = None  # a twitter handle, not a name
    return out
