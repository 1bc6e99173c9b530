"""Answer candidates in a sentence: figures by shape, names and noun phrases from underthesea."""

import pytest

from qa.candidates import CANDIDATE_TYPES, find_candidates

NEWS = [
    "Hãng Lion Air cam kết bồi thường 1,1 tỷ đồng cho mỗi gia đình nạn nhân vì máy bay rơi xuống biển "
    "chỉ 13 phút sau khi cất cánh.",
    "Theo báo Bild, ông Phạm Bình Minh đã làm việc tại sân bay Biên Hoà trong ba tháng, từ ngày 23/3 đến 4-11.",
    "Tỷ lệ tốt nghiệp đạt 82,23%, tăng so với 63% của năm 2018; 47 trường có học sinh đạt điểm tuyệt đối.",
    "Kẻ gian dùng lưỡi cưa sắt để cắt khóa cửa, lấy đi 102.058 USD và 200-500 tệ tiền mặt.",
    "Bị cáo bị tuyên phạt 14 năm tù, kể từ tháng 6/2019, do lợi dụng chức vụ để chiếm đoạt tài sản.",
    "“Chúng tôi rất tiếc”, ông Edward Sirait, CEO của Lion Air, nói với hãng tin Reuters lúc 9:30 ngày 30/10…",
    "  Công ty CP Đầu tư ABC bị phạt 200 triệu đồng theo Quyết định số 1234/QĐ-UBND của UBND tỉnh Khánh Hoà.",
]


def _found(sentence):
    return {(c.text, c.ctype) for c in find_candidates(sentence)}


def _texts(sentence, *ctypes):
    return [c.text for c in find_candidates(sentence) if c.ctype in ctypes]


@pytest.mark.parametrize("sentence", NEWS, ids=[f"news{i}" for i in range(len(NEWS))])
def test_offsets_point_at_the_candidate(sentence):
    candidates = find_candidates(sentence)
    assert candidates
    for c in candidates:
        assert sentence[c.start:c.end] == c.text, c
        assert c.ctype in CANDIDATE_TYPES
    assert [c.start for c in candidates] == sorted(c.start for c in candidates)


def test_the_whole_sentence_is_a_candidate_without_its_padding():
    sentence = NEWS[-1]
    assert (sentence.strip(), "SENTENCE") in _found(sentence)


def test_money():
    assert "1,1 tỷ đồng" in _texts(NEWS[0], "MONEY")
    assert _texts(NEWS[3], "MONEY") == ["102.058 USD", "200-500 tệ"]
    assert _texts(NEWS[6], "MONEY") == ["200 triệu đồng"]


@pytest.mark.parametrize("sentence, money", [
    ("TCC Holding đã trả 655 triệu Euro để mua Metro.", ["655 triệu Euro"]),
    ("Họ chi 3 tỷ yen và 2 triệu Nhân dân tệ.", ["3 tỷ yen", "2 triệu Nhân dân tệ"]),
    ("Căn hộ giá 52 triệu SGD, tức 7 tỷ đô la Singapore.", ["52 triệu SGD", "7 tỷ đô la Singapore"]),
    ("Có 5 Bảng xếp hạng, Ronaldo dự 5 EURO và viết 6 PHP.", []),  # a table, a championship, a language
])
def test_currencies_abroad_in_either_case_and_by_their_codes(sentence, money):
    assert _texts(sentence, "MONEY") == money


@pytest.mark.parametrize("sentence,money", [
    ("Vốn hoá của hãng có lúc mất hơn một tỷ USD trong phiên.", ["một tỷ USD"]),
    ("Mỗi năm làng rau thu được khoảng nửa tỷ đồng.", ["nửa tỷ đồng"]),
    ("Hàng trăm triệu đồng đã bị lấy đi.", ["Hàng trăm triệu đồng"]),
    ("Ông có hai con và một chiếc xe.", []),
])
def test_spelled_sums_are_money_and_not_a_count(sentence, money):
    assert _texts(sentence, "MONEY") == money
    assert not any(t in m for m in money for t in _texts(sentence, "NUMWORD"))


@pytest.mark.parametrize("sentence,money", [
    ("Thiệt hại 3 tỷ 200 triệu đồng và 1 triệu 500 nghìn đồng.", ["3 tỷ 200 triệu đồng", "1 triệu 500 nghìn đồng"]),
    ("Giá vé khán đài A lên tới 2 triệu 4/cặp.", ["2 triệu 4"]),  # spoken: 2.4 million a pair
    ("Căn hộ được bán với giá 3 tỷ 2 đồng.", ["3 tỷ 2 đồng"]),
    ("Năm 2018 tỉnh có 2 triệu 400 nghìn người.", []),  # no currency, no price per unit: a count
])
def test_sums_in_parts_are_one_amount(sentence, money):
    assert _texts(sentence, "MONEY") == money


