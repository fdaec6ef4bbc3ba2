"""Check that examples/answer_key.json agrees with the files in examples/corpus.

Every evidence text must occur verbatim in the text of its article, loaded as follows:
  .txt / .html   the raw file (UTF-8)
  .html.gz       the decompressed file
  .json          the record's string fields (title, text, ...) joined by newlines
  .jsonl         the same, for the record whose "url" is the article's url
  .warc.gz       the HTTP payload of the response record whose target URI is the article's url

Run: .venv/bin/python examples/check_answer_key.py   (exit status 1 on any failure)
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

HERE = Path(__file__).resolve().parent
KEY = HERE / "answer_key.json"
MAX_CORPUS_BYTES = 200_000
TYPES = {
    "quote_direct", "quote_indirect", "attribution", "hedge", "denial", "contradiction", "compatible",
    "name_variant", "acronym", "citation", "independence", "single_source", "corroborated", "boilerplate",
}


def _record_text(record: dict) -> str:
    return "\n".join(str(v) for v in record.values() if isinstance(v, str))


def load_article_text(article: dict, base: Path = HERE) -> str:
    """Return the text an evidence string is matched against (see module docstring)."""
    path = base / article["file"]
    fmt = article["format"]
    if fmt in ("txt", "html"):
        return path.read_text(encoding="utf-8")
    if fmt == "html.gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    if fmt == "json":
        return _record_text(json.loads(path.read_text(encoding="utf-8")))
    if fmt == "jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record.get("url") == article["url"]:
                    return _record_text(record)
        raise KeyError(f"no record with url {article['url']} in {path}")
    if fmt == "warc":
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == article["url"]:
                    return record.content_stream().read().decode("utf-8")
        raise KeyError(f"no response record for {article['url']} in {path}")
    raise ValueError(f"unknown format {fmt!r}")


def check(key_path: Path = KEY) -> list[str]:
    """Return a list of problems (empty when the key and the corpus agree)."""
    key = json.loads(key_path.read_text(encoding="utf-8"))
    base = key_path.parent
    problems: list[str] = []
    texts = {aid: load_article_text(a, base) for aid, a in key["articles"].items()}

    for aid, article in key["articles"].items():
        if article["title"] not in texts[aid]:
            problems.append(f"{aid}: title not found")
        if article["story"] not in key["stories"] or aid not in key["stories"][article["story"]]:
            problems.append(f"{aid}: not listed under its story")

    seen: set[str] = set()
    for item in key["items"]:
        iid = item["id"]
        if iid in seen:
            problems.append(f"duplicate item id {iid}")
        seen.add(iid)
        if item["type"] not in TYPES:
            problems.append(f"{iid}: unknown type {item['type']}")
        if not item["evidence"]:
            problems.append(f"{iid}: no evidence")
        for ev in item["evidence"]:
            if ev["article"] not in texts:
                problems.append(f"{iid}: unknown article {ev['article']}")
            elif ev["text"] not in texts[ev["article"]]:
                problems.append(f"{iid}: not found in {ev['article']}: {ev['text'][:80]!r}")
        expected = item.get("expected", {})
        if item["type"] == "boilerplate" and expected.get("match") == "whole_line":
            lines = set(texts[expected["article"]].splitlines())
            keep, remove = expected["must_keep"], expected["must_remove"]
            for line in keep + remove + expected.get("either", []):
                if line not in lines:
                    problems.append(f"{iid}: not a whole line: {line[:80]!r}")
            if set(keep) & set(remove):
                problems.append(f"{iid}: must_keep and must_remove overlap")
        for ref in ("contradicts_item", "answers_item", "contradicted_by_item"):
            if ref in expected and expected[ref] not in {i["id"] for i in key["items"]}:
                problems.append(f"{iid}: {ref} points to unknown item {expected[ref]}")

    size = sum(p.stat().st_size for p in (base / "corpus").rglob("*") if p.is_file())
    if size >= MAX_CORPUS_BYTES:
        problems.append(f"corpus is {size} bytes, limit {MAX_CORPUS_BYTES}")
    return problems


def main() -> int:
    problems = check()
    for problem in problems:
        print("FAIL", problem)
    if not problems:
        key = json.loads(KEY.read_text(encoding="utf-8"))
        print(f"OK: {len(key['items'])} items, {len(key['articles'])} articles")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
