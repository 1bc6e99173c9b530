"""Names of bodies: capitalised throughout, or a body's noun, lower-case words, then the name."""

import pytest

from qa.candidates import find_candidates


def _bodies(sentence):
    return sorted(c.text for c in find_candidates(sentence) if c.ctype == "ORG")


@pytest.mark.parametrize("sentence, body", [
    ("Liên đoàn bóng đá Thái Lan (FAT) đã sa thải HLV.", "Liên đoàn bóng đá Thái Lan"),
    ("Ông Cẩm, phó chủ tịch Nghiệp đoàn nghề cá xã Phổ Quang, cho biết.", "Nghiệp đoàn nghề cá xã Phổ Quang"),
    ("Nạn nhân được đưa tới Trung tâm giám định pháp y tâm thần Tây Nam Bộ.",
     "Trung tâm giám định pháp y tâm thần Tây Nam Bộ"),
    ("Máy bay của hãng hàng không Nga Aeroflot hạ cánh khẩn cấp.", "hãng hàng không Nga Aeroflot"),
    ("TAND quận Hải Châu đã xử vụ án.", "TAND quận Hải Châu"),
    ("Theo báo Người Đưa Tin, giá xe giảm.", "báo Người Đưa Tin"),
    ("Các em học ở trường Tuệ Đức.", "trường Tuệ Đức"),  # the tagger makes one word of it
    ("Bệnh viện đa khoa tỉnh Quảng Nam tiếp nhận ca bệnh.", "Bệnh viện đa khoa tỉnh Quảng Nam"),
    # an official name that goes on in lower case after its capitalised words, and ends capitalised
    ("Tướng Từ Quốc Nguy, cục trưởng Cục Hợp tác quân sự Quốc tế thuộc Bộ Quốc phòng, dẫn đầu.",
     "Cục Hợp tác quân sự Quốc tế"),
    ("Ông Phạm Khắc Hà, Chủ tịch Hiệp hội Làng nghề dệt lụa Vạn Phúc, cho biết.", "Hiệp hội Làng nghề dệt lụa Vạn Phúc"),
    ("Diệp Văn Duy bị Cục Cảnh sát hình sự (Bộ Công an) truy nã.", "Cục Cảnh sát hình sự"),
])
def test_a_body_may_have_lower_case_words_between_its_noun_and_its_name(sentence, body):
    assert body in _bodies(sentence)


@pytest.mark.parametrize("sentence, not_a_body", [
    ("Ông là giám đốc công ty Nguyễn Văn An nói.", "công ty Nguyễn Văn An"),  # a person ends the name
    ("Người dân ở TP HCM đi bầu cử.", "TP HCM"),  # initials straight before a name: a place's
    ("Nhóm thanh niên đánh nhau rồi bỏ chạy về Hà Nội.", "Nhóm thanh niên đánh nhau rồi bỏ chạy về Hà Nội"),
    ("Đài Loan phản đối kế hoạch.", "Đài Loan"),  # a place named with a body's syllable
    ("AP mô tả ông Turnbull là người cứng rắn.", "AP mô tả ông Turnbull"),  # initials, then a clause
    ("Toà xác định bị cáo Thuỷ phạm tội.", "Toà xác định bị cáo Thuỷ"),  # a verb: a clause, not a name
    ("Nhóm nổi dậy tấn công quân đội Syria.", "Nhóm nổi dậy tấn công quân đội Syria"),
    ("Toà án Tối cao Ấn Độ Dipak Misra nói.", "Toà án Tối cao Ấn Độ Dipak Misra"),  # a foreign person ends it
])
def test_what_is_no_body_name(sentence, not_a_body):
    assert not_a_body not in _bodies(sentence)


def test_a_determiner_or_an_honorific_opens_no_name():
    assert "Hiệp hội Các" not in _bodies("Hiệp hội Các nhà sản xuất ô tô cho biết.")
    assert "toà Bà Thảo" not in _bodies("Theo toà Bà Thảo phải bồi thường.")


