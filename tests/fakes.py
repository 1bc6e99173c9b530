"""Fakes for fast tests: real code with deterministic behaviour, kept in one place."""

from __future__ import annotations

import hashlib
import math
from typing import Sequence

from vectorstore.text import fold_diacritics, words


class HashingEmbedder:
    """Deterministic bag-of-words embedder: texts sharing words get similar vectors.

    Behaves like a lexical retriever, which is enough to test the pipeline end to end
    without loading a 300M-parameter model.
    """

    def __init__(self, dimension: int = 256, name: str = "fake-hashing") -> None:
        self._dimension = dimension
        self.name = name
        self.calls = 0

    @property
    def model_id(self) -> str:
        return f"{self.name}/{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self._dimension
        toks = [fold_diacritics(w) for w in words(text)]
        for tok in toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]:
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
            vec[h % self._dimension] += 1.0 if h & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]:
        self.calls += 1
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.calls += 1
        return self._vector(text)

    def clear_query_cache(self) -> None:
        """Nothing to clear (query vectors are not cached here); the benchmark calls it."""


class WhitespaceEncoding:
    """Stands in for a tiktoken encoding: one token per whitespace-separated word."""

    def encode_ordinary(self, text: str) -> list[int]:
        return list(range(len(text.split())))