def test_a_unit_written_on_the_figure_stays_with_it():
    sentence = "Khu nghỉ dưỡng cách trung tâm Hà Nội 45km, mỗi lô rộng 95m2 và nặng 17 kg."
    assert _texts(sentence, "COUNT") == ["45km", "95m2", "17"]
    assert _texts(sentence, "MEASURE") == ["45km", "95m2", "17 kg"]  # a measure, spaced or not
    assert _texts("Nhà rộng 100m², mạng 5G phủ sóng lúc 10h.", "COUNT") == ["100m²"]


def test_a_measure_written_with_a_space_is_offered_with_its_unit_and_without():
    sentence = "Tàu gặp nạn cách đảo Cồn Cỏ khoảng 60 hải lý, gió giật 120 km/h, động đất mạnh 7,1 độ richter."
    assert _texts(sentence, "MEASURE") == ["60 hải lý", "120 km/h", "7,1 độ richter"]
    assert _texts(sentence, "COUNT") == ["60", "120", "7,1"]  # ("7,1 độ" is one word of the tagger's)
    # a unit only where a word ends: "5 mẫu" is no 5 m, "3 hạt" no 3 ha
    assert _texts("Có 5 mẫu đất và 3 hạt giống.", "MEASURE") == []
    # glued to its unit it is a measure too ("466m2", "30-40km"), and "5mẫu" still is none
    assert _texts("Thửa đất rộng 466m2, cách trung tâm 30-40km, có 5mẫu ruộng.", "MEASURE") == ["466m2", "30-40km"]


def test_a_figure_keeps_its_order_of_magnitude():
    sentence = "Năm nay có 2,7 triệu học sinh dự thi, tăng 300 nghìn em; học phí 1,5 triệu đồng."
    assert _texts(sentence, "COUNT") == ["2,7 triệu", "2,7", "300 nghìn", "300"]
    assert _texts(sentence, "MONEY") == ["1,5 triệu đồng"]


def test_percent_is_not_also_a_count():
    assert _texts(NEWS[2], "PERCENT") == ["82,23%", "63%"]
    assert not {"82,23", "63"} & set(_texts(NEWS[2], "COUNT"))


def test_durations_in_digits_and_words():
    assert _texts(NEWS[0], "DURATION") == ["13 phút"]
    assert _texts(NEWS[1], "DURATION") == ["ba tháng"]
    assert _texts(NEWS[4], "DURATION") == ["14 năm"]


def test_dates_years_and_times():
    assert _texts(NEWS[1], "DATE") == ["23/3", "4-11"]
    assert _texts(NEWS[4], "DATE") == ["6/2019"]
    assert _texts(NEWS[2], "YEAR") == ["2018"]
    assert _texts(NEWS[5], "TIME") == ["9:30"]
    assert "30/10" in _texts(NEWS[5], "DATE")


def test_impossible_day_month_is_not_a_date():
    assert _texts("Tỷ số chung cuộc là 45/13 nghiêng về đội khách.", "DATE") == []


def test_bare_figures_are_counts_but_a_figure_inside_money_is_not():
    assert "47" in _texts(NEWS[2], "COUNT")
    assert "3.000" in _texts("Khoảng 3.000 người phải sơ tán khỏi vùng lũ.", "COUNT")
    assert "200" not in _texts(NEWS[6], "COUNT")


def test_a_figure_the_tagger_fused_with_its_noun_is_still_a_count():
    # underthesea reads "2.750 hộ" as one word here; "15 đồng" of "15 đồng chí" is still no money
    sentence = "Theo ông Thanh, xã An Thuỷ có tất cả 6 thôn với 2.750 hộ, nhưng chỉ có một thôn được sử dụng nước sạch."
    assert {"6", "2.750"} <= set(_texts(sentence, "COUNT"))
    assert _texts("Có 15 đồng chí được điều động.", "MONEY") == []


def test_a_road_named_by_its_number_is_a_place_and_no_count():
    sentence = "Khoảng 9h45 ngày 15-9, trên quốc lộ 4D đoạn qua bản Tiên Bình, xe bồn mất phanh."
    assert "quốc lộ 4D" in _texts(sentence, "LOC") and "4" not in _texts(sentence, "COUNT")
    assert "QL1A" in _texts("Xe chạy trên QL1A hướng Bắc - Nam.", "LOC")
    assert _texts("Quốc lộ 7 ngập sâu 1-3 m.", "COUNT") == ["1-3"]


def test_a_maker_and_its_models_number_are_one_name():
    assert "Boeing 777" in _texts("Hãng bố trí máy bay Boeing 777 sang Paris.", "PROPN")
    assert "Airbus A350" in _texts("Hãng nhận chiếc Airbus A350 đầu tiên.", "PROPN")
    assert _texts("Kỳ SEA Games 2019 diễn ra ở Philippines.", "PROPN") == []  # a year is no model
    assert _texts("Ông nói hôm March 18 tại New York.", "PROPN") == []  # a date is none
    assert _texts("Hắn đi lại giữa Colombia và Mexico 250 lần.", "PROPN") == []  # a place is no maker


