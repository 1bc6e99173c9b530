import pytest

from qa.errors import ConfigError
from qa.settings import Settings


def test_env_vars_override_nested_fields(monkeypatch, tmp_path):
    monkeypatch.setenv("VNQA_RETRIEVAL__TOP_K", "8")
    monkeypatch.setenv("VNQA_INDEX__BACKEND", "server")
    monkeypatch.setenv("VNQA_DATA_DIR", str(tmp_path))
    s = Settings.load()
    assert s.retrieval.top_k == 8 and s.index.backend == "server" and s.index_path == tmp_path / "chroma"


def test_invalid_values_are_one_readable_config_error(monkeypatch):
    monkeypatch.setenv("VNQA_RETRIEVAL__TOP_K", "-1")
    with pytest.raises(ConfigError, match="retrieval.top_k"):
        Settings.load()


def test_unknown_keys_are_rejected(tmp_path):
    preset = tmp_path / "p.toml"
    preset.write_text("[retrieval]\ntop_kk = 3\n")
    with pytest.raises(ConfigError, match="top_kk"):
        Settings.from_file(preset)


def test_preset_file(tmp_path):
    preset = tmp_path / "p.toml"
    preset.write_text('[index]\nname = "news2020"\nchunk_tokens = 128\n[answer]\nmax_chars = 200\n')
    s = Settings.from_file(preset)
    assert (s.index.name, s.index.chunk_tokens, s.answer.max_chars) == ("news2020", 128, 200)


def test_bundled_corpus_is_package_data_of_qa_and_the_default_corpus():
    from importlib.resources import files

    from qa.settings import BUNDLED_CORPUS

    assert BUNDLED_CORPUS == files("qa") / "corpus" and BUNDLED_CORPUS.is_dir()
    assert len(list(BUNDLED_CORPUS.glob("*.txt"))) == 5
    assert Settings.load().index.corpus == [BUNDLED_CORPUS]


def test_a_package_folder_that_is_not_on_disk_is_a_clear_error():
    from qa.settings import package_folder

    with pytest.raises(ConfigError, match="the seed notes must be a folder on disk"):
        package_folder("qa", "no-such-folder", what="seed notes")
