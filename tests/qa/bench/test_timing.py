import math
import sys

from qa.bench.timing import Latency, percentile, run_child


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile([3.0], 95) == 3.0
    assert math.isnan(percentile([], 50))


def test_latency_of_samples():
    lat = Latency.of([0.1, 0.2, 0.3, 0.4])
    assert (lat.n, lat.p50, lat.p95) == (4, 0.2, 0.4)
    assert abs(lat.mean - 0.25) < 1e-9


def test_run_child_measures_the_childs_own_peak_memory():
    small = run_child([sys.executable, "-c", "print('ok')"])
    big = run_child([sys.executable, "-c", "x = b'1' * (300 * 2**20)"])
    assert small.returncode == 0 and small.stdout.strip() == "ok"
    assert big.peak_rss_mb > small.peak_rss_mb + 200, (small, big)


def test_run_child_does_not_count_this_processs_memory():
    ballast = bytearray(400 * 2**20)  # this process now holds 400 MiB more
    ballast[::4096] = b"1" * len(ballast[::4096])
    small = run_child([sys.executable, "-c", "print('ok')"])
    assert small.peak_rss_mb < 150, small
    del ballast


def test_run_child_reports_failure_and_timeout():
    failed = run_child([sys.executable, "-c", "import sys; sys.exit(3)"])
    assert failed.returncode == 3
    slow = run_child([sys.executable, "-c", "import time; time.sleep(30)"], timeout_s=1)
    assert slow.returncode != 0 and slow.seconds < 10