def test_document_codes():
    assert _texts(NEWS[6], "CODE") == ["1234/QĐ-UBND"]


def test_reason_clause_after_a_connective():
    assert _texts(NEWS[0], "REASON") == ["máy bay rơi xuống biển chỉ 13 phút sau khi cất cánh"]
    assert "cắt khóa cửa" in _texts(NEWS[3], "REASON")
    assert "lợi dụng chức vụ để chiếm đoạt tài sản" in _texts(NEWS[4], "REASON")


def test_names_people_and_foreign_proper_nouns():
    assert ("Phạm Bình Minh", "PER") in _found(NEWS[1])
    assert "Edward Sirait" in _texts(NEWS[5], "PER")
    assert "Lion Air" in _texts(NEWS[0], "PER", "ORG", "MISC", "PROPN")
    assert "Lion Air" in _texts(NEWS[5], "PER", "ORG", "MISC", "PROPN")


def test_a_name_is_also_offered_with_the_noun_that_introduces_it():
    assert {"báo Bild", "ông Phạm Bình Minh"} <= set(_texts(NEWS[1], "HEADED"))
    assert "sân bay Biên Hoà" in _texts(NEWS[1], "LOC", "HEADED")


def test_noun_phrases():
    assert "lưỡi cưa sắt" in _texts(NEWS[3], "NP")


def test_the_sentence_spelling_survives_the_taggers_rewriting():
    # underthesea returns "Biên Hòa" / "Khánh Hòa"; candidates keep the sentence's "Hoà".
    for sentence, name in ((NEWS[1], "Biên Hoà"), (NEWS[6], "Khánh Hoà")):
        texts = {c.text for c in find_candidates(sentence)}
        assert name in texts
        assert not any("Hòa" in t for t in texts)


def test_sentence_without_figures_or_names_still_has_itself():
    sentence = "trời mưa"
    assert [(c.text, c.ctype) for c in find_candidates(sentence) if c.ctype == "SENTENCE"] == [(sentence, "SENTENCE")]
    assert find_candidates("   ") == []


def test_a_measure_is_offered_only_to_a_question_that_asks_for_one():
    from qa.extractive import offered
    from qa.question import analyse

    found = find_candidates("Ông Beaumont, 28 tuổi, đạp xe 28.968 km trong 78 ngày.")
    far = offered(analyse("How far did Beaumont cycle?"), found)
    assert ("28.968 km", "COUNT") in [(c.text, c.ctype) for c in far]
    assert "28.968" not in [c.text for c in far]  # the measure asked keeps its unit: "28.968 km", not "28.968"
    # asked in its unit, the figure alone answers too
    assert "28.968" in [c.text for c in offered(analyse("Beaumont đạp xe bao nhiêu km?"), found)]
    old = offered(analyse("How old is Beaumont?"), found)
    assert "28.968 km" not in [c.text for c in old] and "28" in [c.text for c in old]


def test_a_measure_is_offered_only_where_its_unit_measures_what_is_asked():
    from qa.candidates import measured
    from qa.extractive import offered
    from qa.question import analyse

    found = find_candidates("Động đất mạnh 7,1 độ, cách Los Angeles khoảng 241 km về phía bắc.")
    far = [c.text for c in offered(analyse("How far is Ridgecrest from Los Angeles?"), found)]
    assert "241 km" in far and "7,1 độ" not in far
    strong = [c.text for c in offered(analyse("What magnitude was the earthquake?"), found)]
    assert "7,1 độ" in strong and "241 km" not in strong
    assert measured("120 km/h") == {"speed"} and measured("95 m2") == {"area"} and measured("7,1 độ") == {
        "magnitude", "temperature"}


def test_a_percentage_question_is_not_offered_money():
    from qa.extractive import offered
    from qa.question import analyse

    found = find_candidates("Giá vàng trên sàn Comex tăng 7 USD, tương đương 0,6%, lên 1.280 USD/ounce.")
    percent = [(c.text, c.ctype) for c in offered(analyse("Giá vàng trên sàn Comex tăng bao nhiêu phần trăm?"), found)]
    assert ("0,6%", "PERCENT") in percent and ("7 USD", "MONEY") not in percent
    money = [(c.text, c.ctype) for c in offered(analyse("Giá vàng trên sàn Comex tăng bao nhiêu USD?"), found)]
    assert ("7 USD", "MONEY") in money
    rate = find_candidates("Vietcombank bán ra USD ở mức 23.280 đồng/USD.")
    assert ("23.280 đồng", "MONEY") in [(c.text, c.ctype) for c in offered(
        analyse("At what rate did Vietcombank sell the US dollar?"), rate)]  # typed percent, not said


