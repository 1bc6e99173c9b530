"""The ONNX Runtime path against the real PyTorch model (marked ``real``)."""

import json
import math

import numpy as np
import pytest

from vectorstore import onnx_export
from vectorstore.errors import ModelMissing
from vectorstore.manifest import EMBEDDING_GEMMA
from vectorstore.onnx_embedding import OnnxEmbedder

SENTENCES = ["Từ đầu nhiệm kỳ đến nay, có 137 cán bộ được luân chuyển.",
             "Dự báo thời tiết Hà Nội ngày mai có mưa rào.",
             "Tòa tuyên phạt bị cáo 12 năm tù, buộc bồi thường 3,2 tỷ đồng."]


@pytest.fixture(scope="module")
def graphs(torch_embedder):
    if not onnx_export.is_exported(torch_embedder.model_dir, EMBEDDING_GEMMA.fingerprint):
        pytest.skip("the ONNX export is missing; run `qa models fetch`")
    return onnx_export.onnx_dir(torch_embedder.model_dir)


def _onnx(graphs, torch_embedder, **kw):
    return OnnxEmbedder(graphs, torch_embedder.model_dir, name=torch_embedder.name, **kw)


def _cos(a, b):
    return float(np.dot(a, b))


@pytest.mark.real
def test_fp32_reproduces_the_pytorch_vectors_and_shares_their_model_id(graphs, torch_embedder):
    onnx = _onnx(graphs, torch_embedder)
    assert onnx.model_id == torch_embedder.model_id == "embeddinggemma-300m/768"
    for got, want in zip(onnx.embed_documents(SENTENCES, ["Hà Nội", None, "Tòa án"]),
                         torch_embedder.embed_documents(SENTENCES, ["Hà Nội", None, "Tòa án"])):
        assert _cos(got, want) > 0.9999
    assert _cos(onnx.embed_query("how many cadres were rotated?"),
                torch_embedder.embed_query("how many cadres were rotated?")) > 0.9999


@pytest.mark.real
def test_int8_stays_close_keeps_its_own_space_and_still_ranks_across_languages(graphs, torch_embedder):
    int8 = _onnx(graphs, torch_embedder, int8=True)
    assert int8.model_id == "embeddinggemma-300m/768/onnx-int8"
    vectors = int8.embed_documents(SENTENCES)
    for got, want in zip(vectors, torch_embedder.embed_documents(SENTENCES)):
        assert _cos(got, want) > 0.9
        assert math.isclose(float(np.linalg.norm(got)), 1.0, rel_tol=1e-4)
    q = int8.embed_query("how many cadres were rotated?")
    assert _cos(q, vectors[0]) > max(_cos(q, vectors[1]), _cos(q, vectors[2])) + 0.05


@pytest.mark.real
def test_the_stamp_records_the_checked_cosines(graphs):
    stamp = json.loads((graphs / onnx_export.STAMP).read_text())
    assert stamp["min_cosine"]["fp32"] >= onnx_export.MIN_COSINE["fp32"]
    assert stamp["min_cosine"]["int8"] >= onnx_export.MIN_COSINE["int8"]


def test_a_missing_or_stale_export_says_how_to_make_it(tmp_path):
    model_dir = tmp_path / "embeddinggemma-300m"
    model_dir.mkdir()
    with pytest.raises(ModelMissing, match="qa models fetch"):
        onnx_export.require_exported(model_dir, "abc")
    folder = onnx_export.onnx_dir(model_dir)
    folder.mkdir()
    for name in (onnx_export.FP32_FILE, onnx_export.INT8_FILE):
        (folder / name).write_bytes(b"")
    (folder / onnx_export.STAMP).write_text(json.dumps(
        {"version": onnx_export.EXPORT_VERSION, "source": "other weights", "min_cosine": {}, "seconds": 1.0}))
    assert not onnx_export.is_exported(model_dir, "abc")     # exported from other weights
    assert onnx_export.is_exported(model_dir, "other weights")
    (folder / onnx_export.STAMP).write_text("{not json")
    assert not onnx_export.is_exported(model_dir, "other weights")


def test_an_embedder_without_its_graph_fails_at_first_use_with_the_fix(tmp_path):
    embedder = OnnxEmbedder(tmp_path / "nowhere", tmp_path, name="x")
    with pytest.raises(ModelMissing, match="qa models fetch"):
        embedder.embed_query("x")


@pytest.mark.real
def test_the_embedder_cuts_long_texts_as_the_tokenizers_own_truncation_did(torch_embedder):
    """The shared tokenizer has no truncation switched on; the embedder's own cut must give the
    ids that ``enable_truncation(MAX_TOKENS)`` gave before it was shared."""
    from tokenizers import Tokenizer

    from vectorstore.onnx_embedding import MAX_TOKENS, truncated
    from vectorstore.shared_tokenizer import shared_tokenizer

    path = torch_embedder.model_dir / "tokenizer.json"
    own = Tokenizer.from_file(str(path))
    own.enable_truncation(MAX_TOKENS)
    long = " ".join(SENTENCES) * 300
    shared = shared_tokenizer(path).encode(long).ids
    assert len(shared) > MAX_TOKENS
    assert truncated(shared) == own.encode(long).ids
    assert truncated(shared_tokenizer(path).encode(SENTENCES[0]).ids) == own.encode(SENTENCES[0]).ids
