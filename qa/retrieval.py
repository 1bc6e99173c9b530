"""Retrieval: from an analysed question to the passages and sentences an answer may quote.

Two layers:

- :class:`Retriever` (swappable) ranks chunks: :class:`DenseRetriever` by the question's
  vector, :class:`BM25Retriever` by keywords, :class:`HybridRetriever` (the default) fuses both.
  Each uses the vector the pipeline computed once (``Question.vector``); none embeds.
- :class:`Retrieval` is the stage the assistant runs: the retriever's ranking, the entity
  guard (articles that mention every place, person and code the question names come first,
  and only they may be quoted), the top ``k``, and the sentence search the answerer quotes
  from. Everything it found is one :class:`~qa.types.Retrieved`.

A question's news filter (``Question.news_filter``: a period, sources) goes into every store
call - the dense search, the BM25 ranking, the cosines read by id, both sentence searches - so
nothing outside it is ever ranked, and ``k`` passages come back whenever ``k`` pass it.
"""

from __future__ import annotations

from typing import Protocol

from qa.entities import absent
from qa.question import Question
from qa.settings import RetrievalSettings
from qa.types import Passage, Retrieved
from vectorstore.bm25 import BM25Index
from vectorstore.index import VectorIndex
from vectorstore.types import Hit


class Retriever(Protocol):
    def candidates(self, question: Question, k: int) -> list[Passage]:
        """At least ``k`` passages for ``question`` when the index has them, best first.

        May return more than ``k`` (a fusion pool): the entity guard reorders before the cut.
        """


def passage_from_hit(hit: Hit, score: float | None = None) -> Passage:
    return Passage(
        doc_id=hit.doc_id, title=hit.title, text=hit.text, score=hit.score if score is None else score,
        chunk_id=hit.chunk_id, start=hit.start, end=hit.end, published=hit.published, source=hit.source,
    )


def _vector(question: Question):
    if question.vector is None:
        raise ValueError("the question has no vector; the assistant embeds it once before retrieval")
    return question.vector


class DenseRetriever:
    """Nearest chunks by cosine similarity of EmbeddingGemma vectors."""

    def __init__(self, index: VectorIndex) -> None:
        self.index = index

    def candidates(self, question: Question, k: int) -> list[Passage]:
        return [passage_from_hit(h) for h in _dense(self.index, question, k)]


def _dense(index: VectorIndex, question: Question, k: int, ids: list[str] | None = None) -> list[Hit]:
    """The store's dense search for ``question`` (among ``ids`` when given), under its news filter."""
    return index.query(_vector(question), k, ids=ids, news_filter=question.news_filter)


def _keyword(bm25: BM25Index, question: Question, k: int) -> list[Hit]:
    return bm25.search(question.text, k, news_filter=question.news_filter)


def _cosines(index: VectorIndex, question: Question, ids: list[str]) -> dict[str, float]:
    """Dense cosine of the question with the chunks ``ids`` (read from their stored vectors)."""
    if not ids:
        return {}
    return {h.chunk_id: h.score for h in _dense(index, question, len(ids), ids)}


class BM25Retriever:
    """Keyword retrieval over word-segmented Vietnamese (see :mod:`vectorstore.bm25`).

    Scores are the dense cosines of the same chunks, so that one threshold
    (``answer.min_score``) means the same thing whichever retriever ran.
    """

    def __init__(self, bm25: BM25Index, index: VectorIndex) -> None:
        self.bm25 = bm25
        self.index = index

    def candidates(self, question: Question, k: int) -> list[Passage]:
        hits = _keyword(self.bm25, question, k)
        cosine = _cosines(self.index, question, [h.chunk_id for h in hits])
        return [passage_from_hit(h, cosine.get(h.chunk_id, 0.0)) for h in hits]


class HybridRetriever:
    """Dense and BM25 results fused by weighted reciprocal rank fusion.

    BM25 cannot match an English question to Vietnamese text (only names and figures
    overlap), so its weight depends on the question's language. The order is the fused one;
    each passage's ``score`` stays its dense cosine, the scale abstention is calibrated on.
    Returns the whole fused pool (``max(pool, k)`` per retriever), best first.
    """

    def __init__(self, index: VectorIndex, bm25: BM25Index, *, rrf_k: int = 60,
                 bm25_weight: dict[str, float] | None = None, pool: int = 20) -> None:
        self.index = index
        self.bm25 = bm25
        self.rrf_k = rrf_k
        self.bm25_weight = bm25_weight or {"vi": 1.5, "en": 0.0}
        self.pool = pool

    def candidates(self, question: Question, k: int) -> list[Passage]:
        n = max(self.pool, k)
        dense = _dense(self.index, question, n)
        weight = self.bm25_weight.get(question.language, 1.0)
        keyword = _keyword(self.bm25, question, n) if weight > 0 else []
        fused = rrf_fuse([[h.chunk_id for h in dense], [h.chunk_id for h in keyword]], [1.0, weight], self.rrf_k)
        hits = {h.chunk_id: h for h in (*keyword, *dense)}
        cosine = {h.chunk_id: h.score for h in dense}
        cosine.update(_cosines(self.index, question, [cid for cid in fused if cid not in cosine]))
        return [passage_from_hit(hits[cid], cosine.get(cid, 0.0)) for cid in fused]