def test_a_question_for_a_time_of_day_is_not_offered_dates():
    from qa.extractive import offered
    from qa.question import analyse

    found = find_candidates("Khoảng 19h20 ngày 8-5, ba thanh niên bị nước cuốn trôi.")
    when = [(c.text, c.ctype) for c in offered(analyse("At what time were the young men swept away?"), found)]
    assert ("19h20", "TIME") in when and ("8-5", "DATE") not in when
    day = [(c.text, c.ctype) for c in offered(analyse("Ba thanh niên bị nước cuốn trôi ngày nào?"), found)]
    assert ("8-5", "DATE") in day


def test_a_charge_without_quotes_is_offered_up_to_its_clause_end():
    found = _found("Toà tuyên phạt bị cáo mức án tử hình về tội giết người và 7 năm tù về tội cướp tài sản.")
    assert {("giết người", "NP"), ("cướp tài sản", "NP")} <= found
    assert ("lạm dụng tín nhiệm chiếm đoạt tài sản", "NP") in _found(
        "Bị can bị khởi tố về tội lạm dụng tín nhiệm chiếm đoạt tài sản theo Điều 175.")
    assert not any(text.startswith("phạm") for text, _ in _found("Đây là tội phạm ma túy nguy hiểm."))


def test_a_reason_ends_where_its_effect_begins():
    assert _texts("Ông T. do buồn phiền về bệnh tình nên dẫn đến việc tự tử.", "REASON") == ["buồn phiền về bệnh tình"]
    # "trở nên" (become) and "nên người" are no effect
    assert _texts("Do mưa khiến mặt đường trở nên trơn trượt, xe lao xuống.", "REASON") == [
        "mưa khiến mặt đường trở nên trơn trượt"]
    assert _texts("Vì trời mưa lớn nên người dân phải ở nhà.", "REASON") == ["trời mưa lớn"]


def test_a_reported_cause_needs_no_connective():
    assert _texts("“Bước đầu ghi nhận là thời tiết sương mù, tầm nhìn hạn chế”, ông Tiến nói.", "REASON") == [
        "thời tiết sương mù"]
    assert _texts("Nguyên nhân ban đầu của vụ việc là tài xế buồn ngủ.", "REASON") == ["tài xế buồn ngủ"]
    assert _texts("Theo thượng tá Cương, nhận định ban đầu là xe bồn mất phanh, lái xe không làm chủ được tay lái.",
                  "REASON") == ["xe bồn mất phanh"]
    # "do" before a doer and the doer's verb says who did it, not why
    assert _texts("Chiếc xe 15 chỗ do anh Nguyễn Hào (trú xã Hồng Thu) lái đã bị tông.", "REASON") == []
    assert _texts("Sự cố do mưa lớn, nhà máy do công ty Formosa quản lý bị ngập.", "REASON") == ["mưa lớn"]
    assert _texts("Anh ta bị truy nã do không thực hiện lệnh trục xuất.", "REASON") == [
        "không thực hiện lệnh trục xuất"]
    # a cause the article denies is none; one quoted is read up to its closing quote
    assert _texts("Các ca tử vong có nguyên nhân liên quan tới bệnh nền của họ, không phải do điều trị bằng gen.",
                  "REASON") == ["bệnh nền của họ"]
    assert _texts('Acosta bị cấm vì "gạt tay một phụ nữ trẻ" cố lấy microphone.', "REASON") == [
        "gạt tay một phụ nữ trẻ"]
    assert _texts("Chiến đấu cơ J-20 do Trung Quốc tự sản xuất đã bay trình diễn.", "REASON") == []
    # who was identified is no cause
    assert _texts("Nạn nhân được xác định là ông Nguyễn Văn An, trú tại xã bên.", "REASON") == []


@pytest.mark.parametrize("sentence,name,ctype", [
    ("Ngoại trưởng Adel al - Jubeir nói rằng các nghi phạm sẽ bị truy tố.", "Adel al - Jubeir", "PER"),
    ("Lãnh đạo Kim Jong - un và ông Moon Jae - in gặp nhau.", "Moon Jae - in", "PER"),
    # the tagger's place began before the name ("Bộ Ngoại giao Hàn Quốc Kim In"): no label from it,
    # but a family name and a two-syllable given name is a person's
    ("Phát ngôn viên Bộ Ngoại giao Hàn Quốc Kim In - chul cho biết như vậy.", "Kim In - chul", "PER"),
    ("Phát ngôn viên Bộ Ngoại giao Hàn Quốc Noh Kyu - duk cho biết như vậy.", "Noh Kyu - duk", "PER"),
    ("Cung thủ Kim Woo - jin đánh bại đồng hương Lee Woo - seok trong trận chung kết.", "Lee Woo - seok", "PER"),
    ("Phát ngôn viên Bộ Ngoại giao Syria Bashar al - Jaafari cho biết.", "Bashar al - Jaafari", "PROPN"),
    ("Phiến quân rời khỏi quận Jabata al - Khashab ở tỉnh Quneitra.", "quận Jabata al - Khashab", "HEADED"),
    ("Ngoại trưởng Triều Tiên Ri Yong - ho đến Hà Nội.", "Ri Yong - ho", "PER"),
    # a country written before the name: the name alone too
    ("Tổng thống Syria Bashar al - Assad nói.", "Bashar al - Assad", "PER"),
])
def test_a_foreign_name_written_across_a_spaced_hyphen_is_offered_whole(sentence, name, ctype):
    assert (name, ctype) in _found(sentence)


