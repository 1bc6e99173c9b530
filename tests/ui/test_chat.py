"""The chat handler as a plain generator (no server)."""

import pytest

from qa.errors import IndexNotFound
from qa.types import Answer, Citation
from ui.chat import respond


class ScriptedAssistant:
    def __init__(self, result):
        self.result = result

    def ask(self, question, k=None):
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


def _last(gen):
    items = list(gen)
    return items, items[-1]


def test_streams_the_answer_word_by_word_then_sources():
    ans = Answer("q", "137 cadres — «có 137 cán bộ» [1]", False, [Citation(1, "001", "T", "có 137 cán bộ", 0.5)])
    items, (history, sources) = _last(respond(ScriptedAssistant(ans), "how many?", []))
    assert len(items) > 3, "answer arrives in several steps"
    assert history[0]["role"] == "user" and history[-1]["role"] == "assistant"
    assert "137 cadres" in history[-1]["content"] and "vnqa-card" in sources
    assert all(s == "" for _, s in items[:-1]), "sources appear with the last word"


def test_empty_question_is_a_friendly_message():
    _, (history, _) = _last(respond(ScriptedAssistant(None), "   ", [], language="en"))
    assert "empty" in history[-1]["content"]


def test_errors_become_chat_messages_not_tracebacks():
    _, (history, _) = _last(respond(ScriptedAssistant(IndexNotFound("build it with `qa index`")), "x", []))
    assert "qa index" in history[-1]["content"] and "❌" in history[-1]["content"]


def test_abstention_is_marked():
    ans = Answer("q", "Các bài báo không nói về Đà Nẵng.", True, [])
    _, (history, sources) = _last(respond(ScriptedAssistant(ans), "Đà Nẵng?", []))
    assert history[-1]["content"].startswith("⚠️") and "Không có đoạn trích" in sources


@pytest.mark.real
def test_real_assistant_through_the_handler(real_assistant):
    _, (history, sources) = _last(respond(real_assistant, "how many cadres did Hà Nội rotate?", []))
    assert "137" in history[-1]["content"] and "001_250846a6894a7a98" in sources
