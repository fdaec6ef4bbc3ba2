"""What a reader of real news briefs found: a headline repeated at the top of the body is no statement
and no source; a sentence the splitter cut between a title and a name, or after a colon, is read whole;
a pronoun speaker that the quotation itself names in the third person is nobody the article names;
lemmas let irregular forms align ("spent"/"spend"); a dateline and party tags are not what a lead says.
Fictional outlets and people."""

from __future__ import annotations

import pytest
from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView, is_heading, join_fragments, pronoun_named_in_quote, stem


@pytest.mark.parametrize("paragraph, first", [
    ("Varn Mayor Ada Orr Names Former Aide To Harbour Board", False),
    ("Ferry Strike Ends", False),
    ("Correction: March 3, 2026", False),
    ("Varn council urges ferry owners to add lifeboats", True),
])
def test_headline_paragraphs_are_headings(paragraph, first):
    assert is_heading(paragraph, first=first)


@pytest.mark.parametrize("paragraph, first", [
    ("The Varn council urged ferry owners to add lifeboats.", True),
    ("Varn council urges ferry owners to add lifeboats", False),  # sentence case, not the first paragraph
    ("OSWICK, June 2 (VPA) -", True),  # a dateline on a line of its own opens the lead
    ("Did the Council Act Too Late?", True),
])
def test_prose_and_datelines_are_not(paragraph, first):
    assert not is_heading(paragraph, first=first)


def test_a_repeated_headline_is_no_statement_and_no_source():
    head = "Ada Orr Harbour: Mayor Names Former Aide To Harbour Board"
    a = make_article("Marl Echo", head, "2026-03-02", [
        head, "Mayor Ines Varga named her former aide Ada Orr to the harbour board on Monday, the council said."],
        entities=[("Ada Orr Harbour", "PERSON"), ("Ines Varga", "PERSON"), ("Ada Orr", "PERSON")],
        sources=[{"text": "Ada Orr Harbour", "kind": "quote", "person": "Ada Orr Harbour"}])
    b = make_article("Valley Post", "Aide named", "2026-03-02", [
        "Mayor Ines Varga named former aide Ada Orr to the harbour board on Monday."],
        entities=[("Ines Varga", "PERSON"), ("Ada Orr", "PERSON")])
    brief = build_brief([a, b])
    assert not any("Harbour Board" in g.text and "Names" in g.text for g in brief.statements)
    assert "Ada Orr Harbour" not in {n.label for n in brief.source_nodes}
    assert "Names Former Aide" not in (brief.main_event.get("what").text if brief.main_event.get("what") else "")


def test_a_sentence_cut_between_a_title_and_a_name_is_joined():
    text = "Ada Orr celebrated her victory over Harbour Master Teodor Vlasko on Tuesday. It was close."
    cut = text.index("Teodor")
    end = text.index(" It")
    bounds, _ = join_fragments(text, [(0, cut - 1), (cut, end), (end + 1, len(text))])
    assert bounds[1] == (0, end) and bounds[0][0] == bounds[0][1] and bounds[2] == (end + 1, len(text))


def test_a_sentence_cut_after_a_colon_is_joined_within_its_line_only():
    text = "The plan got support from one parent: Ada Orr, whose son sails.\n\nOrr said: \n\nIt is safe."
    colon = text.index("Ada")
    first_end = text.index("\n\n")
    said = text.index("Orr said")
    bounds, _ = join_fragments(text, [(0, colon - 1), (colon, first_end), (said, said + 9),
                                      (text.index("It is"), len(text))])
    assert bounds[1] == (0, first_end)
    assert bounds[2] == (said, said + 9)  # the colon ends its paragraph: nothing to join on that line


@pytest.mark.parametrize("name, pronoun, content, refuted", [
    ("Tomas Varga", "he", "Governor Varga has said that he is determined to close the port", True),
    ("Tomas Varga", "he", "I know Mr. Varga is committed to the port", True),
    ("Ines Varga", "she", "the letters of her husband, former Governor Tomas Varga, will stay private", False),
    ("Tomas Varga", "he", "the port will close on Friday", False),
    ("Tomas Varga", "Varga", "Varga will win", False),  # a name, not a pronoun: not this check's
])
def test_a_pronoun_speaker_the_quotation_names_is_refuted(name, pronoun, content, refuted):
    assert pronoun_named_in_quote(name, pronoun, content) is refuted


def test_a_refuted_pronoun_speaker_is_no_source():
    said = "Governor Varga has said that he is determined to keep the port open"
    a = make_article("Marl Echo", "Port", "2026-04-01", [
        "Premier Ada Lind spoke on the Sunday show about the port.", f'He told the show: "{said}."'],
        entities=[("Ada Lind", "PERSON"), ("Varga", "PERSON"), ("Tomas Varga", "PERSON")],
        quotes=[{"content": said, "kind": "direct", "speaker": "He", "speaker_name": "Tomas Varga"}],
        sources=[{"text": "He", "kind": "told", "person": "Tomas Varga", "chain": ["Tomas Varga"]}])
    b = make_article("Valley Post", "Port", "2026-04-01", [
        "Governor Tomas Varga is determined to keep the port open, Ada Lind told the show."],
        entities=[("Tomas Varga", "PERSON"), ("Ada Lind", "PERSON")])
    brief = build_brief([a, b])
    assert "Tomas Varga" not in {n.label for n in brief.source_nodes}
    group = next(g for g in brief.statements if len(g.articles) == 2)
    assert not any("Varga" in o for o in group.original_sources)


def test_lookup_lemmas_join_irregular_forms():
    assert stem("spent") == stem("spend") == stem("spending")
    assert stem("met") == stem("meets")
    assert stem("evacuated") == stem("evacuates")


def test_a_lead_aligns_whatever_dateline_and_party_tag_one_outlet_adds():
    a = make_article("Marl Echo", "Guilty", "2026-05-06", [
        "OSWICK -- Former Rep. Tam Rolle (D-Ore.) pleaded guilty Wednesday to spending $750,000 of campaign "
        "money on watches and furs."], entities=[("Tam Rolle", "PERSON")])
    b = make_article("Valley Post", "Guilty", "2026-05-06", [
        "Former Rep. Tam Rolle pleaded guilty on Wednesday to charges that he spent $750,000 in campaign cash "
        "on furs."], entities=[("Tam Rolle", "PERSON")])
    views = [ArticleView(index=0, aa=a), ArticleView(index=1, aa=b)]
    from storydesk.reconcile.entities import reconcile_entities
    from storydesk.reconcile.statements import build_units

    units = build_units(views, reconcile_entities(views))
    assert not {"oswick", stem("D-Ore"), "ore"} & set(units[0].stems)
    brief = build_brief([a, b])
    assert any(len(g.articles) == 2 and "pleaded guilty" in g.text for g in brief.statements)
