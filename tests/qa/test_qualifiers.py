"""What a question pins down, checked sentence by sentence."""

import pytest

from qa.entities import find_entities
from qa.qualifiers import Qualifiers, mentions_in, question_qualifiers, sentence_fit


def _qualifiers(question):
    return question_qualifiers(question, find_entities(question, question=True))


@pytest.mark.parametrize("question, days, numbered", [
    ("Giá xăng RON 95 ngày 16/1 giảm bao nhiêu?", {"16/1"}, set()),
    ("By how much was the price of RON 95 petrol cut on January 16?", {"16/1"}, set()),
    ("What happened on the 3rd of March?", {"3/3"}, set()),
    ("Tuyến metro số 2 có màu gì?", set(), {"2"}),
    ("What colour was chosen for metro line No. 7?", set(), {"7"}),
    ("Tỷ số trận chung kết là 3-2 phải không?", set(), set()),  # a hyphen alone is a score
    ("Hà Nội luân chuyển bao nhiêu cán bộ?", set(), set()),
])
def test_days_and_numbered_things_of_a_question(question, days, numbered):
    q = _qualifiers(question)
    assert q.days == days and q.numbered == numbered


def test_dates_are_read_in_every_written_form():
    values = {m.value for m in mentions_in("Sáng 16-1, ngày 1/7 và 20 tháng 11 năm 2018; tỷ số 3-2.") if m.kind == "day"}
    assert values == {"16/1", "1/7", "20/11"}
    values = {m.value for m in mentions_in("Ngày 16/1/2019, sáng 2-3-2018, tỷ lệ 1/3.5") if m.kind == "day"}
    assert values == {"16/1", "2/3"}


def test_a_sentence_about_another_district_conflicts():
    q = _qualifiers("How long did the hailstorm in Thuan Chau district, Son La last?")
    missing, conflicts = sentence_fit(q, "Tại huyện Mù Cang Chải (Yên Bái), trận mưa đá kéo dài 1 tiếng.", "")
    assert missing == 1.0
    assert {(m.kind, m.value) for m in conflicts} == {("place", "Yên Bái"), ("locality", "mu cang chai")}
    missing, conflicts = sentence_fit(q, "Tại huyện Thuận Châu, mưa đá kéo dài 10 phút.", "Mưa đá ở Sơn La.")
    assert missing == 0.0 and conflicts == ()


def test_a_province_is_no_conflict_for_a_district_and_the_sentence_before_counts():
    q = _qualifiers("Mưa đá ở huyện Thuận Châu kéo dài bao lâu?")
    missing, conflicts = sentence_fit(q, "Trận mưa đá ở tỉnh Sơn La kéo dài 10 phút.", "Huyện Thuận Châu có mưa đá.")
    assert missing == 0.0 and conflicts == ()


def test_another_day_or_line_conflicts_only_when_the_asked_one_is_absent():
    q = _qualifiers("Giá xăng RON 95 ngày 16/1 giảm bao nhiêu?")
    assert [m.value for m in sentence_fit(q, "Ngày 1/1, giá xăng RON 95 giảm 538 đồng.", "")[1]] == ["1/1"]
    assert sentence_fit(q, "Ngày 1/1 và ngày 16/1, giá xăng giảm 538 đồng.", "")[1] == ()
    line = _qualifiers("Tuyến metro số 2 có màu gì?")
    assert [m.value for m in sentence_fit(line, "Tuyến số 1 mang màu đỏ.", "")[1]] == ["1"]


def test_a_question_without_qualifiers_fits_every_sentence():
    assert sentence_fit(Qualifiers(), "Ngày 1/1 tại Hà Nội.", "") == (0.0, ())
