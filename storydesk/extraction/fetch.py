"""Fetch a page the user named by URL: the only time storydesk touches the network.

httpx does the HTTP (redirects, Content-Encoding, timeouts); this module only bounds it: the body is
read as a stream and cut off past ``max_file_bytes`` *after* decompression (so a gzip-encoded bomb stops
there), only http(s) URLs are fetched, redirects are limited, and every failure is a FetchError for that
URL, so the rest of the batch goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError, TooLargeError
from ..options import ExtractOptions

__all__ = ["Fetched", "fetch_url", "is_url"]

_URL = re.compile(r"^https?://", re.IGNORECASE)


def is_url(source: str) -> bool:
    """Whether a source given on the command line is an http(s) URL to fetch."""
    return bool(_URL.match(source))


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    url: str  # after redirects
    kind: str | None  # "html", "txt", "json" from the Content-Type; None: sniff the bytes


def _kind(content_type: str) -> str | None:
    ct = content_type.split(";")[0].strip().lower()
    if "html" in ct or ct == "application/xhtml+xml":
        return "html"
    if ct == "text/plain":
        return "txt"
    if ct in {"application/json", "text/json"}:
        return "json"
    if ct in {"application/x-ndjson", "application/jsonl", "application/json-lines"}:
        return "jsonl"
    return None


def fetch_url(url: str, opts: ExtractOptions) -> Fetched:
    """The body of ``url`` (bounded), its final URL and its kind. Raises FetchError / TooLargeError."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise FetchError("only http(s) URLs with a host are fetched", source=url)
    limit = opts.max_file_bytes
    headers = {"User-Agent": "storydesk (+https://pypi.org/project/storydesk/)", "Accept": "text/html,*/*;q=0.8"}
    try:
        with httpx.Client(follow_redirects=True, max_redirects=opts.max_redirects, timeout=opts.fetch_timeout,
                          headers=headers) as client, client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"the server answered {resp.status_code} {resp.reason_phrase}", source=url)
            declared = resp.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit and "Content-Encoding" not in resp.headers:
                raise TooLargeError(f"the page is {int(declared):,} bytes, over max_file_bytes ({limit:,})",
                                    source=url)
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():  # decoded (gzip/deflate/br) bytes, chunk by chunk
                size += len(chunk)
                if size > limit:
                    raise TooLargeError(f"the page is over max_file_bytes ({limit:,}) once decoded", source=url)
                chunks.append(chunk)
            final = str(resp.url)
            if urlsplit(final).scheme.lower() not in {"http", "https"}:
                raise FetchError("redirected away from http(s)", source=url)
            return Fetched(b"".join(chunks), final, _kind(resp.headers.get("Content-Type", "")))
    except (FetchError, TooLargeError):
        raise
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {opts.max_redirects} redirects", source=url) from None
    except httpx.TimeoutException:
        raise FetchError(f"no answer within {opts.fetch_timeout:g} s", source=url) from None
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise FetchError(f"cannot fetch ({type(exc).__name__}: {str(exc)[:200]})", source=url) from None
