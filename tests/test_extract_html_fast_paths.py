"""The cheap paths of the HTML reader's guards still catch what they guard against: tags whose attributes
have no values, are jammed after quotes or split by slashes (libxml2 2.14 reads all of them as
attributes, at a cost that grows with the square of their number), control characters anywhere in a
long page, and binary bytes."""

import pytest
from lxml import html as lxml_html

from storydesk.errors import BinaryInputError
from storydesk.extraction import extract_bytes
from storydesk.extraction.encoding import check_not_binary
from storydesk.extraction.safety import MAX_ATTRIBUTES, cap_attributes, clean_paragraph
from storydesk.options import Options

PARAS = [
    (
        "The harbour board of Kelmsund agreed on Monday to dredge the inner basin before the spring herring "
        "season, the board's secretary said after a vote of five to two."
    ),
    (
        "Board member Oskar Tvede said the basin had silted up so badly that two trawlers ran aground in "
        "February and that the fish market lost a week of landings while they were towed free."
    ),
    (
        "The dredging will cost 4.5 million crowns, shared between the port and the county, according to "
        "the minutes the board published on Tuesday evening."
    ),
]
PAGE = (
    "<html><head><title>Kelmsund will dredge its basin</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in PARAS)
    + "</article><p>Closing line of the page.</p></body></html>"
)
N = 5 * MAX_ATTRIBUTES


def _widest_tag(html: str) -> int:
    return max(len(el.attrib) for el in lxml_html.fromstring(html).iter() if isinstance(el.tag, str))


@pytest.mark.parametrize(
    "attrs",
    [
        " ".join(f"a{i}" for i in range(N)),  # no values: no "=" on the page at all
        "".join(f'a{i}="{i}"' for i in range(N)),  # jammed after the closing quote
        "".join(f"a{i}='{i}'" for i in range(N)),
        "/".join(f"a{i}" for i in range(N)),  # slashes between names
        " ".join(f"a{i}=x{i}" for i in range(N)),  # unquoted values
        " ".join(f"<a{i}" for i in range(N)),  # names with "<" and quotes are names too
        " ".join(f'a"{i}' for i in range(N)),
    ],
    ids=["valueless", "jammed-double", "jammed-single", "slashes", "unquoted", "lt-names", "quote-names"],
)
def test_every_way_of_writing_many_attributes_is_cut(attrs):
    page = PAGE.replace("<article>", f"<article {attrs}>")
    assert _widest_tag(page) > MAX_ATTRIBUTES  # the parser does read them all
    out, n = cap_attributes(page)
    assert n == 1
    assert _widest_tag(out) <= MAX_ATTRIBUTES
    assert out.endswith(PAGE[PAGE.index("<article>") + len("<article") :])  # the rest of the page is kept


def test_a_page_whose_only_wide_tag_has_no_values_still_gives_its_article():
    page = PAGE.replace("<article>", "<article " + " ".join(f"a{i}" for i in range(N)) + ">")
    opts = Options()
    opts.extract.language = None
    arts, probs = extract_bytes(page.encode(), source="wide.html", options=opts)
    assert len(arts) == 1, probs
    assert "Oskar Tvede" in arts[0].text
    assert any(p.code == "SD103" and "attributes" in p.message for p in probs), probs


def test_ordinary_markup_is_not_counted_as_one_tag():
    many_tags = "".join(f'<i class="c{i}" id="i{i}" hidden>x</i>' for i in range(3 * MAX_ATTRIBUTES))
    assert cap_attributes(many_tags) == (many_tags, 0)
    assert cap_attributes(PAGE) == (PAGE, 0)


def test_clean_text_passes_and_one_control_character_anywhere_is_still_caught():
    long_clean = "Kelmsund’s board met on Monday — «as planned».\n\t" * 5000
    assert clean_paragraph(long_clean) == long_clean
    tail = long_clean + "end\x1b[31m red\x1b[0m \x93quoted\x94 \x00\x0bgap"
    assert clean_paragraph(tail) == long_clean + "end red \u201cquoted\u201d  gap"
    for bad in ("\x00", "\x08", "\x7f", "\x0c"):
        assert bad not in clean_paragraph(long_clean + bad)


def test_binary_check_counts_every_control_byte():
    text = b"Kelmsund harbour board minutes, Monday.\n" * 100
    check_not_binary(text)  # tabs, newlines, CR and form feeds are text
    check_not_binary(text + b"\x01\x02\x03")  # a few stray bytes are tolerated
    mixed = bytes(range(1, 9)) + bytes(range(14, 27)) + bytes(range(28, 32))
    with pytest.raises(BinaryInputError):
        check_not_binary(text + mixed * 10)


def test_a_utf8_page_with_controls_is_still_cleaned_when_read_from_bytes():
    # the decoder lets a page skip the reader's clean pass only when its bytes hold none of them
    dirty = PAGE.replace("Oskar Tvede said", "Oskar Tvede \u0093said\u0094 \x1b[31mloudly\x1b[0m")
    opts = Options()
    opts.extract.language = None
    arts, probs = extract_bytes(dirty.encode("utf-8"), source="dirty.html", options=opts)
    assert len(arts) == 1, probs
    assert "Oskar Tvede \u201csaid\u201d loudly" in arts[0].text
    assert "\x1b" not in arts[0].text and "[31m" not in arts[0].text
    clean, _ = extract_bytes(PAGE.encode("utf-8"), source="clean.html", options=opts)
    assert "Oskar Tvede said the basin" in clean[0].text
