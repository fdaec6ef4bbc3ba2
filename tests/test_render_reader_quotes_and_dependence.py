"""What a reader sees of quotations inside quotations, of articles that are not independent, and of
contradiction sides in the web app: one card per value, sentences without their datelines.
Hand-made brief with fictional outlets."""

from __future__ import annotations

from storydesk.records.brief import (
    ArticleRef,
    Brief,
    Citation,
    Contradiction,
    ContradictionSide,
    Dependence,
    Entity,
    EntityQuote,
    SourceNode,
    StatementGroup,
    StoryInfo,
)
from storydesk.render import render
from storydesk.render.display import dependence, quoted
from storydesk.web.views import story_view

WIRE = "TALLOW, June 1 (HW) - Eleven people were rescued from the quay, the coastguard said."


def _brief() -> Brief:
    arts = [ArticleRef(id="w", outlet="Hesk Wire", title="Quay rescue", published="2026-06-01T06:00:00+00:00",
                       sentences=[WIRE]),
            ArticleRef(id="c", outlet="Gull Online", title="Quay rescue", published="2026-06-01T07:00:00+00:00",
                       copy_of="w", sentences=[WIRE]),
            ArticleRef(id="b", outlet="Tallow Beacon", title="Twelve saved", published="2026-06-01T09:00:00+00:00",
                       sentences=["Twelve people were rescued from the quay, the Hesk Wire reported."]),
            ArticleRef(id="g", outlet="Gull Gazette", title="Quay", published="2026-06-01T10:00:00+00:00",
                       sentences=["Twelve were saved, according to the Hesk Wire."])]
    cit = {a.id: Citation(article_id=a.id, outlet=a.outlet, sentence=0) for a in arts}
    return Brief(
        story=StoryInfo(headline="Quay rescue", articles=arts, outlets=[a.outlet for a in arts]),
        entities=[Entity(id="e1", name="Orla Venn", label="PERSON", quotes=[EntityQuote(
            text='the rescue had "probably saved lives"', kind="indirect", citation=cit["b"])])],
        source_nodes=[SourceNode(id="src:outlet:hesk wire", label="Hesk Wire", kind="outlet")],
        dependencies=[Dependence(articles=["w", "c"], reason="syndicated-copy", sources=["a:w"]),
                      Dependence(articles=["w", "b", "g"], reason="shared-source", sources=["src:outlet:hesk wire"])],
        statements=[StatementGroup(id="s1", text=WIRE, citations=[cit["w"], cit["c"]], articles=["w", "c"],
                                   outlets=["Hesk Wire", "Gull Online"])],
        contradictions=[Contradiction(slot="number rescued", kind="number", sides=[
            ContradictionSide(value="Eleven", citation=cit["w"], text=WIRE),
            ContradictionSide(value="Eleven", citation=cit["c"], text=WIRE),
            ContradictionSide(value="Twelve", citation=cit["b"], text=arts[2].sentences[0])])])


def test_a_quotation_inside_a_quotation_gets_single_marks():
    assert quoted('the decision had “probably saved the ship”') == "“the decision had ‘probably saved the ship’”"
    assert quoted('she would "look at every vessel", but') == "“she would ‘look at every vessel’, but”"
    assert quoted("plain words") == "“plain words”"
    md = render(_brief(), "markdown")
    assert "“the rescue had ‘probably saved lives’”" in md
    assert "“the rescue had \"probably" not in md


def test_dependence_names_the_outlets_own_article_apart():
    brief = _brief()
    labels = {"w": "A1", "c": "A2", "b": "A3", "g": "A4"}
    assert dependence(brief.dependencies[0], brief, labels) == "A1, A2 (syndicated copies of one article)"
    # the wire's own article does not "rest on" the wire: the two that relay it do
    assert dependence(brief.dependencies[1], brief, labels) == "A3, A4 rest in part on Hesk Wire (A1)"
    one = Dependence(articles=["w", "b"], reason="shared-source", sources=["src:outlet:hesk wire"])
    assert dependence(one, brief, labels) == "A3 rests in part on Hesk Wire (A1)"
    md = render(brief, "markdown")
    assert "all rest on" not in md


def test_web_story_view_groups_sides_by_value_and_drops_datelines():
    view = story_view(_brief())
    sides = view.contradictions[0]["sides"]
    assert [s["value"] for s in sides] == ["Eleven", "Twelve"]
    assert [c.label for c in sides[0]["also"]] == ["Gull Online"]
    assert sides[0]["text"].startswith("Eleven people")
    assert view.matrix[0].text.startswith("Eleven people")
    assert view.dependencies[1] == "Tallow Beacon, Gull Gazette rest in part on Hesk Wire"


