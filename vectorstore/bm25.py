"""The BM25 side of hybrid search, kept in step with Chroma.

Source of truth: each chunk's BM25 terms are stored in Chroma with the chunk itself (same
write, so they can never disagree, on an embedded store or a server). The BM25 matrix is
built from them and cached on disk beside the Chroma folder, keyed by a fingerprint of the
article catalog; when the catalog changes (re-indexing here or by another worker sharing a
Chroma server) it is rebuilt. Checks of the catalog are rate-limited and run beside the
searches, so a busy server neither lists the catalog on every question nor makes a question
wait for the listing.

A :class:`~vectorstore.filters.NewsFilter` is applied inside the ranking: each row keeps its
chunk's day and source key (read with the terms), the filter becomes a mask of the rows, and
BM25 ranks only those, so ``k`` matching chunks come back whenever ``k`` match the query.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from vectorstore.filters import Facets, NewsFilter
from vectorstore.segment import Segmenter
from vectorstore.types import Hit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Matrix:
    """One built BM25 model, the chunk id of each of its rows, the catalog it was built from,
    and each row's day and source for filters."""

    model: Any
    ids: list[str]
    fingerprint: str | None
    facets: Facets = field(default_factory=Facets.empty)

    @classmethod
    def of(cls, model: Any, ids: list[str], fingerprint: str | None, days: list[int],
           sources: list[str | None]) -> "_Matrix":
        return cls(model, ids, fingerprint, Facets.of(days, sources))


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
        self._state = _Matrix(None, [], None)  # replaced whole, so a search never sees half a swap
        self._checked_at = 0.0
        self._must_check = True
        self._lock = threading.Lock()  # held by whichever check is running

    def fingerprint(self) -> str:
        """Changes whenever an article is added, changed or removed (or the segmenter changes)."""
        h = hashlib.sha256(self.segmenter.name.encode())
        for r in self.index.articles():
            h.update(f"{r.doc_id}\0{r.content_hash}\0".encode())
        return h.hexdigest()[:32]

    def invalidate(self) -> None:
        """Check on the next search, before answering it (the indexer calls this after writing)."""
        self._must_check = True

    def _fresh(self) -> None:
        """Make sure the matrix matches the catalog.

        Before the first search, after :meth:`invalidate`, or while the index is empty, the
        check runs before the search. The periodic check for other workers' writes runs in a
        background thread and the search goes on with the current matrix: listing the catalog
        costs ~0.3 s at 20k chunks (~3,000 articles) and grows with it, and one question
        every ``check_every_s`` should not pay that.
        """
        if self._state.model is None or self._must_check:
            with self._lock:
                self._check()
        elif time.monotonic() - self._checked_at >= self.check_every_s and self._lock.acquire(blocking=False):
            self._checked_at = time.monotonic()  # no second background check while this one runs
            # Not a daemon: a daemon thread still inside Chroma's native code when the
            # interpreter exits crashes the process (seen: SIGSEGV); exit waits for the check.
            threading.Thread(target=self._check_then_release, name="bm25-check", daemon=False).start()

    def _check_then_release(self) -> None:
        try:
            self._check()
        except Exception as exc:  # noqa: BLE001 - keep serving the current matrix; the next check retries
            log.warning("BM25 freshness check failed, keeping the current keyword index: %s", exc)
        finally:
            self._lock.release()

    def _check(self) -> None:
        """Compare the catalog with the matrix; load or rebuild on a change (caller holds the lock)."""
        self._must_check = False
        try:
            fp = self.fingerprint()
        except BaseException:
            self._must_check = True
            raise
        self._checked_at = time.monotonic()
        if fp == self._state.fingerprint and self._state.model is not None:
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
            if info.get("fingerprint") != fp or len(info.get("days", ())) != len(info["ids"]):
                return False  # another catalog, or a cache written before rows kept their days
            import bm25s

            self._state = _Matrix.of(bm25s.BM25.load(str(folder), mmap=False), info["ids"], fp, info["days"],
                                     info["sources"])
        except (OSError, ValueError, KeyError):
            return False
        return True

    def _build(self, fp: str) -> None:
        import bm25s

        rows = self.index.chunk_rows()
        ids = rows.ids
        model = bm25s.BM25(k1=self.k1, b=self.b)
        if ids:
            model.index([t.split() or ["\u2205"] for t in rows.terms], show_progress=False)
        self._state = _Matrix.of(model if ids else None, ids, fp, rows.days, rows.sources)
        folder = self._folder()
        if folder and ids:
            tmp = folder.with_name(folder.name + ".tmp")
            shutil.rmtree(tmp, ignore_errors=True)
            model.save(str(tmp), show_progress=False)
            (tmp / "vnqa.json").write_text(json.dumps({"fingerprint": fp, "ids": ids, "days": rows.days,
                                                       "sources": rows.sources}))
            shutil.rmtree(folder, ignore_errors=True)
            tmp.replace(folder)  # the cache is swapped whole: a crash leaves the old one or none

    def chunk_ids(self) -> list[str]:
        """The chunks this BM25 matrix ranks (after a freshness check)."""
        self._fresh()
        return list(self._state.ids)

    def admits_any(self, news_filter: NewsFilter) -> bool:
        """Whether some chunk of the matrix passes ``news_filter``: a numpy test of the rows'
        days and sources (the store's own test, a filtered catalog read, took ~200 ms at 5k
        articles, because Chroma's ``where`` costs time in proportion to what it matches)."""
        self._fresh()
        state = self._state
        return bool(state.facets.admitted(news_filter).any())

    def search(self, query: str, k: int, *, news_filter: NewsFilter | None = None) -> list[Hit]:
        """The ``k`` best chunks by BM25 (score = BM25 value, not comparable to cosine) among
        those that pass ``news_filter``.

        The filter masks the matrix's rows before ranking; the chunks are then read from the
        store under the same filter, so a matrix a moment behind another worker's writes can
        return fewer chunks, never one outside the filter.
        """
        self._fresh()
        state = self._state
        model = state.model
        if model is None:
            return []
        vocab = model.vocab_dict
        q = [t for t in dict.fromkeys(self.segmenter.terms(query)) if t in vocab]
        if not q:
            return []
        mask = None
        if news_filter is not None:
            allowed = state.facets.admitted(news_filter)
            if not allowed.any():
                return []
            mask = allowed.astype(np.float32)
        n = min(k, len(state.ids))
        docs, scores = model.retrieve([q], k=n, show_progress=False, n_threads=1, weight_mask=mask)
        picked = [(state.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
        by_id = {h.chunk_id: h for h in self.index.get_chunks([cid for cid, _ in picked], news_filter=news_filter)}
        return [_rescore(by_id[cid], s) for cid, s in picked if cid in by_id]


def _rescore(hit: Hit, score: float) -> Hit:
    from dataclasses import replace

    return replace(hit, score=score)
