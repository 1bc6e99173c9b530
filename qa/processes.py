"""Child servers on loopback: a free port, a log file, and a readiness poll.

Used by the benchmark (``qa serve`` and ``chroma run`` under load), the local LLM runtime
(a free port) and the tests, so all of them start and stop servers the same way.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class ServerDidNotStart(RuntimeError):
    """A child server exited or never became ready; the message carries its log."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_ok(url: str, timeout_s: float = 2.0) -> bool:
    """Whether ``url`` answers with a 2xx status (a readiness probe)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as r:
            return 200 <= r.status < 300
    except Exception:
        return False


@contextmanager
def running(cmd: list[str], *, log_path: Path, ready: Callable[[], bool], timeout_s: float,
            env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` until the block ends; :class:`ServerDidNotStart` if ``ready()`` is not true in time.

    Output goes to ``log_path``, not a pipe: an unread pipe fills up and blocks the server.
    """
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.time() + timeout_s
            while not ready():
                if proc.poll() is not None:
                    raise ServerDidNotStart(f"{cmd[0]} exited:\n{log_path.read_text()[-4000:]}")
                if time.time() > deadline:
                    raise ServerDidNotStart(
                        f"{' '.join(cmd[:2])} did not come up in {timeout_s:.0f} s:\n{log_path.read_text()[-4000:]}")
                time.sleep(0.5)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
