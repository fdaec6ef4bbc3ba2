"""The attribute-bomb guard reads a page the way the HTML parser (libxml2 2.14, an HTML5 tokenizer) does:
tags hidden after comments, scripts and quoted values are still cut, markup that is only text to the
parser (in quotes, comments, raw-text elements) is left alone, and no crafted page makes the scan itself
re-read the page once per "<" (each check below would take minutes with a restarting search)."""

import random

import pytest
from lxml import html as lxml_html

from storydesk.extraction.safety import MAX_ATTRIBUTES, cap_attributes

WIDE = MAX_ATTRIBUTES + 500
BOMB = "<div " + " ".join(f"b{i}" for i in range(WIDE)) + ">"
PAGE = (
    "<html><head><title>Tollund ferry timetable</title></head><body>{}"
    "<p>The last ferry leaves at nine.</p></body></html>"
)


def _attr_counts(html: str) -> list[int]:
    root = lxml_html.document_fromstring(html)
    return [len(el.attrib) for el in root.iter() if isinstance(el.tag, str)]


def _widest(html: str) -> int:
    return max(_attr_counts(html))


def test_quoted_values_full_of_tag_openings_are_one_attribute_each():
    # the crafted page that made the old search quadratic: 2.4 MB of it took 25 s
    value = "<a " * 900
    page = PAGE.format("".join(f'<div v="{value}">x</div>' for _ in range(300)))
    assert cap_attributes(page) == (page, 0)
    assert _widest(page) == 1


def test_a_bomb_after_values_full_of_tag_openings_is_cut_to_the_cap():
    value = "<a " * 900
    page = PAGE.format("".join(f'<i v="{value}">x</i>' for _ in range(50)) + BOMB + "</div>")
    out, n = cap_attributes(page)
    assert n == 1
    assert _widest(page) == WIDE and _widest(out) == MAX_ATTRIBUTES
    assert out.endswith("><p>The last ferry leaves at nine.</p></body></html>")


@pytest.mark.parametrize("name_length", [1, 64, 65, 66, 300, 5000])
def test_long_tag_names_do_not_hide_a_bomb(name_length):
    name = "d" + "x" * (name_length - 1)
    page = PAGE.format(BOMB.replace("<div ", f"<{name} ", 1))
    assert _widest(page) == WIDE
    out, n = cap_attributes(page)
    assert n == 1
    assert _widest(out) == MAX_ATTRIBUTES


@pytest.mark.parametrize(
    "prefix",
    [
        "<script>var s = '<a b=\"';</script>",  # a quote inside script text opens no value
        "<style>p::after { content: '<a b=\"' }</style>",
        '<title>Ferry <a b="x</title>',
        '<textarea><a b="</textarea>',
        '<iframe><a b="</iframe>',
        '<!-- <a b=" -->',
        "<!-->",  # a whole comment (the "-->" after the bomb is text)
        "<!--->",
        "<!-- x --!>",
        '<!DOCTYPE html SYSTEM "<a b=">',  # a doctype ends at ">" even inside its quotes
        '<?xml <a b="?>',
        '</ b=">',  # "</" and a space: a bogus comment up to the first ">"
        '<script><!--<script></script><a b="</script>',  # the double-escaped script state
        "<p title='x'data-b=\"1\"/>",
        "<SCRIPT>x = '</script'</ScRiPt>",
    ],
)
def test_a_bomb_after_markup_that_looks_like_an_open_quote_is_still_cut(prefix):
    page = PAGE.format(prefix + BOMB + "</div>-->")
    assert _widest(page) == WIDE  # the parser does read the bomb as a tag
    out, n = cap_attributes(page)
    assert n == 1
    assert _widest(out) == MAX_ATTRIBUTES


