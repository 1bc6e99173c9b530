"""The real EmbeddingGemma from the verified cache (marked ``real``): the default runtime (ONNX) and PyTorch."""

import math

import pytest

from vectorstore.embedding import SentenceTransformerEmbedder
from vectorstore.errors import ConfigError, ModelMissing

pytestmark = pytest.mark.real


def _cos(a, b):
    return sum(x * y for x, y in zip(a, b))


def test_vectors_are_normalised_and_sized(real_embedder):
    [doc] = real_embedder.embed_documents(["Từ đầu nhiệm kỳ đến nay, có 137 cán bộ được luân chuyển."], ["Hà Nội"])
    q = real_embedder.embed_query("how many cadres did Hà Nội rotate?")
    assert len(doc) == len(q) == real_embedder.dimension == 768
    assert math.isclose(sum(x * x for x in q), 1.0, rel_tol=1e-3)
    assert real_embedder.model_id == "embeddinggemma-300m/768"


def test_cross_lingual_retrieval_prefers_the_answering_sentence(real_embedder):
    docs = real_embedder.embed_documents([
        "Từ đầu nhiệm kỳ đến nay, có 137 cán bộ được luân chuyển.",
        "Dự báo thời tiết Hà Nội ngày mai có mưa rào.",
    ])
    q = real_embedder.embed_query("how many cadres were rotated?")
    assert _cos(q, docs[0]) > _cos(q, docs[1]) + 0.05


def test_the_pytorch_runtime_embeds_and_names_the_same_space(torch_embedder):
    q = torch_embedder.embed_query("how many cadres did Hà Nội rotate?")
    assert len(q) == 768 and torch_embedder.model_id == "embeddinggemma-300m/768"


def test_nfd_and_nfc_input_embed_identically(real_embedder):
    import unicodedata

    text = "Bí thư Thành ủy Móng Cái"
    assert real_embedder.embed_query(unicodedata.normalize("NFD", text)) == real_embedder.embed_query(text)


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelMissing, match="qa models fetch"):
        SentenceTransformerEmbedder(tmp_path, name="x").embed_query("x")


def test_bad_truncation_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="Matryoshka"):
        SentenceTransformerEmbedder(tmp_path, name="x", truncate_dim=300)


def test_full_hash_verification_of_the_real_model(model_cache):
    from vectorstore.fetch import ModelCache
    from vectorstore.manifest import EMBEDDING_GEMMA

    cache = ModelCache(model_cache, show_progress=False)
    if not cache.model_dir(EMBEDDING_GEMMA).is_dir():
        pytest.skip("real model not fetched; run `qa models fetch`")
    cache.verify(EMBEDDING_GEMMA, full=True)


def test_int8_and_matryoshka_options_stay_close_to_the_full_model(torch_embedder, recwarn):
    sentence = "Từ đầu nhiệm kỳ đến nay, có 137 cán bộ được luân chuyển."
    small = SentenceTransformerEmbedder(torch_embedder.model_dir, name=torch_embedder.name, truncate_dim=256,
                                        quantize=True)
    [full] = torch_embedder.embed_documents([sentence])
    [int8] = small.embed_documents([sentence])
    assert small.model_id == "embeddinggemma-300m/256/int8" and len(int8) == 256
    head = full[:256]
    norm = math.sqrt(sum(x * x for x in head))
    assert _cos([x / norm for x in head], int8) > 0.95          # same direction, re-normalised
    assert not [w for w in recwarn if "quantize" in str(w.message)]  # torch's deprecation is not shown
