"""Query latency of a warm process, against one raw query embedding.

Each question is timed three ways back to back - the embedding alone, a search, a full
extractive answer - with the question-vector cache emptied before each, so every figure
includes encoding the question once. The ratios of the medians are the targets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bench.timing import Latency, timed


@dataclass(frozen=True)
class LatencyResult:
    raw_query: Latency
    search: Latency
    answer: Latency

    @property
    def search_ratio_p50(self) -> float:
        return self.search.p50 / self.raw_query.p50

    @property
    def answer_ratio_p50(self) -> float:
        """Full answer p50 / raw query embedding p50 (target <= 1.5)."""
        return self.answer.p50 / self.raw_query.p50

    @property
    def answer_ratio_p95(self) -> float:
        return self.answer.p95 / self.raw_query.p95


def measure_latency(assistant, questions: Sequence[str], *,
                    progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> LatencyResult:
    embedder = assistant.embedder
    assistant.ask(questions[0])  # warm: model loaded, BM25 matrix built, caches primed
    raw, search, answer = [], [], []
    for q in progress(questions):
        embedder.clear_query_cache()
        raw.append(timed(lambda: embedder.embed_query(q))[0])
        embedder.clear_query_cache()
        search.append(timed(lambda: assistant.search(q, assistant.settings.retrieval.top_k))[0])
        embedder.clear_query_cache()
        answer.append(timed(lambda: assistant.ask(q))[0])
    return LatencyResult(Latency.of(raw), Latency.of(search), Latency.of(answer))
