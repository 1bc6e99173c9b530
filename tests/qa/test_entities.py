"""The entity guard: what a text names and whether another text mentions it."""

from qa.entities import Entity, absent, find_entities, mentions


def test_finds_places_people_and_codes_once_each():
    found = find_entities("Đồng chí Lê Văn Ánh, Bí thư Thành ủy Móng Cái, ký Quyết định 1841-QĐ/TU; Móng Cái …")
    assert found == (Entity("place", "Móng Cái"), Entity("person", "Lê Văn Ánh"), Entity("code", "1841-QĐ/TU"))


def test_words_inside_a_place_do_not_start_a_name():
    assert [e.kind for e in find_entities("Thành phố Hồ Chí Minh luân chuyển cán bộ")] == ["place"]


def test_places_match_through_exonyms_people_and_codes_ignoring_diacritics():
    article = "Thủ đô Hà Nội: đồng chí Lê Văn Ánh ký Kế hoạch 15/KH-UBND."
    assert mentions(article, Entity("place", "Hà Nội"))
    assert all(mentions(article, e) for e in find_entities("Hanoi, Le Van Anh, 15/KH-UBND", accent_insensitive=True))
    assert absent(find_entities("Đà Nẵng và Trần Văn Nam, Kế hoạch 16/KH-UBND"), article) == [
        "Đà Nẵng", "Trần Văn Nam", "16/KH-UBND"]


def test_an_unaccented_question_finds_places_without_diacritics():
    assert find_entities("Ha Noi luan chuyen bao nhieu can bo?") == (Entity("place", "Hà Nội"),)
