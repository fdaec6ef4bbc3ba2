"""Hostile input the readers must survive with a clear per-file answer: terminal escapes and script URLs
in article fields, tags with a huge number of attributes, oversized texts and pages, JSON with millions
of tiny values, UTF-16 without a byte-order mark, gzip inside gzip, empty folders and symbolic-link
loops. Every input is generated small (bombs by compression)."""

import gzip
import io
import json
import os

import pytest

from storydesk.extraction import expand_sources, extract, extract_bytes
from storydesk.extraction.safety import MAX_ATTRIBUTES, cap_attributes, clean_field, clean_url
from storydesk.options import Options

ESC = "\x1b"
PARAS = [
    "The council of Brenvik voted on Tuesday to keep the night ferry to Ostra running through the winter, "
    "the council's transport committee said after a meeting that lasted four hours.",
    "Committee chair Halla Movik said the ferry carried more than 300 passengers a night in December and "
    "that cutting it would leave shift workers at the Ostra fish plant without a way home.",
    "The ferry operator, Brenvik Sound Lines, had asked for a subsidy of 1.2 million crowns, which the "
    "council granted in full, according to the committee's minutes published on Wednesday.",
]
TEXT = "Brenvik keeps its night ferry\n\n" + "\n\n".join(PARAS) + "\n"
HTML = ("<html><head><title>Brenvik keeps its night ferry</title></head><body><article>"
        "<h1>Brenvik keeps its night ferry</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</article></body></html>")


def _opts(**extract) -> Options:
    opts = Options()
    opts.extract.language = None
    for k, v in extract.items():
        setattr(opts.extract, k, v)
    return opts


def _one(data: bytes, source: str, **extract):
    arts, probs = extract_bytes(data, source=source, options=_opts(**extract))
    return arts, probs


# ------------------------------------------------------------------ escapes and URLs in article fields

def test_terminal_escapes_and_script_urls_never_reach_an_article():
    rec = {
        "title": f"Ferry {ESC}[31mvote{ESC}[0m \u009b2J",
        "outlet": f"Brenvik {ESC}]0;owned{ESC}\\Post",
        "authors": [f"Ada {ESC}[5mQuist"],
        "url": "javascript:alert(document.cookie)",
        "text": "\n\n".join([PARAS[0] + f" {ESC}[2J{ESC}[1;1H", f"{ESC}]8;;http://evil.example/{ESC}\\here{ESC}]8;;"
                             f"{ESC}\\ " + PARAS[1], PARAS[2] + " \x00\x07\x08"]),
    }
    arts, probs = _one(json.dumps(rec).encode(), "rec.json")
    assert len(arts) == 1, probs
    a = arts[0]
    dumped = json.dumps(a.model_dump(mode="json"), ensure_ascii=False)
    for bad in (ESC, "\x00", "\x07", "\x08", "\u009b", "[31m", "[2J", "]8;;", "]0;"):
        assert bad not in dumped, bad
    assert a.url is None  # a javascript: address is not the page's URL
    assert a.title == "Ferry vote \u203a2J"  # an 8-bit CSI is Windows-1252's "›", printable
    assert a.outlet == "Brenvik Post" and a.authors == ["Ada Quist"]
    assert "here" in a.text and "Committee chair Halla Movik" in a.text


def test_escapes_in_a_text_file_are_text_not_binary():
    # a scrape with colour codes is text: it is read, and the codes are gone
    data = (f"{ESC}[1mBrenvik keeps its night ferry{ESC}[0m\n\n" + "\n\n".join(
        f"{ESC}[32m{p}{ESC}[0m" for p in PARAS)).encode()
    arts, probs = _one(data, "colour.txt")
    assert len(arts) == 1, probs
    assert ESC not in arts[0].text and "[32m" not in arts[0].text and "[0m" not in (arts[0].title or "")


@pytest.mark.parametrize("url, kept", [
    ("https://brenvik.example/ferry", True), ("http://brenvik.example/a?b=1", True),
    ("brenvik.example/ferry", True), ("/news/ferry", True),
    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False), ("data:text/html,<b>x</b>", False),
    ("file:///etc/passwd", False), ("vbscript:msgbox(1)", False), ("java\tscript:alert(1)", False),
    ("http:///nohost", False),
])
def test_clean_url_keeps_http_and_scheme_less_addresses_only(url, kept):
    assert (clean_url(url) is not None) is kept


def test_clean_field_maps_cp1252_controls_and_drops_the_rest():
    assert clean_field("don\u0092t \u0093stop\u0094\u0081 \x0cnow\x00") == "don\u2019t \u201cstop\u201d now"


