"""Questions from single sentences (training/sentence_questions.py), with the real recognisers.

Each test draws several seeds: the phrasing varies with the seed, and every variant must
still ask for the right thing in the product's own reading of the question.
"""

from __future__ import annotations

import random

import pytest

from qa.answer_types import expected_type
from qa.candidates import find_candidates
from training.sentence_questions import ASKED, Question, ask, askables, usable


def _questions(sentence: str, ctype: str, seeds=range(12)) -> list[Question]:
    found = [a for a in askables(sentence, find_candidates(sentence)) if a.answer.ctype == ctype]
    made = [ask(sentence, found, random.Random(seed)) for seed in seeds]
    return [q for q in made if q is not None]


def _check(question: Question, sentence: str) -> None:
    assert question.text.endswith("?") and question.text[:1].isupper()
    assert question.answer.text not in question.text
    assert sentence[question.answer.start:question.answer.end] == question.answer.text
    assert expected_type(question.text) == ASKED[question.answer.ctype], question.text


def test_a_sum_is_asked_how_much_money():
    sentence = "Ông Nguyễn Văn Hùng bị phạt 45 triệu đồng vì vi phạm quy định về an toàn thực phẩm."
    questions = _questions(sentence, "MONEY")
    assert questions and {q.answer.text for q in questions} == {"45 triệu đồng"}
    for q in questions:
        _check(q, sentence)
        assert "bao nhiêu tiền" in q.text.lower() or "bao nhiêu đồng" in q.text.lower()


def test_a_person_who_opens_the_sentence_is_asked_who_with_the_title():
    sentence = "Ông Nguyễn Văn Hùng bị phạt 45 triệu đồng vì vi phạm quy định về an toàn thực phẩm."
    questions = _questions(sentence, "PER")
    assert questions and {q.answer.text for q in questions} == {"Nguyễn Văn Hùng"}
    for q in questions:
        _check(q, sentence)
        assert q.text.startswith(("Ai ", "Người nào ", "Người bị phạt")) and "Ông" not in q.text


def test_a_count_keeps_its_noun():
    sentence = "Theo kế hoạch, 137 cán bộ sẽ được luân chuyển sang các đơn vị mới trong năm nay."
    questions = _questions(sentence, "COUNT")
    assert questions and {q.answer.text for q in questions} == {"137"}
    for q in questions:
        _check(q, sentence)
        assert "bao nhiêu cán bộ" in q.text.lower()


def test_a_date_that_opens_the_sentence_is_asked_at_the_end():
    sentence = "Ngày 12/3/2019, Thanh tra Sở Y tế Hà Nội đã kiểm tra cơ sở sản xuất giò chả tại phường Định Công."
    questions = _questions(sentence, "DATE")
    assert questions
    for q in questions:
        _check(q, sentence)
        assert q.text.endswith(("vào ngày nào?", "khi nào?")) and not q.text.lower().startswith("ngày")


def test_a_place_is_asked_by_its_head_noun():
    # (a court's seat, "TAND tỉnh Nghệ An", is part of the court's name and asked with it)
    sentence = "Ngày 20/11, đoàn thanh tra đến tỉnh Nghệ An kiểm tra vụ lừa đảo bán đất nền."
    questions = _questions(sentence, "LOC")
    assert questions and {q.answer.text for q in questions} == {"Nghệ An"}
    for q in questions:
        _check(q, sentence)
        assert "tỉnh nào" in q.text.lower()


@pytest.mark.parametrize("sentence, ctype", [
    ("Lộ trình thay thế đi qua đường Lê Duẩn rồi rẽ sang đường Hàn Thuyên để ra trung tâm.", "PER"),  # streets
    ("Toàn bộ hệ thống tên lửa S-400 sẽ được bàn giao cho phía đối tác trong năm nay.", "COUNT"),  # a model name
    ("Tờ Gazeta.ru của Nga cho rằng đây là vấn đề gây tranh cãi giữa hai nước.", "PER"),  # a site, not a person
])
def test_doubtful_finds_are_not_asked_about(sentence, ctype):
    assert not [a for a in askables(sentence, find_candidates(sentence)) if a.answer.ctype == ctype]


@pytest.mark.parametrize("sentence, ok", [
    ("Ông Nguyễn Văn Hùng bị phạt 45 triệu đồng vì vi phạm quy định.", True),
    ("Ông Hùng bị phạt.", False),  # too short
    ("“Chúng tôi sẽ kiểm tra toàn bộ các cơ sở trên địa bàn”, ông Hùng nói.", False),  # a quotation
    ("Cơ sở sản xuất giò chả bị niêm phong sau khi kiểm tra - Ảnh: Hà Nội.", False),  # a photo caption
    ("Trước đó, ngày 7-1, nhóm của N. và T.V.", False),  # cut at an initial
    ("Ông Hùng cho biết sẽ nộp phạt đầy đủ trong tuần tới chứ?", False),  # already a question
])
def test_usable_sentences_are_prose(sentence, ok):
    assert usable(sentence) is ok


def test_a_loosened_question_keeps_its_negation():
    sentence = "Ông Nguyễn Văn Hùng đã không nộp 45 triệu đồng tiền phạt cho Thanh tra Sở Y tế đúng hạn."
    questions = _questions(sentence, "MONEY", seeds=range(40))
    assert len({q.text for q in questions}) > 1  # some were loosened
    for q in questions:
        _check(q, sentence)
        assert " không " in q.text
