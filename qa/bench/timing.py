"""Clocks, percentiles and memory figures for the benchmark and the load tests.

Memory comes from ``/proc`` (Linux): ``VmHWM`` is a process's peak resident set, and
``os.wait4`` returns a finished child's peak, so "peak RSS while indexing" is measured on
a separate process that did only that.
"""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Latency:
    """Latency figures of one operation, in seconds."""

    n: int
    p50: float
    p95: float
    mean: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> "Latency":
        mean = sum(samples) / len(samples) if samples else math.nan
        return cls(len(samples), percentile(samples, 50), percentile(samples, 95), mean)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def _status_kb(pid: int | str, field: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return float(line.split()[1])
    except OSError:
        return None
    return None


def rss_mb(pid: int | str = "self") -> float | None:
    """Current resident set of a process in MiB (None where ``/proc`` is unavailable)."""
    kb = _status_kb(pid, "VmRSS")
    return kb / 1024 if kb is not None else None


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """Peak resident set of a (running) process in MiB."""
    kb = _status_kb(pid, "VmHWM")
    return kb / 1024 if kb is not None else None


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: wall time, peak RSS, exit status and output."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_child(cmd: Sequence[str], *, env: dict[str, str] | None = None, timeout_s: float = 900) -> ChildRun:
    """Run ``cmd`` to completion, measuring wall time and the child's own peak RSS.

    ``os.wait4`` reports the peak of exactly that child (``ru_maxrss``, KiB on Linux), so
    the figure is not mixed with this process's own memory.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), env=env, stdout=out, stderr=err, text=True)
        killer = threading.Timer(timeout_s, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(seconds, usage.ru_maxrss / 1024, proc.returncode, out.read(), err.read())


def env_with(**overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(overrides)
    return env
