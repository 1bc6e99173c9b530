import pytest

from qa.spans import (dated_years, find_codes, find_identifiers, find_dates, find_names, find_numbers, find_spans, full_name, standalone_years,
                      year_mentions)

S = ("Tổng số nhân sự (nhiệm kỳ 2020-2025) là 81 đồng chí, số dư 14,08%. Nhân sự tái cử là 47/81 đồng chí (58,02%). "
     "Ngày 10/01, UBND ban hành Kế hoạch số 15/KH-UBND và Quyết định số 1841-QĐ/TU ngày 31/5/2021, tháng 5/2020.")


def test_numbers_exclude_terms_dates_years_and_codes():
    assert [s.text for s in find_numbers(S)] == ["81", "14,08%", "47/81", "58,02%"]


def test_dates_and_codes():
    assert [s.text for s in find_dates(S)] == ["10/01", "31/5/2021", "5/2020"]
    assert [s.text for s in find_codes(S)] == ["15/KH-UBND", "1841-QĐ/TU"]


def test_offsets_point_at_the_span():
    for span in find_spans(S, "number") + find_spans(S, "date") + find_spans(S, "document"):
        assert S[span.start:span.end] == span.text


def test_names_skip_places_and_roles():
    text = "Đồng chí Lê Văn Ánh, Bí thư Thành ủy Móng Cái; Chủ tịch Trần Sỹ Thanh tại Thành phố Hồ Chí Minh."
    assert [s.text for s in find_names(text)] == ["Lê Văn Ánh", "Trần Sỹ Thanh"]


def test_date_fallback_to_standalone_years_only():
    assert [s.text for s in find_spans("trong năm 2019 vừa qua", "date")] == ["2019"]
    assert find_spans("nhiệm kỳ 2021-2025", "date") == []
    assert year_mentions("nhiệm kỳ 2020-2025, năm 2019") == {"2020", "2025", "2019"}


def test_dated_years_take_years_inside_dates_but_not_periods():
    assert dated_years("Từ tháng 3-2018 và ngày 11/9/2017, trong nhiệm kỳ 2020-2025, năm 2019") == {"2018", "2017", "2019"}
    assert standalone_years("Từ tháng 3-2018") == set()
    assert dated_years("Theo Nghị định 15/2020/NĐ-CP và Luật số 59/2020/QH14") == set()  # a document's number


def test_a_name_ends_at_the_first_word_that_is_no_vietnamese_syllable():
    question = "On which street is Chu Văn An Secondary School in District 1 located?"
    assert [s.text for s in find_names(question, bare=True)] == ["Chu Văn An"]


def test_a_place_named_like_a_person_is_no_name():
    assert [s.text for s in find_names("Ông Đồng Quốc Cường bị bắt ở huyện Thạch Thất.")] == ["Đồng Quốc Cường"]  # "Ông" is Mr here
    assert find_names("Nhà ở đường Trần Phú, quận Ninh Kiều.") == []
    # a street named after a whole person names no part of them either
    assert find_names("Dự án ở đường Lê Văn Duyệt, quận Bình Thạnh.") == []


def test_a_person_after_an_institutions_name_starts_at_a_later_surname():
    assert [s.text for s in find_names("Phó giám đốc Bệnh viện Bạch Mai Ngô Quý Châu cho rằng.")] == ["Ngô Quý Châu"]
    assert [s.text for s in find_names("Chủ tịch Tập đoàn Vingroup Phạm Nhật Vượng nói.")] == ["Phạm Nhật Vượng"]
    # a hospital or a university named after a person is no person
    assert find_names("Bệnh viện Nguyễn Tri Phương tiếp nhận bệnh nhân.") == []
    assert find_names("Sinh viên chuyển sang Đại học Võ Trường Toản.") == []
    # a school by its level, a hospital by its kind: named after a person, whatever surnames the name holds
    assert find_names("Bà là hiệu trưởng Trường THPT chuyên Lê Hồng Phong, TP HCM.") == []
    assert find_names("Cô giáo trường THPT Chuyên Lê Hồng Phong cho biết.") == []
    assert find_names("Học sinh lớp 1 trường tiểu học Trần Quốc Toản vào lớp.") == []
    assert find_names("Lãnh đạo bệnh viện đa khoa Nguyễn Đình Chiểu (Bến Tre) cho biết.") == []
    assert find_names("Dự án Trường THPT Châu Văn Liêm ở Cần Thơ đã hoàn thành.") == []
    assert [s.text for s in find_names("Ông tố cáo hiệu trưởng Trường THPT Hoàng Diệu Phạm Ngọc Phụng.")] == [
        "Phạm Ngọc Phụng"]
    # "trường" of "Bộ Tài nguyên và Môi trường" is no school
    assert [s.text for s in find_names("Bộ trưởng Tài nguyên và Môi trường Trần Hồng Hà cho rằng.")] == ["Trần Hồng Hà"]


