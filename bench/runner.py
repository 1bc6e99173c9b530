"""Run the benchmark's suites in one process, one after another, and collect the results."""

from __future__ import annotations

import os
import platform
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.indexing import IndexingResult, measure_indexing
from bench.latency import LatencyResult, measure_latency
from bench.reader import ReaderTiming, measure_reader
from bench.options import VARIANTS, OptionResult, ThreadResult, corpus_texts, measure_option, measure_threads
from bench.scaling import DEFAULT_SIZES, ScalePoint, measure_scaling
from bench.distributed import WorkerRun
from bench.speedup import SpeedResult, measure_speedup
from bench.serving import ColdStart, ServingResult, cold_start, indexing_memory, serve_and_load, \
    serve_over_chroma_server
from bench.timing import env_with
from evals.scoring import BUNDLED_FIXTURES, Fixture, load_fixtures
from qa.settings import Settings

SUITES = ("indexing", "latency", "reader", "startup", "threads", "options", "serving", "scaling", "speedup", "distributed")
# real-news articles the speedup suite indexes besides the fixture articles (92) and the bundled five
SPEED_DISTRACTORS = 108


@dataclass
class BenchReport:
    machine: dict
    started: str
    seconds: float = 0.0
    indexing: IndexingResult | None = None
    latency: LatencyResult | None = None
    reader: ReaderTiming | None = None
    cold_start: ColdStart | None = None
    indexing_rss_mb: float | None = None
    threads: list[ThreadResult] = field(default_factory=list)
    options: list[OptionResult] = field(default_factory=list)
    serving: list[ServingResult] = field(default_factory=list)
    scaling: list[ScalePoint] = field(default_factory=list)
    speedup: list[SpeedResult] = field(default_factory=list)
    workers: list[WorkerRun] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def machine() -> dict:
    import torch

    return {"cpus": os.cpu_count(), "torch_threads": torch.get_num_threads(), "python": platform.python_version(),
            "torch": torch.__version__, "platform": platform.platform()}


def run_bench(settings: Settings, *, suites: Sequence[str] = SUITES, sizes: Sequence[int] = DEFAULT_SIZES,
              clients: int = 16, questions: int | None = None, show_progress: bool = True,
              say: Callable[[str], None] = print) -> BenchReport:
    """Measure ``suites`` (see :data:`SUITES`); ``questions`` limits the fixtures used for timing."""
    from tqdm.auto import tqdm

    from qa.assistant import Assistant

    started = time.perf_counter()
    report = BenchReport(machine=machine(), started=time.strftime("%Y-%m-%d %H:%M"))
    fixtures = load_fixtures([BUNDLED_FIXTURES])
    timing_set = fixtures[:questions] if questions else fixtures
    answerable = [f for f in fixtures if f.answerable]
    bar = (lambda desc: (lambda xs: tqdm(xs, desc=desc, unit="q", disable=not show_progress)))
    bot = Assistant(settings, show_progress=show_progress)
    bot.ensure_index()
    with tempfile.TemporaryDirectory(prefix="vnqa-bench-") as tmp:
        work = Path(tmp)
        if "indexing" in suites:
            say("indexing throughput: raw encoding vs the whole pipeline…")
            report.indexing = measure_indexing(bot.embedder, bot.chunker, bot.segmenter,
                                               list(settings.index.corpus), work)
        if "latency" in suites:
            say("query latency (warm process)…")
            report.latency = measure_latency(bot, [f.question for f in timing_set], progress=bar("latency"))
        if "reader" in suites:
            _reader(bot, report, [f.question for f in timing_set], progress=bar("reader"), say=say)
        if "startup" in suites:
            say("cold start and peak memory (child processes)…")
            report.cold_start = cold_start(settings.data_dir, "how many cadres did Hà Nội rotate?")
            report.indexing_rss_mb = indexing_memory(work).peak_rss_mb
        if "threads" in suites:
            say("thread counts…")
            texts = corpus_texts(settings, bot.chunker)[:32]
            counts = sorted({1, 2, os.cpu_count() or 2})
            report.threads = measure_threads(bot.embedder, texts, [f.question for f in timing_set[:40]], counts)
        if "serving" in suites:
            say(f"{clients} concurrent clients against qa serve (embedded store, then a Chroma server)…")
            load_set = _repeat(answerable, 8 * clients)
            # warm-up questions the timed set does not contain: the server caches question
            # vectors, so repeating timed ones would make them cheaper than a user's
            warmup = _repeat([f for f in fixtures if not f.answerable] or answerable, clients)
            env = env_with(VNQA_DATA_DIR=str(settings.data_dir))
            report.serving.append(serve_and_load(load_set, warmup, clients=clients, env=env, log_dir=work,
                                                 backend="embedded"))
            report.serving.append(serve_over_chroma_server(load_set, warmup, clients=clients, workdir=work))
        if "scaling" in suites:
            _scaling(settings, report, bot, sizes, work, show_progress=show_progress, say=say)
        if "options" in suites or "speedup" in suites:
            del bot  # one model in memory at a time
        if "speedup" in suites:
            _speedup(settings, report, work, show_progress=show_progress, say=say)
        if "distributed" in suites:
            _workers(settings, report, work, say=say)
        if "options" in suites:
            for name, overrides in VARIANTS.items():
                say(f"option: {name}…")
                report.options.append(measure_option(name, overrides, settings, fixtures, work,
                                                     progress=bar(name)))
    report.seconds = time.perf_counter() - started
    return report


