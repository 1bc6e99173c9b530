"""Scaling: latency and retrieval quality as the index grows to 1k, 10k, 100k chunks.

The index holds the real articles (with their sentence vectors, so the fixtures are answered
as usual) plus synthetic articles (:mod:`bench.synthetic`) until it reaches each size.
Synthetic articles get chunk vectors and BM25 terms - what search ranks - but no sentence
vectors: those would double the embedding bill, and a sentence is only ever looked at inside
articles that search already returned. Chunk vectors of generated text are cached on disk
(:mod:`bench.embed_cache`), so sizes build on each other and later runs embed nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm.auto import tqdm

from bench.embed_cache import CachedEmbedder
from bench.synthetic import synthetic_articles
from bench.timing import Latency, timed
from evals.scoring import Fixture, evaluate, evaluate_retrieval
from qa.settings import Settings
from vectorstore.chunking import Chunker
from vectorstore.indexer import load_articles
from vectorstore.types import Article, ArticleUnits, Chunk


GROUP_CHUNKS = 64  # chunks of several articles per encode call (short articles alone batch badly)


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


@dataclass(frozen=True)
class CacheFill:
    chunks: int               # index size the cache now covers (real chunks included)
    embedded: int             # chunk vectors computed by this run
    seconds: float


def synthetic_groups(chunker: Chunker, stream: Iterator[Article], total: int,
                     size: int) -> Iterator[tuple[list[tuple[Article, list[Chunk]]], list[Chunk]]]:
    """Articles from ``stream``, chunked and grouped by ~:data:`GROUP_CHUNKS` chunks, until an
    index of ``total`` chunks reaches ``size`` (the last article is cut to fit).

    The one definition of which chunks a size holds: :func:`fill_cache` and
    :func:`measure_scaling` must embed the same texts, or the cache would not be hit.
    """
    while total < size:
        group, chunks = [], []
        while total + len(chunks) < size and len(chunks) < GROUP_CHUNKS:
            article = next(stream)
            mine = chunker.split(article)[: size - total - len(chunks)]
            group.append((article, mine))
            chunks.extend(mine)
        yield group, chunks
        total += len(chunks)


def fill_cache(corpus: Sequence[Path], embedder, chunker: Chunker, sizes: Sequence[int], cache_path: Path, *,
               show_progress: bool = True) -> CacheFill:
    """Embed the synthetic chunks of a scaling run over ``sizes`` into the cache, and nothing else.

    Embedding is nearly all of a first scaling run's cost (100k chunks: ~4 h on 2 CPU cores).
    Doing it alone lets it run where it is cheap (a GPU machine, or a quiet night; it resumes
    where it stopped) and the cache file be copied to where the benchmark runs. Every size
    counts, not only the largest: each cuts its last article short, as the run will.
    ``corpus`` and ``chunker`` must be the benchmark's (the settings' corpus and chunker).
    """
    real, _ = load_articles(list(corpus))
    total = sum(len(chunker.split(a)) for a in real)
    stream = synthetic_articles(real)
    cached = CachedEmbedder(embedder, cache_path)
    started = time.perf_counter()
    try:
        with tqdm(total=max(0, max(sizes) - total), desc=f"vectors for {max(sizes):,} chunks", unit="chunk",
                  disable=not show_progress) as bar:
            for size in sorted(sizes):
                for _group, chunks in synthetic_groups(chunker, stream, total, size):
                    cached.embed_documents([c.text for c in chunks], [c.title for c in chunks])
                    total += len(chunks)
                    bar.update(len(chunks))
                    bar.set_postfix(new=cached.misses)
    finally:
        cached.close()
    return CacheFill(total, cached.misses, time.perf_counter() - started)


def measure_scaling(settings: Settings, embedder, sizes: Sequence[int], fixtures: Sequence[Fixture], workdir: Path,
                    cache_path: Path, *, chunker: Chunker | None = None,
                    show_progress: bool = True) -> list[ScalePoint]:
    from qa.assistant import Assistant

    cached = CachedEmbedder(embedder, cache_path)
    scaled = settings.model_copy(update={"data_dir": workdir / "scaling",
                                         "index": settings.index.model_copy(update={"path": None, "name": "scale"})})
    bot = Assistant(scaled, embedder=cached, chunker=chunker, auto_index=False)
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
            for group, chunks in synthetic_groups(bot.chunker, stream, total, size):
                vectors = iter(cached.embed_documents([c.text for c in chunks], [c.title for c in chunks]))
                bot.index.put_articles([ArticleUnits(article, mine, [next(vectors) for _ in mine],
                                                     terms=[" ".join(bot.segmenter.terms(c.text)) for c in mine])
                                        for article, mine in group])
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
        hit = evaluate_retrieval({"hybrid": bot}, list(fixtures))["hybrid"]["all"]["article_hit@1"]
        points.append(ScalePoint(total, n_articles, build, cached.misses - misses_before, Latency.of(search),
                                 Latency.of(answer), hit, report.summary()["overall"]["answer_accuracy"]))
    cached.close()
    return points