def test_a_full_name_after_a_province_or_city_is_a_person():
    # "UBND TP" is the city's committee: no city is named after a whole person
    assert [s.text for s in find_names("Phó chủ tịch UBND TP Võ Văn Hoan nhận định.")] == ["Võ Văn Hoan"]
    assert [s.text for s in find_names("Phó chủ tịch UBND tỉnh Phạm Văn Thuỷ tiếp tục làm trưởng ban.")] == [
        "Phạm Văn Thuỷ"]
    assert find_names("Ông đến TP Bảo Lộc hôm qua.") == []  # two syllables may be the city
    # only after the body the city names ("UBND TP"): a city may have a name of three syllables
    assert find_names("Họ đến thành phố Thạch Gia Trang hôm qua.") == []
    # a person after a place's two-word name keeps two syllables
    assert [s.text for s in find_names("Phó chủ tịch UBND huyện Sơn Tịnh Lê Hùng cho biết.")] == ["Lê Hùng"]


def test_upland_surnames_begin_names():
    assert [s.text for s in find_names("Bí thư Đảng uỷ xã Hữu Khuông Lô Văn Tùng cho hay.")] == ["Lô Văn Tùng"]
    assert [s.text for s in find_names("Ông Giàng Seo Phử phát biểu. Lầu Năm Góc cho biết.")] == ["Giàng Seo Phử"]


def test_a_name_typed_bare_is_found_only_when_asked_for():
    question = "How many years was Nguyen Van Duong sentenced to?"
    assert [s.text for s in find_names(question, bare=True)] == ["Nguyen Van Duong"]
    assert find_names(question) == []
    assert [s.text for s in find_names("What did Lam Dong Governor Tran Van Hiep approve?", bare=True)] == [
        "Tran Van Hiep"]


def test_a_short_name_takes_the_full_name_its_article_gave_before():
    article = ("Thứ trưởng Bộ Công Thương Đỗ Thắng Hải cho biết giá điện chưa tăng. Ông Nguyễn Văn Hải nói khác. "
               "Thứ trưởng Hải cho biết thêm. Ông Hải nói.")
    assert full_name(article, article.index("Thứ trưởng Hải") + 11, "Hải") == "Đỗ Thắng Hải"  # the same title
    assert full_name(article, article.index("Ông Hải") + 4, "Hải") == "Nguyễn Văn Hải"  # else the nearest before
    assert full_name(article, 0, "Đỗ Thắng Hải") is None  # already in full
    assert full_name(article, 0, "Lan") is None
    ministers = ("Bộ trưởng Tài nguyên và Môi trường Trần Hồng Hà chủ trì. Thứ trưởng Nguyễn Văn Hà báo cáo. "
                 "Bộ trưởng Hà cho biết sẽ thu hồi giấy phép.")
    assert full_name(ministers, ministers.index("Bộ trưởng Hà") + 10, "Hà") == "Trần Hồng Hà"  # the whole title
    visit = "Bà Nguyễn Thị Kim dẫn đầu đoàn. Chủ tịch Kim cảm ơn Việt Nam."
    assert full_name(visit, visit.index("Chủ tịch Kim") + 9, "Kim") is None  # another person's title
    assert full_name("Ông Hải, chủ quán, kể lại. Hải cho biết thêm.", 27, "Hải") is None  # "Ông" is no name
    # "ông" before a given name is no title: the article's one full name ending so is that person
    talk = "Phó chủ tịch UBND TP Võ Văn Hoan dự hội thảo. Đề cập đến quỹ đất, ông Hoan cho biết thêm."
    assert full_name(talk, talk.index("ông Hoan") + 4, "Hoan") == "Võ Văn Hoan"
    couple = "Bà Nguyễn Thị Minh và chồng là ông Trần Văn Minh cùng đến. Theo bà Minh, họ vui."
    assert full_name(couple, couple.index("bà Minh") + 3, "Minh") == "Nguyễn Thị Minh"  # hers, not the nearer his


