"""An :class:`~vectorstore.embedding.Embedder` that remembers document vectors on disk.

The scaling benchmark embeds tens of thousands of generated chunks; on a 2-core CPU that is
the whole cost of the run. Vectors are keyed by model id, title and text, so a second run
(or a larger size that contains the smaller) embeds only what is new. Queries are never
cached here: their latency is what the benchmark measures.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from vectorstore.embedding import Embedder


class CachedEmbedder:
    """Wraps ``inner``; ``hits``/``misses`` count document vectors found and computed."""

    def __init__(self, inner: Embedder, path: Path) -> None:
        self.inner = inner
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def _key(self, text: str, title: str | None) -> str:
        return hashlib.sha256(f"{self.model_id}\0{title or ''}\0{text}".encode()).hexdigest()

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]:
        titles = list(titles) if titles is not None else [None] * len(texts)
        keys = [self._key(t, ti) for t, ti in zip(texts, titles)]
        found: dict[str, list[float]] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                rows = self._db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
                found.update((k, np.frombuffer(v, dtype=np.float32).tolist()) for k, v in rows)
        todo = [i for i, k in enumerate(keys) if k not in found]
        if todo:
            vectors = self.inner.embed_documents([texts[i] for i in todo], [titles[i] for i in todo])
            with self._lock:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                     [(keys[i], np.asarray(v, dtype=np.float32).tobytes()) for i, v in zip(todo, vectors)])
                self._db.commit()
            found.update((keys[i], v) for i, v in zip(todo, vectors))
        self.hits += len(keys) - len(todo)
        self.misses += len(todo)
        return [found[k] for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def close(self) -> None:
        self._db.close()
