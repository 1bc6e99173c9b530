import itertools

import pytest

from bench.synthetic import synthetic_articles
from qa.gazetteer import PlaceMention, _patterns, find_places, mentions_place
from qa.settings import BUNDLED_CORPUS
from vectorstore.indexer import load_articles
from vectorstore.text import fold_diacritics


@pytest.mark.parametrize("text,places", [
    ("how many cadres did Hanoi rotate?", ["Hà Nội"]),
    ("Ha Noi luan chuyen bao nhieu can bo", ["Hà Nội"]),
    ("What did Ho Chi Minh City plan?", ["TP HCM"]),
    ("Thành phố Hồ Chí Minh triển khai", ["TP HCM"]),
    ("mong cai co bao nhieu", ["Móng Cái"]),
    ("Đà Nẵng và Hải Phòng", ["Đà Nẵng", "Hải Phòng"]),
    ("Năm 2019 có bao nhiêu", []),
    ("Trưởng Ban Tổ chức Thành ủy TP.HCM tên là gì?", ["TP HCM"]),
    ("Ở TP. Hồ Chí Minh và TP. HCM", ["TP HCM", "TP HCM"]),
    ("Trà Vinh và Bà Rịa - Vũng Tàu", ["Trà Vinh", "Bà Rịa - Vũng Tàu"]),  # not Vinh, not Vũng Tàu
])
def test_find_places(text, places):
    assert [p.name for p in find_places(text)] == places


def test_accented_question_does_not_match_folded_lookalikes():
    # "năm" (year) folds to "nam"; it must not become the province Hà Nam or Nam Định.
    assert find_places("Hà Nội năm 2019 định hướng") == [find_places("Hà Nội")[0]]


def test_mentions_place_ignores_accents_in_articles():
    assert mentions_place("Thành ủy Ha Noi đã ...", "Hà Nội")
    assert not mentions_place("Thành ủy Móng Cái", "Hà Nội")


def test_a_foreign_city_is_a_place_and_its_capital_stands_for_the_country():
    assert [p.name for p in find_places("Nghị sĩ cảnh báo khiến Kiev mất nguồn thu, Moscow phản đối.")] == [
        "Kiev", "Moskva"]
    # "Tokyo đã nhận được yêu cầu …" asked of an article that names only Japan
    assert mentions_place("Nhật Bản đã nhận được yêu cầu của Mỹ.", "Tokyo")
    assert mentions_place("Thủ tướng Nhật Shinzo Abe nói.", "Tokyo")
    assert not mentions_place("Giá được cập nhật hôm qua.", "Tokyo")  # as written, capitalised
    assert not mentions_place("Nhật Bản đã nhận được yêu cầu.", "Osaka")  # no capital
    # a country named like a person or a place names only itself through phrases that mean it
    assert not mentions_place("Ông Trần Anh Tiến và bà Quỳnh Anh nói.", "London")
    assert mentions_place("Thủ tướng Anh Theresa May nói.", "London")
    assert not mentions_place("Mưa lớn ở Lào Cai.", "Viêng Chăn")
    assert mentions_place("Lào và Việt Nam ký kết.", "Viêng Chăn")


def _every_pattern(text: str) -> list[PlaceMention]:
    """find_places without the literal pre-check: every alias regex scans the whole text."""
    lowered, folded = text.lower(), fold_diacritics(text)
    taken: list[PlaceMention] = []
    for pattern in _patterns():
        for m in pattern.regex.finditer(folded if pattern.folded else lowered):
            if not any(m.start() < t.end and t.start < m.end() for t in taken):
                taken.append(PlaceMention(pattern.canonical, m.start(), m.end()))
    return sorted(taken, key=lambda p: p.start)


def test_literal_precheck_finds_exactly_what_a_full_scan_finds():
    real, _ = load_articles([BUNDLED_CORPUS])
    texts = [a.text for a in real] + [a.text for a in itertools.islice(synthetic_articles(real), 60)]
    found = [find_places(t, accent_insensitive=True) for t in texts]
    assert found == [_every_pattern(t) for t in texts]
    assert sum(map(len, found)) > 100  # the texts do name places, so the comparison means something


@pytest.mark.parametrize("text,places", [
    ("To which country did the attachés stationed in Greece flee?", ["Hy Lạp"]),
    ("Thái Lan thắng Lào mấy bàn?", ["Thái Lan", "Lào"]),
    ("How many people died in Thailand?", ["Thái Lan"]),
    # beyond the neighbours: world news names most countries, in Vietnamese or as in English
    ("How many people were killed in Ethiopia and South Africa?", ["Ethiopia", "Nam Phi"]),
    ("Đan Mạch thắng Cộng hòa Séc mấy bàn?", ["Đan Mạch", "Séc"]),
    ("Which city in Morocco hosted the summit?", ["Morocco"]),
    ("Dan mach dien bi chay luc nao?", []),
    # a nationality names its country; an English name the articles never write has its Vietnamese one
    ("How many Norwegian tourists died in the crash?", ["Na Uy"]),
    ("Which Belgian city hosted the match?", ["Belgium"]),
    ("Đội tuyển Bỉ thắng mấy bàn?", ["Belgium"]),
    ("ong A bi bat may lan", []),
    ("Co mang thai khong?", []),
    # countries whose names fold onto ordinary words match only as written
    ("Nguoi lao dong duoc ho tro bao nhieu?", []),
    ("Ai cap giay phep xay dung cho du an?", []),
    ("Thai lan dau tien tham gia?", []),
    ("Hoa hậu Đỗ Mỹ Linh mặc váy gì?", []),
    ("Giải pháp nào được đề xuất?", []),
])
def test_countries(text, places):
    assert [p.name for p in find_places(text)] == places


def test_the_emirates_under_the_names_the_news_gives_them():
    for text in ("Cổ động viên sang Tiểu vương quốc Arab Thống nhất (UAE) dự Asian Cup.",
                 "Đội tuyển đến các tiểu vương quốc Ả Rập thống nhất hôm qua."):
        assert [p.name for p in find_places(text)][:1] == ["UAE"]
