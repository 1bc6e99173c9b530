"""The BM25 side of hybrid search, kept in step with Chroma.

Source of truth: each chunk's BM25 terms are stored in Chroma with the chunk itself (same
write, so they can never disagree, on an embedded store or a server). The BM25 matrix is
built from them and cached on disk beside the Chroma folder, keyed by a fingerprint of the
article catalog; when the catalog changes (re-indexing here or by another worker sharing a
Chroma server) the next search rebuilds it. Checks of the catalog are rate-limited so a
busy server does not list the catalog on every question.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from vectorstore.segment import Segmenter
from vectorstore.types import Hit


class BM25Index:
    """Keyword search over the chunks of a :class:`~vectorstore.chroma_index.ChromaIndex`.

    Example::

        bm25 = BM25Index(index, UndertheseaSegmenter(), cache_dir=data_dir / "bm25")
        hits = bm25.search("Móng Cái luân chuyển bao nhiêu cán bộ", k=10)
    """

    def __init__(self, index: Any, segmenter: Segmenter, *, cache_dir: Path | None = None,
                 k1: float = 1.2, b: float = 0.75, check_every_s: float = 5.0) -> None:
        self.index = index
        self.segmenter = segmenter
        self.cache_dir = cache_dir
        self.k1, self.b = k1, b
        self.check_every_s = check_every_s
        self._model = None
        self._ids: list[str] = []
        self._fingerprint: str | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def fingerprint(self) -> str:
        """Changes whenever an article is added, changed or removed (or the segmenter changes)."""
        h = hashlib.sha256(self.segmenter.name.encode())
        for r in self.index.articles():
            h.update(f"{r.doc_id}\0{r.content_hash}\0".encode())
        return h.hexdigest()[:32]

    def invalidate(self) -> None:
        """Force a freshness check on the next search (the indexer calls this after writing)."""
        self._checked_at = 0.0

    def _fresh(self) -> None:
        now = time.monotonic()
        if self._model is not None and now - self._checked_at < self.check_every_s:
            return
        with self._lock:
            fp = self.fingerprint()
            self._checked_at = time.monotonic()
            if fp == self._fingerprint and self._model is not None:
                return
            if not self._load(fp):
                self._build(fp)

    def _folder(self) -> Path | None:
        return self.cache_dir / self.index.name if self.cache_dir else None

    def _load(self, fp: str) -> bool:
        folder = self._folder()
        meta = folder / "vnqa.json" if folder else None
        if not meta or not meta.is_file():
            return False
        try:
            info = json.loads(meta.read_text())
            if info.get("fingerprint") != fp:
                return False
            import bm25s

            self._model = bm25s.BM25.load(str(folder), mmap=False)
            self._ids = info["ids"]
        except (OSError, ValueError, KeyError):
            return False
        self._fingerprint = fp
        return True

    def _build(self, fp: str) -> None:
        import bm25s

        ids, terms = self.index.chunk_terms()
        model = bm25s.BM25(k1=self.k1, b=self.b)
        if ids:
            model.index([t.split() or ["\u2205"] for t in terms], show_progress=False)
        self._model, self._ids, self._fingerprint = (model if ids else None), ids, fp
        folder = self._folder()
        if folder and ids:
            tmp = folder.with_name(folder.name + ".tmp")
            shutil.rmtree(tmp, ignore_errors=True)
            model.save(str(tmp), show_progress=False)
            (tmp / "vnqa.json").write_text(json.dumps({"fingerprint": fp, "ids": ids}))
            shutil.rmtree(folder, ignore_errors=True)
            tmp.replace(folder)  # the cache is swapped whole: a crash leaves the old one or none

    def chunk_ids(self) -> list[str]:
        """The chunks this BM25 matrix ranks (after a freshness check)."""
        self._fresh()
        return list(self._ids)

    def search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` best chunks by BM25 (score = BM25 value, not comparable to cosine)."""
        self._fresh()
        model = self._model
        if model is None:
            return []
        vocab = model.vocab_dict
        q = [t for t in dict.fromkeys(self.segmenter.terms(query)) if t in vocab]
        if not q:
            return []
        n = min(k, len(self._ids))
        docs, scores = model.retrieve([q], k=n, show_progress=False, n_threads=1)
        picked = [(self._ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
        by_id = {h.chunk_id: h for h in self.index.get_chunks([cid for cid, _ in picked])}
        return [_rescore(by_id[cid], s) for cid, s in picked if cid in by_id]


def _rescore(hit: Hit, score: float) -> Hit:
    from dataclasses import replace

    return replace(hit, score=score)
