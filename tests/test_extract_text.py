"""The plain-text cleaner on hand-written scrapes: title, byline, date, dateline, and what it cuts."""

from pathlib import Path

import pytest

from storydesk.extraction.text import clean_paragraphs, clean_text, split_blocks

FIX = Path(__file__).parent / "fixtures" / "extract"


def _clean(name: str):
    return clean_text((FIX / name).read_text(encoding="utf-8"))


def _reasons(result) -> dict[str, str]:
    return {b.text: b.reason for b in result.removed}


def test_blog_scrape_header_fields():
    r = _clean("blog_scrape.txt")
    assert r.title == "How we rebuilt the Thornbury walled garden in one wet spring"
    assert r.authors == ["Wren Adeyemi"]
    assert r.published == "2025-04-12"


def test_blog_scrape_keeps_body_subheadings_and_introduced_list():
    r = _clean("blog_scrape.txt")
    body = "\n".join(r.paragraphs)
    assert r.paragraphs[0].startswith("When the Thornbury Trust asked")
    assert "Clearing the beds" in r.paragraphs
    # list items introduced by the article itself ("What we found under the moss:") are content
    assert "A stone cistern fed by the roof of the potting shed" in r.paragraphs
    assert "By the end of March the soil" in body
    assert r.paragraphs[-1].startswith("If you want to visit")


def test_blog_scrape_cuts_boilerplate_with_reasons():
    r = _clean("blog_scrape.txt")
    reasons = _reasons(r)
    assert (
        reasons[
            "Photo: Volunteers lift turf from the east border of the Thornbury walled garden. / Wren Adeyemi"
        ]
        == "caption"
    )
    assert reasons["Accept all cookies"] == "cookie-prompt"
    assert reasons["Share this:"] == "share-buttons"
    assert reasons["Why our compost heap finally works"] == "teaser-list"
    assert (
        reasons["What a transformation. We visited the walled garden years ago and it was a jungle then."]
        == "comments"
    )
    assert "repeated-headline" in reasons.values()
    assert not any("Leave a Reply" in p or "©" in p for p in r.paragraphs)


def test_hard_wrapped_wire_copy_is_rejoined():
    r = _clean("hardwrapped.txt")
    assert len(r.paragraphs) == 4
    assert r.paragraphs[0].startswith(
        "CALLOWAY, May 9 (Tideline News) - The Calloway harbour board voted on Thursday"
    )
    assert r.dateline == "CALLOWAY, May 9 (Tideline News)"
    assert r.authors == ["Nadia Ferrant"]
    assert r.title == "Harbour board approves dredging of Calloway channel"
    assert _reasons(r)["(Reporting by Nadia Ferrant; editing by Joss Hale)"] == "credit"


def test_clean_article_is_left_alone():
    text = (FIX / "clean_article.txt").read_text(encoding="utf-8")
    r = clean_text(text)
    assert r.paragraphs == [p for p in text.split("\n") if p.strip()]
    assert r.removed == []


def test_unannounced_teaser_paragraph_is_dropped_as_off_topic():
    body = [
        "Engineers at the Dunmore reservoir began lowering the water level on Friday after cracks were "
        "found in the Dunmore dam spillway, the regional water board said.",
        "The water board said the Dunmore dam was not at risk of failing but that the spillway cracks had to "
        "be repaired before the winter rains. Residents below the reservoir were told there was no need "
        "to leave.",
        "Board engineer Ilse Marr said the reservoir would be lowered by about two metres over ten days, and "
        "that inspectors would then examine the spillway from inside the dam.",
        "Farmers who draw water from the Dunmore reservoir have been asked to cut their use by a fifth while "
        "the level is lowered, the water board said.",
        "A popular bakery chain will open twelve new shops on the south coast this spring, creating about "
        "three hundred jobs, its founder announced.",
    ]
    r = clean_text("\n".join(["Dunmore dam spillway cracks force reservoir drawdown", *body]))
    assert r.paragraphs == body[:4]
    assert _reasons(r)[body[4]] == "off-topic"


def test_truncated_teaser_after_body_is_cut():
    text = "\n".join(
        [
            "Harbour seals return to Veldt estuary",
            "Harbour seals have returned to the Veldt estuary for the first time in a decade, wardens at the "
            "estuary nature reserve said on Monday, after the old sewage outfall was closed.",
            "The wardens counted eleven harbour seals on the sandbanks at low tide. The reserve said the "
            "seals "
            "were probably coming from the colony on the outer islands.",
            "Reserve manager Odile Brannock said the estuary would be closed to boats near the sandbanks.",
            "More from the coast",
            "Council approves new budget for the harbour wa…",
        ]
    )
    r = clean_text(text)
    assert r.title == "Harbour seals return to Veldt estuary"
    assert len(r.paragraphs) == 3
    assert _reasons(r)["Council approves new budget for the harbour wa…"] in (
        "truncated-teaser",
        "teaser-list",
    )


