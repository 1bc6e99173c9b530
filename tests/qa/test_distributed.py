"""`qa index --ray`: a real local two-node Ray cluster, the real model in its workers, a real
``chroma run`` server, and a worker killed while it embeds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.isolation import child_env

ray = pytest.importorskip("ray", reason="Ray is the optional vnqa[distributed] extra")
pytestmark = [pytest.mark.real, pytest.mark.server, pytest.mark.slow]

QA = [sys.executable, "-m", "qa.cli"]


@pytest.fixture(scope="module")
def ray_cluster():
    """Two Ray nodes of one CPU each on this machine (Ray's own test cluster), one worker each."""
    from ray.cluster_utils import Cluster

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    yield cluster.address
    cluster.shutdown()


def _worker_pids() -> list[int]:
    """Processes of live embedding actors (Ray titles an actor's process ``ray::EmbedWorker``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes().startswith(b"ray::EmbedWorker"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _env(tmp_path: Path, name: str, **extra: str) -> dict[str, str]:
    env = child_env(tmp_path / name, models=True)
    env.update(extra)
    return env


def _index(env: dict[str, str], *args: str, timeout: float = 600) -> dict:
    done = subprocess.run([*QA, "-q", "index", "--json", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_a_ray_run_survives_a_killed_worker_and_builds_the_same_index(ray_cluster, chroma_server, tmp_path):
    server = {"VNQA_INDEX__BACKEND": "server", "VNQA_INDEX__HOST": "127.0.0.1",
              "VNQA_INDEX__PORT": str(chroma_server), "VNQA_INDEX__NAME": "rayrun"}
    env = _env(tmp_path, "ray", **server)
    killed: list[int] = []

    def kill_one_worker() -> None:
        # wait until both workers are up and embedding, then kill one of them outright
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and len(_worker_pids()) < 2:
            time.sleep(0.2)
        time.sleep(4.0)
        pids = _worker_pids()
        if pids and proc.poll() is None:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    proc = subprocess.Popen([*QA, "-q", "index", "--json", "--ray", ray_cluster], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killer = threading.Thread(target=kill_one_worker, daemon=True)
    killer.start()
    out, err = proc.communicate(timeout=900)
    killer.join(timeout=5)
    assert proc.returncode == 0, err[-2000:]
    assert killed, "the run ended before a worker could be killed: the test proved nothing"
    report = json.loads(out)
    assert len(report["added"]) == 5 and report["repaired"] == []

    # the same articles indexed locally, without Ray, give the same chunks and sentences
    local = _index(_env(tmp_path, "local"))
    assert sorted(local["added"]) == sorted(report["added"])
    assert (local["chunks_embedded"], local["sentences_embedded"]) == \
        (report["chunks_embedded"], report["sentences_embedded"])

    # and the Ray-built index is whole: catalog, vectors and BM25 agree, nothing pending
    check = subprocess.run([*QA, "-q", "index", "--check", "--json"], env=env, capture_output=True, text=True,
                           timeout=300)
    assert check.returncode == 0 and json.loads(check.stdout)["consistent"], check.stdout + check.stderr[-1000:]
    answer = subprocess.run([*QA, "-q", "ask", "--json", "how many cadres did Hà Nội rotate?"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert answer.returncode == 0 and json.loads(answer.stdout)["span"] == "137", answer.stderr[-1000:]


def test_without_ray_installed_the_option_says_what_to_install(monkeypatch):
    import builtins

    from qa import distributed
    from vectorstore.errors import ConfigError

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray":
            raise ImportError("no ray")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(ConfigError, match=r"vnqa\[distributed\]"):
        distributed._ray()
