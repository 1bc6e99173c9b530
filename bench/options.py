"""Options that trade speed for quality, each measured on both.

Quantisation and Matryoshka truncation change the vectors, so each variant builds its own
index of the bundled articles and answers every fixture (``qa eval``'s scoring). Batch size
and thread count change only the speed (the vectors are the same up to float rounding,
which is measured too), so they are measured on raw encoding alone.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.timing import Latency, timed
from evals.scoring import Fixture, evaluate, evaluate_retrieval
from qa.settings import Settings
from vectorstore.indexer import load_articles

VARIANTS: dict[str, dict] = {
    "float32 768d (default)": {},
    "int8": {"quantize": True},
    "768→512d": {"truncate_dim": 512},
    "768→256d": {"truncate_dim": 256},
    "int8 + 256d": {"quantize": True, "truncate_dim": 256},
}


def variant_settings(settings: Settings, data_dir: Path, *, embedding: dict | None = None,
                     index: dict | None = None) -> Settings:
    """``settings`` with its own data folder (an embedded store under it) and some embedding or
    index fields changed: how every benchmark that builds an index of its own derives it."""
    return settings.model_copy(update={
        "data_dir": data_dir,
        "embedding": settings.embedding.model_copy(update=embedding or {}),
        "index": settings.index.model_copy(update={**(index or {}), "path": None}),
    })


@dataclass(frozen=True)
class OptionResult:
    name: str
    model_id: str
    index_texts_per_s: float
    query: Latency
    answer_accuracy: float
    citation_accuracy: float
    abstention_accuracy: float
    false_abstention_rate: float
    hit_at_1: float


@dataclass(frozen=True)
class ThreadResult:
    threads: int
    texts_per_s: float
    query_p50_s: float
    max_abs_diff: float  # against the vectors computed with the most threads


def measure_option(name: str, overrides: dict, settings: Settings, fixtures: Sequence[Fixture], workdir: Path, *,
                   progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> OptionResult:
    from qa.assistant import Assistant

    variant = variant_settings(settings, workdir / f"option-{len(name)}-{abs(hash(name)) % 10**6}",
                               embedding=overrides)
    bot = Assistant(variant, auto_index=False)
    bot.embedder.embed_documents(["khởi động"])
    report = bot.index_paths(list(variant.index.corpus), show_progress=False)
    texts = report.chunks_embedded + report.sentences_embedded
    queries = []
    for f in fixtures:
        bot.embedder.clear_query_cache()
        queries.append(timed(lambda: bot.embedder.embed_query(f.question))[0])
    summary = evaluate(bot.ask, list(progress(fixtures)), warmup=False).summary()["overall"]
    hit = evaluate_retrieval({"hybrid": bot}, list(fixtures))["hybrid"]["all"]["article_hit@1"]
    result = OptionResult(name, bot.embedder.model_id, texts / report.seconds, Latency.of(queries),
                          summary["answer_accuracy"], summary["citation_accuracy"], summary["abstention_accuracy"],
                          summary["false_abstention_rate"], hit)
    del bot
    gc.collect()
    return result


def measure_threads(embedder, texts: list[str], questions: Sequence[str], thread_counts: Sequence[int]) -> list[ThreadResult]:
    """Raw document encoding and query embedding at each thread count (same model, same texts)."""
    import numpy as np
    import torch

    before = torch.get_num_threads()
    runs = []
    try:
        for n in sorted(thread_counts, reverse=True):
            torch.set_num_threads(n)
            embedder.embed_documents(texts[:2])
            started = time.perf_counter()
            vectors = np.asarray(embedder.embed_documents(texts))
            rate = len(texts) / (time.perf_counter() - started)
            q = []
            for question in questions:
                embedder.clear_query_cache()
                q.append(timed(lambda: embedder.embed_query(question))[0])
            runs.append((n, rate, Latency.of(q).p50, vectors))
    finally:
        torch.set_num_threads(before)
    reference = runs[0][3]
    return [ThreadResult(n, rate, p50, float(np.abs(v - reference).max())) for n, rate, p50, v in runs]


def corpus_texts(settings: Settings, chunker) -> list[str]:
    articles, _ = load_articles(list(settings.index.corpus))
    return [c.text for a in articles for c in chunker.split(a)]
