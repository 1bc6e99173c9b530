import math
import signal
import sys

from bench.timing import Latency, run_child


def test_latency_of_samples_uses_the_shared_percentiles():
    lat = Latency.of([0.1, 0.2, 0.3, 0.4])
    assert lat.n == 4
    assert math.isclose(lat.p50, 0.25) and math.isclose(lat.p95, 0.385)
    assert math.isclose(lat.mean, 0.25)


def test_latency_of_no_samples_is_nan():
    lat = Latency.of([])
    assert lat.n == 0 and math.isnan(lat.p50) and math.isnan(lat.p95) and math.isnan(lat.mean)


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
    assert slow.returncode == -signal.SIGKILL, "killed at the timeout, not left to sleep 30 s"
