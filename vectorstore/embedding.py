"""Embedders: the swappable part that turns text into vectors.

:class:`Embedder` is the protocol the index and retrievers depend on. The real one,
:class:`SentenceTransformerEmbedder`, wraps EmbeddingGemma from a verified local folder and
uses the model's own prompts: queries get ``task: search result | query:``, documents get
``title: <headline> | text:`` - the document format the model was trained with, which lets
a chunk that never names its city inherit it from the headline.

It is also a LangChain :class:`~langchain_core.embeddings.Embeddings`, so the same object
plugs into LangChain vector stores.
"""

from __future__ import annotations

import os
import threading
import time
import warnings
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

from langchain_core.embeddings import Embeddings

from vectorstore.errors import ConfigError, ModelMissing
from vectorstore.text import nfc


@runtime_checkable
class Embedder(Protocol):
    """What the index needs from an embedding model."""

    @property
    def model_id(self) -> str:
        """Identifies model *and* output space (name, dimension); stored with the index."""

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class SentenceTransformerEmbedder(Embeddings):
    """EmbeddingGemma (or any sentence-transformers model with query/document prompts).

    The model loads lazily on first use, from local files only.

    Example::

        embedder = SentenceTransformerEmbedder(cache.embedding_dir(), name="embeddinggemma-300m")
        vec = embedder.embed_query("how many cadres did Hà Nội rotate?")
    """

    def __init__(
        self,
        model_dir: Path,
        *,
        name: str,
        truncate_dim: int | None = None,
        quantize: bool = False,
        batch_size: int = 8,
        threads: int | None = None,
        full_dimension: int = 768,
    ) -> None:
        if truncate_dim is not None and truncate_dim not in (128, 256, 512, 768):
            raise ConfigError(f"truncate_dim must be one of 128, 256, 512, 768 (Matryoshka sizes), got {truncate_dim}")
        if batch_size < 1:
            raise ConfigError(f"embedding batch_size must be >= 1, got {batch_size}")
        self.model_dir = Path(model_dir)
        self.name = name
        self.truncate_dim = truncate_dim
        self.quantize = quantize
        self.batch_size = batch_size
        self.threads = threads
        self._dimension = truncate_dim or full_dimension
        self._model = None
        self._lock = threading.Lock()
        self._query_cache: dict[str, list[float]] = {}
        self.load_seconds: float | None = None

    @property
    def model_id(self) -> str:
        return f"{self.name}/{self._dimension}" + ("/int8" if self.quantize else "")

    @property
    def dimension(self) -> int:
        return self._dimension

    def _load(self):
        with self._lock:
            if self._model is not None:
                return self._model
            if not (self.model_dir / "modules.json").is_file():
                raise ModelMissing(f"no sentence-transformers model in {self.model_dir}; run `qa models fetch`")
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            started = time.perf_counter()
            import torch
            from sentence_transformers import SentenceTransformer

            if self.threads:
                torch.set_num_threads(self.threads)
            model = SentenceTransformer(
                str(self.model_dir), device="cpu", local_files_only=True, truncate_dim=self.truncate_dim
            )
            if self.quantize:
                # torch 2.13 warns on every load that torch.ao.quantization and its quantised
                # tensors are deprecated; docs/BENCHMARKS.md says so (one reason the option is
                # off by default), so users are not shown torch-internal warnings each time.
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", message=r"(?s).*torch\.ao\.quantization is deprecated")
                    warnings.filterwarnings("ignore", message=r"(?s).*quantize_per_tensor")
                    model = torch.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
            self._model = model
            self.load_seconds = time.perf_counter() - started
            return model

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]:
        """Embed passages; each is prefixed ``title: <title> | text:`` as the model expects."""
        if not texts:
            return []
        model = self._load()
        titles = list(titles) if titles is not None else [None] * len(texts)
        prompts = [f"title: {nfc(t) if t else 'none'} | text: " for t in titles]
        inputs = [p + nfc(t) for p, t in zip(prompts, texts)]
        vectors = model.encode(inputs, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False)
        return vectors.tolist()

    def clear_query_cache(self) -> None:
        """Forget cached question vectors (the benchmark times cold queries)."""
        with self._lock:
            self._query_cache.clear()

    def embed_query(self, text: str) -> list[float]:
        """Embed a question; the last few hundred are cached (retrieval and answering share one)."""
        key = nfc(text)
        cached = self._query_cache.get(key)
        if cached is not None:
            return cached
        model = self._load()
        vector = model.encode_query(key, normalize_embeddings=True, show_progress_bar=False).tolist()
        with self._lock:
            self._query_cache[key] = vector
            while len(self._query_cache) > 512:
                self._query_cache.pop(next(iter(self._query_cache)))
        return vector
