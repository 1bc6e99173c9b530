"""Starting real servers for tests: a free loopback port, a log file, and a readiness poll."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(cmd: list[str], *, log_path: Path, ready: Callable[[], bool], timeout_s: float,
            env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` until the block ends; fail the test if ``ready()`` is not true within ``timeout_s``.

    Output goes to ``log_path``, not a pipe: an unread pipe fills up and blocks the server.
    """
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.time() + timeout_s
            while not ready():
                if proc.poll() is not None:
                    pytest.fail(f"{cmd[0]} exited:\n{log_path.read_text()}")
                if time.time() > deadline:
                    pytest.fail(f"{' '.join(cmd[:2])} did not come up in {timeout_s:.0f} s:\n{log_path.read_text()}")
                time.sleep(0.5)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
