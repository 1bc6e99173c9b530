import socket
import sys

import pytest

from qa.processes import ServerDidNotStart, free_port, http_ok, running


def test_free_port_is_bindable():
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_running_reports_a_server_that_exits_with_its_log(tmp_path):
    with pytest.raises(ServerDidNotStart, match="boom"):
        with running([sys.executable, "-c", "print('boom'); raise SystemExit(1)"], log_path=tmp_path / "log",
                     ready=lambda: False, timeout_s=20):
            pass


def test_running_serves_until_the_block_ends(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], log_path=tmp_path / "log",
                 ready=lambda: http_ok(url), timeout_s=30) as proc:
        assert http_ok(url)
    assert proc.poll() is not None
    assert not http_ok(url, timeout_s=1)
