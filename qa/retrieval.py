"""Retrievers: turn a question into ranked passages.

:class:`Retriever` is the protocol the assistant depends on. :class:`DenseRetriever`
searches the vector index with the embedder's query prompt, :class:`BM25Retriever` the
keyword index, and :class:`HybridRetriever` (the default) fuses both.
"""

from __future__ import annotations

from typing import Protocol

from qa.gazetteer import find_places, mentions_place
from qa.language import detect_language
from qa.types import Passage
from vectorstore.bm25 import BM25Index
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


class BM25Retriever:
    """Keyword retrieval over word-segmented Vietnamese (see :mod:`vectorstore.bm25`).

    Scores are rescaled to the dense cosine of the same chunks so that one threshold
    (``answer.min_score``) means the same thing whichever retriever ran.
    """

    def __init__(self, bm25: BM25Index, index: VectorIndex, embedder: Embedder) -> None:
        self.bm25 = bm25
        self.index = index
        self.embedder = embedder

    def search(self, query: str, k: int) -> list[Passage]:
        hits = self.bm25.search(query, k)
        cosine = _cosines(self.index, self.embedder, query, [h.chunk_id for h in hits])
        return [passage_from_hit(h, cosine.get(h.chunk_id, 0.0)) for h in hits]


def _cosines(index: VectorIndex, embedder: Embedder, query: str, ids: list[str]) -> dict[str, float]:
    if not ids:
        return {}
    return {h.chunk_id: h.score for h in index.query(embedder.embed_query(query), len(ids), ids=ids)}


class HybridRetriever:
    """Dense and BM25 results fused by weighted reciprocal rank fusion.

    BM25 cannot match an English question to Vietnamese text (only names and figures
    overlap), so its weight depends on the question's language. The order is the fused one;
    each passage's ``score`` stays its dense cosine, the scale abstention is calibrated on.
    """

    def __init__(self, index: VectorIndex, embedder: Embedder, bm25: BM25Index, *, rrf_k: int = 60,
                 bm25_weight: dict[str, float] | None = None, pool: int = 20) -> None:
        self.index = index
        self.embedder = embedder
        self.bm25 = bm25
        self.rrf_k = rrf_k
        self.bm25_weight = bm25_weight or {"vi": 1.5, "en": 0.0}
        self.pool = pool

    def search(self, query: str, k: int) -> list[Passage]:
        n = max(self.pool, k)
        dense = self.index.query(self.embedder.embed_query(query), n)
        weight = self.bm25_weight.get(detect_language(query), 1.0)
        keyword = self.bm25.search(query, n) if weight > 0 else []
        fused: dict[str, float] = {}
        for rank, h in enumerate(dense):
            fused[h.chunk_id] = fused.get(h.chunk_id, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        for rank, h in enumerate(keyword):
            fused[h.chunk_id] = fused.get(h.chunk_id, 0.0) + weight / (self.rrf_k + rank + 1)
        hits = {h.chunk_id: h for h in (*keyword, *dense)}
        cosine = {h.chunk_id: h.score for h in dense}
        missing = [cid for cid in fused if cid not in cosine]
        cosine.update(_cosines(self.index, self.embedder, query, missing))
        order = sorted(fused, key=lambda cid: -fused[cid])
        order = _named_places_first(self.index, query, order, {cid: hits[cid].doc_id for cid in order})[:k]
        return [passage_from_hit(hits[cid], cosine.get(cid, 0.0)) for cid in order]


def _named_places_first(index: VectorIndex, query: str, order: list[str], doc_of: dict[str, str]) -> list[str]:
    """Passages from articles that mention every place the question names come first.

    Embeddings place "Hà Nội rotated 137 cadres" and "Bắc Kạn rotated 52 cadres" almost on
    top of each other, and in a large corpus many articles differ only in the place. The order
    within each group is kept; articles' places are cached, so this costs one catalog read.
    """
    places = [p.name for p in find_places(query)]
    if not places or not order:
        return order
    articles = index.get_articles(list(dict.fromkeys(doc_of.values())))
    good = {d for d, a in articles.items() if all(mentions_place(a.text or "", p) for p in places)}
    return sorted(order, key=lambda cid: doc_of[cid] not in good)
