"""Indexing throughput: the whole pipeline against the raw model on the same texts.

The raw figure is the physical limit on this CPU: the embedding model encoding exactly the
texts the pipeline embeds, in its best batch size, with nothing else going on. The pipeline
adds reading, cleaning, chunking, word segmentation for BM25 and Chroma writes. It embeds
two kinds of text - the chunks, and each sentence on its own (the answerer ranks sentences
by their own vectors) - so two ratios are reported: the same work (chunks + sentences, the
pipeline's overhead), and chunks per second (what the sentence vectors cost on top).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vectorstore.chroma_index import ChromaIndex
from vectorstore.chunking import Chunker
from vectorstore.client import embedded_client
from vectorstore.indexer import Indexer, load_articles
from vectorstore.segment import Segmenter
from vectorstore.types import Chunk


@dataclass(frozen=True)
class EncodeRate:
    batch_size: int
    texts_per_s: float


@dataclass(frozen=True)
class IndexingResult:
    chunks: int
    sentences: int
    pipeline_seconds: float
    batch_rates: tuple[EncodeRate, ...]  # raw encoding of the chunks, per batch size
    best_batch: int
    raw_chunks_seconds: float            # the chunks alone, best batch
    raw_all_seconds: float               # chunks + sentences, best batch: what the pipeline embeds

    @property
    def pipeline_chunks_per_s(self) -> float:
        return self.chunks / self.pipeline_seconds

    @property
    def raw_chunks_per_s(self) -> float:
        return self.chunks / self.raw_chunks_seconds

    @property
    def ratio_same_work(self) -> float:
        """Pipeline speed / raw speed on the same texts (target >= 0.85)."""
        return self.raw_all_seconds / self.pipeline_seconds

    @property
    def ratio_chunks(self) -> float:
        """Pipeline chunks/s / raw chunks/s (sentence vectors included in the pipeline's cost)."""
        return self.pipeline_chunks_per_s / self.raw_chunks_per_s


def _encode(embedder, units: Sequence[Chunk], batch_size: int) -> float:
    previous = embedder.batch_size
    embedder.batch_size = batch_size
    try:
        started = time.perf_counter()
        embedder.embed_documents([u.text for u in units], [u.title for u in units])
        return time.perf_counter() - started
    finally:
        embedder.batch_size = previous


def measure_indexing(embedder, chunker: Chunker, segmenter: Segmenter, corpus: list[Path], workdir: Path, *,
                     batch_sizes: Sequence[int] = (4, 8, 16, 32)) -> IndexingResult:
    """Index ``corpus`` into a fresh store under ``workdir`` and encode the same texts raw."""
    articles, _ = load_articles(corpus)
    chunks = [c for a in articles for c in chunker.split(a)]
    sentences = [s for a in articles for s in chunker.sentences(a)]
    embedder.embed_documents(["khởi động"])  # the model is loaded before anything is timed
    rates = []
    for bs in batch_sizes:
        rates.append(EncodeRate(bs, len(chunks) / _encode(embedder, chunks, bs)))
    best = max(rates, key=lambda r: r.texts_per_s)
    raw_chunks = _encode(embedder, chunks, best.batch_size)
    raw_all = raw_chunks + _encode(embedder, sentences, best.batch_size)
    index = ChromaIndex(embedded_client(workdir / "chroma"), name="bench", model_id=embedder.model_id,
                        dimension=embedder.dimension)
    index.reset()
    report = Indexer(index, embedder, chunker, segmenter=segmenter, show_progress=False).sync(corpus)
    return IndexingResult(chunks=report.chunks_embedded, sentences=report.sentences_embedded,
                          pipeline_seconds=report.seconds, batch_rates=tuple(rates), best_batch=best.batch_size,
                          raw_chunks_seconds=raw_chunks, raw_all_seconds=raw_all)
