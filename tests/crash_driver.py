"""A child process for the crash tests: indexes a folder with the fast fake embedder (slowed
a little so a kill lands mid-run), then builds the BM25 cache. Killed with SIGKILL at random."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.fakes import SlowEmbedder, WhitespaceEncoding
from vectorstore.bm25 import BM25Index
from vectorstore.chroma_index import ChromaIndex
from vectorstore.chunking import Chunker
from vectorstore.client import embedded_client
from vectorstore.indexer import Indexer
from vectorstore.segment import SyllableSegmenter


def build(data: Path):
    embedder = SlowEmbedder()
    index = ChromaIndex(embedded_client(data / "chroma"), name="crash", model_id=embedder.model_id,
                        dimension=embedder.dimension)
    chunker = Chunker(encoding=WhitespaceEncoding(), max_tokens=60, overlap_tokens=10)
    bm25 = BM25Index(index, SyllableSegmenter(), cache_dir=data / "bm25")
    return index, Indexer(index, embedder, chunker, segmenter=SyllableSegmenter(), show_progress=False,
                          group_texts=8), bm25


if __name__ == "__main__":
    corpus, data = Path(sys.argv[1]), Path(sys.argv[2])
    index, indexer, bm25 = build(data)
    report = indexer.sync([corpus])
    bm25.search("cán bộ", 5)
    print(f"done {len(report.added)} added {len(report.repaired)} repaired", flush=True)
