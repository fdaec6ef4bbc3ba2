"""A stored story's brief and ``brief PATHS`` of the same articles number them alike (A1, A2...):
by publication time, then outlet, copies included, whatever order the articles came in."""

from storydesk.api import brief
from storydesk.records import Article
from storydesk.store.corpus import Corpus
from storydesk.store.order import reading_order_key

WIRE = [
    ("The Sollen tunnel was closed on Friday after water flooded the southern entrance, the Orvane Roads "
     "Agency said in a statement."),
    ("Agency engineer Halvard Prent said pumps would run through the night and that the tunnel could reopen "
     "on Sunday if the rain eased."),
    "Drivers were sent over the Kessel pass, adding about forty minutes to the trip to Orvane.",
]
OWN = [
    ("Traffic queued for hours on the Kessel pass on Friday after the Sollen tunnel was shut by flooding at "
     "its southern entrance."),
    "Halvard Prent, an engineer at the Orvane Roads Agency, said the tunnel could reopen on Sunday.",
    "Shops in Orvane said deliveries were late.",
]


def _articles() -> list[Article]:
    def art(outlet, paras, published, title="Flooding shuts Sollen tunnel"):
        return Article(source=f"{outlet}.txt", title=title, paragraphs=paras, outlet=outlet,
                       published=published, language="en")

    return [
        art("Valley Evening News", OWN, "2026-02-06T18:00:00+00:00", "Queues on Kessel pass as tunnel shut"),
        art("Orvane Wire", WIRE, "2026-02-06T09:00:00+00:00"),
        art("Kessel Courier", WIRE, "2026-02-06T11:00:00+00:00"),  # a copy of the wire, carried later
        # the same time as the next one: the outlet decides
        art("Zell Daily", OWN[:2] + ["Schools in Zell stayed open."], "2026-02-06T13:00:00+00:00",
            "Sollen tunnel closed"),
        art("Amber Herald", [OWN[1], WIRE[0], WIRE[2]], "2026-02-06T13:00:00+01:00", "Tunnel shut by flood"),
    ]


def test_key_orders_by_utc_time_then_outlet_and_undated_last():
    a = _articles()
    undated = a[0].model_copy(update={"published": None, "outlet": "Aaa"})
    got = [x.outlet for x in sorted([undated, *a], key=reading_order_key)]
    # 13:00+01:00 is 12:00 UTC, before Zell's 13:00 UTC
    assert got == ["Orvane Wire", "Kessel Courier", "Amber Herald", "Zell Daily", "Valley Evening News", "Aaa"]


def test_stored_story_and_paths_brief_number_articles_alike(tmp_path):
    arts = _articles()
    with Corpus(tmp_path / "c.db") as corpus:
        # stored in another order (the store makes the first stored of two equal texts the canonical:
        # the wire, stored before the later copy, as the brief of the paths takes the earlier one)
        corpus.ingest_articles([arts[3], arts[1], arts[0], arts[4], arts[2]])
        (story,) = [s for s in corpus.stories() if s.article_ids]
        stored = corpus.brief(story.id)
    given = brief(arts)  # the order the caller gave them in is not the order they are numbered in
    outlets = [r.outlet for r in given.story.articles]
    assert outlets == ["Orvane Wire", "Kessel Courier", "Amber Herald", "Zell Daily", "Valley Evening News"]
    assert [r.outlet for r in stored.story.articles] == outlets
    assert [r.copy_of for r in stored.story.articles] == [r.copy_of for r in given.story.articles]
    assert given.story.articles[1].copy_of == given.story.articles[0].id
    assert [s.id for s in stored.statements] == [s.id for s in given.statements]