# ------------------------------------------------------------------ HTML the parser would choke on

def test_a_tag_with_thousands_of_attributes_is_cut_and_the_article_found():
    # libxml2 compares each attribute with all earlier ones: a million of them took hours
    attrs = " ".join(f'data-a{i}="{i}"' for i in range(5 * MAX_ATTRIBUTES))
    page = HTML.replace("<article>", f"<article {attrs}>")
    arts, probs = _one(page.encode(), "attrs.html")
    assert len(arts) == 1, probs
    assert "Halla Movik" in arts[0].text
    assert any(p.code == "SD103" and "attributes" in p.message for p in probs), probs


def test_cap_attributes_leaves_ordinary_pages_alone():
    assert cap_attributes(HTML) == (HTML, 0)
    many_small = "".join(f'<i class="c{i}" id="i{i}">x</i>' for i in range(3 * MAX_ATTRIBUTES))
    assert cap_attributes(many_small) == (many_small, 0)
    # a quoted '>' inside a value does not end the tag early
    page = "<div " + " ".join(f'a{i}=">"' for i in range(MAX_ATTRIBUTES + 5)) + "><p>x</p></div>"
    out, n = cap_attributes(page)
    assert n == 1 and out.count("=") == MAX_ATTRIBUTES and out.endswith("><p>x</p></div>")


def test_an_oversized_page_is_parsed_up_to_the_bound_with_a_warning():
    page = HTML.replace("</article>", "</article>" + "<p>filler text</p>" * 2000)
    arts, probs = _one(page.encode(), "big.html", max_html_chars=len(HTML))
    assert len(arts) == 1, probs
    assert any("max_html_chars" in p.message and p.level == "warning" for p in probs), probs
    assert any("max_html_chars" in w for w in arts[0].warnings)


def test_an_oversized_one_line_text_is_cut_before_cleaning():
    # before the bound, a 45 MB one-line text (65 KB gzipped) took 1.5 GB in the cleaner
    data = gzip.compress(TEXT.encode() + b"word " * 400_000)
    arts, probs = _one(data, "oneline.txt.gz", max_text_chars=50_000)
    assert len(arts) == 1, probs
    assert any("max_text_chars" in p.message for p in probs), probs
    assert sum(len(p) for p in arts[0].paragraphs) <= 50_000


def test_a_cut_page_with_no_article_left_says_it_was_cut():
    page = "<html><body>" + "<div>" * 5000 + "".join(f"<p>{p}</p>" for p in PARAS)
    arts, probs = _one(page.encode(), "late.html", max_html_chars=1000)
    assert arts == [] and probs[0].code == "SD107" and "max_html_chars" in probs[0].message


# ------------------------------------------------------------------ JSON

def test_a_json_bomb_of_tiny_values_is_refused_before_parsing():
    # 6 million empty arrays: 12 MB of text, 1.6 GB as Python lists; a few KB gzipped
    data = gzip.compress(b"[" + b"[]," * 6_000_000 + b"[]]")
    assert len(data) < 50_000
    arts, probs = _one(data, "bomb.json.gz")
    assert arts == [] and len(probs) == 1
    assert probs[0].code == "SD103" and "max_json_values" in probs[0].message


def test_json_under_the_value_bound_is_read_and_strings_do_not_count():
    recs = [{"title": f"Ferry {i}", "text": TEXT.replace("Brenvik", f"Brenvik{i}") + ", , [ {" * 50}
            for i in range(3)]
    arts, probs = _one(json.dumps(recs).encode(), "ok.json", max_json_values=40)
    assert len(arts) == 3, probs


def test_json_lines_in_a_json_file_over_the_value_bound_are_streamed():
    line = json.dumps({"title": "Ferry", "text": TEXT, "tags": list(range(30))})
    arts, probs = _one(("\n".join([line] * 3) + "\n").encode(), "lines.json", max_json_values=40)
    assert len(arts) >= 1 and not [p for p in probs if p.level == "error"], probs


# ------------------------------------------------------------------ encodings and compression

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_text_and_html_with_or_without_a_byte_order_mark(codec):
    for name, content in (("page.txt", TEXT), ("page.html", HTML)):
        arts, probs = _one(content.encode(codec), name)
        assert len(arts) == 1, (codec, name, probs)
        assert "Halla Movik" in arts[0].text


