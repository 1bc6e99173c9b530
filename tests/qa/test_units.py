import pytest

from vectorstore.text import fold_diacritics

from qa.units import asked_unit, counted_noun, counted_noun_vi, unit_matches


@pytest.mark.parametrize("question,unit", [
    ("How many first-time nominees were introduced?", "people"),
    ("How many cadre rotations did Mong Cai carry out?", "times"),
    ("Năm 2019, Móng Cái luân chuyển bao nhiêu lượt cán bộ?", "times"),
    ("Mỗi hồ sơ gồm bao nhiêu danh mục tài liệu?", "categories"),
    ("Móng Cái có bao nhiêu xã, phường?", "=xa"),
    ("Tỷ lệ tái cử là bao nhiêu?", None),
    ("How many of its targets did Hà Nội meet?", "targets"),
    # "máy bay" (an aeroplane) is no "mấy bay"; typed bare, a plainer "bao nhieu" is read first
    ("Máy bay chở bao nhiêu hành khách?", "=hanh"),
    ("Nhà máy có bao nhiêu xã viên?", "=xa"),
    ("May bay cho bao nhieu hanh khach?", "=hanh"),
    ("Co may xa bi ngap?", "=xa"),
])
def test_asked_unit(question, unit):
    assert asked_unit(question) == unit


@pytest.mark.parametrize("question,noun", [
    ("How many tanks did the rebels hand over?", "tanks"),
    ("How many tanks?", "tanks"),
    ("How old was the patient?", "age"),
    ("At what age did she retire?", "age"),
    ("How much did the gold cost?", ""),
    ("How many of its targets did Hà Nội meet?", "targets"),
    ("How many people may be affected?", "people"),
    # the phrase ends at a verb, not only at an auxiliary
    ("How many candidates took the exam in Son La?", "candidates"),
    ("How many foreign tourists visited Ha Long?", "foreign tourists"),
    ("How many regulations on cadre work are there?", "regulations on cadre work"),
    ("Ông ấy bao nhiêu tuổi?", ""),
])
def test_counted_noun_is_what_an_english_question_counts(question, noun):
    assert counted_noun(question) == noun


@pytest.mark.parametrize("question,noun", [
    ("Lũ ở huyện Mường Lát làm bao nhiêu người mất tích?", "người"),
    ("Bà Gloria Maier bao nhiêu tuổi?", "tuổi"),
    ("Hà Nội luân chuyển bao nhiêu cán bộ?", "cán bộ"),
    ("Có bao nhiêu hộ dân bị ảnh hưởng?", "hộ dân"),
    ("Giá vàng là bao nhiêu?", ""),  # nothing counted
    ("Giá xăng giảm bao nhiêu so với kỳ trước?", ""),
    ("Lãi suất tăng bao nhiêu sau khi điều chỉnh?", ""),
    ("Quy chế gồm bao nhiêu danh mục tài liệu?", "danh mục tài liệu"),  # the tagger reads the whole question
    ("Thành phố ban hành đồng bộ bao nhiêu quy chế, quy định?", "quy chế"),
    ("Ha Noi luan chuyen bao nhieu can bo?", ""),  # typed bare: "can" may be anything
    ("How many people went missing?", ""),
])
def test_counted_noun_vi_is_what_a_vietnamese_question_counts_as_typed(question, noun):
    assert counted_noun_vi(question) == noun


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
