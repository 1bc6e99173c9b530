import pytest

from vectorstore.text import fold_diacritics

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


def test_one_table_gives_the_class_the_shown_noun_and_the_english_name():
    from qa.units import counting_nouns, unit_pattern, unit_class, unit_in_english

    for noun, (cls, english) in counting_nouns().items():
        assert unit_class(fold_diacritics(noun)) == cls
        assert unit_in_english(noun) == english
    assert unit_pattern().match(" 20 lượt cán bộ", 3).group(1) == "lượt cán bộ"
    assert unit_pattern().match(" 137 cán bộ được", 4).group(1) == "cán bộ"
    assert unit_pattern().match(" 5 người", 2) is None  # shown alone: no English name for "người"
