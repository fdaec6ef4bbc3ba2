"""No input crashes the readers: arbitrary bytes, near-valid containers and odd text all end as articles
or Problems."""

import gzip
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storydesk.extraction import extract_bytes
from storydesk.extraction.encoding import decode_bytes
from storydesk.extraction.text import clean_paragraphs, clean_text
from storydesk.errors import InputError
from storydesk.records import Article, Problem

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KINDS = st.sampled_from([None, "html", "txt", "json", "jsonl", "warc"])
NAMES = st.sampled_from(["x", "a.html", "a.txt", "a.json", "a.jsonl", "a.warc", "a.warc.gz", "a.html.gz"])

html_bits = st.sampled_from(
    [
        "<html>",
        "<body>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<script>",
        "<!--",
        "-->",
        "<meta charset='x'>",
        "<article>",
        "&amp;",
        "&#0;",
        "<br>",
        "\x00",
        "\u202e",
    ]
)
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
pseudo_html = st.lists(st.one_of(html_bits, words), max_size=60).map("".join)


def _check(arts, probs):
    assert all(isinstance(a, Article) for a in arts)
    assert all(isinstance(p, Problem) and p.code.startswith("SD") for p in probs)


@SETTINGS
@given(data=st.binary(max_size=3000), kind=KINDS, name=NAMES)
def test_arbitrary_bytes(data, kind, name):
    _check(*extract_bytes(data, source=name, kind=kind))


@SETTINGS
@given(text=pseudo_html, kind=st.sampled_from([None, "html", "txt"]))
def test_tag_soup(text, kind):
    _check(*extract_bytes(text.encode("utf-8", "surrogatepass"), source="page", kind=kind))


@SETTINGS
@given(data=st.binary(max_size=500))
def test_gzip_wrapped_noise(data):
    _check(*extract_bytes(gzip.compress(data), source="a.html.gz"))
    _check(*extract_bytes(b"WARC/1.0\r\n" + data, source="a.warc"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | words,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["url", "title", "text", "html", "date", "source", "authors", "language", "body", "articles"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@SETTINGS
@given(value=json_values)
def test_json_records(value):
    data = json.dumps(value).encode()
    _check(*extract_bytes(data, source="a.json"))
    _check(*extract_bytes(data + b"\n" + data, source="a.jsonl"))


@SETTINGS
@given(text=st.text(max_size=3000))
def test_text_cleaner_never_raises(text):
    r = clean_text(text)
    assert all(p.strip() for p in r.paragraphs)
    clean_paragraphs(text.split("\n"))


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_input_error(data):
    try:
        text, enc = decode_bytes(data, html=True)
    except InputError:
        return
    assert isinstance(text, str) and enc
