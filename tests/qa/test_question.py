import pytest

from qa.question import analyse


@pytest.mark.parametrize("text,kind", [
    ("how many cadres did Hà Nội rotate?", "number"),
    ("Có bao nhiêu đồng chí được giới thiệu?", "number"),
    ("What share of the nominees are standing for re-election?", "number"),
    ("UBND TP Hà Nội ban hành Kế hoạch số 15/KH-UBND vào ngày nào?", "date"),
    ("When was Resolution 04-NQ/TU issued?", "date"),
    ("Quyết định nào thay thế Quyết định số 3814-QĐ/TU?", "document"),
    ("Which decision replaced Decision 3814-QĐ/TU?", "document"),
    ("Ai là Trưởng Ban Tổ chức Thành ủy?", "person"),
    ("Who is the Secretary of the Móng Cái City Party Committee?", "person"),
    ("Hà Nội làm gì để đổi mới công tác cán bộ?", "free"),
])
def test_kind(text, kind):
    assert analyse(text).kind == kind


def test_entities_years_codes_and_share():
    q = analyse("What share of Hanoi's 2019 nominees under Decision 1841-QĐ/TU were re-elected?")
    assert q.places == ("Hà Nội",) and q.years == ("2019",) and q.codes == ("1841-QĐ/TU",) and q.wants_share
    assert q.language == "en"


def test_english_terms_come_from_the_glossary_not_english_words():
    q = analyse("how many cadres did Hà Nội rotate?")
    assert {"can bo", "luan chuyen"} <= q.terms
    assert not {"how", "many", "did"} & q.terms
    assert not {"ha", "noi", "ha noi"} & q.terms, "places are checked per article, not matched as words"


def test_diacritic_free_question_matches_folded_terms():
    assert {"luan chuyen", "can bo"} <= analyse("Mong Cai luan chuyen bao nhieu can bo nam 2019?").terms


def test_folded_text_and_words_are_kept_once_for_every_candidate():
    q = analyse("Ông Đinh La Thăng giữ chức gì?")
    assert q.folded == "ong dinh la thang giu chuc gi?"
    assert {"dinh", "thang", "chuc"} <= q.folded_words
    assert q.folded is q.folded, "computed once, not per call"


def test_named_lists_the_recognisers_names_and_english_capitalised_runs_folded():
    en = analyse("How old is Lauren Sanchez?")
    assert "lauren sanchez" in en.named
    vi = analyse("Ông Đinh La Thăng sinh năm nào?")
    assert any("dinh la thang" in n for n in vi.named), vi.named
    assert analyse("Hà Nội luân chuyển bao nhiêu cán bộ?").named == (), "places are not names"


def test_a_year_ending_a_date_in_the_question_is_an_asked_year():
    assert analyse("Lợi nhuận trước thuế của Techcombank trong quý 1-2018 đạt bao nhiêu?").years == ("2018",)
    assert analyse("Lô vũ khí Trung Quốc tặng Philippines vào tháng 6/2017 trị giá bao nhiêu?").years == ("2017",)
    # the ends of a term are no asked year, nor a document's number
    assert analyse("Ai là Bí thư nhiệm kỳ 2015-2020?").years == ()
    assert analyse("Nghị định 15/2020/NĐ-CP quy định gì?").years == ()
    assert analyse("Theo Thông tư 36/2014, tỷ lệ an toàn vốn cuối quý 1 là bao nhiêu?").years == ()


@pytest.mark.parametrize("text, kind, percent", [
    ("Giáo viên phải nhận hình thức kỷ luật gì?", True, False),
    ("What kind of song will Đào Tín release?", True, False),
    ("Bài hát thuộc thể loại nào?", True, False),
    ("HLV loại cầu thủ nào khỏi đội tuyển?", False, False),  # "loại": to drop
    ("Cảnh sát nhận dạng nạn nhân nào?", False, False),      # "nhận dạng": to identify
    ("Giá xăng tăng bao nhiêu phần trăm?", False, True),
    ("By what percent did exports rise?", False, True),
    ("Lãi suất tăng bao nhiêu?", False, False),
])
def test_the_analysis_says_whether_a_kind_or_a_percentage_is_asked(text, kind, percent):
    q = analyse(text)
    assert (q.asks_kind, q.says_percent) == (kind, percent)
