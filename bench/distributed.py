"""Speed-up per added Ray worker: the same articles indexed with 1, 2, … embedding workers.

A local Ray cluster with one CPU per worker is started in this process; each run indexes the
same articles into a fresh store through :class:`qa.distributed.RayEmbedder`, so the only
difference is the number of workers. On a machine with N cores the curve flattens at N.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.options import variant_settings
from qa.settings import Settings


@dataclass(frozen=True)
class WorkerRun:
    workers: int
    articles: int
    texts: int
    seconds: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds


def measure_workers(settings: Settings, corpus: Sequence[Path], workdir: Path,
                    counts: Sequence[int] = (1, 2)) -> list[WorkerRun]:
    import ray

    from qa.assistant import Assistant
    from qa.distributed import RayEmbedder

    ray.init(num_cpus=max(counts), include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    runs = []
    try:
        for n in counts:
            variant = variant_settings(settings, workdir / f"ray-{n}", index={"corpus": list(corpus)})
            bot = Assistant(variant, auto_index=False)
            pool = RayEmbedder(variant, local=bot.embedder, address="auto", workers=n)
            pool.warm_up()
            started = time.perf_counter()
            report = bot.index_paths(list(corpus), show_progress=False, embedder=pool)
            seconds = time.perf_counter() - started
            pool.close()
            pooled = variant.index.chunk_vectors == "sentences"
            runs.append(WorkerRun(n, len(report.added),
                                  report.sentences_embedded + (0 if pooled else report.chunks_embedded), seconds))
    finally:
        ray.shutdown()
    return runs
