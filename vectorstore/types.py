"""Domain records that flow from files into the index.

Plain frozen dataclasses: cheap to build in tests, printable, and free of any store's
types so the index backend can change without touching the pipeline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One cleaned news article.

    ``text`` is the cleaned body (NFC, boilerplate removed) that every chunk offset points
    into. ``published`` is ISO 8601 (``2019-01-13T22:05``) or ``None`` when the page gives
    no publication date.
    """

    doc_id: str
    title: str
    text: str
    published: str | None = None
    source: str | None = None
    author: str | None = None
    path: str | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def content_hash(self) -> str:
        """sha256 over everything that ends up in the index, so edits trigger re-indexing."""
        h = hashlib.sha256()
        for part in (self.title, self.published or "", self.source or "", self.author or "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    @property
    def text_hash(self) -> str:
        """sha256 of the body with whitespace collapsed: the same article saved under another
        name (or re-wrapped) has the same one, so it is indexed once."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()


def chunk_id_for(doc_id: str, index: int) -> str:
    """The id of an article's ``index``-th chunk; stores find an article's chunks by it."""
    return f"{doc_id}::{index:04d}"


@dataclass(frozen=True)
class Chunk:
    """A token-bounded, sentence-aligned span of an article.

    ``text == article.text[start:end]`` always holds; the UI relies on it to highlight.
    """

    doc_id: str
    index: int
    text: str
    start: int
    end: int
    n_tokens: int
    title: str
    published: str | None = None
    source: str | None = None

    @property
    def chunk_id(self) -> str:
        """Stable id: re-indexing the same article yields the same ids."""
        return chunk_id_for(self.doc_id, self.index)


@dataclass(frozen=True)
class ArticleUnits:
    """One article ready to store: its chunks and sentences with their vectors.

    ``terms`` are the chunks' BM25 terms (space-separated, one per chunk), or ``None``.
    """

    article: Article
    chunks: Sequence[Chunk]
    embeddings: Sequence[Sequence[float]]
    sentences: Sequence[Chunk] = ()
    sentence_embeddings: Sequence[Sequence[float]] = ()
    terms: Sequence[str] | None = None

    def __post_init__(self) -> None:
        if len(self.chunks) != len(self.embeddings) or len(self.sentences) != len(self.sentence_embeddings):
            raise ValueError("every chunk and sentence needs exactly one embedding")
        if self.terms is not None and len(self.terms) != len(self.chunks):
            raise ValueError("BM25 terms must be given for every chunk or for none")


@dataclass(frozen=True)
class Hit:
    """A chunk returned by the index for a query, with cosine similarity in [-1, 1]."""

    chunk_id: str
    doc_id: str
    text: str
    score: float
    title: str
    start: int
    end: int
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class ArticleRecord:
    """What the index remembers about one indexed article (its catalog entry).

    The record is written *after* all of the article's chunks, so its presence marks the
    article as completely indexed; chunks without a record are leftovers of an interrupted run.
    """

    doc_id: str
    title: str
    content_hash: str
    n_chunks: int
    published: str | None = None
    source: str | None = None
    author: str | None = None
    path: str | None = None
    text: str | None = None
    text_hash: str | None = None
