"""Retrievers: turn a question into ranked passages.

:class:`Retriever` is the protocol the assistant depends on; :class:`DenseRetriever`
searches the vector index with the embedder's query prompt.
"""

from __future__ import annotations

from typing import Protocol

from qa.types import Passage
from vectorstore.embedding import Embedder
from vectorstore.index import VectorIndex
from vectorstore.types import Hit


class Retriever(Protocol):
    def search(self, query: str, k: int) -> list[Passage]:
        """The ``k`` best passages for ``query``, best first."""


def passage_from_hit(hit: Hit, score: float | None = None) -> Passage:
    return Passage(
        doc_id=hit.doc_id, title=hit.title, text=hit.text, score=hit.score if score is None else score,
        chunk_id=hit.chunk_id, start=hit.start, end=hit.end, published=hit.published, source=hit.source,
    )


class DenseRetriever:
    """Nearest chunks by cosine similarity of EmbeddingGemma vectors."""

    def __init__(self, index: VectorIndex, embedder: Embedder) -> None:
        self.index = index
        self.embedder = embedder

    def search(self, query: str, k: int) -> list[Passage]:
        return [passage_from_hit(h) for h in self.index.query(self.embedder.embed_query(query), k)]
