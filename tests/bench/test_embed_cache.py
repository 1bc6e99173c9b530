from bench.embed_cache import CachedEmbedder


def test_vectors_are_computed_once_and_survive_a_restart(fake_embedder, tmp_path):
    path = tmp_path / "cache" / "vectors.sqlite"
    cached = CachedEmbedder(fake_embedder, path)
    first = cached.embed_documents(["một", "hai"], ["t", None])
    assert (cached.hits, cached.misses) == (0, 2)
    again = cached.embed_documents(["hai", "một", "ba"], [None, "t", None])
    assert (cached.hits, cached.misses) == (2, 3)
    assert again[0] == first[1] and again[1] == first[0]
    cached.close()
    reopened = CachedEmbedder(fake_embedder, path)
    calls = fake_embedder.calls
    reopened.embed_documents(["một"], ["t"])
    assert fake_embedder.calls == calls and reopened.hits == 1
    assert reopened.model_id == fake_embedder.model_id and reopened.dimension == fake_embedder.dimension


def test_title_and_model_are_part_of_the_key(fake_embedder, tmp_path):
    cached = CachedEmbedder(fake_embedder, tmp_path / "v.sqlite")
    cached.embed_documents(["một"], ["A"])
    cached.embed_documents(["một"], ["B"])
    assert cached.misses == 2


def test_queries_are_never_cached(fake_embedder, tmp_path):
    cached = CachedEmbedder(fake_embedder, tmp_path / "v.sqlite")
    calls = fake_embedder.calls
    cached.embed_query("hỏi")
    cached.embed_query("hỏi")
    assert fake_embedder.calls == calls + 2
