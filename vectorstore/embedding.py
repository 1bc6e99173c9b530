"""Embedders: the swappable part that turns text into vectors.

:class:`Embedder` is the protocol the index and retrievers depend on. The real one,
:class:`SentenceTransformerEmbedder`, wraps EmbeddingGemma from a verified local folder and
uses the model's own prompts: queries get ``task: search result | query:``, documents get
``title: <headline> | text:`` - the document format the model was trained with, which lets
a chunk that never names its city inherit it from the headline.

:class:`~vectorstore.onnx_embedding.OnnxEmbedder` runs the same model exported to ONNX (no
torch at question time, 1.5x faster, or 3x+ with int8 weights). Both share
:class:`PromptedEmbedder`: the prompts, Matryoshka truncation and the question-vector cache,
so the two runtimes cannot drift apart in how they present text to the model.

Each is also a LangChain :class:`~langchain_core.embeddings.Embeddings`, so the same object
plugs into LangChain vector stores.
"""

from __future__ import annotations

import os
import threading
import time
import warnings
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

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


QUERY_PROMPT = "task: search result | query: "
MATRYOSHKA_SIZES = (128, 256, 512, 768)


def document_prompt(title: str | None) -> str:
    """EmbeddingGemma's document format; the headline lets a chunk inherit its article's topic."""
    return f"title: {nfc(title) if title else 'none'} | text: "


def resolve_device(device: str, *, available: bool) -> str:
    """``auto`` -> ``cuda`` when a GPU is usable, else ``cpu``; an explicit ``cuda`` without
    one is a configuration error rather than a silent fall back to a 50x slower path."""
    if device == "auto":
        return "cuda" if available else "cpu"
    if device == "cuda" and not available:
        raise ConfigError("VNQA_EMBEDDING__DEVICE=cuda but no CUDA device is usable here; "
                          "set it to auto or cpu")
    return device


class PromptedEmbedder(Embeddings):
    """What every EmbeddingGemma runtime shares; subclasses only run the model (:meth:`_encode`).

    Vectors are truncated to ``truncate_dim`` (Matryoshka) and re-normalised here, after the
    model, so every runtime truncates the same way.
    """

    runtime_tag = ""  # part of model_id when the runtime changes the vectors (int8)

    def __init__(self, *, name: str, truncate_dim: int | None = None, batch_size: int = 8,
                 threads: int | None = None, full_dimension: int = 768) -> None:
        if truncate_dim is not None and truncate_dim not in MATRYOSHKA_SIZES:
            raise ConfigError(f"truncate_dim must be one of 128, 256, 512, 768 (Matryoshka sizes), got {truncate_dim}")
        if batch_size < 1:
            raise ConfigError(f"embedding batch_size must be >= 1, got {batch_size}")
        self.name = name
        self.truncate_dim = truncate_dim
        self.batch_size = batch_size
        self.threads = threads
        self._dimension = truncate_dim or full_dimension
        self._lock = threading.Lock()
        self._query_cache: dict[str, list[float]] = {}
        self.load_seconds: float | None = None

    @property
    def model_id(self) -> str:
        return f"{self.name}/{self._dimension}" + self.runtime_tag

    @property
    def dimension(self) -> int:
        return self._dimension

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors (full dimension) for prompt-prefixed ``texts``."""
        raise NotImplementedError

    def _load(self) -> object:
        """Load the model (once); what ``_encode`` runs."""
        raise NotImplementedError

    def load(self) -> None:
        """Load the model now rather than at the first text (start-up prefetch, benchmarks)."""
        self._load()

    def _vectors(self, texts: list[str]) -> np.ndarray:
        vectors = np.asarray(self._encode(texts), dtype=np.float32)
        if self.truncate_dim and self.truncate_dim < vectors.shape[1]:
            vectors = vectors[:, : self.truncate_dim]
            vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]:
        """Embed passages; each is prefixed ``title: <title> | text:`` as the model expects."""
        if not texts:
            return []
        titles = list(titles) if titles is not None else [None] * len(texts)
        return self._vectors([document_prompt(ti) + nfc(t) for t, ti in zip(texts, titles)]).tolist()

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
        vector = self._vectors([QUERY_PROMPT + key])[0].tolist()
        with self._lock:
            self._query_cache[key] = vector
            while len(self._query_cache) > 512:
                self._query_cache.pop(next(iter(self._query_cache)))
        return vector


class SentenceTransformerEmbedder(PromptedEmbedder):
    """EmbeddingGemma (or any sentence-transformers model with query/document prompts) in PyTorch.

    The model loads lazily on first use, from local files only.

    Example::

        embedder = SentenceTransformerEmbedder(cache.embedding_dir(), name="embeddinggemma-300m")
        vec = embedder.embed_query("how many cadres did Hà Nội rotate?")
    """

    def __init__(self, model_dir: Path, *, name: str, truncate_dim: int | None = None, quantize: bool = False,
                 batch_size: int = 8, threads: int | None = None, device: str = "cpu",
                 full_dimension: int = 768) -> None:
        super().__init__(name=name, truncate_dim=truncate_dim, batch_size=batch_size, threads=threads,
                         full_dimension=full_dimension)
        self.model_dir = Path(model_dir)
        self.quantize = quantize
        self.device = device
        self.runtime_tag = "/int8" if quantize else ""
        self._model = None

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
            device = resolve_device(self.device, available=torch.cuda.is_available())
            model = SentenceTransformer(str(self.model_dir), device=device, local_files_only=True)
            if self.quantize:
                if device != "cpu":
                    raise ConfigError("torch int8 quantisation runs on the CPU only; set VNQA_EMBEDDING__DEVICE=cpu "
                                      "or VNQA_EMBEDDING__QUANTIZE=false")
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

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._load().encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                   show_progress_bar=False, convert_to_numpy=True)
