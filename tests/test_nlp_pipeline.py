"""Loading the base spaCy pipeline (bundled, env var, explicit) and turning Docs into records."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from storydesk.errors import ModelError
from storydesk.nlp import pipeline
from storydesk.nlp.convert import doc_to_annotations
from storydesk.records.annotation import EntityMention, Sentence


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    monkeypatch.delenv(pipeline.MODEL_ENV_VAR, raising=False)
    pipeline.clear_cache()
    yield
    pipeline.clear_cache()


@pytest.fixture()
def tiny_model(tmp_path: Path) -> Path:
    """A small pipeline folder: sentencizer plus an entity ruler for a fictional name."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Oda Venn"}])
    path = tmp_path / "tiny"
    nlp.to_disk(path)
    return path


def test_default_is_the_bundled_model():
    assert (pipeline.BUNDLED_MODEL_PATH / "config.cfg").is_file()
    nlp = pipeline.load_base_pipeline()
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert nlp.meta["name"] == "storydesk_news"


def test_pipeline_is_loaded_once_and_cached(tiny_model):
    first = pipeline.load_base_pipeline(str(tiny_model))
    assert pipeline.load_base_pipeline(tiny_model) is first


def test_uncached_load_is_a_fresh_instance_and_leaves_the_cached_one_bare(tiny_model):
    from storydesk.nlp.annotate import add_components

    cached = pipeline.load_base_pipeline(tiny_model)
    fresh = pipeline.load_base_pipeline(tiny_model, cached=False)
    assert fresh is not cached
    add_components(fresh)
    assert "storydesk_quotes" in fresh.pipe_names
    assert pipeline.load_base_pipeline(tiny_model).pipe_names == ["sentencizer", "entity_ruler"]


def test_env_var_selects_the_model(tiny_model, monkeypatch):
    monkeypatch.setenv(pipeline.MODEL_ENV_VAR, str(tiny_model))
    nlp = pipeline.load_base_pipeline()
    assert nlp.pipe_names == ["sentencizer", "entity_ruler"]


def test_explicit_argument_wins_over_env(tiny_model, tmp_path, monkeypatch):
    monkeypatch.setenv(pipeline.MODEL_ENV_VAR, str(tmp_path / "does-not-exist"))
    assert pipeline.load_base_pipeline(tiny_model).pipe_names == ["sentencizer", "entity_ruler"]


def test_unknown_package_name_is_a_model_error():
    with pytest.raises(ModelError, match="en_core_nonexistent_xx"):
        pipeline.load_base_pipeline("en_core_nonexistent_xx")


def test_missing_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        pipeline.load_base_pipeline(str(tmp_path / "nowhere"))


def test_broken_folder_is_a_model_error(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.cfg").write_text("this is not a config", encoding="utf8")
    with pytest.raises(ModelError) as info:
        pipeline.load_base_pipeline(broken)
    assert info.value.code == "SD201"


def test_doc_to_annotations_gives_character_offsets():
    nlp = spacy.blank("en")
    words = ["Oda", "Venn", "joined", "Tarn", "Mills", ".", "She", "left", "."]
    spaces = [True, True, True, True, False, True, True, False, False]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        sent_starts=[True, False, False, False, False, False, True, False, False],
        ents=["B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "O", "O", "O", "O"],
    )
    out = doc_to_annotations(doc)
    assert doc.text == "Oda Venn joined Tarn Mills. She left."
    assert out["sentences"] == [Sentence(start=0, end=27), Sentence(start=28, end=37)]
    assert out["entities"] == [
        EntityMention(start=0, end=8, text="Oda Venn", label="PERSON"),
        EntityMention(start=16, end=26, text="Tarn Mills", label="ORG"),
    ]
    assert "tokens" not in out


def test_offsets_are_shifted_and_whitespace_trimmed():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = "Oda Venn spoke.\n\nNobody listened."
    doc = nlp(text)
    out = doc_to_annotations(doc, offset=100, tokens=True)
    assert [(s.start - 100, s.end - 100) for s in out["sentences"]] == [(0, 15), (17, 33)]
    assert all(text[t["start"] - 100 : t["end"] - 100] == t["text"] for t in out["tokens"])
    assert not any(t["text"].isspace() for t in out["tokens"])


def test_bundled_model_entities_point_into_the_text():
    nlp = pipeline.load_base_pipeline()
    text = 'Mayor Oda Venn of Corvale told the Tarn Valley Herald on Monday that the bridge would reopen. "We are ready," she said.'
    out = doc_to_annotations(nlp(text), tokens=True)
    assert len(out["sentences"]) >= 2
    for ent in out["entities"]:
        assert text[ent.start : ent.end] == ent.text
    heads = [t["head"] for t in out["tokens"]]
    assert all(0 <= h < len(heads) for h in heads)


def test_bundled_pipeline_releases_the_tensor_after_its_last_model_component():
    bundled = pipeline.BUNDLED_MODEL_PATH
    if not (bundled / "meta.json").is_file():
        pytest.skip("the bundled spaCy model is not built yet")
    nlp = pipeline.load_base_pipeline(str(bundled))
    assert nlp.pipe_names[-1] == "storydesk_release_tensor"
    doc = nlp("Mara Quill said the ferry was safe.")
    assert doc.tensor.size == 0
    assert doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")
