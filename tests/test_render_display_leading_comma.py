"""A statement whose text opens on a comma (a handle or link the scrape lost: "“, I invited you ...")
is shown from its first word; the stored text stays verbatim. Fictional text."""

from __future__ import annotations

from storydesk.render.display import statement


def test_a_line_opening_on_a_comma_reads_from_its_first_word():
    assert statement("“, I invited you to come and apologise to the whole valley.”") == \
        "“I invited you to come and apologise to the whole valley.”"
    assert statement(", and the ferry left at noon.") == "and the ferry left at noon."


def test_other_lines_are_left_as_they_are():
    assert statement("“Yes,” said Ilka Varn, “we will.”") == "“Yes,” said Ilka Varn, “we will.”"
    assert statement("Tolland, a port town, voted on Sunday.") == "Tolland, a port town, voted on Sunday."
