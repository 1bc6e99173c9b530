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