def test_empty_and_whitespace_text_give_nothing():
    assert clean_text("").paragraphs == []
    assert clean_text("\n \n\t\n").paragraphs == []


def test_menu_only_page_gives_no_article():
    r = clean_text("Home\nNews\nSport\nWeather\nSign in\nSubscribe")
    assert r.paragraphs == []
    assert len(r.removed) == 6


def test_split_blocks_one_per_line_for_scrapes():
    assert split_blocks("a b\n\n c  d \nlast") == ["a b", "c d", "last"]


@pytest.mark.parametrize(
    "line,reason",
    [
        ("Sign up for our daily newsletter", "newsletter-prompt"),
        ("We use cookies to personalise content. Accept all", "cookie-prompt"),
        ("Share on Facebook Twitter WhatsApp", "share-buttons"),
        ("Advertisement", "advertisement"),
    ],
)
def test_gentle_mode_drops_clear_boilerplate(line, reason):
    paras = [
        "The committee met on Tuesday to discuss the new stadium plans for the northern district.",
        line,
        "Members agreed to hold a public hearing on the stadium plans before the end of the month.",
    ]
    kept, removed = clean_paragraphs(paras)
    assert kept == [paras[0], paras[2]]
    assert [(b.text, b.reason) for b in removed] == [(line, reason)]


def test_gentle_mode_keeps_sentences_that_merely_mention_cue_words():
    paras = [
        "Readers shared the video on Facebook and Twitter thousands of times within an hour of its "
        "release, the broadcaster said, and the comments section filled with questions.",
        "The cookie factory on Dock Road will close in May, the owners said on Monday.",
    ]
    kept, removed = clean_paragraphs(paras)
    assert kept == paras and removed == []


def test_comment_thread_without_heading_is_cut_by_its_furniture():
    r = _clean("unheaded_comments.txt")
    assert len(r.paragraphs) == 5
    assert r.paragraphs[-1].startswith("Okafor said the library would review")
    reasons = _reasons(r)
    assert reasons["greta_h"] == "comments"
    assert (
        reasons[
            "Shame about the Monday evenings though. That was the only time I could go after my shift ends."
        ]
        == "comments"
    )


def test_comment_count_under_the_title_does_not_end_the_article():
    text = "\n".join(
        [
            "Ferry timetable changes for the winter season",
            "4 Comments",
            "The Skerra ferry will run four crossings a day instead of six from November, the operator said "
            "on "
            "Friday, citing falling passenger numbers after the summer season.",
            "The first crossing will leave Port Ellin at 7 a.m. and the last will return from Skerra Island "
            "at "
            "6 p.m., the operator said in its new winter timetable.",
            "Islanders said the later first crossing would make it harder to reach jobs and schools on the "
            "mainland, and the island council asked the ferry operator to reconsider.",
        ]
    )
    r = clean_text(text)
    assert len(r.paragraphs) == 3


def test_tag_cloud_inside_the_body_is_navigation_but_introduced_lists_stay():
    para = (
        "The Veldt estuary reserve counted eleven harbour seals on the sandbanks at low tide on Monday, the "
        "reserve wardens said, the first seals seen in the estuary for a decade."
    )
    para2 = (
        "The estuary wardens said the harbour seals were probably coming from the colony on the outer "
        "islands, and asked boat owners to keep away from the sandbanks."
    )
    r = clean_text(
        "\n".join(
            [
                para,
                "Wildlife",
                "Estuary",
                "Seals",
                "Coast",
                para2,
                "Bring along:",
                "Binoculars",
                "Warm coat",
                "Flask",
                para2.replace("boat owners", "walkers"),
            ]
        )
    )
    assert "Estuary" not in r.paragraphs and _reasons(r)["Seals"] == "navigation"
    assert "Binoculars" in r.paragraphs and "Warm coat" in r.paragraphs


def test_repeated_short_lines_and_pull_quotes_are_dropped():
    p1 = (
        "The Marlow seed swap drew more than 600 gardeners to the town hall on Saturday, twice as many as "
        "last year, the organisers of the seed swap said."
    )
    p2 = (
        "Organiser Bea Tolland said the seed swap would move to the larger market hall next spring because "
        "the queue for the town hall had stretched around the block."
    )
    p3 = (
        "Gardeners traded more than 4,000 packets of seeds, most of them old local varieties of beans and "
        "tomatoes saved by Marlow gardeners."
    )
    r = clean_text(
        "\n".join(["Gardening", p1, "Marlow Live Radio", p2, p2, "Marlow Live Radio", p3, "Gardening"])
    )
    assert r.paragraphs == [p1, p2, p3]
    assert {b.reason for b in r.removed if b.text == p2} == {"duplicate"}
    assert {b.reason for b in r.removed if b.text == "Marlow Live Radio"} == {"repeated-line", "duplicate"}


def test_outlet_from_the_copyright_line():
    assert _clean("blog_scrape.txt").outlet == "Fenwick Gardens Journal"
    assert _clean("hardwrapped.txt").outlet is None