@pytest.mark.parametrize(
    "wrap",
    [
        "<script>{}</script>",
        "<script><!--<script>{}</script>--></script>",
        "<style>{}</style>",
        "<textarea>{}</textarea>",
        "<title>{}</title>",
        "<!--{}-->",
        '<p data-html="{}">x</p>',
        "</p x='{}'>",  # quotes in an end tag
        "<plaintext>{}",
    ],
)
def test_a_bomb_the_parser_reads_as_text_is_left_alone(wrap):
    page = PAGE.format(wrap.format(BOMB.replace('"', "")))
    assert _widest(page) <= 1
    assert cap_attributes(page) == (page, 0)


def test_the_attributes_of_an_end_tag_are_read_but_not_cut():
    # the parser drops them without comparing them, and a quoted ">" in them does not end the tag
    attrs = " ".join(f"e{i}" for i in range(WIDE))
    page = PAGE.format(f'<p>x</p {attrs} q=">{BOMB}">')
    assert _widest(page) == 0
    assert cap_attributes(page) == (page, 0)


def test_a_wide_raw_text_element_is_cut_and_its_text_still_skipped():
    attrs = " ".join(f"s{i}" for i in range(WIDE))
    page = PAGE.format(f"<script {attrs}>var t = '<a b=\"';</script>" + BOMB + "</div>")
    out, n = cap_attributes(page)
    assert n == 2
    assert _widest(out) == MAX_ATTRIBUTES
    assert "var t = '<a b=\"';</script>" in out


def test_every_wide_tag_keeps_its_first_attributes_in_order():
    page = PAGE.format(BOMB + "<b>" + BOMB.replace("<div", "<span") + "</span></b></div>")
    out, n = cap_attributes(page)
    assert n == 2
    root = lxml_html.document_fromstring(out)
    for tag in ("div", "span"):
        (el,) = root.iter(tag)
        assert list(el.attrib) == [f"b{i}" for i in range(MAX_ATTRIBUTES)]


def test_a_tag_cut_off_by_the_end_of_the_page_returns():
    out, n = cap_attributes("<p>x</p>" + BOMB[:-1])
    assert n == 1
    assert out == "<p>x</p>" + "<div " + " ".join(f"b{i}" for i in range(MAX_ATTRIBUTES))


def test_white_space_outside_ascii_neither_splits_nor_ends_a_value():
    # libxml2 skips only HTML white space before a value: "=\xa0" starts an unquoted value, so the
    # quoted ">" after it ends the tag and the bomb behind it is a tag
    page = PAGE.format('<p v=\xa0"x>' + BOMB + '">')
    assert _widest(page) == WIDE
    out, n = cap_attributes(page)
    assert n == 1 and _widest(out) == MAX_ATTRIBUTES


# fmt: off
PIECES = [
    "<", ">", '"', "'", "=", " ", "/", "-", "!", "?", "<!--", "-->", "--!>", "<!-", "<script>", "</script>",
    "<script ", "</script ", "<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>",
    "<p", "<div", "</p", "a", "x=", ' y="', " z='", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<svg>",
    "<noscript>", "<plaintext>", "\n", "\t", "\xa0", "`", "<a ", "SCRIPT", "<iframe>", "</iframe>", "<xmp>",
]
# fmt: on


def test_random_markup_before_a_bomb_never_hides_it_from_the_guard():
    # differential check against the parser itself: whenever it reads the bomb as a tag, the guard
    # cuts it; whenever it reads it as text, the guard leaves the page alone
    rng = random.Random(20261124)
    seen_tag = seen_text = 0
    for _ in range(250):
        pre = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        post = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))
        page = PAGE.format(pre + BOMB + post)
        out, n = cap_attributes(page)
        if _widest(page) > MAX_ATTRIBUTES:
            seen_tag += 1
            assert n >= 1 and _widest(out) <= MAX_ATTRIBUTES, (pre, post)
        else:
            seen_text += 1
            assert n == 0, (pre, post)
    assert seen_tag > 50 and seen_text > 20  # both sides of the check were exercised