@pytest.mark.parametrize("sentence, body", [
    ("Ngày 16/5, TAND Cấp cao tại Hà Nội mở phiên toà phúc thẩm.", "TAND Cấp cao tại Hà Nội"),
    ("Ngày 16/5, TAND Cấp cao tại TP.HCM mở phiên toà.", "TAND Cấp cao tại TP.HCM"),
    ("Đại diện Viện KSND cấp cao tại Đà Nẵng cho rằng bị cáo phạm tội.", "Viện KSND cấp cao tại Đà Nẵng"),
    ("Bộ Ngoại giao gửi công hàm tới Đại sứ quán Trung Quốc tại Hà Nội, đồng thời chỉ đạo.",
     "Đại sứ quán Trung Quốc tại Hà Nội"),
    ("Toà án Tối cao tại New Delhi bác đơn.", "Toà án Tối cao tại New Delhi"),
    ("VKSND tối cao quyết định truy tố bị can.", "VKSND tối cao"),  # initials and level, no seat
])
def test_a_mission_or_a_levelled_court_is_named_with_its_seat(sentence, body):
    assert body in _bodies(sentence)


@pytest.mark.parametrize("sentence, not_a_body", [
    ("Công ty ABC tại Hà Nội đã nộp thuế.", "Công ty ABC tại Hà Nội"),  # a company's office: where, not who
    ("Chỉ huy IS cấp cao bị tiêu diệt.", "IS cấp cao"),  # a senior commander, no court
    ("Lãnh đạo Kim Jong-un và Tổng thống Moon Jae-in đã ký.", "Lãnh đạo Kim Jong-un"),  # a name's hyphen
    ("Đại sứ quán Mỹ tại Washington D.C. thông báo.", "Đại sứ quán Mỹ tại Washington D"),
])
def test_a_seat_joins_only_a_mission_or_a_levelled_court(sentence, not_a_body):
    assert not_a_body not in _bodies(sentence)


@pytest.mark.parametrize("sentence, body", [
    ("Đại sứ quán Việt Nam tại Cộng hòa Séc cho biết.", "Đại sứ quán Việt Nam tại Cộng hòa Séc"),
    ("Đại sứ quán Iran tại Thủ đô Sanaa bị tấn công.", "Đại sứ quán Iran tại Thủ đô Sanaa"),
    ("Đại sứ quán Mỹ tại Campuchia Jay Raman nói.", "Đại sứ quán Mỹ tại Campuchia"),  # the ambassador after it
])
def test_a_seat_may_open_with_its_noun_and_ends_at_a_listed_place(sentence, body):
    assert body in _bodies(sentence)


def test_a_seat_ends_before_a_person():
    found = _bodies("Đại sứ quán Việt Nam tại Malaysia Nguyễn Văn An cho biết đã gửi công hàm.")
    assert "Đại sứ quán Việt Nam tại Malaysia" in found  # the recogniser began a place inside the name
    assert not any("Nguyễn" in body for body in found)


@pytest.mark.parametrize("sentence, body, not_a_body", [
    # the tagger joined the name's end to the next word: initials, or a place after its noun
    ("Giấy chứng nhận do Bộ GD-ĐT cấp.", "Bộ GD-ĐT", "Bộ GD-ĐT cấp"),
    ("Sáng nay, TAND quận Hải Châu xử vụ án.", "TAND quận Hải Châu", "TAND quận Hải Châu xử"),
    # a body's words are capitalised once each: case alone ends nothing there
    ("Ông được bầu làm Tổng bí thư Ban Chấp hành Trung ương Đảng khoá XII.", "Ban Chấp hành Trung ương Đảng",
     "Ban Chấp"),
])
def test_a_name_ends_inside_a_word_the_tagger_joined_to_the_next(sentence, body, not_a_body):
    found = _bodies(sentence)
    assert body in found or any(b.endswith(body) for b in found)
    assert not_a_body not in found and not any(b.endswith(not_a_body) for b in found)
