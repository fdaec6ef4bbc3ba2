"""The plain-text cleaner's learned block model: loading, tree arithmetic, and how its verdicts combine
with the rules' (hand-made tiny models, so the behaviour is checked without the shipped weights)."""

import json

import numpy as np
import pytest
from repo_scripts import load_script

from storydesk.extraction import text as T
from storydesk.extraction.text_model import MODEL_PATH, TextModel, load_model

MENU = [
    "Home",
    "World",
    "Politics",
    "Business",
    "Harbour",
    "Science",
    "Culture",
    "Sport",
    "Weather",
    "Travel",
    "Opinion",
    "Video",
]
ARTICLE = "\n".join(
    [
        *MENU,
        "Harbour council approves the Lindqvist bridge plan",
        (
            "The harbour council of Port Averly approved the Lindqvist bridge plan on Tuesday after a long "
            "debate about costs, tolls and the ferry service that the bridge would replace."
        ),
        (
            "Councillor Mara Tennfeld said the bridge would cut the crossing from forty minutes to six, and "
            "that the ferry crews would be offered jobs in the new harbour authority."
        ),
        (
            "Opponents of the Lindqvist plan argued that the harbour tolls would fall on commuters, and asked "
            "the council to publish the full cost study before the bridge works begin."
        ),
        "The council will publish the bridge cost study next month, Tennfeld said.",
        "Sign up for our newsletter",
        "Contact us",
        "© 2026 Averly Evening Post. All rights reserved.",
    ]
)
BODY = ARTICLE.split("\n")[len(MENU) + 1 : len(MENU) + 5]


def _constant(value: float, features=T.FEATURES) -> dict:
    """A one-leaf model: every block gets the same log-odds."""
    return {
        "features": list(features),
        "baseline": 0.0,
        "threshold": 0.5,
        "trees": [
            {
                "feature": [0],
                "split": [0.0],
                "left": [0],
                "right": [0],
                "leaf": [1],
                "value": [value],
                "depth": 1,
            }
        ],
    }


def _stump(feature: str, split: float, low: float, high: float) -> dict:
    """One split on a named feature: ``low`` when x <= split, else ``high``."""
    return {
        "features": list(T.FEATURES),
        "baseline": 0.0,
        "threshold": 0.5,
        "trees": [
            {
                "feature": [T.FEATURES.index(feature), 0, 0],
                "split": [split, 0.0, 0.0],
                "left": [1, 1, 2],
                "right": [2, 1, 2],
                "leaf": [0, 1, 1],
                "value": [0.0, low, high],
                "depth": 2,
            }
        ],
    }


def test_trees_add_their_leaves_to_the_baseline():
    d = _stump("log_words", 1.0, -2.0, 3.0)
    d["baseline"] = 0.5
    d["trees"].append(_constant(1.0)["trees"][0])
    model = TextModel.from_dict(d)
    x = np.zeros((3, len(T.FEATURES)))
    x[:, T.FEATURES.index("log_words")] = [0.5, 1.0, 4.0]
    assert model.decision(x).tolist() == pytest.approx([-0.5, -0.5, 4.5])
    assert model.proba(np.zeros((0, len(T.FEATURES)))).shape == (0,)


def test_a_model_naming_an_undeclared_feature_is_refused(tmp_path):
    d = _stump("topic", 0.5, -2.0, 3.0)
    d["features"] = d["features"][:2]
    with pytest.raises(ValueError):
        TextModel.from_dict(d)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(d), encoding="utf-8")
    assert load_model(str(bad)) is None
    assert load_model(str(tmp_path / "missing.json")) is None


def test_one_feature_row_per_block():
    page = T._rule_pass(ARTICLE)
    x = T._features(page)
    assert x.shape == (len(page.blocks), len(T.FEATURES))
    assert np.isfinite(x).all()
    assert len(set(T.FEATURES)) == len(T.FEATURES)


def test_confident_keep_restores_only_blocks_dropped_for_their_position():
    rules = T.clean_text(ARTICLE, model=False)
    assert rules.paragraphs == BODY
    res = T.clean_text(ARTICLE, model=TextModel.from_dict(_constant(5.0)))
    # menu lines were dropped only for lying outside the body: a confident model brings them back
    assert "Politics" in res.paragraphs
    # a cue phrase and the header are not the model's to overturn
    assert "Sign up for our newsletter" not in res.paragraphs
    assert res.title == rules.title == "Harbour council approves the Lindqvist bridge plan"
    assert res.title not in res.paragraphs


def test_a_model_allowed_to_overturn_all_still_leaves_the_header_alone():
    d = _constant(5.0)
    d["overturn"] = "all"
    res = T.clean_text(ARTICLE, model=TextModel.from_dict(d))
    # trained on the rules' reasons, such a model may keep even a cue-phrase line...
    assert "Sign up for our newsletter" in res.paragraphs
    assert "Politics" in res.paragraphs
    # ...but the title stays the title, and a dropped block keeps the rules' reason
    assert res.title == "Harbour council approves the Lindqvist bridge plan"
    assert res.title not in res.paragraphs
    d = _stump("log_words", 3.0, -4.0, 4.0)
    d["overturn"] = "all"
    res = T.clean_text(ARTICLE, model=TextModel.from_dict(d))
    assert res.paragraphs == BODY[:3]
    reasons = {r.text: r.reason for r in res.removed}
    assert reasons[BODY[3]] == "boilerplate"
    assert reasons["Sign up for our newsletter"] == "newsletter-prompt"


