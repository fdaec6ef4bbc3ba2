"""docs/brief-schema.md explains the empty sentence a wire dateline leaves, as the brief produces it."""

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "brief-schema.md"


def test_sentences_row_explains_the_dateline_join():
    rows = DOC.read_text(encoding="utf-8").splitlines()
    row = next(line for line in rows if line.startswith("| `sentences` |"))
    assert "dateline" in row and "sentences[1]" in row, row
