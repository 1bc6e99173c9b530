"""End to end: `qa serve` on a free port, driven by Playwright in Debian's headless Chromium.

Screenshots go to the test's tmp dir (pytest prints it with -v --basetemp); the closing
note describes them.
"""

import os
import shutil
import sys

import pytest

from qa.processes import free_port, http_ok, running
from tests.isolation import child_env

pytestmark = [pytest.mark.real, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(real_assistant, tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make test installs it)")
    # A private copy of the index: the upload test adds an article.
    data = tmp_path_factory.mktemp("ui-data")
    shutil.copytree(real_assistant.settings.data_dir, data, dirs_exist_ok=True)
    port = free_port()
    env = {**child_env(tmp_path_factory.mktemp("ui-env"), models=True), "VNQA_DATA_DIR": str(data)}
    url = f"http://127.0.0.1:{port}/"

    with running([sys.executable, "-m", "qa.cli", "-q", "serve", "--port", str(port)], env=env,
                 log_path=data / "serve.log", ready=lambda: http_ok(url), timeout_s=180):
        yield url


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.goto(server)
        page.wait_for_selector("#vnqa-input textarea", timeout=60_000)
        yield page
        browser.close()


def _ask(page, question: str, expect: str) -> None:
    page.fill("#vnqa-input textarea", question)
    page.click("#vnqa-send")
    page.wait_for_function("([sel, text]) => document.querySelector(sel)?.innerText.includes(text)",
                           arg=["#vnqa-sources", expect], timeout=60_000)


def _wait_for_text(page, selector: str, text: str, timeout_ms: int = 60_000) -> None:
    """Wait until ``selector`` shows ``text``; on timeout, fail with what it did show."""
    try:
        page.wait_for_function("([sel, text]) => document.querySelector(sel)?.innerText.includes(text)",
                               arg=[selector, text], timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError; the message below says more
        pytest.fail(f"{selector} never showed {text!r}; it shows: {page.inner_text(selector)!r}")


def test_asks_and_shows_answer_with_citation_card(page, tmp_path):
    _ask(page, "how many cadres did Hà Nội rotate?", "001_250846a6894a7a98")
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
    assert "137" in page.inner_text("#vnqa-chat")
    assert "Đáp ứng nhiệm vụ trong tình hình mới" in page.inner_text("#vnqa-sources")
    assert page.inner_text("#vnqa-sources mark") == "137"


def test_follow_up_and_opening_the_cited_article(page, tmp_path):
    _ask(page, "how many cadres did Hà Nội rotate?", "001_250846a6894a7a98")
    _ask(page, "còn Móng Cái thì sao?", "002_b05b5ef40b98d4fc")
    chat = page.inner_text("#vnqa-chat")
    assert "Móng Cái" in chat and "20" in chat.split("còn Móng Cái thì sao?")[-1]
    page.click("#vnqa-sources .vnqa-card")
    page.wait_for_selector("#vnqa-viewer .vnqa-article mark.vnqa-span", timeout=30_000)
    assert page.inner_text("#vnqa-viewer mark.vnqa-span") == "20"
    assert "TP Móng Cái" in page.inner_text("#vnqa-viewer h3")
    page.screenshot(path=str(tmp_path / "follow-up.png"), full_page=True)


def test_abstention_is_shown_as_such(page):
    page.fill("#vnqa-input textarea", "How many cadres did Đà Nẵng rotate in 2019?")
    page.click("#vnqa-send")
    # The reply streams in: its Vietnamese heading arrives before the English explanation, so
    # wait for the explanation itself (reading the chat at the heading raced on a busy machine).
    _wait_for_text(page, "#vnqa-chat", "Không tìm thấy câu trả lời")
    _wait_for_text(page, "#vnqa-chat", "say nothing about Đà Nẵng")  # the answer itself is in English
    page.wait_for_function("document.querySelector('#vnqa-sources')?.innerText.includes('Không có đoạn trích')",
                           timeout=30_000)


def test_uploaded_article_is_searchable_and_its_html_never_runs(page, tmp_path):
    article = tmp_path / "hai_phong.html"
    article.write_text(
        "<html><body><article><h1>Hải Phòng luân chuyển cán bộ</h1>"
        "<p>Năm 2021, Thành ủy Hải Phòng đã luân chuyển 42 cán bộ <img src=x onerror=alert('xss')>.</p>"
        "<p>&lt;script&gt;alert('pwned')&lt;/script&gt; **đậm** [link](javascript:alert(1))</p>"
        "</article></body></html>", encoding="utf-8")
    page.set_input_files("#vnqa-upload input[type=file]", str(article))
    page.click("#vnqa-index")
    page.wait_for_function("document.querySelector('#vnqa-articles')?.innerText.includes('Hải Phòng')",
                           timeout=120_000)
    _ask(page, "Hải Phòng đã luân chuyển bao nhiêu cán bộ năm 2021?", "hai_phong")
    assert "42" in page.inner_text("#vnqa-chat")
    page.click("#vnqa-sources .vnqa-card")
    page.wait_for_selector("#vnqa-viewer .vnqa-article", timeout=30_000)
    assert "<script>alert('pwned')</script>" in page.inner_text("#vnqa-viewer")  # shown as text
    assert page.query_selector("#vnqa-viewer script") is None and page.dialogs == []


def test_interface_language_switches_without_restart(page):
    page.click("#vnqa-lang label:has-text('en')")
    page.wait_for_function("document.querySelector('#vnqa-header')?.innerText.includes('Vietnamese news Q&A')",
                           timeout=30_000)
    assert page.inner_text("#vnqa-send").strip() == "Send"
