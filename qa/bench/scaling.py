"""Scaling: latency and retrieval quality as the index grows to 1k, 10k, 100k chunks.

The index holds the real articles (with their sentence vectors, so the fixtures are answered
as usual) plus synthetic articles (:mod:`qa.bench.synthetic`) until it reaches each size.
Synthetic articles get chunk vectors and BM25 terms - what search ranks - but no sentence
vectors: those would double the embedding bill, and a sentence is only ever looked at inside
articles that search already returned. Chunk vectors of generated text are cached on disk
(:mod:`qa.bench.embed_cache`), so sizes build on each other and later runs embed nothing.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm.auto import tqdm

from qa.bench.embed_cache import CachedEmbedder
from qa.bench.synthetic import synthetic_articles
from qa.bench.timing import Latency, timed
from qa.evaluation import Fixture, evaluate, evaluate_retrieval
from qa.settings import Settings
from vectorstore.indexer import load_articles


@dataclass(frozen=True)
class ScalePoint:
    chunks: int
    articles: int
    build_seconds: float      # adding the synthetic articles for this step (cached vectors are free)
    embedded: int             # chunk vectors computed in this step (not from the cache)
    search: Latency
    answer: Latency
    hit_at_1: float
    answer_accuracy: float


def measure_scaling(settings: Settings, embedder, sizes: Sequence[int], fixtures: Sequence[Fixture], workdir: Path,
                    cache_path: Path, *, show_progress: bool = True) -> list[ScalePoint]:
    from qa.assistant import Assistant

    cached = CachedEmbedder(embedder, cache_path)
    scaled = settings.model_copy(update={"data_dir": workdir / "scaling",
                                         "index": settings.index.model_copy(update={"path": None, "name": "scale"})})
    bot = Assistant(scaled, embedder=cached, auto_index=False)
    bot.index.reset()
    bot.index_paths(list(scaled.index.corpus), show_progress=False)
    real, _ = load_articles(list(scaled.index.corpus))
    stream = synthetic_articles(real)
    total, n_articles = bot.index.count(), len(real)
    points = []
    for size in sorted(sizes):
        misses_before, started = cached.misses, time.perf_counter()
        with tqdm(total=max(0, size - total), desc=f"synthetic corpus to {size:,} chunks", unit="chunk",
                  disable=not show_progress) as bar:
            while total < size:
                # ~64 chunks of several articles per encode call (short articles alone batch badly)
                group, chunks = [], []
                while total + len(chunks) < size and len(chunks) < 64:
                    article = next(stream)
                    mine = bot.chunker.split(article)[: size - total - len(chunks)]
                    group.append((article, mine))
                    chunks.extend(mine)
                vectors = iter(cached.embed_documents([c.text for c in chunks], [c.title for c in chunks]))
                for article, mine in group:
                    terms = [" ".join(bot.segmenter.terms(c.text)) for c in mine]
                    bot.index.put_article(article, mine, [next(vectors) for _ in mine], terms=terms)
                total += len(chunks)
                n_articles += len(group)
                bar.update(len(chunks))
        build = time.perf_counter() - started
        bot.bm25.invalidate()
        bot.ask(fixtures[0].question)  # BM25 matrix rebuilt before timing
        search, answer = [], []
        for f in fixtures:
            embedder.clear_query_cache()
            search.append(timed(lambda: bot.search(f.question, scaled.retrieval.top_k))[0])
        report = evaluate(lambda q: (embedder.clear_query_cache(), bot.ask(q))[1], list(fixtures), warmup=False)
        answer = [o.seconds for o in report.outcomes]
        hit = evaluate_retrieval({"hybrid": bot.retriever}, list(fixtures))["hybrid"]["all"]["article_hit@1"]
        points.append(ScalePoint(total, n_articles, build, cached.misses - misses_before, Latency.of(search),
                                 Latency.of(answer), hit, report.summary()["overall"]["answer_accuracy"]))
    cached.close()
    return points
