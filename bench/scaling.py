"""Scaling on real news: build time, disk, memory, latency and quality at 1k, 5k and all
22,642 articles of the shared VietNews archive (``../shared/corpora/vietnews-val.tgz``).

The index starts with the articles the fixtures ask about (the bundled five and the 92
real-news fixture articles), so every size answers the same questions, and grows with the rest
of the archive in a fixed shuffled order (neighbouring files share a section; a prefix of a
shuffle samples every section). Every article goes through the product's own pipeline
(:class:`~vectorstore.indexer.Indexer`: chunks, sentences, BM25 terms, crash-safe writes).

Embedding is nearly all the cost (a day on 2 cores for the whole archive with PyTorch), so
document vectors go through an on-disk cache keyed by model and text
(:mod:`bench.embed_cache`): a stopped run resumes, a larger size re-uses a smaller one's
vectors, and ``qa bench --fill-cache`` can fill it alone, elsewhere (a GPU machine), to copy.
"""

from __future__ import annotations

import random
import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tqdm.auto import tqdm

from bench.embed_cache import CachedEmbedder
from bench.options import variant_settings
from bench.timing import Latency, timed
from evals.news import NewsArticle, draw_sample, read_corpus
from evals.scoring import Fixture, evaluate, evaluate_retrieval
from qa.settings import Settings
from vectorstore.filters import day_number

ARCHIVE_SIZE = 22_642
DEFAULT_SIZES = (1_000, 5_000, ARCHIVE_SIZE)
ORDER_SEED = 17
STEP_ARTICLES = 500  # articles written and indexed per sync call while growing


@dataclass(frozen=True)
class ScalePoint:
    articles: int
    chunks: int
    build_seconds: float      # wall time to grow the index to this size (cached vectors are free)
    cpu_seconds: float
    texts: int                # texts embedded for this step (cached or computed)
    embedded: int             # of which computed by this run (not found in the cache)
    disk_mb: float            # the data folder: Chroma store and BM25 cache
    peak_rss_mb: float        # of the benchmark process so far
    search: Latency
    answer: Latency
    hit_at_1: float
    answer_accuracy: float
    articles_added: int = 0   # articles indexed for this step
    # search under a narrow filter: the period of the few dated articles, undated ones excluded
    narrow_search: Latency | None = None
    narrow_share: float = 0.0  # the share of the articles that filter keeps

    @property
    def texts_per_s(self) -> float:
        return self.texts / self.build_seconds if self.build_seconds else float("nan")

    @property
    def articles_per_s(self) -> float:
        return self.articles_added / self.build_seconds if self.build_seconds else float("nan")


def archive_order(tgz: Path, *, seed: int = ORDER_SEED) -> tuple[list[NewsArticle], list[NewsArticle]]:
    """(the fixture articles, every other article in the benchmark's fixed shuffled order)."""
    articles = list(read_corpus(tgz))
    sample = draw_sample(articles)
    asked = set(sample.tuning) | set(sample.heldout)
    first = [a for a in articles if a.doc_id in asked]
    rest = [a for a in articles if a.doc_id not in asked]
    random.Random(seed).shuffle(rest)
    return first, rest


def growth(first: Sequence[NewsArticle], rest: Sequence[NewsArticle], base: int,
           sizes: Sequence[int]) -> Iterator[tuple[int, list[NewsArticle]]]:
    """For each size (articles, ``base`` already indexed ones included): the articles to add.

    The fixture articles come first; a size beyond the archive stops at the archive."""
    stream = [*first, *rest]
    done = 0
    for size in sorted(sizes):
        want = max(0, min(size - base, len(stream)))
        yield size, stream[done:want]
        done = max(done, want)


