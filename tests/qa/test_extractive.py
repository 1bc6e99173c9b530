"""The extractive answerer on the real model: spans, languages, abstentions, highlighting."""

import pytest

pytestmark = pytest.mark.real


@pytest.mark.parametrize("question,span,doc", [
    ("Ha Noi luan chuyen bao nhieu can bo?", "137", "001_250846a6894a7a98"),
    ("Who is the Secretary of the Mong Cai City Party Committee?", "Lê Văn Ánh", "002_b05b5ef40b98d4fc"),
    ("Hướng dẫn số 06-HD/BTCTW được ban hành ngày nào?", "24/2/2017", "002_b05b5ef40b98d4fc"),
    ("Quyết định nào thay thế Quyết định số 3814-QĐ/TU?", "1841-QĐ/TU", "003_c57f854662c56398"),
])
def test_exact_span_and_highlight(real_assistant, question, span, doc):
    ans = real_assistant.ask(question)
    assert ans.span == span and ans.citations[0].doc_id == doc
    c = ans.citations[0]
    assert c.passage[c.span_start:c.span_end] == span


def test_english_answer_frames_the_vietnamese_figure(real_assistant):
    ans = real_assistant.ask("how many cadres did Hà Nội rotate?")
    assert ans.text.startswith("137 cadres — «") and ans.text.endswith("[1]")


@pytest.mark.parametrize("question,language", [
    ("How many cadres did Đà Nẵng rotate in 2019?", "en"),              # another city
    ("Năm 2021, TP Móng Cái luân chuyển bao nhiêu lượt cán bộ?", "vi"),  # another year
    ("Quyết định nào thay thế Quyết định số 9999-QĐ/TU?", "vi"),         # unknown document
    ("What is the weather in Paris?", "en"),                             # off topic
    ("Móng Cái có bao nhiêu xã, phường?", "vi"),                         # a figure the article does not give
])
def test_abstains_in_the_question_language(real_assistant, question, language):
    from qa.prompts import cannot_answer

    from qa.prompts import template

    ans = real_assistant.ask(question)
    assert ans.abstained and ans.citations == [] and ans.language == language
    named = ans.reason.removeprefix("no retrieved article mentions ")
    assert ans.text in (cannot_answer(language), template("cannot_answer_named").render(language, what=named))


def test_never_answers_one_city_with_another_citys_figure(real_assistant):
    for city in ("Hải Phòng", "Cần Thơ", "Huế"):
        assert real_assistant.ask(f"{city} đã luân chuyển bao nhiêu cán bộ?").abstained
