"""`storydesk brief PATHS` splits mixed inputs into stories before briefing one of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storydesk.cli import app

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "storydesk" / "models" / "en_storydesk_news"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runner():
    if not (MODEL / "meta.json").is_file():
        pytest.skip("the bundled spaCy model is not built yet")
    return CliRunner()


def _brief(runner, *args):
    res = runner.invoke(app, ["brief", "--format", "json", *args])
    return res, (json.loads(res.stdout) if res.exit_code == 0 else None)


def test_mixed_folder_briefs_the_largest_story_and_says_so(runner, example_corpus):
    res, doc = _brief(runner, str(example_corpus))
    assert res.exit_code == 0, res.output
    titles = [a["title"] for a in doc["story"]["articles"]]
    assert len(titles) == 6
    assert not any("strike" in t.lower() for t in titles)
    assert any("2 stories" in w for w in doc["warnings"])


def test_pick_chooses_another_story(runner, example_corpus):
    res, doc = _brief(runner, "--pick", "2", str(example_corpus))
    assert res.exit_code == 0, res.output
    titles = [a["title"] for a in doc["story"]["articles"]]
    assert len(titles) == 2 and all("strike" in t.lower() or "walkout" in t.lower() for t in titles)


def test_pick_beyond_the_stories_is_an_error(runner, example_corpus):
    res = runner.invoke(app, ["brief", "--pick", "3", str(example_corpus)])
    assert res.exit_code != 0
    assert "only 2 stories" in res.output


def test_together_keeps_every_article(runner, example_corpus):
    files = [str(example_corpus / "cpa_wire.txt"), str(example_corpus / "rail_strike.warc.gz")]
    res, doc = _brief(runner, "--together", *files)
    assert res.exit_code == 0, res.output
    assert len(doc["story"]["articles"]) == 3
    assert not any("stories" in w for w in doc["warnings"])


def test_library_brief_picks_like_the_cli(runner, example_corpus):
    import storydesk

    picked = storydesk.brief(str(example_corpus), pick=2)
    titles = [a.title for a in picked.story.articles]
    assert len(titles) == 2 and all("strike" in t.lower() or "walkout" in t.lower() for t in titles)
    assert any("2 stories" in w for w in picked.warnings)
    files = [str(example_corpus / "cpa_wire.txt"), str(example_corpus / "rail_strike.warc.gz")]
    together = storydesk.brief(files)  # the default: what is given is one story
    assert len(together.story.articles) == 3 and not any("stories" in w for w in together.warnings)


def test_demo_briefs_the_largest_example_story(runner, tmp_path):
    out = tmp_path / "demo.html"
    res = runner.invoke(app, ["demo", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Merrow Bell" in res.stdout and "6 article(s)" in res.stdout and "2 stories" in res.stdout
    assert "strike" not in res.stdout.split("## Warnings")[0].lower()
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
