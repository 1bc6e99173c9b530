"""Whole processes: cold start, peak memory, and throughput of ``qa serve`` under load.

Each figure comes from a child process that does just that one thing, so an import done by
the benchmark itself never flatters it: ``qa ask`` on an existing index (cold start, and
the memory of answering), ``qa index`` into an empty folder (memory of indexing), and
``qa serve`` answering many concurrent clients - once over the embedded store and once over
a ``chroma run`` server it starts on a free port.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.load import LoadResult, run_load
from bench.timing import ChildRun, env_with, run_child
from evals.scoring import Fixture
from qa.processes import free_port, http_ok, running

QA = [sys.executable, "-m", "qa.cli"]


@dataclass(frozen=True)
class ColdStart:
    seconds: float
    peak_rss_mb: float
    answered: bool


@dataclass(frozen=True)
class ServingResult:
    backend: str
    load: LoadResult


def cold_start(data_dir: Path, question: str) -> ColdStart:
    """Process start to first answer, on an index that already exists."""
    run = run_child([*QA, "-q", "ask", "--json", question], env=env_with(VNQA_DATA_DIR=str(data_dir)))
    return ColdStart(run.seconds, run.peak_rss_mb, run.returncode == 0 and '"abstained": false' in run.stdout)


def indexing_memory(workdir: Path) -> ChildRun:
    """``qa index`` of the bundled articles into an empty data folder."""
    target = workdir / "index-rss"
    shutil.rmtree(target, ignore_errors=True)
    return run_child([*QA, "-q", "index"], env=env_with(VNQA_DATA_DIR=str(target)))


def serve_and_load(fixtures: Sequence[Fixture], warmup: Sequence[Fixture], *, clients: int, env: dict[str, str],
                   log_dir: Path, backend: str) -> ServingResult:
    """Start ``qa serve`` with ``env``, send ``fixtures`` from ``clients`` clients at once, stop it.

    ``warmup`` questions go first, untimed: a deployment serves warm.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([*QA, "-q", "serve", "--port", str(port)], env=env, log_path=log_dir / f"serve-{backend}.log",
                 ready=lambda: http_ok(url), timeout_s=300) as proc:
        load = run_load(url, fixtures, clients=clients, server_pid=proc.pid, warmup=warmup)
    return ServingResult(backend, load)


def chroma_binary() -> str:
    found = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    return found


def serve_over_chroma_server(fixtures: Sequence[Fixture], warmup: Sequence[Fixture], *, clients: int,
                             workdir: Path) -> ServingResult:
    """The same load with the index in a ``chroma run`` server (indexed first through it)."""
    port = free_port()
    folder = workdir / "chroma-server"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    env = env_with(VNQA_DATA_DIR=str(folder / "vnqa"), VNQA_INDEX__BACKEND="server", VNQA_INDEX__HOST="127.0.0.1",
                   VNQA_INDEX__PORT=str(port))
    with running([chroma_binary(), "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
                 log_path=folder / "chroma.log", ready=lambda: http_ok(f"http://127.0.0.1:{port}/api/v2/heartbeat"),
                 timeout_s=60):
        indexed = run_child([*QA, "-q", "index"], env=env)
        if indexed.returncode != 0:
            raise RuntimeError(f"indexing through the Chroma server failed: {indexed.stderr[-2000:]}")
        return serve_and_load(fixtures, warmup, clients=clients, env=env, log_dir=folder, backend="chroma server")
