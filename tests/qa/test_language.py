import pytest

from qa.language import detect_language


@pytest.mark.parametrize("text,lang", [
    ("how many cadres did Hà Nội rotate?", "en"),
    ("Who is the Secretary of the Móng Cái City Party Committee?", "en"),
    ("Hà Nội đã luân chuyển bao nhiêu cán bộ?", "vi"),
    ("Ha Noi luan chuyen bao nhieu can bo?", "vi"),
    ("Ai là Trưởng Ban Tổ chức Thành ủy?", "vi"),
    ("When was Resolution 04-NQ/TU issued?", "en"),
    ("Quyết định nào thay thế Quyết định số 3814-QĐ/TU?", "vi"),
])
def test_detects_question_language(text, lang):
    assert detect_language(text) == lang
