"""The vector index protocol: what the pipeline and the retrievers need from a store.

Kept separate from the Chroma implementation so that a test can pass an in-memory fake
and a deployment can swap the backend without touching the indexer or the retrievers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Protocol, Sequence

from vectorstore.filters import NewsFilter
from vectorstore.types import Article, ArticleRecord, ArticleUnits, Chunk, Hit


@dataclass(frozen=True)
class ChunkRows:
    """Every stored chunk's id with its BM25 terms and what filters read, row by row.

    ``days``: the article's publication day as a number (``20190113``; 0 when undated);
    ``sources``: its source key (:func:`~vectorstore.filters.source_key`; ``None``: no source).
    """

    ids: list[str]
    terms: list[str]
    days: list[int]
    sources: list[str | None]


class VectorIndex(Protocol):
    """A store of embedded chunks plus a catalog of the articles they came from."""

    model_id: str

    def count(self) -> int:
        """Number of chunks stored."""

    def articles(self, *, with_text: bool = False) -> list[ArticleRecord]:
        """Catalog entries of completely indexed articles."""

    def get_article(self, doc_id: str) -> ArticleRecord | None: ...

    def has_articles(self, news_filter: NewsFilter) -> bool:
        """Whether some completely indexed article passes ``news_filter``."""

    def get_articles(self, doc_ids: Sequence[str]) -> dict[str, ArticleRecord]:
        """Catalog records, with text, of those ``doc_ids`` that are indexed."""

    def chunk_covering(self, doc_id: str, start: int, end: int) -> Hit | None:
        """A chunk of ``doc_id`` containing the character span ``[start, end)``."""

    def chunk_doc_ids(self) -> set[str]:
        """Article ids that have chunk or sentence vectors (complete or not)."""

    def pending_ids(self) -> list[str]:
        """Articles whose writing began and did not finish."""

    def unit_counts(self) -> tuple[Counter[str], Counter[str]]:
        """Chunks and sentences stored per article id (for consistency checks)."""

    def put_article(
        self,
        article: Article,
        chunks: Sequence[Chunk],
        embeddings: Sequence[Sequence[float]],
        sentences: Sequence[Chunk] = (),
        sentence_embeddings: Sequence[Sequence[float]] = (),
        terms: Sequence[str] | None = None,
    ) -> None:
        """Replace everything stored for ``article.doc_id`` with these chunks and sentences.

        ``terms``: each chunk's BM25 terms, stored with it so keyword search stays in sync.
        """

    def put_articles(self, items: Sequence[ArticleUnits]) -> None:
        """:meth:`put_article` for several articles at once, with as many store calls as for one
        (per-article calls dominate writing many small articles)."""

    def chunk_terms(self) -> tuple[list[str], list[str]]:
        """Every chunk id with its stored BM25 terms."""

    def chunk_rows(self) -> ChunkRows:
        """Every chunk id with its BM25 terms, day and source key (what the BM25 side is built from)."""

    def get_chunks(self, chunk_ids: Sequence[str], *, news_filter: NewsFilter | None = None) -> list[Hit]:
        """Chunks by id (only those passing ``news_filter`` when given)."""

    def delete_article(self, doc_id: str) -> None: ...

    def query(self, embedding: Sequence[float], k: int, ids: Sequence[str] | None = None, *,
              news_filter: NewsFilter | None = None) -> list[Hit]:
        """The ``k`` nearest chunks (among ``ids`` if given), best first, with cosine similarity scores.

        ``news_filter``: only chunks of articles that pass it, filtered inside the store, so
        ``k`` are returned whenever ``k`` such chunks exist.
        """

    def query_sentences(self, embedding: Sequence[float], k: int, doc_ids: Sequence[str] | None, *,
                        news_filter: NewsFilter | None = None) -> list[Hit]:
        """The ``k`` nearest sentences among the articles ``doc_ids`` (``None``: all articles) that
        pass ``news_filter`` (when given)."""

    def check_model(self) -> None:
        """Raise :class:`IndexMismatch` when the stored vectors come from another model."""

    def outdated_units(self) -> str | None:
        """Why the stored sentences and chunks were cut by older rules than this vnqa's
        (:data:`~vectorstore.sentences.SPLITTER_VERSION`), None when they were not: they still
        answer, but `qa index --upgrade` re-cuts them."""