def _archive(report: BenchReport, suite: str, say: Callable[[str], None]) -> Path | None:
    """The shared VietNews archive, or None after saying why the suite is skipped."""
    from evals.news import default_corpus

    tgz = default_corpus()
    if tgz.is_file():
        return tgz
    message = f"{suite}: skipped, no VietNews archive at {tgz} (the shared corpora folder beside the checkout)"
    say(message)
    report.skipped.append(message)
    return None


def _reader(bot, report: BenchReport, questions: list[str], *, progress, say: Callable[[str], None]) -> None:
    """The answering step, fitted ranker against the shipped reader, and the shipped default where
    it runs the reader too (a ranker fitted on the reader's scores, or the reader's veto: qa.veto)
    against the ranker alone; skipped without the reader."""
    from qa import components
    from qa.extractive import ExtractiveAnswerer
    from qa.ranker import load_ranker
    from qa.reader_answerer import ReaderAnswerer
    from qa.veto import load_veto
    from vectorstore.errors import ModelMissing

    say("answering step: ranker vs trained reader (same retrievals)…")
    try:
        reader = components.make_reader(bot.settings)
    except ModelMissing as exc:
        report.skipped.append(f"reader: skipped, {exc}")
        say(report.skipped[-1])
        return
    shipped = load_ranker()
    plain = ExtractiveAnswerer(bot.index, bot.settings.answer, shipped.fallback or shipped)
    veto = load_veto() if bot.settings.answer.veto else None
    reading = ExtractiveAnswerer(bot.index, bot.settings.answer, shipped, reader=reader, veto=veto) \
        if shipped.reads or veto else None
    report.reader = measure_reader(bot, ReaderAnswerer(bot.index, bot.settings.answer, reader), questions,
                                   ranker=plain, ranker_reading=reading, progress=progress)


def _scaling(settings: Settings, report: BenchReport, bot, sizes: Sequence[int], work: Path, *, show_progress: bool,
             say: Callable[[str], None]) -> None:
    from tqdm.auto import tqdm

    tgz = _archive(report, "scaling", say)
    if tgz is None:
        return
    cache = settings.cache_dir / "bench" / "embeddings.sqlite"
    say(f"scaling on real news to {', '.join(f'{s:,}' for s in sizes)} articles (vectors cached in {cache})…")
    fixtures = load_fixtures([BUNDLED_FIXTURES, BUNDLED_FIXTURES / "news"])
    bar = (lambda desc: (lambda xs: tqdm(xs, desc=desc, unit="q", disable=not show_progress)))
    report.scaling = measure_scaling(settings, bot.embedder, sizes, fixtures, work, cache, tgz,
                                     show_progress=show_progress, progress=bar)


def _workers(settings: Settings, report: BenchReport, work: Path, *, say: Callable[[str], None]) -> None:
    """Ray speed-up per worker over the real-news fixture articles; skipped without Ray or the archive."""
    from evals.news import export_eval_set

    try:
        from bench.distributed import measure_workers
        import ray  # noqa: F401
    except ImportError:
        message = "distributed: skipped, Ray is not installed (pip install 'vnqa[distributed]')"
        say(message)
        report.skipped.append(message)
        return
    tgz = _archive(report, "distributed", say)
    if tgz is None:
        return
    news = work / "ray-articles"
    export_eval_set(tgz, news, n_distractors=0)
    counts = sorted({1, 2, os.cpu_count() or 2})
    say(f"distributed: indexing {news.name} with {', '.join(map(str, counts))} Ray worker(s)…")
    report.workers = measure_workers(settings, [*settings.index.corpus, news], work, counts)


def _speedup(settings: Settings, report: BenchReport, work: Path, *, show_progress: bool,
             say: Callable[[str], None]) -> None:
    """The speedup suite needs the shared VietNews archive; without it, it says so and skips."""
    from tqdm.auto import tqdm

    from evals.news import export_eval_set

    tgz = _archive(report, "speedup", say)
    if tgz is None:
        return
    say("speedup: exporting the real-news fixture articles and distractors…")
    news = work / "speed-articles"
    export_eval_set(tgz, news, n_distractors=SPEED_DISTRACTORS)
    fixtures = load_fixtures([BUNDLED_FIXTURES, BUNDLED_FIXTURES / "news"])
    bar = (lambda desc: (lambda xs: tqdm(xs, desc=desc, unit="q", disable=not show_progress)))
    report.speedup = measure_speedup(settings, [*settings.index.corpus, news], fixtures, work, progress=bar, say=say)


def _repeat(items: list[Fixture], n: int) -> list[Fixture]:
    return [items[i % len(items)] for i in range(n)]
