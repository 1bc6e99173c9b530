"""Documents named without a code of their own shape."""

from qa.candidates import find_candidates


def _codes(sentence):
    return [c.text for c in find_candidates(sentence) if c.ctype == "CODE"]


def test_a_document_numbered_plainly_is_offered_with_its_kind():
    assert "quyết định số 02" in _codes("Công an huyện đã huỷ bỏ quyết định số 02 về việc xử phạt.")
    # a code of its own shape is offered alone, as questions ask it
    assert _codes("Ban hành Quyết định số 1841-QĐ/TU ngày 5/1.") == ["1841-QĐ/TU"]


def test_a_law_is_named_by_its_subject():
    assert "Luật Tiết kiệm năng lượng" in _codes("Cần thực hiện hiệu quả Luật Tiết kiệm năng lượng và các văn bản.")
    assert "Bộ luật Hình sự" in _codes("Bị cáo bị xử theo Bộ luật Hình sự năm 2015.")  # the tagger joins the two
    assert "Luật Đất đai" in _codes("Luật Đất đai sửa đổi sẽ có hiệu lực.")
    assert _codes("Họ làm đúng luật và quy định.") == []  # no subject, no name


def test_what_is_no_law_name():
    assert _codes("Họ vi phạm pháp luật Việt Nam về đảm bảo an toàn.") == []  # "pháp luật": the law in general
    assert _codes("Hội đồng kỷ luật Trường ĐH Y họp.") == []
    assert _codes("Theo Công ty Luật FDVN, việc này đúng.") == []  # a law firm
    assert _codes("Luật Cảnh sát biển chiều nay được thông qua.") == ["Luật Cảnh sát biển"]  # a time word ends it
    assert _codes("Luật Cảnh sát biển Việt Nam dự kiến được thảo luận.") == ["Luật Cảnh sát biển Việt Nam"]
