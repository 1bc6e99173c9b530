"""Indexing speed per CPU-second against quality, every embedding path side by side in one run.

Each variant builds its own index of the same real articles (the real-news fixture articles
among distractors from ``../shared/corpora``, plus the bundled ones), then answers both
fixture sets. Speed is counted in **articles per CPU-second** of the indexing process
(``time.process_time``: every thread of the process, so a runtime that merely uses more cores
does not look faster), and every figure is reported as a ratio to the first variant, the
PyTorch path as it was: one run on one machine, so noise from other load cancels.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.options import variant_settings
from evals.scoring import Fixture, evaluate, evaluate_retrieval
from qa.settings import Settings

# name -> (embedding overrides, index overrides); the first is the baseline of every ratio
SPEED_VARIANTS: dict[str, tuple[dict, dict]] = {
    "torch fp32 (before)": ({"runtime": "torch", "quantize": False}, {"chunk_vectors": "model"}),
    "onnx fp32": ({"runtime": "onnx", "quantize": False}, {"chunk_vectors": "model"}),
    "onnx int8": ({"runtime": "onnx", "quantize": True}, {"chunk_vectors": "model"}),
    "onnx fp32, pooled chunks": ({"runtime": "onnx", "quantize": False}, {"chunk_vectors": "sentences"}),
    "onnx int8, pooled chunks": ({"runtime": "onnx", "quantize": True}, {"chunk_vectors": "sentences"}),
}


@dataclass(frozen=True)
class SpeedResult:
    name: str
    model_id: str
    articles: int
    texts: int               # texts the model read (chunks and sentences, or sentences alone)
    cpu_seconds: float
    wall_seconds: float
    hit_at_1: float          # first retrieved article is the right one (answerable fixtures)
    answer_accuracy: float
    exact_match: float
    n_fixtures: int

    @property
    def articles_per_cpu_s(self) -> float:
        return self.articles / self.cpu_seconds


def measure_speedup(settings: Settings, corpus: Sequence[Path], fixtures: Sequence[Fixture], workdir: Path, *,
                    variants: dict[str, tuple[dict, dict]] | None = None,
                    progress: Callable[[str], Callable[[Iterable], Iterable]] = lambda _n: (lambda xs: xs),
                    say: Callable[[str], None] = print,
                    assistant: Callable[[Settings], Any] | None = None) -> list[SpeedResult]:
    """Index ``corpus`` once per variant into its own store under ``workdir`` and answer ``fixtures``.

    ``assistant`` builds the assistant of a variant's settings (tests pass fakes)."""
    from qa.assistant import Assistant

    assistant = assistant or (lambda s: Assistant(s, auto_index=False))
    results = []
    for number, (name, (embedding, index)) in enumerate((variants or SPEED_VARIANTS).items()):
        say(f"indexing speed: {name}…")
        variant = variant_settings(settings, workdir / f"speed-{number}", embedding=embedding,
                                   index={**index, "corpus": list(corpus)})
        bot = assistant(variant)
        bot.embedder.embed_documents(["khởi động"])  # loading the model is paid once, not per article
        cpu, wall = time.process_time(), time.perf_counter()
        report = bot.index_paths(list(corpus), show_progress=False)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        pooled = variant.index.chunk_vectors == "sentences"
        texts = report.sentences_embedded + (0 if pooled else report.chunks_embedded)
        summary = evaluate(bot.ask, list(progress(name)(fixtures)), warmup=False).summary()["overall"]
        hit = evaluate_retrieval({"hybrid": bot}, list(fixtures))["hybrid"]["all"]["article_hit@1"]
        results.append(SpeedResult(name, bot.embedder.model_id, len(report.added), texts, cpu, wall, hit,
                                   summary["answer_accuracy"], summary.get("exact_match", float("nan")),
                                   len(fixtures)))
        del bot
        gc.collect()
    return results