@pytest.mark.parametrize("sentence,parts", [
    ("Tuyến đường Hoà Lạc - Hoà Bình bị ngập.", {"Hoà Lạc", "Hoà Bình"}),
    ("Từ 2 - 5/9 có VTV - VTC phát sóng.", {"VTV", "VTC"}),
    ("Căng thẳng Nga - Ukraine leo thang.", {"Nga", "Ukraine"}),
    ("Xung đột Israel - Hamas kéo dài.", {"Hamas"}),
    ("Trận Real Madrid - Barcelona tối qua.", {"Real Madrid"}),
    # an unaccented Vietnamese name, a dash, then a lowercase word: no foreign name
    ("Sinh viên Nguyễn Trần Thanh Phong - sinh viên năm 3 chế tạo robot.", {"Nguyễn Trần Thanh Phong"}),
])
def test_a_pair_of_names_either_side_of_a_hyphen_is_not_one_name(sentence, parts):
    names = _texts(sentence, "PER", "LOC", "ORG", "MISC", "PROPN", "HEADED")
    assert not [t for t in names if " - " in t] and parts <= set(names)


def test_the_taggers_fragments_of_a_hyphenated_name_are_not_offered():
    sentence = "Phát biểu tại toà, luật sư Lee Kyung - jae cho rằng bà không thu lợi."
    names = _texts(sentence, "PER", "LOC", "ORG", "MISC", "PROPN", "HEADED")
    assert "Lee Kyung - jae" in names and "luật sư Lee Kyung - jae" in names
    assert not [t for t in names if t.endswith("Lee Kyung") or t == "jae"]


def test_a_range_of_years_is_no_count_unless_it_counts_something():
    found = _found("Nga sẽ trang bị 8 tàu ngầm hạt nhân trong giai đoạn 2018-2027.")
    assert ("8", "COUNT") in found and not any(t == "2018-2027" for t, _ in found)
    assert ("1800-2000", "COUNT") in _found("Khách sạn đón 1800-2000 khách mỗi ngày.")
    assert not [t for t, _ in _found("Trong 2021-2025 tỉnh sẽ xây 5 cầu.") if t == "2021-2025"]


def test_a_measure_may_space_the_slash_of_its_unit():
    from qa.candidates import measured

    assert ("140 m3 / s", "MEASURE") in _found("Hồ Tả Trạch xả với lưu lượng 140 m3 / s xuống hạ du.")
    assert ("60 - 65 km / giờ", "MEASURE") in _found("Xe chạy với tốc độ 60 - 65 km / giờ.")
    assert measured("140 m3 / s") == {"flow"}
    assert ("140m3/s", "COUNT") in _found("Hồ xả 140m3/s xuống hạ du.") and measured("140m3/s") == {"flow"}


@pytest.mark.parametrize("sentence,name", [
    ("Ngoại trưởng Mỹ Mike Pompeo hôm nay gặp người đồng cấp.", "Mike Pompeo"),
    ("Chánh án Toà án Tối cao Ấn Độ Dipak Misra nói luật đã trở thành vũ khí.", "Dipak Misra"),
    ("Tổng thống Nga Vladimir Putin đến Helsinki.", "Vladimir Putin"),
    ("Tổng thống Pháp François Hollande nói.", "François Hollande"),
])
def test_a_person_named_after_a_country_in_one_entity_is_offered_alone(sentence, name):
    assert name in _texts(sentence, "PER", "PROPN")


def test_a_vietnamese_name_of_several_proper_nouns_is_not_split():
    assert "Ngư Đài" not in _texts("Hội đàm tại nhà khách Điếu Ngư Đài ở Bắc Kinh.", "PER", "LOC", "PROPN")