def test_ong_is_a_title_opening_a_sentence_and_a_surname_inside_one():
    assert [s.text for s in find_names("Ông Nguyễn Văn Hải nói. Nhà thơ Ông Văn Tùng đọc thơ.")] == [
        "Nguyễn Văn Hải", "Ông Văn Tùng"]


@pytest.mark.parametrize("text, name", [
    ("Ngày 17-11 sẽ thi hành án tử hình đối với Nguyễn Hải Dương (quê An Giang).", "Nguyễn Hải Dương"),
    ("Ông Nguyễn Quang Vinh, nguyên trưởng phòng khảo thí, bị khởi tố.", "Nguyễn Quang Vinh"),
])
def test_a_given_name_that_is_a_places_is_the_persons(text, name):
    assert name in [s.text for s in find_names(text)]


@pytest.mark.parametrize("text, place", [
    ("Đường Nguyễn Trãi Hà Nội bị ngập.", "Hà Nội"),            # a street's name, then the city
    ("Bệnh viện Bạch Mai Hà Nội quá tải.", "Hà Nội"),             # inside a longer name
    ("Đoàn Hà Nội giành ba huy chương.", "Hà Nội"),               # a surname opening the sentence: a team
    ("Tàu sân bay đến phía tây Thái Bình Dương.", "Thái Bình Dương"),  # an ocean, listed whole
    ("Dự án “Tuần Châu Hà Nội” được duyệt.", "Hà Nội"),            # a quoted name
    ("Đại học Nông – Lâm Thái Nguyên tuyển sinh.", "Thái Nguyên"),  # a dash inside the name
])
def test_a_place_after_a_surname_stays_a_place_where_no_person_is_named(text, place):
    assert not any(place in s.text for s in find_names(text))


@pytest.mark.parametrize("text, found", [
    ("When did Vietnam Airlines first launch its Boeing 787 Dreamliner?", ["787"]),
    ("Hãng Lion Air bồi thường bao nhiêu cho nạn nhân chuyến bay JT610?", ["JT610"]),
    ("Giáo viên chủ nhiệm lớp 11A1 Trường THPT Long Thới tên là gì?", ["11A1"]),
    ("Lô thứ hai của hệ thống S-400 được bàn giao ở đâu?", ["S-400"]),
    ("Who drove the bus on Highway 2C in Vinh Phuc?", ["2C"]),
    ("What was the capital ratio under Circular 36 in 2018?", ["36"]),
    # an English plural is no part of the model the article writes
    ("Which jammer helps India's MiG-21s take on Pakistan's F-16s?", ["MiG-21", "F-16"]),
    # a year, a day, a quarter, a document code, an English compound: their own rules or none
    ("Which fan went to the Asian Cup 2019 in the UAE?", []),
    ("Which town did troops capture on March 10?", []),
    ("What was the profit in Q1 2018?", []),
    ("Kế hoạch 15/KH-UBND được ban hành ngày nào?", []),
    ("How many months pregnant was the 8th-grade schoolgirl who hit the 15-seat van?", []),
    ("Ngày 15/3, ông Hùng mua lô đất 95m2 ở đâu?", []),
    ("Did it reach 40C at 6AM, with 1,000MW lost in H1 of FY2019?", []),
])
def test_identifiers_are_model_flight_class_and_road_numbers(text, found):
    assert [s.text for s in find_identifiers(text)] == found
