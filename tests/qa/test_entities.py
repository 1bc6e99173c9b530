"""The entity guard: what a text names and whether another text mentions it."""

import pytest

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


def test_proper_names_beyond_the_lists_are_name_entities():
    assert Entity("name", "Lion Air") in find_entities("Hãng Lion Air bồi thường bao nhiêu tiền cho mỗi gia đình?")
    assert Entity("name", "Bình Tân") in find_entities("How many households in Bình Tân lost power?")
    assert not [e for e in find_entities("Which Supreme Court judge wrote the March opinion?") if e.kind == "name"]
    assert find_entities("Hãng Lion Air bồi thường bao nhiêu?", names=False) == ()


def test_name_entities_are_checked_against_an_article_ignoring_diacritics():
    article = "Hang Lion Air cam ket boi thuong cho cac gia dinh o quan Binh Tan."
    assert absent(find_entities("Hãng Lion Air bồi thường cho bao nhiêu gia đình?"), article) == []
    assert absent(find_entities("How many households in Bình Tân lost power?"), article) == []
    # "Indonesia" is a listed place, so the airline named after it is held to the country
    assert absent(find_entities("Hãng Garuda Indonesia bồi thường bao nhiêu?"), article) == ["Indonesia"]
    assert absent(find_entities("Hãng Sriwijaya Air bồi thường bao nhiêu?"), article) == ["Sriwijaya Air"]


def test_a_country_between_a_title_and_a_foreign_person_is_still_the_place():
    # the title names its country before the person: the question is held to the country
    assert Entity("place", "Ukraine") in find_entities(
        "Tổng thống Ukraine Petro Poroshenko ban bố thiết quân luật bao nhiêu ngày?", question=True)
    assert Entity("place", "London") in find_entities("How many people died in the fire in London?", question=True)
    assert Entity("place", "TP HCM") in find_entities(
        "Which vice chairman of the Ho Chi Minh City People's Committee spoke?", question=True)


def test_an_english_question_may_name_a_vietnamese_person_without_diacritics():
    question = "How many years in prison was Nguyen Van Duong sentenced to at the appeal trial?"
    assert Entity("person", "Nguyen Van Duong") in find_entities(question, question=True)
    assert absent(find_entities(question, question=True), "Ông Nguyễn Văn Dương bị tuyên phạt 3 năm tù.") == []
    assert absent(find_entities(question, question=True), "Bị cáo Trần Văn Nam bị phạt 3 năm tù.") == ["Nguyen Van Duong"]
    # three or four Vietnamese syllables: no "Le Pen", no "Do Vietnam Airlines", no "University"
    for english, person in (("What did Le Pen say?", None), ("Do Vietnam Airlines flights land at Noi Bai?", None),
                            ("Is Ton Duc Thang University in the city?", "Ton Duc Thang")):
        assert [e.key for e in find_entities(english, question=True) if e.kind == "person"] == ([person] if person else [])
    # a bare Vietnamese question is read by the tagger: "Truong Ban" is a title, not Trương
    assert not [e for e in find_entities("Ai la Truong Ban To chuc Thanh uy TP HCM?", question=True)
                if e.kind == "person"]



@pytest.mark.parametrize("question, person, place", [
    ("What post did Nguyen Chi Vinh hold?", "Nguyen Chi Vinh", None),  # not the city of Vinh
    ("In what year did Le Van Hue retire?", "Le Van Hue", None),  # not Huế
    ("How many people live in Ho Chi Minh City?", None, "TP HCM"),  # a name the place starts with
    ("Giám đốc Công an Hà Nam Hồ Văn Tư nói gì?", "Hồ Văn Tư", "Hà Nam"),
])
def test_a_place_that_ends_a_personal_name_is_the_person(question, person, place):
    found = find_entities(question, question=True)
    assert [e.key for e in found if e.kind == "person"] == ([person] if person else [])
    assert [e.key for e in found if e.kind == "place"] == ([place] if place else [])
    if person == "Nguyen Chi Vinh":  # the article writes him with his diacritics and never names the city
        assert absent(found, "Thượng tướng Nguyễn Chí Vịnh phát biểu tại hội nghị.") == []


def test_a_place_of_two_syllables_after_a_name_like_run_stays_a_place():
    found = find_entities("Bệnh viện Bạch Mai Hà Nội có bao nhiêu giường?", question=True)
    assert Entity("place", "Hà Nội") in found
    assert absent(found, "Bệnh viện Bạch Mai (Hà Nội) hiện có 3.200 giường.") == []
    assert "Hải Phòng" in absent(find_entities("Tuyến cao tốc Hà Nội Hải Phòng dài bao nhiêu km?", question=True),
                                 "Tuyến cao tốc Hà Nội - Lào Cai dài 245 km.")