def test_a_range_before_what_it_counts_is_no_date():
    assert ("5-7 giờ", "DURATION") in _found("Mưa kéo dài 5-7 giờ liên tục.")
    assert ("3-4", "COUNT") in _found("Mỗi ngày có 3-4 chuyến bay.") and ("3-4", "DATE") not in _found(
        "Mỗi ngày có 3-4 chuyến bay.")
    assert ("5-7", "DATE") in _found("Sáng 5-7, đoàn đến Hà Nội.")
    assert ("20-11", "DATE") in _found("Hôm 20-11 giáo viên được tặng hoa.")  # a time word before it
    # a share before what it counts is no date either ("7 of the 8 plots"), after a time word it is
    assert ("7/8", "COUNT") in _found("Công ty chuyển nhượng 7/8 khu đất.")
    assert ("7/8", "DATE") not in _found("Công ty chuyển nhượng 7/8 khu đất.")
    assert ("7/8", "DATE") in _found("Ngày 7/8 khu đất được bàn giao.")
    assert ("1/7", "DATE") in _found("Trước 1/7 doanh nghiệp phải nộp báo cáo.")
    assert ("1/7", "DATE") in _found("Luật có hiệu lực 1/7 năm nay.")


@pytest.mark.parametrize("sentence,score", [
    ("Trận tranh huy chương đồng kết thúc với tỷ số 4-3 nghiêng về UAE.", "4-3"),
    ("Việt Nam thua UAE 1 - 2 trên chấm luân lưu.", "1 - 2"),
    ("Hai đội hòa 1-1 sau 90 phút.", "1-1"),
])
def test_a_match_score_is_a_count_and_no_date(sentence, score):
    assert (score, "COUNT") in _found(sentence) and (score, "DATE") not in _found(sentence)


def test_an_article_of_a_law_is_a_code_with_and_without_its_clause():
    assert {("khoản 3 Điều 356", "CODE"), ("Điều 356", "CODE")} <= _found(
        "Bà Liên bị khởi tố theo khoản 3 Điều 356 Bộ luật Hình sự năm 2015.")
    assert ("điều 263", "CODE") in _found("Vũ bị khởi tố theo điều 263 Bộ luật Hình sự 1999.")


@pytest.mark.parametrize("sentence,date", [
    ("Ngày 4-3, đội tuyển thắng 2-0.", "4-3"),
    ("UBND tỉnh Khánh Hòa ngày 20-11 đã tổ chức lễ kỷ niệm.", "20-11"),
    ("Ông Nguyễn Văn Thắng ngày 4-3 đã ra đầu thú.", "4-3"),
    ("Việt Nam thắng Lào hôm 4-3 tại Mỹ Đình.", "4-3"),
    ("Hội nghị Cộng hòa Séc khai mạc 12-5.", "12-5"),
    ("Công ty thua lỗ từ 15-6 đến nay.", "15-6"),
])
def test_a_date_near_a_word_of_winning_stays_a_date(sentence, date):
    assert (date, "DATE") in _found(sentence) and (date, "COUNT") not in _found(sentence)


def test_dispatching_officers_is_no_law_article():
    found = _found("Công an tỉnh đã điều 200 cán bộ, chiến sĩ đến hiện trường.")
    assert ("200", "COUNT") in found and not any(ctype == "CODE" for _, ctype in found)


def test_a_korean_province_stays_a_place():
    assert ("Jeolla Nam - do", "PER") not in _found("Mưa lớn ở tỉnh Jeolla Nam - do hôm qua.")


def test_a_country_the_recogniser_calls_a_person_is_a_place():
    found = _found("Iran, Iraq tuyên bố IS bị tiêu diệt hoàn toàn.")
    assert ("Iran", "LOC") in found and ("Iran", "PER") not in found
    assert ("Hassan Rouhani", "PER") in _found("Tổng thống Iran Hassan Rouhani tuyên bố IS đã bị tiêu diệt.")


def test_a_short_quoted_name_after_its_noun_is_offered_without_the_quotes():
    charge = "Bị cáo bị xử về tội “Trộm cắp tài sản” và phải bồi thường."
    assert ("Trộm cắp tài sản", "NP") in _found(charge)
    said = "Ông Hùng trả lời phóng viên “Tôi không nhận tiền” rồi rời đi."
    assert not any(text.startswith("Tôi") for text, _ in _found(said))  # speech, not a name


def test_a_voltage_is_a_measure():
    from qa.candidates import measured

    assert ("110 kV", "MEASURE") in _found("Đường dây 110 kV mới được đóng điện.") and measured("110 kV") == {"voltage"}


def test_a_calendar_word_before_a_figure_is_no_place():
    # the recogniser tags "năm 2010" and "ngày 6/10" as places
    found = _found("Gia đình Turpin chuyển từ bang Texas đến California năm 2010.")
    assert ("California", "LOC") in found and ("2010", "YEAR") in found
    assert not [text for text, ctype in found if ctype == "LOC" and "2010" in text]
    found = _found("Chính quyền Tokyo dự kiến đóng cửa khu chợ này vào ngày 6/10, chấm dứt 83 năm hoạt động.")
    assert ("6/10", "DATE") in found and not [text for text, ctype in found if ctype == "LOC" and "6/10" in text]
    assert ("quận 1", "LOC") in _found("Vụ việc xảy ra tại quận 1, TP HCM.")  # a figure naming a place stays one
    assert ("Quảng trường 30 tháng 4", "LOC") in _found("Lễ hội diễn ra tại Quảng trường 30 tháng 4 ở Cần Thơ.")