def test_unconfident_model_leaves_the_rules_alone():
    # P(content) = 0.55: inside the margin either way
    d = _constant(0.2)
    d["margin"] = 0.15
    res = T.clean_text(ARTICLE, model=TextModel.from_dict(d))
    assert res.paragraphs == BODY


def test_model_drops_kept_blocks_and_names_its_reason():
    # content only for blocks of more than ~20 words (log1p(20) = 3.04)
    model = TextModel.from_dict(_stump("log_words", 3.0, -4.0, 4.0))
    res = T.clean_text(ARTICLE, model=model)
    assert res.paragraphs == BODY[:3]
    assert {r.text: r.reason for r in res.removed}[BODY[3]] == "boilerplate"


def test_a_model_that_would_empty_the_article_is_overruled():
    res = T.clean_text(ARTICLE, model=TextModel.from_dict(_constant(-5.0)))
    assert res.paragraphs == BODY


def test_short_pages_keep_the_rules_verdicts():
    d = _constant(-5.0)
    d["min_blocks"] = 100
    d["trees"].append(_stump("log_words", 3.0, 0.0, 6.0)["trees"][0])  # would keep only long blocks
    res = T.clean_text(ARTICLE, model=TextModel.from_dict(d))
    assert res.paragraphs == BODY


def test_a_model_for_other_features_is_ignored():
    stale = TextModel.from_dict(_constant(-5.0, features=["a", "b"]))
    assert T.clean_text(ARTICLE, model=stale).paragraphs == T.clean_text(ARTICLE, model=False).paragraphs


@pytest.mark.skipif(not MODEL_PATH.is_file(), reason="no packaged text model")
def test_packaged_model_loads_and_keeps_the_article():
    model = load_model()
    assert model is not None and model.features == T.FEATURES
    res = T.clean_text(ARTICLE)
    assert any("Councillor Mara Tennfeld" in p for p in res.paragraphs)
    assert "Politics" not in res.paragraphs
    assert "Sign up for our newsletter" not in res.paragraphs
    assert not any("All rights reserved" in p for p in res.paragraphs)


def test_a_model_trained_before_the_list_features_still_applies():
    # an older model declares a prefix of FEATURES: the cleaner feeds it those columns only
    d = _stump("log_words", 3.0, -4.0, 4.0)
    d["features"] = list(T.FEATURES[: -len(T._LIST_FEATURES)])
    d["overturn"] = "all"
    res = T.clean_text(ARTICLE, model=TextModel.from_dict(d))
    assert res.paragraphs == BODY[:3]


LIST_PAGE = "\n".join(
    [
        *MENU,
        "Eleven ways the Averly ferry crews spent their last season",
        (
            "The ferry crews of Port Averly kept a log of their last season before the Lindqvist bridge "
            "opens, and the harbour museum has now published it in full for the first time."
        ),
        "What the crews carried across the harbour:",
        "412 bicycles",
        "96 wedding parties",
        "3 pianos",
        (
            "The log also records the crews' complaints about the harbour tolls, which the museum says it "
            "will show next to the ferry's old timetable when the exhibition opens in the spring."
        ),
        "Jonna Velde is a historian at the Averly harbour museum.",
        "The ferry Saga at the quay in 1998. (Foto: Averly Harbour Museum)",
        "Comment by harbourfan — 12.03, 2026 @ 18:22",
    ]
)


def test_list_features_describe_list_lines_inside_the_body():
    page = T._rule_pass(LIST_PAGE)
    x = T._features(page)
    col = {name: x[:, T.FEATURES.index(name)] for name in T._LIST_FEATURES}
    texts = [b.text for b in page.blocks]
    item, menu = texts.index("3 pianos"), texts.index("Politics")
    # a list line between two paragraphs of the body, introduced by a colon line
    assert col["sandwich"][item] == 1.0 and col["introduced"][item] > 0
    assert col["prose_above"][item] < col["prose_above"][menu]
    # a menu line above the article is neither
    assert col["sandwich"][menu] == 0.0 and col["introduced"][menu] == 0.0
    assert col["short_run"][menu] > col["short_run"][item]
    assert (
        col["credit_brackets"][
            texts.index("The ferry Saga at the quay in 1998. (Foto: Averly Harbour Museum)")
        ]
        == 1
    )
    assert col["comment_by"][texts.index("Comment by harbourfan — 12.03, 2026 @ 18:22")] == 1
    assert col["bio"][texts.index("Jonna Velde is a historian at the Averly harbour museum.")] == 1
    assert col["bio"][texts.index("3 pianos")] == 0


def _training_script():
    return load_script("training/text_cleaner.py")


def test_page_balance_narrows_the_gap_between_long_and_short_pages():
    tc = _training_script()
    short = (np.array([1, 0]), np.array([1.0, 1.0]))
    long = (np.ones(100, dtype=int), np.ones(100))
    assert tc.balance([short, long], "none")[1][1].sum() == 100
    full = tc.balance([short, long], "full")
    assert full[0][1].sum() == pytest.approx(full[1][1].sum())
    sq = tc.balance([short, long], "sqrt")
    ratio = sq[1][1].sum() / sq[0][1].sum()
    assert 1 < ratio < 50  # still more weight on the long page, but far less than 50 to 1
    # labels untouched, weights within a page keep their proportions
    assert (sq[1][0] == long[0]).all() and np.ptp(sq[1][1]) == 0
