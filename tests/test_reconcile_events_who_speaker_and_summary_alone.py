"""The main event's "who" includes a person who opens the sentence and acts by speaking ("Ostrander
responded to the attacks, noting that ..."), but not the source of a trailing attribution ("..., the
harbour master said"), nor an organisation that is part of a person's title ("Assembly Speaker Harl
Brackett"). A summary or statement sentence stands alone: one that opens with a pronoun or a connective
("He pleaded guilty ...", "Its captain, ...") yields to another outlet's wording, or is left out of the
summary. Fictional names throughout."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.summary import opens_with_reference, trim_dateline

ENTS = [("Ilka Ostrander", "PERSON"), ("Ostrander", "PERSON"), ("Harl Brackett", "PERSON"),
        ("Brackett", "PERSON"), ("Assembly", "ORG"), ("Teodor Vlasko", "PERSON"), ("Port Varn", "GPE")]


def test_a_person_opening_the_sentence_who_speaks_is_who():
    text = ("As she prepared to travel to Port Varn, Ilka Ostrander responded to Harl Brackett's attacks, "
            "noting that he had once invited her to visit.")
    arts = [make_article(o, "Feud", "2026-05-06", [text], entities=ENTS, quotes=[
        {"content": "that he had once invited her to visit", "kind": "indirect", "speaker": "Ilka Ostrander",
         "speaker_name": "Ilka Ostrander"}]) for o in ("Marl Echo", "Valley Post")]
    who = build_brief(arts).main_event["who"].text
    assert who.startswith("Ilka Ostrander") and "Harl Brackett" in who


def test_a_trailing_attribution_is_not_who():
    text = "Harl Brackett's ferry turned back towards Port Varn after the alarm, Teodor Vlasko said."
    arts = [make_article(o, "Ferry", "2026-05-06", [text], entities=ENTS, quotes=[
        {"content": "Harl Brackett's ferry turned back towards Port Varn after the alarm", "kind": "indirect",
         "speaker": "Teodor Vlasko", "speaker_name": "Teodor Vlasko"}]) for o in ("Marl Echo", "Valley Post")]
    who = build_brief(arts).main_event["who"].text
    assert "Vlasko" not in who and "Harl Brackett" in who


def test_an_organisation_in_a_title_is_not_who():
    text = "Assembly Speaker Harl Brackett met Ilka Ostrander in Port Varn for an hour on Thursday evening."
    arts = [make_article(o, "Talks", "2026-05-06", [text], entities=ENTS) for o in ("Marl Echo", "Valley Post")]
    who = build_brief(arts).main_event["who"].text
    assert "Assembly;" not in who and not who.startswith("Assembly")
    assert "Harl Brackett" in who


def test_sentences_that_lean_on_the_one_before():
    for text in ("He pleaded guilty before Judge Vlasko.", "Its captain, Teodor Vlasko, turned back.",
                 "However, Brackett lost the vote.", "From 1997 to 2009, he practised law in Port Varn.",
                 "PORT VARN -- He pleaded guilty."):
        assert opens_with_reference(text), text
    for text in ("“He is not welcome here,” Ostrander said.", "Heavy rain fell on Port Varn.",
                 "As he prepared to travel, Ostrander responded.", "Theirs was the largest vote."):
        assert not opens_with_reference(text), text
    assert trim_dateline("PORT VARN -- Fire broke out.") == "Fire broke out."
    assert trim_dateline("NATO—Varn talks resumed.") == "NATO—Varn talks resumed."


def test_a_statement_is_shown_in_words_that_name_who_it_is_about():
    a = make_article("Marl Echo", "Guilty plea", "2026-05-06", [
        "Teodor Vlasko admitted fraud in court on Wednesday morning.",
        "He pleaded guilty to conspiracy before District Judge Ilka Ostrander in Port Varn on Wednesday."],
        entities=ENTS + [("Teodor Vlasko", "PERSON")])
    b = make_article("Valley Post", "Guilty plea", "2026-05-06", [
        ("Teodor Vlasko pleaded guilty to conspiracy before District Judge Ilka Ostrander in Port Varn on "
        "Wednesday.")], entities=ENTS)
    brief = build_brief([a, b])
    group = next(g for g in brief.statements if len(g.articles) == 2)
    assert group.text.startswith("Teodor Vlasko pleaded guilty")
    assert all(not opens_with_reference(s.text) for s in brief.summary)


def test_the_summary_leaves_out_questions_and_leaning_sentences():
    from storydesk.reconcile.summary import summarise
    from storydesk.records.brief import Citation, StatementGroup

    texts = ["So who is Harl Brackett, and how did he win the seat in Port Varn?",
             "He pleaded guilty to conspiracy before District Judge Ilka Ostrander on Wednesday morning.",
             "Harl Brackett won the seat in Port Varn by fourteen votes on Tuesday night, officials said.",
             "“Who could have seen this coming in Port Varn?” Ilka Ostrander asked the crowd on Tuesday."]
    groups = [StatementGroup(id=f"s{k}", text=t, citations=[Citation(article_id="a1", outlet="Marl Echo", sentence=k)],
                             articles=["a1"], outlets=["Marl Echo"], independent_sources=1, status="single-source",
                             score=10.0 - k) for k, t in enumerate(texts)]
    chosen = [s.text for s in summarise(groups, n=4, main="s0")]
    assert texts[0] not in chosen and texts[1] not in chosen
    assert texts[2] in chosen and texts[3] in chosen  # a quoted question is the speaker's words
