import pytest

from qa.units import asked_unit, unit_matches


@pytest.mark.parametrize("question,unit", [
    ("How many first-time nominees were introduced?", "people"),
    ("How many cadre rotations did Mong Cai carry out?", "times"),
    ("Năm 2019, Móng Cái luân chuyển bao nhiêu lượt cán bộ?", "times"),
    ("Mỗi hồ sơ gồm bao nhiêu danh mục tài liệu?", "categories"),
    ("Móng Cái có bao nhiêu xã, phường?", "=xa"),
    ("Tỷ lệ tái cử là bao nhiêu?", None),
    ("How many of its targets did Hà Nội meet?", "targets"),
])
def test_asked_unit(question, unit):
    assert asked_unit(question) == unit


def test_unit_matching():
    assert unit_matches("people", "dong chi di hoc") is True
    assert unit_matches("people", "ho so nhan su") is False
    assert unit_matches("people", "va") is None
    assert unit_matches("=xa", "xa phuong") is True and unit_matches("=xa", "luot can bo") is False
