"""The chat handler as a plain generator (no server)."""

from datetime import date

import pytest

from qa.errors import IndexNotFound
from qa.filters import NewsFilter
from qa.types import Answer, Citation
from tests.fakes import ScriptedAssistant
from ui.chat import format_answer, previous_questions, respond
from ui.i18n import LABELS
from ui.render import unescape_markdown


ANSWER = Answer("q", "137 cadres — «có 137 cán bộ» [1]", False, [Citation(1, "001", "T", "có 137 cán bộ", 0.5)])


def test_streams_the_answer_word_by_word_then_delivers_it():
    updates = list(respond(ScriptedAssistant(ANSWER), "how many?", []))
    assert len(updates) > 3, "answer arrives in several steps"
    history = updates[-1].history
    assert history[0]["role"] == "user" and history[-1]["role"] == "assistant"
    assert "137 cadres" in history[-1]["content"]
    assert updates[-1].answer is ANSWER and all(u.answer is None for u in updates[:-1])


def test_earlier_questions_are_passed_for_follow_ups():
    bot = ScriptedAssistant(ANSWER)
    history = [{"role": "user", "content": [{"type": "text", "text": "how many cadres did Hà Nội rotate?"}]},
               {"role": "assistant", "content": "137"}]
    list(respond(bot, "còn Móng Cái thì sao?", history, top_k=3))
    assert bot.calls == [("còn Móng Cái thì sao?", 3, ["how many cadres did Hà Nội rotate?"])]


def test_escaped_history_round_trips():
    [update, *_] = respond(ScriptedAssistant(ANSWER), "Quyết định *1841-QĐ/TU*?", [])
    assert previous_questions(update.history) == ["Quyết định *1841-QĐ/TU*?"]


def test_empty_question_is_a_friendly_message():
    [update] = list(respond(ScriptedAssistant(None), "   ", [], language="en"))
    assert "empty" in update.history[-1]["content"]


def test_errors_become_chat_messages_not_tracebacks():
    *_, last = respond(ScriptedAssistant(IndexNotFound("build it with `qa index`")), "x", [])
    assert "qa index" in last.history[-1]["content"] and "❌" in last.history[-1]["content"]
    *_, last = respond(ScriptedAssistant(RuntimeError("boom")), "x", [])
    assert "❌" in last.history[-1]["content"] and "boom" not in last.history[-1]["content"]


def test_abstention_and_reinterpretation_are_marked():
    ans = Answer("q", "Các bài báo không nói về Đà Nẵng.", True, [], interpreted_as="Đà Nẵng luân chuyển bao nhiêu?")
    text = format_answer(ans, LABELS["vi"])
    assert "⚠️" in text and "Hiểu là" in text


@pytest.mark.real
def test_real_assistant_through_the_handler(real_assistant):
    first = list(respond(real_assistant, "how many cadres did Hà Nội rotate?", []))[-1]
    assert "137" in first.history[-1]["content"] and first.answer.citations[0].doc_id == "001_250846a6894a7a98"
    follow = list(respond(real_assistant, "còn Móng Cái thì sao?", first.history))[-1]
    assert follow.answer.span == "20" and follow.answer.citations[0].doc_id == "002_b05b5ef40b98d4fc"


@pytest.mark.parametrize("question, says", [("🙂🙂", "no words"), ("Сколько кадров?", "Vietnamese or English")])
def test_bad_questions_get_a_message_in_the_chat(tmp_path, fake_embedder, word_chunker, question, says):
    from qa import Assistant, Settings

    bot = Assistant(Settings.load(data_dir=tmp_path), embedder=fake_embedder, chunker=word_chunker)
    *_, last = respond(bot, question, [], language="en")
    assert says in last.history[-1]["content"] and last.history[-1]["content"].startswith("ℹ️")
    assert last.answer is None


def test_news_filters_reach_the_assistant_only_when_set():
    bot = ScriptedAssistant(ANSWER)
    list(respond(bot, "how many?", [], since="2019-01-01", sources=["HNMO"]))
    list(respond(bot, "how many?", [], since=None, until=None, sources=[]))
    assert bot.news == [{"since": "2019-01-01", "sources": ["HNMO"]}, {}]


def test_a_bad_date_is_said_in_the_chat():
    from qa.errors import BadInput

    bot = ScriptedAssistant(BadInput("since: expected a day as YYYY-MM-DD, got '2019-13-01'"))
    history = list(respond(bot, "how many?", [], since="2019-13-01"))[-1].history
    assert "expected a day as" in history[-1]["content"] and history[-1]["content"].startswith("ℹ️")


def test_the_filter_an_answer_was_narrowed_to_is_shown():
    from dataclasses import replace

    text = format_answer(replace(ANSWER, filtered_by="published 2019-01-01..2020-12-31 or undated"), LABELS["en"])
    assert text.endswith("_Searched only: published 2019\\-01\\-01\\.\\.2020\\-12\\-31 or undated_")


@pytest.mark.parametrize("news_filter, language, shown", [
    (NewsFilter(date(2019, 1, 1), date(2020, 12, 31), keep_undated=True), "vi",
     "Chỉ tìm trong: bài đăng từ 01/01/2019 đến 31/12/2020 hoặc không ghi ngày"),
    (NewsFilter(date(2019, 1, 1), date(2020, 12, 31), keep_undated=True), "en",
     "Searched only: articles published 2019-01-01 to 2020-12-31 or undated"),
    (NewsFilter(since=date(2020, 3, 1), sources=("VnExpress",)), "vi", "Chỉ tìm trong: bài đăng từ 01/03/2020, nguồn vnexpress"),
    (NewsFilter(until=date(2020, 3, 1)), "en", "Searched only: articles published until 2020-03-01"),
    (NewsFilter(sources=("hnmo", "Tuổi Trẻ")), "vi", "Chỉ tìm trong: các nguồn hnmo, tuổi trẻ"),
])
def test_the_filter_is_described_in_the_interface_language(news_filter, language, shown):
    from dataclasses import replace

    answer = replace(ANSWER, filtered_by=news_filter.describe(), news_filter=news_filter)
    assert unescape_markdown(format_answer(answer, LABELS[language])).endswith(f"_{shown}_")