@pytest.mark.parametrize("sentence,duration", [
    ("Bị cáo bị tuyên phạt 1 năm 6 tháng tù.", "1 năm 6 tháng"),
    ("Chuyến bay kéo dài 2 giờ 30 phút.", "2 giờ 30 phút"),
])
def test_a_length_in_two_units_is_one_duration(sentence, duration):
    found = _found(sentence)
    assert (duration, "DURATION") in found
    assert not [text for text, ctype in found if ctype == "DURATION" and text != duration]


def test_a_range_or_a_date_is_no_duration_in_two_units():
    assert ("2 năm 6 tháng", "DURATION") not in _found("Các bị cáo lĩnh án 1-2 năm 6 tháng tù.")
    assert not [text for text, ctype in _found("Lễ Quốc khánh 2 tháng 9 ngày mai.") if text == "2 tháng 9 ngày"]


def test_the_press_spellings_of_a_currency_are_money():
    assert ("20 bath", "MONEY") in _found("Thái Lan hỗ trợ 20 bath tiền ăn trưa mỗi ngày.")
    assert not [c for c in _found("Xã tặng 5 bạt che mưa.") if c[1] == "MONEY"]  # a tarpaulin


@pytest.mark.parametrize("sentence,bodies", [
    ("Thượng tướng Nguyễn Chí Vịnh, thứ trưởng Bộ Quốc phòng, cho biết.", ["Bộ Quốc phòng"]),  # NER: "Bộ"
    ("Ngân hàng Xây dựng khởi kiện Tập đoàn Phương Trang.", ["Ngân hàng Xây dựng", "Tập đoàn Phương Trang"]),
    ("Theo Sở Y tế TP HCM, có 20 ca mắc.", ["Sở Y tế TP HCM", "Sở Y tế"]),  # with and without its place
    ("Bộ trưởng Nguyễn Văn Hùng cho biết.", []),  # a title before a person
    ("Công trình nhạc nước đang được thi công.", []),  # a capital only because the sentence starts
])
def test_a_body_is_a_capitalised_noun_with_each_word_of_its_name_capitalised(sentence, bodies):
    found = [text for text, ctype in _found(sentence) if ctype == "ORG" and text != "Bộ"]
    assert sorted(found) == sorted(bodies)


def test_a_body_ends_where_another_recognised_name_begins():
    found = [text for text, ctype in _found("Flynn từng là giám đốc Cơ quan Tình báo Quốc phòng dưới thời Tổng thống "
                                            "Mỹ Barack Obama.") if ctype == "ORG"]
    assert found == ["Cơ quan Tình báo Quốc phòng"]  # a president of the US is no body
    assert "Bộ Y tế" in [text for text, ctype in _found("Bộ trưởng Bộ Y tế Nguyễn Thị Kim Tiến cho biết.")
                         if ctype == "ORG"]  # a body after a title, before a person
    assert ("Sở Y tế", "ORG") in _found("Sở Y tế TP HCM cho biết.")  # "HCM" tagged a person: no "Sở Y tế TP"
    assert not [c for c in _found("Tổng thống Pháp Emmanuel Macron nói.") if c[1] == "ORG"]


def test_a_place_is_offered_with_its_noun_where_the_recogniser_began_it_earlier():
    sentence = "Trận đấu kết thúc cũng là lúc làng Bào (xã Phúc Thịnh) vỡ oà trong hạnh phúc."
    assert ("làng Bào", "LOC") in {(c.text, c.ctype) for c in find_candidates(sentence)}


@pytest.mark.parametrize("sentence, not_a_place", [
    ("Ông Putin bày tỏ sự ủng hộ trong cuộc gặp người đồng cấp Venezuela hồi tuần trước.", "cấp Venezuela"),
    ("Hồ sơ được gửi lên hội đồng cấp Bộ để xét duyệt.", "cấp Bộ"),
])
def test_a_place_noun_is_a_whole_word(sentence, not_a_place):
    assert (not_a_place, "LOC") not in {(c.text, c.ctype) for c in find_candidates(sentence)}


@pytest.mark.parametrize("sentence, means", [
    ("Hội đồng quyết định thi hành án tử hình đối với Dương bằng hình thức tiêm thuốc độc.", "tiêm thuốc độc"),
    ("Nga đáp trả bằng cách trục xuất 24 nhà ngoại giao, trong đó có Anh.", "trục xuất 24 nhà ngoại giao"),
    # also without its adjuncts of time and place
    ("Ukraine đáp lại bằng biện pháp thiết quân luật trong 30 ngày tại các khu vực miền Đông.", "thiết quân luật"),
])
def test_the_means_an_action_was_done_by_is_a_phrase(sentence, means):
    assert means in {c.text for c in find_candidates(sentence) if c.ctype == "NP"}


