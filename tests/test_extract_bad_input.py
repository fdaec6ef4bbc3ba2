"""Bad input: each bad source becomes a clear Problem with an error code, and the batch goes on."""

import gzip
from pathlib import Path

import pytest

from storydesk.extraction import extract, extract_bytes
from storydesk.options import Options

FIX = Path(__file__).parent / "fixtures" / "extract"


def _codes(result) -> dict[str, str]:
    return {Path(p.source.split("#")[0]).name: p.code for p in result.problems}


@pytest.fixture
def bad_dir(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"   \n\n")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "nul.txt").write_bytes(b"abc\x00\x01\x02" * 100)
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "tags.html").write_text("<html><body><div><p>Unclosed <b>tags<i> everywhere</p></div>")
    (tmp_path / "good.txt").write_bytes((FIX / "hardwrapped.txt").read_bytes())
    return tmp_path


def test_batch_goes_on_and_each_problem_has_a_code(bad_dir):
    r = extract(bad_dir)
    assert [Path(a.source).name for a in r.articles] == ["good.txt"]
    assert _codes(r) == {
        "empty.txt": "SD101",
        "blank.html": "SD101",
        "image.html": "SD102",
        "nul.txt": "SD102",
        "broken.json": "SD106",
        "tags.html": "SD107",
    }
    assert r.errors == 6
    assert all(p.level == "error" and p.message for p in r.problems)


def test_missing_file_is_a_problem_not_an_exception():
    r = extract(["does/not/exist.html"])
    assert r.articles == [] and r.problems[0].code == "SD100"
    assert "no such file" in r.problems[0].message


def test_file_over_the_size_bound(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes((FIX / "clean_article.txt").read_bytes() * 20)
    opts = Options()
    opts.extract.max_file_bytes = 1000
    r = extract(f, options=opts)
    assert r.problems[0].code == "SD103" and "size bound" in r.problems[0].message


def test_gzip_bomb_stops_at_the_decompression_bound(tmp_path):
    f = tmp_path / "bomb.html.gz"
    f.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000, compresslevel=9))
    opts = Options()
    opts.extract.max_decompressed_bytes = 1_000_000
    r = extract(f, options=opts)
    assert r.articles == [] and r.problems[0].code == "SD103"
    assert "bomb" in r.problems[0].message
    _, probs = extract_bytes(f.read_bytes(), source="bomb.html.gz", options=opts)
    assert probs[0].code == "SD103"


def test_jsonl_gz_bomb_is_bounded_while_streaming(tmp_path):
    f = tmp_path / "bomb.jsonl.gz"
    line = b'{"title": "x", "text": "' + b"word " * 200 + b'"}\n'
    f.write_bytes(gzip.compress(line * 5000))
    opts = Options()
    opts.extract.max_decompressed_bytes = 200_000
    r = extract(f, options=opts)
    assert r.problems[-1].code in ("SD103", "SD104")
    assert len(r.articles) < 200


def test_truncated_gzip_is_a_decode_error(tmp_path):
    f = tmp_path / "cut.html.gz"
    f.write_bytes(gzip.compress((FIX / "news_page.html").read_bytes())[:200])
    assert extract(f).problems[0].code == "SD104"


def test_undecodable_bytes_are_decoded_or_reported(tmp_path):
    f = tmp_path / "latin.txt"
    text = (FIX / "german_scrape.txt").read_text(encoding="utf-8")
    f.write_bytes(text.encode("cp1252"))
    r = extract(f)
    assert "Bürgermeisterin" in r.articles[0].text


def test_non_english_page_is_extracted_with_a_language_warning():
    r = extract(FIX / "german_scrape.txt")
    a = r.articles[0]
    assert a.language == "de"
    assert a.warnings and "'de'" in a.warnings[0]
    assert [(p.level, p.code) for p in r.problems] == [("warning", "SD108")]
    assert r.errors == 0


def test_language_check_can_be_switched_off():
    opts = Options()
    opts.extract.language = None
    assert extract(FIX / "german_scrape.txt", options=opts).problems == []


def test_too_short_text_is_no_article(tmp_path):
    f = tmp_path / "short.txt"
    f.write_text("Breaking: more soon.")
    assert extract(f).problems[0].code == "SD107"
