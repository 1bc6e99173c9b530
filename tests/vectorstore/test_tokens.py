import pytest

from vectorstore.errors import ModelMissing
from vectorstore.fetch import ModelCache
from vectorstore.tokens import cache_file, load_encoding


def test_missing_rank_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelMissing, match="qa models fetch"):
        load_encoding(tmp_path)


def test_fetch_installs_verified_rank_file_and_tiktoken_works_offline(tmp_path):
    cache = ModelCache(tmp_path, show_progress=False)
    path = cache.fetch_tiktoken()
    assert path == cache_file(cache.tiktoken_dir)
    enc = load_encoding(cache.tiktoken_dir)
    assert enc.encode("hello world") == [15339, 1917]
    assert enc.decode(enc.encode("Hà Nội luân chuyển 137 cán bộ")) == "Hà Nội luân chuyển 137 cán bộ"


def test_tampered_rank_file_is_replaced(tmp_path):
    cache = ModelCache(tmp_path, show_progress=False)
    path = cache.fetch_tiktoken()
    path.write_bytes(b"not ranks")
    cache.fetch_tiktoken()
    assert load_encoding(cache.tiktoken_dir).encode("hello world") == [15339, 1917]
