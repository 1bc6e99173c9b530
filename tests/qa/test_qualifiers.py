"""What a question pins down, checked sentence by sentence."""

import pytest

from qa.entities import find_entities
from qa.qualifiers import Qualifiers, mentions_in, question_qualifiers, sentence_fit


def _qualifiers(question, english=False):
    return question_qualifiers(question, find_entities(question, question=True), english=english)


@pytest.mark.parametrize("question, days, numbered", [
    ("Giá xăng RON 95 ngày 16/1 giảm bao nhiêu?", {"16/1"}, set()),
    ("By how much was the price of RON 95 petrol cut on January 16?", {"16/1"}, set()),
    ("What happened on the 3rd of March?", {"3/3"}, set()),
    ("Tuyến metro số 2 có màu gì?", set(), {"2"}),
    ("What colour was chosen for metro line No. 7?", set(), {"7"}),
    # a score, a mark, a share or "in the number of" pins nothing down
    ("Tỷ số trận chung kết là 2-1 phải không?", set(), set()),
    ("Which team won 3-2 in the final?", set(), set()),
    ("Who scored when Lyon won 2-1?", set(), set()),
    ("Bao nhiêu trong số 28 tài sản bị thu giữ?", set(), set()),
    ("Em đạt 9/10 điểm môn nào?", set(), set()),
    ("Hà Nội luân chuyển bao nhiêu cán bộ?", set(), set()),
])
def test_days_and_numbered_things_of_a_question(question, days, numbered):
    q = _qualifiers(question, english=question.isascii())
    assert q.days == days and q.numbered == numbered


def test_dates_are_read_where_a_time_word_or_a_year_says_so():
    values = {m.value for m in mentions_in("Sáng 16-1, ngày 1/7 và 20 tháng 11 năm 2018; tỷ số 3-2.") if m.kind == "day"}
    assert values == {"16/1", "1/7", "20/11"}
    values = {m.value for m in mentions_in("Ngày 16/1/2019, sáng 2-3-2018, triều cường ngày 26-27/10, tỷ lệ 1/3.5, "
                                           "mỗi ngày 3-4 chuyến, hoạt động 24/7") if m.kind == "day"}
    assert values == {"16/1", "2/3", "26/10", "27/10"}


def test_numbered_things_are_not_any_figure_after_so():
    values = {m.value for m in mentions_in("Cơn bão số 4, tuyến số 3B, tỷ số 2-1, trong số 8 tuyến, quân số 82.000, "
                                           "con số 50, khí NO2.") if m.kind == "numbered"}
    assert values == {"4", "3b"}


def test_a_sentence_about_another_district_conflicts():
    q = _qualifiers("How long did the hailstorm in Thuan Chau district, Son La last?", english=True)
    missing, conflicts = sentence_fit(q, "Tại huyện Mù Cang Chải (Yên Bái), trận mưa đá kéo dài 1 tiếng.", "")
    assert missing == 1.0
    assert [(m.kind, m.value) for m in conflicts] == [("district", "mu cang chai")]
    missing, conflicts = sentence_fit(q, "Tại huyện Thuận Châu, mưa đá kéo dài 10 phút.", "Mưa đá ở Sơn La.")
    assert missing == 0.0 and conflicts == ()


def test_a_province_or_a_commune_is_no_conflict_for_a_district_and_the_sentence_before_counts():
    q = _qualifiers("Mưa đá ở huyện Thuận Châu kéo dài bao lâu?")
    assert sentence_fit(q, "Trận mưa đá ở tỉnh Sơn La kéo dài 10 phút.", "Huyện Thuận Châu có mưa đá.") == (0.0, ())
    assert sentence_fit(q, "Mưa đá ở xã Chiềng Bôm kéo dài 10 phút.", "")[1] == ()
    # a city the gazetteer lists is left to "missing": it does not say which province holds it
    city = _qualifiers("Mưa đá ở Hạ Long kéo dài bao lâu?")
    assert sentence_fit(city, "Trận mưa đá ở tỉnh Quảng Ninh kéo dài 10 phút.", "Thành phố Hạ Long hứng mưa đá.") == (0.0, ())


def test_another_day_or_line_conflicts_only_when_the_asked_one_is_absent():
    q = _qualifiers("Giá xăng RON 95 ngày 16/1 giảm bao nhiêu?")
    assert [m.value for m in sentence_fit(q, "Ngày 1/1, giá xăng RON 95 giảm 538 đồng.", "")[1]] == ["1/1"]
    assert sentence_fit(q, "Ngày 1/1 và ngày 16/1, giá xăng giảm 538 đồng.", "")[1] == ()
    assert sentence_fit(q, "Giá xăng giảm khoảng 1/3 so với năm trước.", "")[1] == ()  # a share, no day
    line = _qualifiers("Tuyến metro số 2 có màu gì?")
    assert [m.value for m in sentence_fit(line, "Tuyến số 1 mang màu đỏ.", "")[1]] == ["1"]
    assert sentence_fit(line, "Tuyến số 2 là một trong số 8 tuyến.", "")[1] == ()


def test_a_locality_is_found_where_it_stands():
    (found,) = [m for m in mentions_in("Chợ Tân Phú Trung cách trụ sở xã Tân Phú 3 km.") if m.kind == "commune"]
    assert (found.value, found.start) == ("tan phu", 33)


def test_a_question_without_qualifiers_fits_every_sentence():
    assert sentence_fit(Qualifiers(), "Ngày 1/1 tại Hà Nội.", "") == (0.0, ())
