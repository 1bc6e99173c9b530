"""A Chroma server that fails under the indexer: down for good, or restarted mid-run.

Down: a clear StoreUnavailable after the retries, nothing half-written that the next run
cannot repair. Restarted within the retry window: the run rides through and completes.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from qa.processes import free_port, http_ok
from tests.fakes import HashingEmbedder, HookedEmbedder
from vectorstore.chroma_index import ChromaIndex
from vectorstore.client import server_client
from vectorstore.consistency import check_index
from vectorstore.errors import StoreUnavailable
from vectorstore.indexer import Indexer

pytestmark = [pytest.mark.real, pytest.mark.server]


class ChromaServer:
    """``chroma run`` on a fixed port and folder that can be killed and started again."""

    def __init__(self, folder: Path) -> None:
        found = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
        if not Path(found).exists():
            pytest.skip("the chroma CLI is not installed")
        self.cmd = [found, "run", "--path", str(folder / "data"), "--host", "127.0.0.1"]
        self.port = free_port()
        self.log = folder / "chroma.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout_s: float = 60) -> None:
        self.proc = subprocess.Popen([*self.cmd, "--port", str(self.port)], stdout=self.log.open("a"),
                                     stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{self.port}/api/v2/heartbeat"
        deadline = time.time() + timeout_s
        while not http_ok(url):
            assert self.proc.poll() is None, self.log.read_text()[-2000:]
            assert time.time() < deadline, "chroma run did not start"
            time.sleep(0.2)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


@pytest.fixture
def server(tmp_path):
    srv = ChromaServer(tmp_path)
    srv.start()
    yield srv
    srv.kill()


def _indexer(port: int, embedder, chunker, retry_delays) -> Indexer:
    index = ChromaIndex(server_client(host="127.0.0.1", port=port), name="faults", model_id=embedder.model_id,
                        dimension=embedder.dimension, retry_delays=retry_delays)
    return Indexer(index, embedder, chunker, show_progress=False, group_texts=1)


def test_server_down_mid_run_is_a_clear_error_and_the_next_run_repairs(server, corpus_copy, word_chunker):
    embedder = HookedEmbedder(3, server.kill)
    indexer = _indexer(server.port, embedder, word_chunker, retry_delays=(0.2, 0.2))
    with pytest.raises(StoreUnavailable, match="Chroma server is running"):
        indexer.sync([corpus_copy])
    server.start()
    again = _indexer(server.port, HashingEmbedder(), word_chunker, retry_delays=(0.2, 0.2))
    report = again.sync([corpus_copy])
    assert len(report.added) + len(report.unchanged) == 5
    assert check_index(again.index) == [] and len(again.index.articles()) == 5


def test_server_restarted_mid_run_is_ridden_through(server, corpus_copy, word_chunker):
    def restart() -> None:
        server.kill()
        threading.Thread(target=server.start, daemon=True).start()  # back within the retry window

    embedder = HookedEmbedder(3, restart)
    indexer = _indexer(server.port, embedder, word_chunker, retry_delays=(0.5, 1.0, 2.0, 4.0, 8.0))
    report = indexer.sync([corpus_copy])
    assert len(report.added) == 5
    assert check_index(indexer.index) == [] and len(indexer.index.articles()) == 5
