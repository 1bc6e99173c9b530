import pytest

from qa.gazetteer import find_places, mentions_place


@pytest.mark.parametrize("text,places", [
    ("how many cadres did Hanoi rotate?", ["Hà Nội"]),
    ("Ha Noi luan chuyen bao nhieu can bo", ["Hà Nội"]),
    ("What did Ho Chi Minh City plan?", ["TP HCM"]),
    ("Thành phố Hồ Chí Minh triển khai", ["TP HCM"]),
    ("mong cai co bao nhieu", ["Móng Cái"]),
    ("Đà Nẵng và Hải Phòng", ["Đà Nẵng", "Hải Phòng"]),
    ("Năm 2019 có bao nhiêu", []),
])
def test_find_places(text, places):
    assert [p.name for p in find_places(text)] == places


def test_accented_question_does_not_match_folded_lookalikes():
    # "năm" (year) folds to "nam"; it must not become the province Hà Nam or Nam Định.
    assert find_places("Hà Nội năm 2019 định hướng") == [find_places("Hà Nội")[0]]


def test_mentions_place_ignores_accents_in_articles():
    assert mentions_place("Thành ủy Ha Noi đã ...", "Hà Nội")
    assert not mentions_place("Thành ủy Móng Cái", "Hà Nội")
