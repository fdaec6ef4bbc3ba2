"""The plain-text cleaner's learnt lexicon: the block features it gives, how a model carries it to the
cleaner, and how the training script learns it without leaking a page's own labels (hand-made pages
and weights; no shipped model or shared data needed)."""


import numpy as np
import pytest
from repo_scripts import load_script
from test_extract_text_model import ARTICLE, BODY, _stump

from storydesk.extraction import text as T
from storydesk.extraction.text_model import TextModel

LEXICON = {"harbour": 1.0, "bridge": 2.0, "newsletter": -3.0, "sign": -1.0, "rights": -2.0}


def _training_script():
    return load_script("training/text_cleaner.py")


def test_lexicon_features_average_the_known_words_of_each_block():
    words = [["Harbour", "bridge", "opens"], ["Sign", "up", "newsletter"], ["nothing", "known"], []]
    x = T.lexicon_features(words, LEXICON)
    col = {name: x[:, j] for j, name in enumerate(T._LEXICON)}
    assert col["lex_mean"] == pytest.approx([1.5, -2.0, 0.0, 0.0])
    assert col["lex_cover"] == pytest.approx([2 / 3, 2 / 3, 0.0, 0.0])
    assert col["vs_page_lex"] == pytest.approx(col["lex_mean"] - np.median(col["lex_mean"]))
    assert col["nb_prev_lex"] == pytest.approx([0.0, 1.5, -2.0, 0.0])
    assert col["nb_next_lex"] == pytest.approx([-2.0, 0.0, 0.0, 0.0])
    assert col["near3_lex"][0] == pytest.approx(-2.0 / 3)
    # without a lexicon every column is zero, and an empty page has no rows
    assert not T.lexicon_features(words, {}).any()
    assert T.lexicon_features([], LEXICON).shape == (0, len(T._LEXICON))


def test_a_model_brings_its_lexicon_to_the_cleaner():
    # one split on the lexicon mean: blocks whose known words lean to boilerplate are dropped
    d = _stump("lex_mean", -0.5, -4.0, 4.0)
    d.update(overturn="all", min_blocks=0, lexicon=LEXICON)
    model = TextModel.from_dict(d)
    assert model.lexicon == LEXICON
    result = T.clean_text(ARTICLE, model=model)
    assert all(p in result.paragraphs for p in BODY)
    assert "Sign up for our newsletter" not in result.paragraphs
    # the features of a page without a lexicon: the lexicon columns are zero
    x = T._features(T._rule_pass(ARTICLE))
    assert not x[:, len(T.FEATURES) - len(T._LEXICON) :].any()


def test_a_malformed_lexicon_is_refused():
    d = _stump("lex_mean", 0.0, -1.0, 1.0)
    d["lexicon"] = ["harbour", 1.0]
    with pytest.raises(ValueError):
        TextModel.from_dict(d)
    d["lexicon"] = {"harbour": "a lot"}
    with pytest.raises(ValueError):
        TextModel.from_dict(d)


def _page(site: str, blocks: list[tuple[str, int]]) -> dict:
    return {
        "site": site,
        "flat": "\n".join(t for t, _ in blocks),
        "y": np.array([v for _, v in blocks], dtype=np.int8),
        "s": np.full(len(blocks), -1, dtype=np.int8),
        "w": np.ones(len(blocks), dtype=np.float32),
    }


def test_training_learns_the_lexicon_without_a_page_seeing_its_own_site():
    tc = _training_script()
    pages = [
        _page(
            f"site{i}.example",
            [
                (f"The ferry timetable for pier {i} changes in spring, the harbour master said.", 1),
                ("Subscribe to our newsletter for more stories", 0),
                (f"Only site {i} says zanzibarquux{i}", 1),
            ],
        )
        for i in range(12)
    ]
    table = tc.lexicon_table(pages, "teacher")
    assert table["harbour"] > 0 > table["newsletter"]
    # a word seen on fewer than LEX_MIN_PAGES pages is not learnt
    assert not any(w.startswith("zanzibarquux") for w in table)
    for p in pages:
        p["x"] = np.zeros((3, 1))
    tc.cross_fitted_lexicon(pages, "teacher")
    for p in pages:
        assert p["xl"].shape == (3, 1 + len(T._LEXICON))
        lex_mean = p["xl"][:, 1]
        # the inner tables, learnt from the other sites only, still know the shared words
        assert lex_mean[0] > 0 > lex_mean[1]
