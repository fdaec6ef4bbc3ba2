"""Fragments the sentence splitter cuts off ("Harbour master" | "Ivo Brandt told ...") are joined to
their neighbour in the brief, never statements of their own. Hand-written fictional articles."""

from __future__ import annotations

from storydesk.reconcile.brief import build_brief
from storydesk.reconcile.common import ArticleView, is_fragment, join_fragments
from storydesk.records import AnnotatedArticle, Article, EntityMention, Sentence


def annotated(outlet: str, paragraphs: list[list[str]], *, names: tuple[str, ...] = (),
              status: dict[int, str] | None = None) -> AnnotatedArticle:
    """Paragraphs given as the pieces a (faulty) sentence splitter made; pieces join with one space."""
    art = Article(source=f"{outlet}.txt", outlet=outlet, title=f"{outlet} on the pier",
                  published="2025-09-01", paragraphs=[" ".join(p) for p in paragraphs])
    sentences, pos = [], 0
    for para in paragraphs:
        for piece in para:
            sentences.append(Sentence(start=pos, end=pos + len(piece),
                                      status=(status or {}).get(len(sentences), "asserted")))
            pos += len(piece) + 1
        pos += 1  # "\n\n" between paragraphs, minus the space counted after the last piece
    text = art.text
    assert all(text[s.start:s.end] == p for s, p in zip(sentences, [x for para in paragraphs for x in para]))
    ents = []
    for name in names:
        i = text.find(name)
        while i >= 0:
            ents.append(EntityMention(start=i, end=i + len(name), text=name, label="PERSON"))
            i = text.find(name, i + 1)
    return AnnotatedArticle(article=art, sentences=sentences, entities=sorted(ents, key=lambda e: e.start))


SPLIT = ["The pier at Kelso Strand will stay shut until the spring storms have passed.",
         "Harbour master",
         "Ivo Brandt told the Gazette the pier would reopen once divers had checked the piles."]


def test_what_counts_as_a_fragment():
    assert is_fragment("Harbour master") and is_fragment('"') and is_fragment("On Pell Street, Ada")
    assert not is_fragment("Nobody died.") and not is_fragment("Both were unhurt.")
    assert not is_fragment("The pier will stay shut until the storms pass")  # long enough to be a sentence


def test_a_title_cut_off_its_sentence_joins_the_next_one_and_keeps_the_indices():
    aa = annotated("Kelso Gazette", [SPLIT], names=("Ivo Brandt",))
    v = ArticleView(index=0, aa=aa)
    assert len(v.sentences) == 3  # indices are those of the NLP stage
    assert v.sentences[1] == ""
    assert v.sentences[2] == "Harbour master Ivo Brandt told the Gazette the pier would reopen once divers had " \
                             "checked the piles."
    assert v.joined == {2: [1, 2]}
    start_of_fragment = aa.article.text.index("Harbour")
    assert v.sentence_of(start_of_fragment) == 2 and v.sentence_of(start_of_fragment + 3) == 2
    assert v.sentence_of(0) == 0


def test_a_lone_opening_quote_joins_forward_and_a_closing_one_at_line_end_joins_back():
    opening = annotated("A", [["The ferry was late.", '"', 'We waited for hours," said Lotte Vries.']])
    v = ArticleView(index=0, aa=opening)
    assert v.sentences == ["The ferry was late.", "", '" We waited for hours," said Lotte Vries.']
    closing = annotated("B", [["Lotte Vries said: \"We waited for hours.", '"'], ["The ferry docked at noon."]])
    v = ArticleView(index=0, aa=closing)
    assert v.sentences[0].endswith('hours. "') and v.sentences[1] == ""
    assert v.sentences[2] == "The ferry docked at noon."


def test_no_join_across_a_paragraph_and_a_lone_fragment_is_no_statement():
    text = "Harbour master\n\nIvo Brandt told the Gazette the pier would reopen."
    bounds, joined = join_fragments(text, [(0, 14), (16, len(text))])
    assert bounds == [(0, 14), (16, len(text))] and joined == {}
    a = annotated("Kelso Gazette", [["Harbour master"], [SPLIT[2]]], names=("Ivo Brandt",))
    b = annotated("Strand Post", [["Harbour master"], [("Ivo Brandt said divers would check the piles before "
                                                       "the pier at Kelso Strand reopens.")]], names=("Ivo Brandt",))
    brief = build_brief([a, b])
    assert not any(s.text == "Harbour master" for s in brief.statements)


def test_the_brief_states_and_cites_the_joined_sentence():
    a = annotated("Kelso Gazette", [SPLIT], names=("Ivo Brandt",))
    b = annotated("Strand Post", [["The pier at Kelso Strand is shut.", "Harbour master",
                                   ("Ivo Brandt told the Post the pier would reopen once divers had checked "
                                   "the piles.")]], names=("Ivo Brandt",))
    brief = build_brief([a, b])
    assert not any(s.text.strip() == "Harbour master" for s in brief.statements)
    joined = [s for s in brief.statements if s.text.startswith("Harbour master Ivo Brandt told")]
    assert joined, [s.text for s in brief.statements]
    (person,) = [e for e in brief.entities if e.name == "Ivo Brandt"]
    assert person.id in joined[0].entities
    refs = {r.id: r for r in brief.story.articles}
    for c in joined[0].citations:
        assert c.sentence == 2 and refs[c.article_id].sentences[c.sentence].startswith("Harbour master Ivo")
        assert refs[c.article_id].sentences[1] == ""


def test_a_joined_sentence_is_as_qualified_as_its_most_qualified_part():
    aa = annotated("Kelso Gazette", [SPLIT], status={1: "asserted", 2: "hedged"})
    assert ArticleView(index=0, aa=aa).sentence_status(2) == "hedged"
    aa = annotated("Kelso Gazette", [SPLIT], status={1: "attributed", 2: "asserted"})
    assert ArticleView(index=0, aa=aa).sentence_status(2) == "attributed"
