"""One definition each for what a headline-case line is (sentences.headline_case, read by speakers.py and
the brief's heading test) and what a bare party tag is (_common.PARTY_TAG, built from the same party and
state words as PARTY_STATE). Fictional lines."""

from __future__ import annotations

import pytest

from storydesk.nlp.components._common import PARTY_STATE, PARTY_TAG
from storydesk.nlp.components.sentences import headline_case


@pytest.mark.parametrize("line", ["Beck Wows the CPAC Crowd", "Chief Of Staff To Replace Ada Lind",
                                  "Reid: Ferry Should Be Moored Someplace Else"])
def test_sentences_headline_case_lines(line):
    assert headline_case(line)


@pytest.mark.parametrize("line", ["Ada Lind said the ferry would sail on Monday.",
                                  "NRA urges states to allow more armed officers in schools", "Kestle"])
def test_sentences_prose_and_sentence_case_are_no_headline_case(line):
    assert not headline_case(line)


@pytest.mark.parametrize("tag", ["R", "(D)", "D-Ga.", "(R-N.Y.)", "R-Texas", "I-Vt.", "GOP", "D-CT"])
def test_common_party_tag_is_a_whole_party_or_party_state_tag(tag):
    assert PARTY_TAG.match(tag)


@pytest.mark.parametrize("text", ["a Republican", "Rep. Ada House", "R-Kestle harbour", "Democratic leader"])
def test_common_party_tag_is_no_description(text):
    assert not PARTY_TAG.match(text)


def test_common_party_tag_and_party_state_read_the_same_tags():
    # the tag in running text and the same tag tested whole
    m = PARTY_STATE.search("Sen. Ada House (R-N.Y.) said")
    assert m is not None and PARTY_TAG.match(m.group(0))
