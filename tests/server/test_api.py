"""The HTTP routes through FastAPI's TestClient, over a scripted assistant (no model, fast).

tests/server/test_served.py drives the same routes on a real ``qa serve`` with the openai client.
"""

import json
from dataclasses import dataclass, field

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from qa.accounts import Accounts
from qa.errors import BadInput, StoreUnavailable
from qa.login_throttle import LoginThrottle
from qa.settings import Settings
from qa.types import Answer, Citation
from server.app import build_server
from server.gate import Gate

ANSWER = Answer(question="Hà Nội luân chuyển bao nhiêu cán bộ?", text="137 cán bộ [1]", abstained=False, span="137",
                kind="number", citations=[Citation(number=1, doc_id="001", title="Đáp ứng nhiệm vụ",
                                                   passage="có 137 cán bộ được luân chuyển", score=0.7,
                                                   source="HNMO", published="2020-10-12T08:00")])


@dataclass
class FakeAssistant:
    settings: Settings
    result: object = ANSWER
    calls: list = field(default_factory=list)

    def ask(self, question, **options):
        self.calls.append((question, options))
        if isinstance(self.result, Exception):
            raise self.result
        return self.result

    def articles(self):
        return []


@pytest.fixture
def setup(tmp_path):
    accounts = Accounts(tmp_path / "users.json", hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    accounts.add("minh", "long enough", role="reader")
    token = accounts.issue_token("minh")
    bot = FakeAssistant(Settings.load(data_dir=tmp_path / "data"))
    gate = Gate(accounts, LoginThrottle(delay_s=1, max_delay_s=1, free_failures_per_address=5))
    return TestClient(build_server(bot, gate=gate)), bot, {"Authorization": f"Bearer {token}"}


def test_api_ask_returns_the_fields_of_qa_ask_json(setup):
    client, bot, auth = setup
    got = client.post("/api/ask", json={"question": "Hà Nội luân chuyển bao nhiêu cán bộ?", "top_k": 3,
                                        "history": ["trước đó"]}, headers=auth)
    assert got.status_code == 200 and got.json() == ANSWER.to_dict()
    assert bot.calls == [("Hà Nội luân chuyển bao nhiêu cán bộ?", {"k": 3, "mode": None, "history": ["trước đó"]})]


def test_api_ask_passes_news_filters(setup):
    client, bot, auth = setup
    client.post("/api/ask", json={"question": "q", "since": "2019-01-01", "sources": ["HNMO"]}, headers=auth)
    options = bot.calls[-1][1]
    assert str(options["since"]) == "2019-01-01" and options["sources"] == ["HNMO"] and "until" not in options


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer vnqa_forged"}, {"Authorization": "Basic x"}])
def test_every_api_route_wants_a_valid_token(setup, headers):
    client, bot, _ = setup
    for method, path, body in (("post", "/api/ask", {"question": "q"}),
                               ("post", "/v1/chat/completions", {"messages": [{"role": "user", "content": "q"}]}),
                               ("get", "/v1/models", None)):
        got = client.request(method, path, json=body, headers=headers)
        assert got.status_code == 401 and "qa users token" in got.json()["error"]["message"]
        assert got.headers["www-authenticate"] == "Bearer"
    assert bot.calls == []


@pytest.mark.parametrize("error, status", [(BadInput("the question is empty"), 400),
                                           (StoreUnavailable("Chroma server down"), 503)])
def test_errors_keep_their_message_and_get_a_status_to_act_on(setup, error, status):
    client, bot, auth = setup
    bot.result = error
    got = client.post("/api/ask", json={"question": "q"}, headers=auth)
    assert got.status_code == status and got.json()["error"]["message"] == str(error)


def test_chat_completions_with_history_markers_and_citations(setup):
    client, bot, auth = setup
    got = client.post("/v1/chat/completions", headers=auth, json={"model": "vnqa", "temperature": 0.2, "messages": [
        {"role": "system", "content": "be brief"}, {"role": "user", "content": "how many cadres did Hà Nội rotate?"},
        {"role": "assistant", "content": "137 [1]"},
        {"role": "user", "content": [{"type": "text", "text": "còn Móng Cái thì sao?"}]}]}).json()
    assert bot.calls[-1] == ("còn Móng Cái thì sao?", {"history": ["how many cadres did Hà Nội rotate?"], "mode": None})
    content = got["choices"][0]["message"]["content"]
    assert content.startswith("137 cán bộ [1]") and "[1] Đáp ứng nhiệm vụ (HNMO, 2020-10-12) - 001" in content
    assert got["citations"][0]["doc_id"] == "001" and got["vnqa"]["span"] == "137"
    assert got["object"] == "chat.completion" and got["choices"][0]["finish_reason"] == "stop"


def test_chat_completions_streams_the_same_reply_as_server_sent_events(setup):
    client, _, auth = setup
    plain = client.post("/v1/chat/completions", headers=auth,
                        json={"messages": [{"role": "user", "content": "q"}]}).json()
    with client.stream("POST", "/v1/chat/completions", headers=auth,
                       json={"stream": True, "messages": [{"role": "user", "content": "q"}]}) as got:
        assert got.headers["content-type"].startswith("text/event-stream")
        events = [line[6:] for line in got.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text == plain["choices"][0]["message"]["content"]
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["citations"] == plain["citations"]


def test_a_conversation_without_a_user_message_is_a_400(setup):
    client, _, auth = setup
    got = client.post("/v1/chat/completions", headers=auth, json={"messages": [{"role": "system", "content": "x"}]})
    assert got.status_code == 400 and "no user message" in got.json()["error"]["message"]


def test_models_lists_vnqa(setup):
    client, _, auth = setup
    assert [m["id"] for m in client.get("/v1/models", headers=auth).json()["data"]] == ["vnqa"]


def test_a_removed_accounts_ui_session_ends_at_its_next_request(setup):
    client, _, _ = setup
    gate = client.app.state.gate
    assert client.post("/login", data={"username": "minh", "password": "long enough"}).status_code == 200
    assert client.get("/gradio_api/login_check").status_code == 200
    gate.accounts.remove("minh")
    assert client.get("/gradio_api/login_check").status_code == 401


def test_gradio_refuses_an_upload_over_one_uploads_limit_before_any_handler(tmp_path):
    accounts = Accounts(tmp_path / "users.json", hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    accounts.add("minh", "long enough", role="reader")
    settings = Settings.load(data_dir=tmp_path / "data", uploads={"max_file_mb": 0.01, "max_batch_mb": 0.02})
    gate = Gate(accounts, LoginThrottle(delay_s=1, max_delay_s=1, free_failures_per_address=5))
    client = TestClient(build_server(FakeAssistant(settings), gate=gate))
    client.post("/login", data={"username": "minh", "password": "long enough"})
    small = client.post("/gradio_api/upload", files={"files": ("a.txt", b"x" * 15_000, "text/plain")})
    big = client.post("/gradio_api/upload", files={"files": ("b.txt", b"x" * 30_000, "text/plain")})
    assert small.status_code == 200 and big.status_code == 413


def test_request_body_errors_have_the_error_shape(setup):
    client, _, auth = setup
    got = client.post("/api/ask", json={"question": "q", "topk": 3}, headers=auth)
    assert got.status_code == 422 and "topk" in got.json()["error"]["message"]


def test_an_unreadable_accounts_file_is_a_503_that_does_not_show_its_path(setup, tmp_path):
    client, _, auth = setup
    (tmp_path / "users.json").write_text("{damaged", encoding="utf-8")
    got = client.post("/api/ask", json={"question": "q"}, headers=auth)
    assert got.status_code == 503 and str(tmp_path) not in got.text