def rrf_fuse(rankings: list[list[str]], weights: list[float], rrf_k: int) -> list[str]:
    """Ids ordered by weighted reciprocal rank fusion: ``sum(w / (rrf_k + rank))`` over the rankings.

    Ties keep the order in which ids were first seen (the first ranking's order first).
    """
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, cid in enumerate(ranking):
            fused[cid] = fused.get(cid, 0.0) + weight / (rrf_k + rank + 1)
    return sorted(fused, key=lambda cid: -fused[cid])


class Retrieval:
    """The retrieval stage: ranked passages, the entity guard, and the sentences to quote.

    Example::

        retrieval = Retrieval(HybridRetriever(index, bm25), index, RetrievalSettings())
        found = retrieval.retrieve(analyse(q).with_vector(embedder.embed_query(q)), k=5)
        found.passages, found.sentences, found.eligible
    """

    def __init__(self, retriever: Retriever, index: VectorIndex, settings: RetrievalSettings) -> None:
        self.retriever = retriever
        self.index = index
        self.settings = settings

    def retrieve(self, question: Question, k: int) -> Retrieved:
        """Everything retrieved for ``question``; ``k`` is already resolved (see ``resolve_top_k``)."""
        ranked = self.retriever.candidates(question, k)
        scout = self._sentences(question, self.settings.sentence_scout, None)
        scouted = [s.doc_id for s in scout]
        missing: dict[str, list[str]] = {}
        if question.entities:
            # Articles that mention every entity of the question first (the order within each group
            # is kept), so the whole ranked pool is read; without entities only what may be quoted.
            pool = list(dict.fromkeys([p.doc_id for p in ranked] + scouted))
            articles = self.index.get_articles(pool) if pool else {}
            missing = {d: absent(question.entities, articles[d].text or "" if d in articles else "") for d in pool}
            passages = sorted(ranked, key=lambda p: bool(missing[p.doc_id]))[:k]
        else:
            passages = ranked[:k]
        candidates = list(dict.fromkeys([p.doc_id for p in passages] + scouted))
        if not question.entities:
            articles = self.index.get_articles(candidates) if candidates else {}
        eligible = tuple(d for d in candidates if not missing.get(d))
        lacking = tuple(dict.fromkeys(key for d in candidates for key in missing.get(d, ())))
        sentences = self._sentences(question, self.settings.sentence_pool, eligible) if passages and eligible else []
        sentences = self._with_best_article(question, sentences, passages, eligible)
        return Retrieved(passages=passages, sentences=sentences, eligible=eligible, missing=lacking,
                         articles={d: articles[d] for d in candidates if d in articles})

    def _with_best_article(self, question: Question, sentences: list[Passage], passages: list[Passage],
                           eligible: tuple[str, ...]) -> list[Passage]:
        """``sentences`` with the nearest ones of the best passage's article among them: its passages
        rank first (words and vectors together) while its sentences, ranked by vector alone, may all
        lose to other articles' ("Mon an nao bi nghi la nguyen nhan gay ngo doc…", typed bare, is far
        from every accented sentence), and then the article that answers is never read. The
        answerer reads the first of them wherever they rank (:meth:`ExtractiveAnswerer.contexts`)."""
        best = next((p.doc_id for p in passages if p.doc_id in eligible), None)
        want = self.settings.sentence_pool // 4
        if best is None or want < 1 or sum(s.doc_id == best for s in sentences) >= want:
            return sentences
        seen = {s.chunk_id for s in sentences}
        extra = [s for s in self._sentences(question, want, (best,)) if s.chunk_id not in seen]
        return sorted(sentences + extra, key=lambda s: -s.score)

    def _sentences(self, question: Question, k: int, doc_ids: tuple[str, ...] | None) -> list[Passage]:
        if k < 1:
            return []
        found = self.index.query_sentences(_vector(question), k, doc_ids, news_filter=question.news_filter)
        return [passage_from_hit(h) for h in found]
