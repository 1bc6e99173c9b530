"""The vector index protocol: what the pipeline and the retrievers need from a store.

Kept separate from the Chroma implementation so that a test can pass an in-memory fake
and a deployment can swap the backend without touching the indexer or the retrievers.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from vectorstore.types import Article, ArticleRecord, Chunk, Hit


class VectorIndex(Protocol):
    """A store of embedded chunks plus a catalog of the articles they came from."""

    model_id: str

    def count(self) -> int:
        """Number of chunks stored."""

    def articles(self, *, with_text: bool = False) -> list[ArticleRecord]:
        """Catalog entries of completely indexed articles."""

    def get_article(self, doc_id: str) -> ArticleRecord | None: ...

    def chunk_doc_ids(self) -> set[str]:
        """Article ids that have chunks (complete or not)."""

    def put_article(self, article: Article, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]) -> None:
        """Replace everything stored for ``article.doc_id`` with these chunks."""

    def delete_article(self, doc_id: str) -> None: ...

    def query(self, embedding: Sequence[float], k: int) -> list[Hit]:
        """The ``k`` nearest chunks, best first, with cosine similarity scores."""

    def check_model(self) -> None:
        """Raise :class:`IndexMismatch` when the stored vectors come from another model."""
