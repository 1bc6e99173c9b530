"""End to end with accounts: the login page, what a reader and an editor may do, feedback, wrong passwords.

Drives the shared ``qa serve`` with accounts (tests/conftest.py ``served_with_accounts``) in
Debian's headless Chromium.
"""

import json
import os

import pytest

from qa.feedback import FeedbackStore
from tests.ui.test_browser import ARGS, CHROMIUM, _ask, _wait_for_text

pytestmark = [pytest.mark.real, pytest.mark.browser]


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def _login(browser, server, name: str, password: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(server.url)
    page.fill("input[data-testid=textbox]", name)
    page.fill("input[data-testid=password]", password)
    page.click("button:has-text('Login')")
    return page


def test_a_reader_asks_and_sees_no_upload_or_remove_control(browser, served_with_accounts):
    page = _login(browser, served_with_accounts, "minh", served_with_accounts.passwords["minh"])
    page.wait_for_selector("#vnqa-input textarea", timeout=60_000)
    _wait_for_text(page, "#vnqa-whoami", "minh")
    _ask(page, "how many cadres did Hà Nội rotate?", "001_250846a6894a7a98")
    assert "137" in page.inner_text("#vnqa-chat")
    for control in ("#vnqa-upload", "#vnqa-index", "#vnqa-remove"):
        assert not page.is_visible(control)
    # feedback under the answer: a thumb, then a correction, stored with the reader's name
    page.locator("#vnqa-chat button[aria-label='Dislike']").last.click()
    page.fill("#vnqa-correction textarea", "137 cán bộ")
    page.click("#vnqa-correct")
    store = FeedbackStore(served_with_accounts.data_dir / "feedback.sqlite")
    for _ in range(40):
        mine = [f for f in store.list() if f.user == "minh" and f.correction]
        if mine:
            break
        page.wait_for_timeout(250)
    assert [(f.question, f.rating, f.correction) for f in mine] == [
        ("how many cadres did Hà Nội rotate?", "down", "137 cán bộ")]


def test_a_date_range_narrows_the_answer_and_says_so(browser, served_with_accounts):
    page = _login(browser, served_with_accounts, "minh", served_with_accounts.passwords["minh"])
    page.wait_for_selector("#vnqa-input textarea", timeout=60_000)
    # the article with Hà Nội's 137 is dated 2020-10-12: before 2020 it is out of reach
    page.fill("#vnqa-until input, #vnqa-until textarea", "2019-12-31")
    page.fill("#vnqa-input textarea", "how many cadres did Hà Nội rotate?")
    page.click("#vnqa-send")
    # the whole scope line, said in the interface language (waiting for its start alone raced the
    # streamed rest of the line)
    _wait_for_text(page, "#vnqa-chat", "Chỉ tìm trong: bài đăng đến 31/12/2019")
    reply = page.inner_text("#vnqa-chat").split("how many cadres did Hà Nội rotate?")[-1]
    assert "137" not in reply


def test_an_editor_uploads_an_article_answerable_at_once_and_it_is_audited(browser, served_with_accounts, tmp_path):
    article = tmp_path / "can_tho.txt"
    article.write_text("Cần Thơ luân chuyển cán bộ\n\nNăm 2021, Thành ủy Cần Thơ đã luân chuyển 58 cán bộ chủ chốt "
                       "về cơ sở.", encoding="utf-8")
    too_big = tmp_path / "qua_lon.txt"
    too_big.write_text("Bài quá lớn\n\n" + "Nội dung dài. " * 2000, encoding="utf-8")  # ~28 KiB > 10 KiB
    page = _login(browser, served_with_accounts, "lan", served_with_accounts.passwords["lan"])
    page.wait_for_selector("#vnqa-upload", state="visible", timeout=60_000)
    page.set_input_files("#vnqa-upload input[type=file]", [str(article), str(too_big)])
    page.click("#vnqa-index")
    _wait_for_text(page, "#vnqa-articles", "Cần Thơ", timeout_ms=120_000)
    _wait_for_text(page, "#vnqa-chat", "qua_lon.txt")  # the refusal is said in the chat, naming the limit
    assert "MiB limit per file" in page.inner_text("#vnqa-chat")
    _ask(page, "Cần Thơ đã luân chuyển bao nhiêu cán bộ?", "can_tho")
    assert "58" in page.inner_text("#vnqa-chat")
    assert not (served_with_accounts.data_dir / "uploads" / "qua_lon.txt").exists()
    entries = [json.loads(line) for line in (served_with_accounts.data_dir / "audit.jsonl").read_text().splitlines()]
    assert [(e["actor"], e["action"], e["title"]) for e in entries if "can_tho" in e["doc_id"]] == [
        ("lan", "added", "Cần Thơ luân chuyển cán bộ")]


def test_a_wrong_password_is_refused_and_slows_the_next_attempt(browser, served_with_accounts):
    page = _login(browser, served_with_accounts, "eve", "not her password")
    _wait_for_text(page, "body", "Incorrect Credentials")  # Gradio's login page, in the browser's language
    # the account now waits 30 s: even the right password is refused until then
    page.fill("input[data-testid=textbox]", "eve")
    page.fill("input[data-testid=password]", served_with_accounts.passwords["eve"])
    with page.expect_response(lambda r: r.url.endswith("/login") and r.request.method == "POST") as reply:
        page.click("button:has-text('Login')")
    assert reply.value.status == 400
    assert page.query_selector("#vnqa-input") is None