def test_utf16_json_lines_are_read(tmp_path):
    line = json.dumps({"title": "Brenvik keeps its night ferry", "text": "\n\n".join(PARAS)})
    f = tmp_path / "export.jsonl"
    f.write_bytes(("\n".join([line, line.replace("Brenvik", "Ostra")]) + "\n").encode("utf-16-le"))
    r = extract(f, options=_opts())
    assert len(r.articles) == 2, r.problems


def test_gzip_inside_gzip_is_read_and_too_deep_nesting_is_refused(tmp_path):
    twice = gzip.compress(gzip.compress(HTML.encode()))
    f = tmp_path / "page.html.gz"
    f.write_bytes(twice)
    r = extract(f, options=_opts())
    assert len(r.articles) == 1, r.problems
    arts, probs = _one(twice, "page.html.gz", max_gzip_layers=1)
    assert arts == [] and probs[0].code == "SD105" and "max_gzip_layers" in probs[0].message


def test_nested_gzip_bomb_stops_at_the_decompression_bound():
    bio = io.BytesIO()
    with gzip.GzipFile(fileobj=bio, mode="wb") as g:
        for _ in range(20):
            g.write(b"a" * 1_000_000)
    arts, probs = _one(gzip.compress(bio.getvalue()), "bomb.txt.gz.gz", max_decompressed_bytes=5_000_000)
    assert arts == [] and probs[0].code == "SD103"


# ------------------------------------------------------------------ the file system

def test_an_empty_folder_named_like_a_page_is_reported(tmp_path):
    (tmp_path / "page.html").mkdir()
    r = extract([tmp_path / "page.html"], options=_opts())
    assert r.articles == [] and [p.code for p in r.problems] == ["SD101"], r.problems
    assert "folder" in r.problems[0].message


def test_symbolic_link_loops(tmp_path):
    (tmp_path / "a.html").symlink_to(tmp_path / "b.html")
    (tmp_path / "b.html").symlink_to(tmp_path / "a.html")
    r = extract([tmp_path / "a.html"], options=_opts())
    assert [p.code for p in r.problems] == ["SD100"] and "symbolic link" in r.problems[0].message
    # a directory link back to its parent: a recursive glob follows it until the system's limit
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "story.txt").write_text(TEXT)
    (tmp_path / "d" / "up").symlink_to(tmp_path / "d")
    found = expand_sources([str(tmp_path / "d" / "**" / "*.txt")])
    assert len(found) == 1, found[:5]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_a_problem_and_the_batch_goes_on(tmp_path):
    bad = tmp_path / "locked.html"
    bad.write_text(HTML)
    bad.chmod(0)
    good = tmp_path / "open.txt"
    good.write_text(TEXT)
    try:
        r = extract([bad, good], options=_opts())
    finally:
        bad.chmod(0o644)
    assert len(r.articles) == 1 and len(r.problems) == 1 and "ermission" in r.problems[0].message


def test_a_permission_error_is_a_problem_and_the_batch_goes_on(tmp_path, monkeypatch):
    # the same as above where tests run as root (which reads any file): the open call refuses
    import pathlib

    bad = tmp_path / "locked.html"
    bad.write_text(HTML)
    good = tmp_path / "open.txt"
    good.write_text(TEXT)
    real_open = pathlib.Path.open

    def refuse(self, *a, **k):
        if self.name == "locked.html":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **k)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    r = extract([bad, good], options=_opts())
    assert len(r.articles) == 1 and len(r.problems) == 1, r.problems
    assert r.problems[0].source == str(bad) and "Permission denied" in r.problems[0].message


def test_a_page_with_too_many_tags_is_cut_at_the_tag_bound():
    # memory follows elements, not characters: 8 MB of "<i>x</i>" took 1.9 GB in trafilatura
    page = HTML.replace("</article>", "</article>" + "<i>x</i>" * 5000)
    arts, probs = _one(page.encode(), "tags.html", max_html_tags=HTML.count("<") + 10)
    assert len(arts) == 1, probs
    assert any("max_html_tags" in p.message for p in probs), probs


def test_a_json_integer_too_long_to_convert_is_a_record_error_and_the_batch_goes_on(tmp_path):
    # Python refuses int("9" * 5000); json.loads raised a bare ValueError that ended the whole batch
    big = '{"text": "x", "n": ' + "9" * 5000 + "}"
    (tmp_path / "a.json").write_text(big)
    (tmp_path / "b.jsonl").write_text(big + "\n")
    (tmp_path / "c.txt").write_text(TEXT)
    r = extract(sorted(tmp_path.iterdir()), options=_opts())
    assert len(r.articles) == 1
    assert sorted(p.code for p in r.problems) == ["SD106", "SD106"], r.problems
