"""Build the default, real components from settings - the one place that wires them.

Everything here is swappable: the :class:`~qa.assistant.Assistant` accepts ready-made
components (a fake embedder in tests, a server-backed index in a deployment) and only asks
this module for the ones it was not given. Heavy parts stay lazy: the embedding model loads
on the first text it must embed, not here.
"""

from __future__ import annotations

from typing import Any

from qa.retrieval import BM25Retriever, DenseRetriever, HybridRetriever, Retriever
from qa.settings import Settings
from vectorstore.bm25 import BM25Index
from vectorstore.chroma_index import ChromaIndex
from vectorstore.chunking import Chunker
from vectorstore.client import embedded_client, server_client
from vectorstore.embedding import Embedder, PromptedEmbedder, SentenceTransformerEmbedder
from vectorstore.fetch import ModelCache
from vectorstore.manifest import EMBEDDING_GEMMA
from vectorstore.segment import UndertheseaSegmenter
from vectorstore.tokens import load_encoding


def make_client(settings: Settings) -> Any:
    """The one Chroma client of this process, per ``settings.index.backend``."""
    ix = settings.index
    if ix.backend == "server":
        token = ix.token.get_secret_value() if ix.token else None
        return server_client(host=ix.host, port=ix.port, ssl=ix.ssl, token=token)
    return embedded_client(settings.index_path)


def make_embedder(settings: Settings, *, show_progress: bool = False) -> PromptedEmbedder:
    """EmbeddingGemma from the verified cache, on the configured runtime; :class:`ModelMissing`
    says how to fetch (or export) what is missing."""
    cache = ModelCache(settings.cache_dir, show_progress=show_progress)
    e = settings.embedding
    model_dir = cache.embedding_dir(EMBEDDING_GEMMA)
    common = dict(name=EMBEDDING_GEMMA.name, truncate_dim=e.truncate_dim, batch_size=e.batch_size,
                  threads=e.threads, device=e.device)
    if e.runtime == "onnx":
        from vectorstore.onnx_embedding import OnnxEmbedder
        from vectorstore.onnx_export import require_exported

        graphs = require_exported(model_dir, EMBEDDING_GEMMA.fingerprint)
        return OnnxEmbedder(graphs, model_dir, int8=e.quantize, **common)
    return SentenceTransformerEmbedder(model_dir, quantize=e.quantize, **common)


def make_chunker(settings: Settings) -> Chunker:
    encoding = load_encoding(ModelCache(settings.cache_dir).tiktoken_dir)
    return Chunker(encoding=encoding, max_tokens=settings.index.chunk_tokens, overlap_tokens=settings.index.overlap_tokens)


def make_index(settings: Settings, client: Any, embedder: Embedder) -> ChromaIndex:
    return ChromaIndex(client, name=settings.index.name, model_id=embedder.model_id, dimension=embedder.dimension,
                       ef_search=settings.index.ef_search)


def make_segmenter() -> UndertheseaSegmenter:
    return UndertheseaSegmenter()


def make_bm25(settings: Settings, index: Any, segmenter: Any) -> BM25Index:
    """BM25 over the chunks' stored terms, its matrix cached beside the embedded index."""
    return BM25Index(index, segmenter, cache_dir=settings.data_dir / "bm25")


def make_retriever(settings: Settings, index: Any, bm25: BM25Index, *, mode: str | None = None) -> Retriever:
    """The retriever of ``mode`` (default: ``settings.retrieval.mode``)."""
    r = settings.retrieval
    mode = mode or r.mode
    if mode == "dense":
        return DenseRetriever(index)
    if mode == "bm25":
        return BM25Retriever(bm25, index)
    return HybridRetriever(index, bm25, rrf_k=r.rrf_k, pool=r.pool,
                           bm25_weight={"vi": r.bm25_weight_vi, "en": r.bm25_weight_en})


def make_local_llm(settings: Settings) -> Any:
    """The in-process llama.cpp server for the bundled GGUF, or None when an endpoint is configured."""
    from qa.llm_runtime import LocalLlamaServer

    if settings.llm.base_url:
        return None
    return LocalLlamaServer(ModelCache(settings.cache_dir).llm_path(), settings.llm)


def make_reader(settings: Settings) -> Any:
    """The trained span reader (hash-checked), reading with the verified embedding tokenizer."""
    from qa.reader import READER_DIR, load_reader, verified

    folder = settings.answer.reader_dir or READER_DIR
    verified(folder)  # a missing or changed reader is named first: the tokenizer comes with `qa models fetch`
    tokenizer = ModelCache(settings.cache_dir).embedding_dir(EMBEDDING_GEMMA) / "tokenizer.json"
    return load_reader(tokenizer, folder, threads=settings.embedding.threads)