def _write(articles: Sequence[NewsArticle], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (folder / f"{a.doc_id}.txt").write_text(a.text, encoding="utf-8")
    return folder


def _du_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_scaling(settings: Settings, embedder, sizes: Sequence[int], fixtures: Sequence[Fixture], workdir: Path,
                    cache_path: Path, tgz: Path, *, chunker=None, show_progress: bool = True,
                    progress: Callable[[str], Callable[[Iterable], Iterable]] | None = None) -> list[ScalePoint]:
    """Grow one index through ``sizes`` (articles) and measure each; see the module docstring."""
    from qa.assistant import Assistant

    cached = CachedEmbedder(embedder, cache_path)
    scaled = variant_settings(settings, workdir / "scaling", index={"name": "scale"})
    bot = Assistant(scaled, embedder=cached, chunker=chunker, auto_index=False)
    bot.index.reset()
    bot.index_paths(list(scaled.index.corpus), show_progress=False)
    base = len(bot.index.articles())
    first, rest = archive_order(tgz)
    points = []
    try:
        for size, adding in growth(first, rest, base, sizes):
            hits, misses = cached.hits, cached.misses
            cpu, wall = time.process_time(), time.perf_counter()
            with tqdm(total=len(adding), desc=f"real articles to {size:,}", unit="article",
                      disable=not show_progress) as bar:
                for at in range(0, len(adding), STEP_ARTICLES):
                    step = adding[at: at + STEP_ARTICLES]
                    folder = _write(step, workdir / "articles" / f"{size}-{at}")
                    bot.index_paths([folder], prune=False, show_progress=False)
                    bar.update(len(step))
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            points.append(_measure(bot, embedder, fixtures, size=len(bot.index.articles()),
                                   added=len(adding), wall=wall, cpu=cpu,
                                   texts=cached.hits + cached.misses - hits - misses,
                                   embedded=cached.misses - misses, data_dir=scaled.data_dir,
                                   progress=progress))
    finally:
        cached.close()
    return points


def _measure(bot, embedder, fixtures: Sequence[Fixture], *, size: int, added: int, wall: float, cpu: float,
             texts: int, embedded: int, data_dir: Path, progress) -> ScalePoint:
    bot.bm25.invalidate()
    bot.ask(fixtures[0].question)  # BM25 matrix rebuilt before timing
    search = []
    for f in fixtures:
        embedder.clear_query_cache()
        search.append(timed(lambda: bot.search(f.question, bot.settings.retrieval.top_k))[0])
    narrow, share = _narrow_search(bot, embedder, fixtures)
    shown = progress(f"{size:,} articles") if progress else (lambda xs: xs)
    report = evaluate(lambda q: (embedder.clear_query_cache(), bot.ask(q))[1], list(shown(fixtures)), warmup=False)
    hit = evaluate_retrieval({"hybrid": bot}, [f for f in fixtures if f.answerable])["hybrid"]["all"]["article_hit@1"]
    return ScalePoint(articles=size, chunks=bot.index.count(), build_seconds=wall, cpu_seconds=cpu, texts=texts,
                      embedded=embedded, disk_mb=_du_mb(data_dir), peak_rss_mb=_peak_rss_mb(),
                      search=Latency.of(search), answer=Latency.of([o.seconds for o in report.outcomes]),
                      hit_at_1=hit, answer_accuracy=report.summary()["overall"]["answer_accuracy"],
                      articles_added=added, narrow_search=narrow, narrow_share=share)


def _narrow_search(bot, embedder, fixtures: Sequence[Fixture]) -> tuple[Latency | None, float]:
    """Search latency under a filter that keeps few articles: the period from the first to the
    last publication day in the index, which the VietNews articles (undated) all fail, so only
    the few dated ones (the bundled articles) pass. ``None`` when no article is dated."""
    articles = bot.index.articles()
    days = sorted(d for r in articles if (d := day_number(r.published)))
    if not days:
        return None, 0.0
    first, last = (date(d // 10000, d // 100 % 100, d % 100) for d in (days[0], days[-1]))
    times = []
    for f in fixtures:
        embedder.clear_query_cache()
        times.append(timed(lambda: bot.search(f.question, bot.settings.retrieval.top_k, since=first, until=last))[0])
    return Latency.of(times), len(days) / len(articles)


@dataclass(frozen=True)
class CacheFill:
    articles: int             # articles whose vectors the cache now holds (fixture articles included)
    embedded: int             # texts computed by this run
    seconds: float


def fill_cache(settings: Settings, embedder, chunker, sizes: Sequence[int], cache_path: Path, tgz: Path, *,
               show_progress: bool = True) -> CacheFill:
    """Embed into the cache the texts a scaling run over ``sizes`` will index, and nothing else.

    Resumable (texts already cached are skipped); run it where embedding is cheap and copy the
    file. ``settings`` decide what is embedded (chunks too, or sentences alone) exactly as
    the run will."""
    from vectorstore.cleaning import clean_article
    from vectorstore.loading import read_article_file

    pooled = settings.index.chunk_vectors == "sentences"
    first, rest = archive_order(tgz)
    cached = CachedEmbedder(embedder, cache_path)
    started, total = time.perf_counter(), 0
    scratch = cache_path.parent / "fill-scratch"
    try:
        plan = list(growth(first, rest, 0, sizes))  # base 0: a few more than the run adds (its base is the bundled set)
        adding = [a for _, step in plan for a in step]
        with tqdm(total=len(adding), desc="vectors for the scaling run", unit="article",
                  disable=not show_progress) as bar:
            for at in range(0, len(adding), 64):
                units = []
                for item in adding[at: at + 64]:
                    path = _write([item], scratch) / f"{item.doc_id}.txt"
                    article = clean_article(read_article_file(path))
                    units += chunker.sentences(article) + ([] if pooled else chunker.split(article))
                cached.embed_documents([u.text for u in units], [u.title for u in units])
                total += min(64, len(adding) - at)
                bar.update(min(64, len(adding) - at))
                bar.set_postfix(new=cached.misses)
    finally:
        cached.close()
    return CacheFill(total, cached.misses, time.perf_counter() - started)