def test_a_foreign_name_matches_however_its_hyphen_is_spaced():
    # Articles space the hyphens of foreign names; users do not.
    article = "Tổng thống Hàn Quốc Moon Jae - in đã cử ông Chung Eui - yong làm đặc phái viên."
    assert mentions(article, Entity("person", "Moon Jae-in"))
    assert mentions("Moon Jae-in nói.", Entity("name", "Moon Jae - in"))
    assert not mentions(article, Entity("person", "Kim Jong-un"))


@pytest.mark.parametrize("question,localities", [
    ("Sạt lở núi ở huyện Mường Tè (Lai Châu) vùi lấp bao nhiêu ngôi nhà?", ["Mường Tè"]),
    ("How many houses were buried in Muong Te district?", ["Muong Te"]),
    ("luong mua o huyen Sin Ho la bao nhieu", ["Sin Ho"]),
    ("Ai là trưởng Công an xã Vĩnh Tiến, huyện Vĩnh Lộc, tỉnh Thanh Hoá?", ["Vĩnh Tiến", "Vĩnh Lộc"]),
    ("Huyện Mường Tè có bao nhiêu nhà bị vùi lấp?", ["Mường Tè"]),
    # only its Vietnamese syllables: not the person after it, nor English words before it
    ("Chủ tịch UBND xã Vĩnh Tiến Nguyễn Văn Hùng bị kỷ luật vì sao?", ["Vĩnh Tiến"]),
    ("Is Muong Te district in Lai Chau province?", ["Muong Te"]),
    ("How many houses collapsed in the Mekong Delta town of Sa Dec?", []),
    ("How many tourists visited Sapa town in 2019?", []),
    # not a locality: a listed place, a numbered district, a question word, a word that folds onto the noun
    ("Ban Tổ chức Thành ủy Hà Nội có bao nhiêu cán bộ?", []),
    ("Ông A bị phạt ở quận 1 bao nhiêu tiền?", []),
    ("Which district reported the most deaths?", []),
    ("Giám đốc Cơ quan Tìm kiếm Cứu hộ Quốc gia Indonesia là ai?", []),
])
def test_a_question_names_a_locality_by_its_administrative_noun(question, localities):
    found = find_entities(question, question=True)
    assert [e.key for e in found if e.kind == "locality"] == localities


def test_a_locality_holds_the_answer_to_an_article_that_names_it():
    question = find_entities("Sạt lở ở huyện Mường Tè vùi lấp bao nhiêu nhà?", question=True)
    assert absent(question, "Mưa lớn gây sạt lở ở huyện Sìn Hồ, vùi lấp 24 căn nhà.") == ["Mường Tè"]
    assert absent(question, "Ở huyện Mường Tè, sạt lở vùi lấp 24 căn nhà.") == []


def test_a_model_number_the_question_names_must_be_in_the_article():
    found = find_entities("When did Vietnam Airlines first launch its Boeing 787 Dreamliner?", question=True)
    assert Entity("identifier", "787") in found
    a350 = "Máy bay A350 được Vietnam Airlines ra mắt lần đầu vào ngày 2/7/2015."
    assert absent([Entity("identifier", "787")], a350) == ["787"]
    # written with a space or without its hyphen, it is the same number
    assert mentions("Chuyến bay JT 610 rơi xuống biển.", Entity("identifier", "JT610"))
    assert mentions("Hệ thống S400 của Nga.", Entity("identifier", "S-400"))
    # not a question: no identifier (a generated answer's figures are checked by their digits)
    assert all(e.kind != "identifier" for e in find_entities("Boeing 787 Dreamliner"))


def test_an_english_questions_foreign_name_must_be_in_the_article():
    found = find_entities("How many boats sank off Kerkenna island last week?", question=True)
    assert Entity("foreign", "Kerkenna") in found
    assert absent(found, "Một chiếc thuyền chìm ngoài khơi đảo Lampedusa, 12 người chết.") == ["Kerkenna"]
    assert absent(found, "Thuyền chở 180 người chìm ngoài khơi đảo Kerkenna (Tunisia).") == []
    # a Vietnamese question writes it as the press does, and is held to it too; not a text that is
    # no question (a generated answer's names are checked by the grounding rule)
    assert Entity("foreign", "Kerkenna") in find_entities("Thuyền chìm ở Kerkenna làm mấy người chết?", question=True)
    assert all(e.kind != "foreign" for e in find_entities("Boats sank off Kerkenna island"))


def test_a_foreign_name_guarded_is_still_one_of_the_names_the_question_gives():
    from qa.question import analyse
    q = analyse("Tổng bí thư tiếp ông Blinken ở đâu?")
    assert Entity("foreign", "Blinken") in q.entities and "blinken" in q.named
