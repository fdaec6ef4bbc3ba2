"""The brief of the bundled example corpus against examples/answer_key.json.

Needs the bundled spaCy model (storydesk/models/en_storydesk_news); skipped when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from storydesk.records import brief_json_schema

REPO = Path(__file__).resolve().parent.parent
KEY = REPO / "examples" / "answer_key.json"
MODEL = REPO / "storydesk" / "models" / "en_storydesk_news"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def key():
    if not KEY.is_file():
        pytest.skip("examples/answer_key.json is missing")
    return json.loads(KEY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def brief(key):
    if not (MODEL / "meta.json").is_file():
        pytest.skip("the bundled spaCy model is not built yet")
    from storydesk.api import brief as make_brief

    story = key["stories"][key["event"]["id"]]
    files = sorted({key["articles"][a]["file"] for a in story})
    return make_brief([str(REPO / "examples" / f) for f in files])


@pytest.fixture(scope="module")
def ids(brief, key):
    """answer-key article id -> brief article id (matched by title)."""
    out = {}
    for kid, art in key["articles"].items():
        for a in brief.story.articles:
            if a.title and a.title.strip() == art["title"]:
                out[kid] = a.id
    return out


def _items(key, kind):
    return [i for i in key["items"] if i["type"] == kind]


def _sides_from(c, article_ids):
    return [s for s in c.sides if s.citation.article_id in article_ids]


def test_story_articles_and_schema(brief, key, ids):
    jsonschema.validate(brief.model_dump(mode="json"), brief_json_schema())
    story = key["stories"][key["event"]["id"]]
    assert set(story) <= set(ids), f"articles not matched by title: {set(story) - set(ids)}"
    assert len(brief.story.articles) == len(story)


def test_every_name_variant_merges(brief, key):
    for item in _items(key, "name_variant") + _items(key, "acronym"):
        exp = item["expected"]
        variants = set(exp.get("variants", [])) | {exp["canonical"]} | ({exp["acronym"]} if "acronym" in exp else set())
        holders = {e.id for e in brief.entities for v in e.variants if v in variants}
        arts = {ev["article"] for ev in item["evidence"]}
        if arts <= {"rail_courier", "rail_herald"}:
            continue  # the other story
        assert len(holders) <= 1, f"{item['id']}: variants split over {holders}"
        if "acronym" in exp:
            ent = [e for e in brief.entities if exp["canonical"] in e.variants]
            assert ent and exp["acronym"] in ent[0].acronyms, item["id"]


def test_every_planted_contradiction(brief, key, ids):
    for item in _items(key, "contradiction"):
        exp = item["expected"]
        if "values" in exp:
            groups = [{ids[a] for a in v["articles"] if a in ids} for v in exp["values"]]
        else:
            groups = [{ids[a] for a in exp["asserted_by"]}, {ids[a] for a in exp["denied_by"] + exp["hedged_by"]}]
        found = [c for c in brief.contradictions
                 if all(_sides_from(c, g) for g in groups)
                 and len({s.value.lower() for s in c.sides}) >= 2]
        assert found, f"{item['id']} not reported"


def test_no_false_contradiction(brief, key, ids):
    planted = _items(key, "contradiction")
    planted_articles = [{ids[e["article"]] for e in i["evidence"] if e["article"] in ids} for i in planted]
    for c in brief.contradictions:
        arts = {s.citation.article_id for s in c.sides}
        # a reported contradiction is planted when its articles are those of a planted item and at
        # least two of its sides quote that item's evidence
        matches = [p for p, a in zip(planted, planted_articles, strict=True)
                   if arts <= a and sum(any(e["text"] in s.text or s.text in e["text"] for e in p["evidence"])
                                        for s in c.sides) >= 2]
        assert matches, f"unplanted contradiction: {c.slot} {[s.value for s in c.sides]}"
    for item in _items(key, "compatible"):
        ev = item["evidence"]
        for c in brief.contradictions:
            hit = [e for e in ev if any(e["text"] in s.text and s.value.lower() in e["text"].lower()
                                        for s in c.sides)]
            assert len({e["article"] for e in hit}) < 2, f"{item['id']} reported as a contradiction"


def test_independence(brief, key, ids):
    cpa, westmark = ids["cpa"], ids["westmark"]
    assert brief.article(westmark).copy_of == cpa
    shared = [set(d.articles) for d in brief.dependencies if d.reason == "shared-source"]
    for a in ("flare", "nordvik"):
        assert any({ids[a], cpa} <= s for s in shared), f"{a} should rest on cpa"
    independent = [ids[a] for a in ("cpa", "herald", "courier")]
    for d in brief.dependencies:
        assert len(set(d.articles) & set(independent)) <= 1, f"independent reports tied: {d}"


def test_corroboration_counts(brief, key, ids):
    found = 0
    items = _items(key, "corroborated")
    for item in items:
        ev = {(ids[e["article"]], e["text"]) for e in item["evidence"] if e["article"] in ids}
        need = len(item["expected"]["independent_articles"])
        for g in brief.statements:
            sents = {(c.article_id, brief.article(c.article_id).sentences[c.sentence]) for c in g.citations}
            covered = {a for a, t in ev if any(a == sa and t in st for sa, st in sents)}
            if len(covered) >= 2:
                assert g.independent_sources <= need + 1, (item["id"], g.independent_sources)
                found += g.independent_sources >= min(need, 2)
                break
    assert found >= len(items) // 2, f"only {found} of {len(items)} corroborated facts aligned"


def test_single_outlet_items(brief, key, ids):
    hits = 0
    items = _items(key, "single_source")
    for item in items:
        home = ids[item["expected"]["article"]]
        outlet = brief.article(home).outlet
        text = item["evidence"][0]["text"]
        listed = [brief.statement(s) for s in brief.single_outlet.get(outlet, [])]
        hits += any(text in g.text or g.text in text for g in listed if g)
    assert hits >= len(items) - 2, f"{hits} of {len(items)} single-outlet facts listed"


def test_entity_descriptions(brief, key):
    items = [i for i in _items(key, "name_variant") + _items(key, "acronym")
             if i["expected"].get("descriptions") and not {e["article"] for e in i["evidence"]}
             <= {"rail_courier", "rail_herald"}]
    hits = 0
    for item in items:
        exp = item["expected"]
        ents = [e for e in brief.entities if exp["canonical"] in e.variants]
        if not ents:
            continue
        have = {d.lower() for d in ents[0].descriptions}
        hits += any(d.lower() in have for d in exp["descriptions"])
    assert hits >= len(items) * 2 // 3, f"descriptions found for {hits} of {len(items)} entities"


def test_renderings_of_the_example_brief(brief):
    import re

    from storydesk.render import render

    md = render(brief, "markdown")
    assert max(len(line) for line in md.splitlines()) <= 80
    html = render(brief, "html")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert html.count("<svg") == 2


def test_statements_cite_originals_before_syndicated_copies(brief):
    """A statement carried by an original and its syndicated copy is shown with the original's sentence."""
    copies = {a.id: a.copy_of for a in brief.story.articles if a.copy_of}
    assert copies, "the example corpus plants a syndicated copy"
    checked = 0
    for group in brief.statements:
        cited = [c.article_id for c in group.citations]
        first = cited[0]
        if first in copies:
            assert copies[first] not in cited, f"{group.id} cites the copy {first} before its original"
        checked += any(a in copies for a in cited)
    assert checked
    what = brief.main_event["what"].citation
    assert what is not None and what.article_id not in copies
