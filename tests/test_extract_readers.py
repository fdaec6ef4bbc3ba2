"""Readers: sources, JSON/JSONL records, WARC, gzip, stdin; source names inside containers."""

import gzip
import io
import json
from pathlib import Path

from storydesk.extraction import expand_sources, extract, extract_bytes, iter_extract
from storydesk.extraction.readers import sniff_kind
from storydesk.records import Article, Problem

FIX = Path(__file__).parent / "fixtures" / "extract"
BODY = (
    "The Oskar Quay lantern festival returns this month after the quay walls were repaired, the harbour "
    "trust said. About 3,000 lanterns will be floated and the trust expects 20,000 visitors.\n"
    "Quay Street will be closed to traffic from 4 p.m. on the day of the festival, the council said, and "
    "extra buses will run from the station until midnight."
)


def _warc(records: list[tuple[str, bytes, str]], *, gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "storydesk-tests"}))
    for url, payload, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        )
    return buf.getvalue()


def test_expand_sources_dirs_globs_missing_and_stdin(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.html").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    got = expand_sources([tmp_path, str(tmp_path / "*.html"), "missing.txt", "-"])
    assert got == [str(tmp_path / "1.html"), str(tmp_path / "b" / "2.txt"), "missing.txt", "-"]


def test_jsonl_records_with_field_variants(tmp_path):
    recs = [
        {
            "url": "https://www.brindlegazette.example/a",
            "headline": "Lantern festival returns",
            "body": BODY,
            "publishedAt": "2025-10-02T08:30:00Z",
            "source": {"name": "The Brindle Gazette"},
            "authors": ["Priya Olund"],
        },
        {
            "link": "https://news.example.org/b",
            "title": "Festival back",
            "html": "<html><body><article><h1>Festival back</h1><p>"
            + BODY.replace("\n", "</p><p>")
            + "</p></article></body></html>",
        },
        "not an object",
    ]
    f = tmp_path / "export.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n{broken\n", encoding="utf-8")
    items = list(iter_extract([f]))
    arts = [i for i in items if isinstance(i, Article)]
    probs = [i for i in items if isinstance(i, Problem)]
    assert [a.source for a in arts] == [f"{f}#record=0", f"{f}#record=1"]
    a, b = arts
    assert (a.title, a.outlet, a.published, a.authors) == (
        "Lantern festival returns",
        "The Brindle Gazette",
        "2025-10-02T08:30:00+00:00",
        ["Priya Olund"],
    )
    assert a.method == "json-text" and len(a.paragraphs) == 2
    assert b.method == "json-html" and b.outlet == "news.example.org" and b.title == "Festival back"
    assert {p.source: p.code for p in probs} == {f"{f}#record=2": "SD106", f"{f}#record=3": "SD106"}


def test_json_file_with_a_list_of_records(tmp_path):
    f = tmp_path / "export.json"
    f.write_text(
        json.dumps({"articles": [{"title": "One", "text": BODY}, {"title": "Two", "text": BODY + " Two."}]})
    )
    r = extract(f)
    assert [a.title for a in r.articles] == ["One", "Two"]
    assert r.articles[1].source == f"{f}#record=1"
    assert r.errors == 0


def test_warc_gz_html_responses_only(tmp_path):
    page = (FIX / "news_page.html").read_bytes()
    data = _warc(
        [
            ("https://www.brindlegazette.example/x", page, "text/html; charset=utf-8"),
            ("https://www.brindlegazette.example/logo.png", b"\x89PNG....", "image/png"),
        ]
    )
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(data)
    r = extract(f)
    assert r.errors == 0
    assert len(r.articles) == 1
    art = r.articles[0]
    assert art.source == f"{f}#record=1"
    assert art.title == "Lantern festival returns to Oskar Quay after four years"
    assert art.outlet == "The Brindle Gazette"
    # in-memory WARC bytes (the web ingest path) give the same article
    arts, probs = extract_bytes(data, source="upload.warc.gz")
    assert [x.id for x in arts] == [art.id] and probs == []


def test_gzipped_html_and_plain_warc(tmp_path):
    page = (FIX / "news_page.html").read_bytes()
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "c.warc").write_bytes(_warc([("https://b.example/x", page, "text/html")], gz=False))
    r = extract(tmp_path)
    assert len(r.articles) == 2 and r.errors == 0
    assert r.articles[0].id == r.articles[1].id  # same content, same id, whatever the container


def test_extract_bytes_kind_hint_and_sniffing():
    text = (FIX / "hardwrapped.txt").read_bytes()
    arts, probs = extract_bytes(text, source="upload", kind="txt")
    assert len(arts) == 1 and arts[0].method == "text-cleaner"
    arts2, _ = extract_bytes(text, source="upload")
    assert arts2[0].id == arts[0].id
    _, probs = extract_bytes(b"x", source="upload", kind="pdf")
    assert probs[0].code == "SD105"


def test_sniff_kind():
    assert sniff_kind("a.HTML.gz", b"") == "html"
    assert sniff_kind("x", b"WARC/1.0\r\n") == "warc"
    assert sniff_kind("x", b'{"a": 1}\n{"a": 2}\n') == "jsonl"
    assert sniff_kind("x", b'[{"a": 1}]') == "json"
    assert sniff_kind("x", b"<!DOCTYPE html><html>") == "html"
    assert sniff_kind("x", b"Plain words here.") == "txt"


def test_article_fields_from_html_fixture():
    r = extract(FIX / "news_page.html")
    a = r.articles[0]
    assert a.method == "trafilatura"
    assert a.url == "https://www.brindlegazette.example/culture/2025/10/02/lantern-festival-oskar-quay"
    assert a.published == "2025-10-02T08:30:00+00:00"
    assert a.authors == ["Priya Olund"] and a.language == "en"
    assert a.source == str(FIX / "news_page.html")
    assert len(a.id) == 24 and a.id == Article(source="elsewhere", title=a.title, paragraphs=a.paragraphs).id


def test_storydesk_extract_is_the_function_after_submodule_imports():
    import storydesk
    import storydesk.extraction.text  # noqa: F401 - the stage package is named apart from the function

    r = storydesk.extract(FIX / "hardwrapped.txt")
    assert len(r.articles) == 1 and r.errors == 0


def test_iter_extract_is_lazy_and_reports_each_source_done(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_bytes((FIX / "hardwrapped.txt").read_bytes())
    (tmp_path / "d" / "b.txt").write_bytes((FIX / "clean_article.txt").read_bytes())
    done: list[int] = []
    it = iter_extract([tmp_path / "d", tmp_path / "nope.txt"], on_source_done=lambda: done.append(1))
    first = next(it)
    assert isinstance(first, Article) and done == []
    rest = list(it)
    assert len(done) == 2  # a directory counts as one source
    assert [type(x).__name__ for x in rest] == ["Article", "Problem"]