@pytest.mark.parametrize("sentence, quarter", [
    ("Lợi nhuận trước thuế trong quý 1-2019 đạt 2,6 ngàn tỉ đồng.", "quý 1-2019"),
    ("Doanh thu tăng so với quý IV/2018.", "quý IV/2018"),
    ("Quý 2 năm 2020 có 5 vụ.", "Quý 2 năm 2020"),
])
def test_a_quarter_of_a_year_is_a_date_and_no_count(sentence, quarter):
    found = {(c.text, c.ctype) for c in find_candidates(sentence)}
    assert (quarter, "DATE") in found
    assert not any(ctype == "COUNT" and text in quarter for text, ctype in found)


def test_a_foreign_name_after_an_honorific_is_a_person_and_after_a_bodys_noun_an_organisation():
    # the recogniser calls "bé gái Harper Elizabeth Smith" a place, "Ngân hàng Sacombank" a person
    found = {(c.text, c.ctype) for c in find_candidates(
        "Chapelle Cooper, 27 tuổi, ở Cumbria, tây bắc nước Anh hôm 12/7 sinh bé gái Harper Elizabeth Smith.")}
    assert ("Harper", "PER") in found and ("Elizabeth Smith", "PER") in found and ("Cumbria", "LOC") in found
    assert ("Harper", "LOC") not in found and ("Elizabeth Smith", "LOC") not in found
    bank = {(c.text, c.ctype) for c in find_candidates("Ngân hàng Sacombank đặt giá bán USD kỷ lục 23.018 đồng.")}
    assert ("Sacombank", "ORG") in bank and ("Sacombank", "PER") not in bank
    # "Anh" with a capital inside a sentence is England, no honorific; a listed place stays a place
    lab = {(c.text, c.ctype) for c in find_candidates(
        "Các nhà khoa học tại phòng thí nghiệm vũ khí hoá học Anh Porton Down đã thừa nhận điều đó.")}
    assert not any(t.endswith("Porton Down") and ctype == "PER" for t, ctype in lab)
    minister = {(c.text, c.ctype) for c in find_candidates(
        "Ngoại trưởng Pakistan Shah Mahmood Qureshi cho biết nước này có tin tức tình báo.")}
    assert ("Pakistan", "PER") not in minister
    # a title in capitals before a person's name is no more of the name
    assert ("CEO", "PER") not in {(c.text, c.ctype) for c in find_candidates("CEO Tim Cook cho biết.")}


def test_a_foreign_name_after_a_country_is_the_title_holders_and_an_acronym_no_person():
    # the recogniser tags "Indonesia" and "Muhammad Syaugi" as two places, and "AFP" as a person
    found = {(c.text, c.ctype) for c in find_candidates(
        "AFP dẫn lời giám đốc Cơ quan Tìm kiếm Cứu hộ Quốc gia Indonesia Muhammad Syaugi hôm nay cho biết.")}
    assert ("Muhammad Syaugi", "PER") in found and ("Indonesia", "LOC") in found
    assert ("Muhammad Syaugi", "LOC") not in found
    assert ("AFP", "ORG") in found and ("AFP", "PER") not in found
    king = {(c.text, c.ctype) for c in find_candidates("Quốc vương Thái Lan Bhumibol Adulyadej.")}
    assert ("Bhumibol Adulyadej", "PER") in king
    # after a body's noun, the body's name
    paper = {(c.text, c.ctype) for c in find_candidates("Báo Trung Quốc Global Times hôm 12/8 cho biết.")}
    assert ("Global Times", "ORG") in paper and ("Global Times", "PER") not in paper
    firm = {(c.text, c.ctype) for c in find_candidates(
        "Công ty nhà nước Trung Quốc Hainan Strait Shipping cho biết.")}  # the noun a few words before
    assert ("Hainan Strait Shipping", "ORG") in firm and not any(ctype == "PER" for _, ctype in firm)
    # a Roman numeral or a date after a place is no one's name
    term = {(c.text, c.ctype) for c in find_candidates("Kỳ họp thứ 9 HĐND tỉnh Cà Mau khoá IX khai mạc.")}
    assert not any(ctype == "PER" and "IX" in text for text, ctype in term)


def test_no_name_begins_inside_a_figure():
    found = find_candidates("Khoảng 9h45 ngày 15-9, trên quốc lộ 4D đoạn qua bản Tiên Bình đã xảy ra tai nạn.")
    assert not any(c.text.startswith("h45") for c in found)
    assert ("quốc lộ 4D", "LOC") in {(c.text, c.ctype) for c in found}
    assert not any(c.text.startswith("%") for c in find_candidates("Kinh tế tư nhân làm ra đến 18% GDP."))
