"""The HTTP APIs of a real ``qa serve`` (real model, real Chroma), through the ``openai`` client
and plain HTTP: what a chat front-end such as Open WebUI or a script would see."""

import json

import httpx
import openai
import pytest

pytestmark = pytest.mark.real
QUESTION = "how many cadres did Hà Nội rotate?"


def client(server, token):
    return openai.OpenAI(base_url=server.url + "v1", api_key=token, max_retries=0, timeout=120)


def test_chat_completion_carries_the_answer_markers_and_citations(served_with_accounts):
    reply = client(served_with_accounts, served_with_accounts.tokens["minh"]).chat.completions.create(
        model="vnqa", messages=[{"role": "user", "content": QUESTION}])
    content = reply.choices[0].message.content
    assert "137" in content and "[1]" in content and "001_250846a6894a7a98" in content
    assert reply.citations[0]["doc_id"] == "001_250846a6894a7a98"  # structured, beside the text


def test_streamed_follow_up(served_with_accounts):
    stream = client(served_with_accounts, served_with_accounts.tokens["lan"]).chat.completions.create(
        model="vnqa", stream=True, messages=[{"role": "user", "content": QUESTION},
                                             {"role": "assistant", "content": "137 [1]"},
                                             {"role": "user", "content": "còn Móng Cái thì sao?"}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "20" in text and "002_b05b5ef40b98d4fc" in text
    assert chunks[-1].model_extra["citations"][0]["doc_id"] == "002_b05b5ef40b98d4fc"


def test_a_token_is_required(served_with_accounts):
    with pytest.raises(openai.AuthenticationError, match="qa users token"):
        client(served_with_accounts, "vnqa_not-a-token").chat.completions.create(
            model="vnqa", messages=[{"role": "user", "content": QUESTION}])
    assert httpx.post(served_with_accounts.url + "api/ask", json={"question": QUESTION}).status_code == 401


def test_api_ask_is_qa_ask_json(served_with_accounts):
    got = httpx.post(served_with_accounts.url + "api/ask", timeout=120, json={"question": QUESTION},
                     headers={"Authorization": f"Bearer {served_with_accounts.tokens['minh']}"})
    body = got.json()
    assert got.status_code == 200 and body["span"] == "137" and not body["abstained"]
    assert body["citations"][0]["doc_id"] == "001_250846a6894a7a98"


def test_the_login_page_comes_first(served_with_accounts):
    assert httpx.get(served_with_accounts.url + "gradio_api/login_check").status_code == 401


def test_a_reader_cannot_upload_or_remove_even_by_calling_the_ui_events(served_with_accounts, tmp_path):
    """Hiding the controls is a courtesy: the events themselves check the role on the server."""
    from gradio_client import Client, handle_file

    article = tmp_path / "sneaky.txt"
    article.write_text("Bài lén\n\nNội dung không được phép.", encoding="utf-8")
    reader = Client(served_with_accounts.url, auth=("minh", served_with_accounts.passwords["minh"]), verbose=False)
    # (the interface language is page state, not an API parameter: the replies are in Vietnamese)
    status = reader.predict([handle_file(str(article))], [], api_name="/on_index")[0]
    assert "Chỉ biên tập viên" in status
    status = reader.predict(["001_250846a6894a7a98"], api_name="/on_remove")[0]
    assert "Chỉ biên tập viên" in status
    assert not (served_with_accounts.data_dir / "uploads" / "sneaky.txt").exists()
    audit = served_with_accounts.data_dir / "audit.jsonl"
    assert "minh" not in (audit.read_text() if audit.exists() else "")


def test_an_editor_removes_an_article_through_the_ui_event_and_it_is_audited(served_with_accounts, tmp_path):
    from gradio_client import Client, handle_file

    article = tmp_path / "tam_thoi.txt"
    article.write_text("Bài tạm thời\n\nThành phố Huế trồng 300 cây xanh.", encoding="utf-8")
    editor = Client(served_with_accounts.url, auth=("lan", served_with_accounts.passwords["lan"]), verbose=False)
    assert "1" in editor.predict([handle_file(str(article))], [], api_name="/on_index")[0]
    audit = served_with_accounts.data_dir / "audit.jsonl"
    (doc_id,) = {json.loads(line)["doc_id"] for line in audit.read_text().splitlines() if "tam_thoi" in line}
    assert "1" in editor.predict([doc_id], api_name="/on_remove")[0]
    mine = [json.loads(line) for line in audit.read_text().splitlines() if json.loads(line)["doc_id"] == doc_id]
    assert [(e["actor"], e["action"]) for e in mine] == [("lan", "added"), ("lan", "removed")]
