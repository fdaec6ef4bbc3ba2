"""Speakers: a description keeps the abbreviation that opens it ("Lt. Governor", "U.S. Attorney"), and a
speaker mention the parse cut at its title ("Democratic Attorney" + "General Ada Kroll") is the person
named right after. Invented people."""

import pytest

from storydesk.nlp.annotate import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _speakers(doc):
    return [(q._.sd_speaker_name, q._.sd_speaker_description) for q in doc.spans["sd_quotes"]]


def test_speakers_description_keeps_a_split_abbreviation(nlp):
    doc = nlp("Lt. Governor Olav Brekke said the ferry would run on Sunday.")
    assert _speakers(doc) == [("Olav Brekke", "Lt. Governor")]


def test_speakers_description_keeps_a_dotted_acronym(nlp):
    doc = nlp("U.S. Attorney Ivo Brandt said his office was reviewing the matter.")
    assert _speakers(doc) == [("Ivo Brandt", "U.S. Attorney")]


def test_speakers_a_title_right_before_the_name_is_no_description(nlp):
    # guard: "Sen." before the name is the name's title, as before
    doc = nlp("Sen. Ada Kroll said the ferry would run.")
    assert _speakers(doc) == [("Ada Kroll", None)]


def test_speakers_a_speaker_cut_at_its_title_is_the_name_after_it(nlp):
    doc = nlp("Democratic Attorney General Ada Kroll, once thought to be a shoo-in for the harbour seat, "
              "finds herself on the ropes.")
    names = [n for n, _d in _speakers(doc)]
    assert names and all(n == "Ada Kroll" for n in names)


def test_speakers_an_abbreviated_title_before_an_untagged_name_is_no_description(nlp):
    # guard: "Gov." before a first name the NER did not tag stays the name's title, not its description
    doc = nlp("Gov. Olav Brekke of Dorrow, moving to calm a growing row over the ferry law, said on Sunday "
              "that he would seek new legislation.")
    assert all(d != "Gov." for _n, d in _speakers(doc))


def test_speakers_an_abbreviated_title_opens_the_description_after_a_list_of_names(nlp):
    doc = nlp("Mayor Ada Lind, Olga Vesk and Lt. Governor Tomas Brill said the ferry would run on Sunday.")
    assert _speakers(doc) == [("Tomas Brill", "Lt. Governor")]
