"""The bundled example corpus: every file extracts without errors, and the answer key's boilerplate
items are removed (or kept) as it says."""

import json

import pytest

from storydesk.extraction import extract


@pytest.fixture(scope="module")
def corpus(example_corpus):
    key_path = example_corpus.parent / "answer_key.json"
    if not example_corpus.is_dir() or not key_path.is_file():
        pytest.skip("examples/corpus or examples/answer_key.json not present")
    result = extract(example_corpus)
    key = json.loads(key_path.read_text(encoding="utf-8"))
    by_file: dict[str, list] = {}
    for a in result.articles:
        rel = a.source.split("#")[0].replace("\\", "/").split("examples/")[-1]
        by_file.setdefault(rel, []).append(a)
    return result, key, by_file


def _article(key, by_file, name):
    info = key["articles"][name]
    arts = by_file[info["file"]]
    if len(arts) > 1 and info.get("url"):
        arts = [a for a in arts if a.url == info["url"]] or arts
    if len(arts) > 1:
        arts = [a for a in arts if a.title == info.get("title")] or arts
    return info, arts[0]


def test_every_file_extracts_without_errors(corpus, example_corpus):
    result, key, by_file = corpus
    assert result.errors == 0, result.problems
    files = {
        p.relative_to(example_corpus.parent).as_posix() for p in example_corpus.rglob("*") if p.is_file()
    }
    assert files <= set(by_file), files - set(by_file)


def test_articles_carry_the_key_metadata(corpus):
    _, key, by_file = corpus
    for name, info in key["articles"].items():
        if info["file"] not in by_file:
            continue
        _, a = _article(key, by_file, name)
        assert a.title == info["title"], name
        if info.get("outlet"):
            assert a.outlet == info["outlet"], (name, a.outlet)
        if info.get("author"):
            assert info["author"] in a.authors, (name, a.authors)
        if info.get("published"):
            assert a.published and a.published[:10] == info["published"][:10], (name, a.published)


def test_boilerplate_items(corpus):
    _, key, by_file = corpus
    items = [i for i in key["items"] if i["type"] == "boilerplate"]
    assert items
    for item in items:
        exp = item["expected"]
        _, a = _article(key, by_file, exp["article"])
        if exp.get("match") == "whole_line":
            kept = set(a.paragraphs)
            for line in exp["must_keep"]:
                assert line in kept, (item["id"], line)
            for line in exp["must_remove"]:
                assert line not in kept, (item["id"], line)
            if exp.get("title"):
                assert a.title == exp["title"]
                assert sum(p == exp["title"] for p in a.paragraphs) <= exp.get(
                    "title_max_occurrences_in_body", 0
                )
            if exp.get("author"):
                assert exp["author"] in a.authors
            if exp.get("dateline"):
                assert a.dateline and a.dateline.startswith(exp["dateline"]["place"])
            removed = {b.text: b.reason for b in a.removed}
            for line in exp.get("photo_caption_lines", []):
                assert removed.get(line) == "caption", line
            for line in exp.get("unheaded_teasers", []):
                assert line in removed, line
            if exp.get("cut_off_teaser"):
                assert exp["cut_off_teaser"] in removed
        else:
            text = a.text
            for s in exp["must_keep"]:
                assert s in text, (item["id"], s)
            for s in exp["must_remove"]:
                assert s not in text, (item["id"], s)