def test_a_statement_that_does_not_name_its_source_is_shown_with_it():
    from storydesk.render.display import source_unsaid

    quote = StatementGroup(id="s2", text='"There was smoke in every vent."', outlets=["Tallow Beacon"],
                           original_sources=["Orla Venn / Tallow Beacon"])
    named = quote.model_copy(update={"text": '"There was smoke in every vent," Orla Venn said.'})
    own = quote.model_copy(update={"text": "The quay was closed.", "original_sources": ["Tallow Beacon"]})
    assert source_unsaid(quote) == "Orla Venn"
    assert source_unsaid(named) is None  # the sentence names her
    assert source_unsaid(own) is None  # the outlet's own report
    brief = _brief().model_copy(update={"statements": [quote], "single_outlet": {"Tallow Beacon": ["s2"]}})
    assert '"There was smoke in every vent." (source: Orla Venn)' in render(brief, "markdown")
    assert "(source: Orla Venn)" in render(brief, "html")
    assert story_view(brief).matrix[0].source == "Orla Venn"


def test_web_quotes_of_a_wire_and_its_copy_are_one_row_with_both_outlets():
    brief = _brief()
    said = 'the quay was "a disaster waiting to happen"'
    brief.entities[0].quotes = [
        EntityQuote(text=said, kind="direct", citation=Citation(article_id="w", outlet="Hesk Wire", sentence=0)),
        EntityQuote(text=said, kind="direct", citation=Citation(article_id="c", outlet="Gull Online", sentence=0)),
        EntityQuote(text=said, kind="direct", citation=Citation(article_id="b", outlet="Tallow Beacon", sentence=0))]
    (name, rows), = story_view(brief).quotes_by_speaker
    assert name == "Orla Venn"
    # the copy folds into the wire's row; another outlet's own report of the words keeps its own row
    assert [[c.label for c in where] for _, _, where in rows] == [["Hesk Wire", "Gull Online"], ["Tallow Beacon"]]
    assert rows[0][0] == "“the quay was ‘a disaster waiting to happen’”"


def test_a_corroborated_statement_says_which_detail_another_outlet_contradicts():
    from storydesk.render.display import contested

    brief = _brief()
    brief.statements[0].status = "corroborated"
    assert contested(brief) == {"s1": ["number rescued"]}
    assert "**corroborated** (contradicted on: number rescued)" in render(brief, "markdown")
    assert "(contradicted on: number rescued)" in render(brief, "html")
    assert story_view(brief).matrix[0].contested == ["number rescued"]


def test_the_appendix_explains_a_gap_in_sentence_numbers_only_when_there_is_one():
    brief = _brief()
    assert "A number missing" not in render(brief, "html")
    brief.story.articles[2].sentences = ["Twelve people were rescued.", "", "The quay reopened."]
    html = render(brief, "html")
    assert "A number missing from a list is a fragment" in html
    assert '<li value="3" id="a3-s3"' in html and 'id="a3-s2"' not in html


def test_new_reader_notes_are_escaped_in_html():
    brief = _brief()
    brief.entities[0].quotes[0].text = 'it was "<script>alert(1)</script>"'
    brief.source_nodes[0].label = "Hesk <b>Wire</b>"
    html = render(brief, "html")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "Hesk <b>Wire</b>" not in html and "Hesk &lt;b&gt;Wire&lt;/b&gt;" in html


def test_one_outlet_only_says_where_its_syndicated_copies_carry_it():
    from storydesk.render.display import carried_by_copies

    brief = _brief().model_copy(update={"single_outlet": {"Hesk Wire": ["s1"]}})
    assert carried_by_copies(brief, "Hesk Wire") == ["Gull Online"]
    assert carried_by_copies(brief, "Tallow Beacon") == []
    assert "also in its syndicated copies: Gull Online" in render(brief, "markdown")
    assert "Also in its syndicated copies: Gull Online." in render(brief, "html")


def test_web_articles_list_names_the_original_of_a_copy():
    arts = {a["id"]: a for a in story_view(_brief()).articles}
    assert arts["c"]["copy_of_outlet"] == "Hesk Wire"
    assert arts["w"]["copy_of_outlet"] is None


def test_a_main_event_answer_from_a_hedged_sentence_says_so():
    from storydesk.records.brief import Answer
    from storydesk.render.display import answer_doubt

    brief = _brief()
    brief.statements[0].status = "hedged"
    why = Answer(text="believed to be a crane failure", citation=Citation(article_id="w", outlet="Hesk Wire", sentence=0))
    where = Answer(text="Tallow", citation=Citation(article_id="b", outlet="Tallow Beacon", sentence=0))
    brief.main_event = {"why": why, "where": where}
    assert answer_doubt(brief, why) == "hedged" and answer_doubt(brief, where) is None
    assert "**Why**: believed to be a crane failure [A1.1] (hedged)" in render(brief, "markdown")
    assert '<span class="status status-hedged">hedged</span>' in render(brief, "html")
    assert story_view(brief).doubts == {"why": "hedged"}
