import pytest

from qa.matching import matches


@pytest.mark.parametrize("expected,produced,ok", [
    ("20", "20 lượt cán bộ", True), ("20", "năm 2019", False), ("20", "2020", False), ("20", "20,5", False),
    ("58,02", "58,02%", True), ("22/22", "22/22 chỉ tiêu", True), ("22", "22/22", True),
    ("Lê Văn Ánh", "Đồng chí Lê Văn Ánh", True), ("10/1", "10/01", False),
    ("LÊ VĂN ÁNH", "đồng chí Le\u0302 Văn Ánh", True),  # case-folded and NFC on both sides
])
def test_matching(expected, produced, ok):
    assert matches(expected, produced) is ok
