import pytest

from storydesk.errors import ConfigError
from storydesk.options import Options


def test_toml_overlays_defaults(tmp_path):
    f = tmp_path / "o.toml"
    f.write_text("[group]\nstory_threshold = 0.42\n")
    opts = Options.from_toml(f)
    assert opts.group.story_threshold == 0.42
    assert opts.extract.max_file_bytes == Options().extract.max_file_bytes


def test_unknown_key_is_an_error(tmp_path):
    f = tmp_path / "o.toml"
    f.write_text("[group]\nstory_treshold = 0.42\n")
    with pytest.raises(ConfigError, match="story_treshold"):
        Options.from_toml(f)


def test_env_config(tmp_path, monkeypatch):
    f = tmp_path / "o.toml"
    f.write_text("[web]\nport = 9001\n")
    monkeypatch.setenv("STORYDESK_CONFIG", str(f))
    assert Options.default().web.port == 9001
