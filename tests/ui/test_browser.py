"""End to end: `qa serve` on a free port, driven by Playwright in Debian's headless Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = [pytest.mark.real, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(real_assistant):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make test installs it)")
    port = _free_port()
    env = {**os.environ, "VNQA_DATA_DIR": str(real_assistant.settings.data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli", "-q", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail("qa serve exited:\n" + proc.stdout.read())
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(1)
    else:
        proc.kill()
        pytest.fail("qa serve did not come up in 180 s")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.goto(server)
        page.wait_for_selector("#vnqa-input textarea", timeout=60_000)
        yield page
        browser.close()


def _ask(page, question: str) -> None:
    page.fill("#vnqa-input textarea", question)
    page.click("#vnqa-send")


def test_asks_and_shows_answer_with_citation_card(page, tmp_path):
    _ask(page, "how many cadres did Hà Nội rotate?")
    page.wait_for_selector("#vnqa-sources .vnqa-card", timeout=60_000)
    chat = page.inner_text("#vnqa-chat")
    card = page.inner_text("#vnqa-sources")
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
    assert "137" in chat
    assert "Đáp ứng nhiệm vụ trong tình hình mới" in card and "001_250846a6894a7a98" in card
    assert page.inner_text("#vnqa-sources mark") == "137"
