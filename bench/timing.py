"""Clocks, percentiles and memory figures for the benchmark and the load tests.

Memory comes from ``/proc`` (Linux): ``VmHWM`` is a process's peak resident set, and
``os.wait4`` returns a finished child's peak, so "peak RSS while indexing" is measured on
a separate process that did only that (through a small wrapper, see ``run_child``).
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.stats import percentile


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


# Linux carries the peak RSS of the process that calls exec() into the new program's
# ``ru_maxrss``; a child forked straight from a benchmark holding a 1.3 GB model would
# report at least 1.3 GB whatever it did. So a tiny interpreter forks the real command and
# reports that grandchild's own peak, which starts from the wrapper's ~10 MB instead.
_WRAPPER = """
import os, signal, sys
report, cmd = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    except OSError as exc:
        print(f"cannot run {cmd[0]}: {exc}", file=sys.stderr)
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as out:
    out.write(str(usage.ru_maxrss))
if os.WIFSIGNALED(status):
    try:
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
    except (OSError, ValueError):
        pass
    os.kill(os.getpid(), os.WTERMSIG(status))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(cmd: Sequence[str], *, env: dict[str, str] | None = None, timeout_s: float = 900) -> ChildRun:
    """Run ``cmd`` to completion, measuring wall time and the command's own peak RSS.

    The peak is the command's ``ru_maxrss`` (KiB on Linux) measured through a small
    wrapper process (see ``_WRAPPER``), so it is not mixed with this process's memory.
    On timeout the whole process group is killed.
    """
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "maxrss"
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        with out_path.open("w") as out, err_path.open("w") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-S", "-c", _WRAPPER, str(report), *cmd],
                env=env,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
            try:
                proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                _kill_group(proc.pid)
                proc.wait()
            seconds = time.perf_counter() - started
        peak_kb = float(report.read_text()) if report.exists() else math.nan
        return ChildRun(seconds, peak_kb / 1024, proc.returncode, out_path.read_text(), err_path.read_text())


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def env_with(**overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(overrides)
    return env
