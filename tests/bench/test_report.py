from bench.distributed import WorkerRun
from bench.indexing import EncodeRate, IndexingResult
from bench.latency import LatencyResult
from bench.report import summary_lines, to_dict, write_markdown
from bench.runner import BenchReport
from bench.scaling import ScalePoint
from bench.speedup import SpeedResult
from bench.timing import Latency


def _report() -> BenchReport:
    lat = lambda p: Latency(10, p, p * 1.5, p)  # noqa: E731
    return BenchReport(
        machine={"cpus": 2, "torch_threads": 2, "python": "3.11", "torch": "2.13.0", "platform": "linux"},
        started="2026-11-22 08:00", seconds=12.0,
        indexing=IndexingResult(chunks=60, sentences=94, pipeline_seconds=20.0,
                                batch_rates=(EncodeRate(8, 6.0), EncodeRate(16, 5.0)), best_batch=8,
                                raw_chunks_seconds=10.0, raw_all_seconds=18.0),
        latency=LatencyResult(lat(0.1), lat(0.11), lat(0.13)),
        scaling=[ScalePoint(1000, 6000, 100.0, 180.0, 20000, 18000, 80.0, 900.0, lat(0.12), lat(0.15), 0.95, 0.97,
                            articles_added=900),
                 ScalePoint(10000, 60000, 1000.0, 1800.0, 200000, 9000, 800.0, 1200.0, lat(0.2), lat(0.3), 0.9, 0.95,
                            articles_added=9000)],
        speedup=[SpeedResult("torch fp32 (before)", "m/768", 200, 5000, 1000.0, 520.0, 0.99, 0.72, 0.50, 513),
                 SpeedResult("onnx int8, pooled chunks", "m/768/onnx-int8", 200, 3000, 200.0, 110.0, 0.98, 0.72,
                             0.51, 513)],
        workers=[WorkerRun(1, 97, 2000, 200.0), WorkerRun(2, 97, 2000, 110.0)],
        skipped=["options: skipped, for the test"],
    )


def test_ratios_are_derived_from_the_same_run():
    data = to_dict(_report())
    assert abs(data["indexing"]["ratio_same_work"] - 0.9) < 1e-9     # 18 s raw / 20 s pipeline
    assert abs(data["indexing"]["ratio_chunks"] - 0.5) < 1e-9        # 3 chunks/s vs 6
    assert abs(data["latency"]["answer_ratio_p50"] - 1.3) < 1e-9
    assert data["scaling"][1]["articles"] == 10000
    assert abs(data["speedup"][1]["ratio"] - 5.0) < 1e-9               # 0.2 vs 1.0 articles per CPU-second


def test_summary_and_markdown_with_plots(tmp_path):
    text = "\n".join(summary_lines(_report()))
    assert "ratio 0.90 (target ≥ 0.85)" in text and "1.30×" in text and "10,000" in text
    assert "5.00" in text and "onnx int8, pooled chunks" in text and "options: skipped, for the test" in text
    assert "9.00" in text  # articles/s of the 10k step: 9,000 added in 1,000 s
    assert "1.82×" in text  # two Ray workers: 200 s -> 110 s
    md = write_markdown(_report(), tmp_path / "BENCH.md")
    body = md.read_text()
    for name in ("ratios", "batch", "scaling-latency", "scaling-quality"):
        assert (tmp_path / f"BENCH-{name}.svg").is_file()
        assert f"BENCH-{name}.svg" in body
