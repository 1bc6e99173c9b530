"""The features a candidate answer is ranked by."""

import pytest

from qa.candidates import find_candidates
from qa.evidence import term_weights
from qa.features import (SentenceContext, asked_people_absent, bound_elsewhere, candidate_features,
                         sentence_holds)
from qa.question import analyse
from qa.types import Passage
from vectorstore.text import folded_words


def _features(question, sentence):
    """Features of every candidate of ``sentence``, by (text, ctype)."""
    q = analyse(question)
    ctx = SentenceContext(sentence=Passage("d1", "Tin", sentence, 0.7), rank=0, passage_score=0.5, overlap=0.4,
                          doc_rank=0, weights=term_weights(q.terms, [set(folded_words(sentence))]))
    return q, {(c.text, c.ctype): candidate_features(q, ctx, c) for c in find_candidates(sentence)}


def _name(found, text):
    """The features of ``text`` as a name (whichever label underthesea's recogniser gives it)."""
    return next(f for (t, ctype), f in found.items() if t == text and ctype in {"PER", "LOC", "ORG", "MISC", "PROPN"})


BILD_Q = "Tờ báo nào đưa tin ông Phạm Bình Minh bị bắt?"
BILD = "Theo báo Bild, ông Phạm Bình Minh bị bắt tại sân bay Biên Hoà trong ba tháng."
LION_Q = "Hãng hàng không nào bồi thường cho gia đình nạn nhân?"
LION = "Sau nhiều tuần tìm kiếm ngoài khơi Jakarta, cuối cùng hãng Lion Air đã bồi thường cho gia đình các nạn nhân."


def test_the_type_pair_is_set_for_the_candidate_type_only():
    q, found = _features(BILD_Q, BILD)
    assert q.answer_type == "organisation"
    f = found[("báo Bild", "HEADED")]
    assert f["type:organisation:HEADED"] == 1.0 and f["ctype:HEADED"] == 1.0
    assert [k for k in f if k.startswith("type:")] == ["type:organisation:HEADED"]
    assert found[("ba tháng", "DURATION")]["type:organisation:DURATION"] == 1.0


def test_in_question_marks_what_the_question_already_says():
    _, found = _features(BILD_Q, BILD)
    assert _name(found, "Phạm Bình Minh")["in_question"] == 1.0
    assert _name(found, "Bild")["in_question"] == 0.0
    assert _name(found, "Biên Hoà")["in_question"] == 0.0


def test_asked_noun_before_the_candidate():
    q, found = _features(BILD_Q, BILD)
    assert "bao" in q.asked.split()
    assert _name(found, "Bild")["asked_noun_before"] == 1.0
    assert found[("báo Bild", "HEADED")]["asked_noun_before"] == 1.0
    assert _name(found, "Biên Hoà")["asked_noun_before"] == 0.0


def test_asked_noun_before_is_read_in_the_candidates_clause():
    sentence = "Đó cũng là lúc làng Bào (xã Phúc Thịnh, Ngọc Lặc, Thanh Hoá) - quê hương thủ thành Bùi Tiến Dũng - mở hội."
    _, found = _features("Thủ môn Bùi Tiến Dũng quê ở làng nào?", sentence)
    assert found[("làng Bào", "LOC")]["asked_noun_before"] == 1.0
    assert found[("xã Phúc Thịnh", "LOC")]["asked_noun_before"] == 0.0  # "làng Bào (" introduces no commune


def test_asked_noun_keeps_the_diacritics_the_user_typed():
    sentence = "Trong ngày 15-5, đội hình sự Công an quận Kiến An đã vận động được tài xế Cường ra đầu thú."
    _, found = _features("Cơ quan nào đã vận động được tài xế Cường ra đầu thú?", sentence)
    assert _name(found, "Kiến An")["asked_noun_before"] == 0.0  # "cơ quan" is no "quận"
    _, bare = _features("Co quan nao da van dong duoc tai xe Cuong ra dau thu?", sentence)
    assert _name(bare, "Kiến An")["asked_noun_before"] == 1.0  # typed bare, it may be
    _, later = _features("Cơ quan nào của quận đã vận động được tài xế Cường ra đầu thú?", sentence)
    assert _name(later, "Kiến An")["asked_noun_before"] == 0.0  # the asked noun is the one before "nào"


def test_asked_noun_typed_bare_beside_a_pasted_name_matches_any_accents():
    _, found = _features("To bao nao dua tin ông Phạm Bình Minh bi bat?", BILD)
    assert _name(found, "Bild")["asked_noun_before"] == 1.0


def test_asked_noun_is_off_for_english_questions():
    _, found = _features("Which newspaper reported that Phạm Bình Minh was arrested?", BILD)
    assert _name(found, "Bild")["asked_noun_before"] == 0.0


def test_context_is_higher_next_to_the_question_words():
    _, found = _features(LION_Q, LION)
    near, far = _name(found, "Lion Air")["context"], _name(found, "Jakarta")["context"]
    assert near > far
    assert 0.0 <= far < near  # log1p of the raw evidence: uncapped, so list items stay apart


def test_sentence_and_english_features():
    _, vi = _features(LION_Q, LION)
    _, en = _features("Which airline compensated the victims' families?", LION)
    f_vi, f_en = _name(vi, "Lion Air"), _name(en, "Lion Air")
    assert f_vi["sim"] == 0.7 and f_vi["sim_en"] == 0.0
    assert f_en["sim_en"] == 0.7
    assert f_vi["first_sentence"] == 1.0 and f_vi["first_article"] == 1.0 and f_vi["passage"] == 0.5


MILLER = ("\"Tôi thực sự không tin cô ấy\", cựu ngôi sao bóng bầu dục Mỹ Anthony Miller, 53 tuổi, người từng hẹn hò "
          "với Lauren Sanchez 4 năm, nói.")


def test_a_figure_bound_to_another_name_than_the_questions():
    _, found = _features("How old is Lauren Sanchez, the TV host?", MILLER)
    age = found[("53", "COUNT")]
    years = next(f for (t, _), f in found.items() if t.startswith("4"))
    assert age["nearest_name_other"] == 1.0 and age["nearest_name_asked"] == 0.0
    assert years["nearest_name_asked"] == 1.0 and years["nearest_name_other"] == 0.0


def test_the_nearest_name_matches_a_foreign_name_however_its_hyphen_is_spaced():
    sentence = "Tổng thống Moon Jae - in đã chỉ định ông Chung Eui - yong, 72 tuổi, làm đặc phái viên."
    _, found = _features("How old is the envoy appointed by President Moon Jae-in?", sentence)
    age = found[("72", "COUNT")]
    assert age["nearest_name_asked"] == 0.0 and age["nearest_name_other"] == 1.0
    _, found = _features("How old is Chung Eui-yong?", sentence)
    assert found[("72", "COUNT")]["nearest_name_asked"] == 1.0


def test_the_nearest_name_features_are_off_when_the_question_names_nobody():
    _, found = _features("Cựu ngôi sao bao nhiêu tuổi?", MILLER)
    assert "nearest_name_other" not in found[("53", "COUNT")]


def test_a_year_question_knows_which_dates_carry_a_year():
    _, found = _features("Anh hùng Nguyễn Văn Trỗi hy sinh năm nào?",
                         "Anh hùng Nguyễn Văn Trỗi hy sinh ngày 15-10 năm 1964 tại Sài Gòn.")
    dates = {t: f["year_asked_has_year"] for (t, ctype), f in found.items() if ctype in ("DATE", "YEAR")}
    assert dates.get("1964") == 1.0 and dates.get("15-10") == -1.0
    _, found = _features("Anh hùng Nguyễn Văn Trỗi hy sinh ngày nào?", "Ông hy sinh ngày 15-10 năm 1964.")
    assert all("year_asked_has_year" not in f for f in found.values())


def test_a_sentence_says_which_kinds_of_candidate_it_holds_per_expected_type():
    q = analyse("Bao nhiêu khách dự đám cưới?")
    holds = sentence_holds(q, find_candidates("Cô dâu và chú rể là người Nghệ An."))
    assert holds and all(k.startswith("holds:count:") for k in holds) and "holds:count:figure" not in holds
    with_figure = sentence_holds(q, find_candidates("Có 300 khách dự đám cưới của cô dâu người Nghệ An."))
    assert with_figure["holds:count:figure"] == 1.0
    # the sentence itself is not one of its own kinds
    assert "holds:count:clause" not in sentence_holds(q, find_candidates("Cô dâu khóc."))


def test_a_gap_is_only_given_to_rows_that_have_the_feature():
    from qa.features import add_gaps

    rows = [{"sim": 0.5, "asked_noun_sim": 0.6}, {"sim": 0.7, "asked_noun_sim": 0.4}, {"sim": 0.2}]
    add_gaps(rows)
    assert [r["sim_gap"] for r in rows] == pytest.approx([-0.2, 0.0, -0.5])
    assert [r.get("asked_noun_sim_gap") for r in rows] == pytest.approx([0.0, -0.2, None])


def test_another_qualifier_in_the_sentence_is_a_feature_outside_the_candidate():
    from qa.qualifiers import mentions_in

    question = "Giá xăng RON 95 ngày 16/1 giảm bao nhiêu?"
    sentence = "Ngày 1/1, giá xăng RON 95 giảm 538 đồng."
    q = analyse(question)
    conflicts = tuple(m for m in mentions_in(sentence) if m.kind == "day")
    ctx = SentenceContext(sentence=Passage("d1", "Tin", sentence, 0.7), rank=0, passage_score=0.5, overlap=0.4,
                          doc_rank=0, weights={}, missing=0.5, conflicts=conflicts)
    found = {(c.text, c.ctype): candidate_features(q, ctx, c) for c in find_candidates(sentence)}
    money = next(f for (t, ctype), f in found.items() if ctype == "MONEY")
    assert money["sentence_other_qualifier"] == 1.0 and money["sentence_lacks_qualifiers"] == 0.5
    date = found[("1/1", "DATE")]  # the conflicting day itself is not "beside another day"
    assert date["sentence_other_qualifier"] == 0.0


def test_a_vietnamese_personal_name_is_a_feature_by_the_type_asked():
    _, found = _features(BILD_Q, BILD)
    assert _name(found, "Phạm Bình Minh")["personal_name:organisation"] == 1.0
    assert "personal_name:organisation" not in found[("báo Bild", "HEADED")]
    _, found = _features("Ai bị bắt tại sân bay Biên Hoà?", BILD)
    assert _name(found, "Phạm Bình Minh")["personal_name:person"] == 1.0
    _, found = _features("Hội nghị diễn ra ở đâu?", "Hội nghị diễn ra tại Thái Bình và Hà Nội.")
    assert not any(k.startswith("personal_name") for k in _name(found, "Thái Bình"))  # a place named like a person


def test_a_body_seated_in_the_questions_place_is_not_the_place_itself():
    question = 'Trưng bày "Đám cưới truyền thống Huế" được giới thiệu tại bảo tàng nào?'
    _, found = _features(question, "Trưng bày được giới thiệu tại Bảo tàng Văn hoá Huế, thành phố Huế.")
    museum = found[("Bảo tàng Văn hoá Huế", "ORG")]
    assert museum["seated_in_question_place"] == 1.0 and museum["names_question_entity"] == 0.0
    city = _name(found, "Huế")
    assert city["names_question_entity"] == 1.0 and city["seated_in_question_place"] == 0.0


def test_a_foreign_surname_the_question_names_does_not_make_a_relative_its_subject():
    question = "Tỷ phú Thổ Nhĩ Kỳ nào là cha của Mina Basaran?"
    _, found = _features(question, "Mina Basaran là con gái của tỷ phú Hussein Basaran.")
    assert _name(found, "Hussein Basaran")["names_question_entity"] == 0.0  # her father, not her
    assert _name(found, "Mina Basaran")["names_question_entity"] == 1.0
    # the question's name in full, or with a title or place noun before it, is still its own
    _, found = _features("Who did Thaksin meet in Dubai?", "Cựu Thủ tướng Thaksin Shinawatra gặp bà Yingluck tại Dubai.")
    assert _name(found, "Thaksin Shinawatra")["names_question_entity"] == 1.0


def _fragments(question, sentence):
    """The candidates of ``sentence`` marked as a fragment of a longer name."""
    from qa.features import features_in_sentence
    q = analyse(question)
    ctx = SentenceContext(sentence=Passage("d1", "Tin", sentence, 0.7), rank=0, passage_score=0.5, overlap=0.4,
                          doc_rank=0, weights={})
    cands = find_candidates(sentence)
    return {c.text for c in cands if features_in_sentence(q, ctx, c, cands).get("part_of_name")}


def test_a_fragment_of_a_longer_name_is_marked():
    marked = _fragments("Which newspaper reported the plans?", "Trước đó báo Người Đưa Tin đã phản ánh.")
    assert "Người" in marked and "báo Người Đưa Tin" not in marked


def test_a_figures_unit_asked_by_the_question_is_not_repeating_it():
    q, found = _features("Máy bay gặp sự cố bao nhiêu phút sau khi cất cánh?",
                         "Máy bay gặp sự cố 28 phút sau khi cất cánh từ sân bay Nội Bài.")
    assert found[("28 phút", "DURATION")]["shared_with_question"] == 0.0
    assert _name(found, "Nội Bài")["shared_with_question"] == 0.0
    _, named = _features("Sân bay Nội Bài đón bao nhiêu khách?", "Sân bay Nội Bài đón 28 triệu khách.")
    assert _name(named, "Nội Bài")["shared_with_question"] == 1.0  # a name the question already says


def test_a_person_called_by_the_given_name_alone_is_the_asked_one():
    # the tagger reads "bị cáo Bình" as part of a place; the news calls him by his given name
    _, found = _features("Nguyễn Bá Bình bị tuyên phạt bao nhiêu năm tù?",
                         "Toà tuyên phạt bị cáo Bình 10 năm tù, bị cáo Nguyễn Bá Trà 12 năm tù.")
    assert found[("10 năm", "DURATION")].get("nearest_name_asked") == 1.0
    assert found[("12 năm", "DURATION")].get("nearest_name_other") == 1.0


def test_a_given_name_is_no_word_of_a_place_nor_a_sentences_first():
    from qa.features import _given_names

    assert _given_names("Toà tuyên phạt bị cáo Bình 10 năm tù.", ["Nguyễn Bá Bình"]) == [(22, 26, "binh")]
    assert _given_names("Toà tuyên phạt bị cáo Bình 10 năm tù.", ["Nguyen Ba Binh"]) == [(22, 26, "binh")]  # typed bare
    assert _given_names("Tú bị TAND tỉnh Hải Dương phạt 12 năm tù.", ["Nguyễn Văn Hải"]) == []  # inside a place
    assert _given_names("Năm 1990, ông Tú ra đi.", ["Nguyễn Văn Năm"]) == []  # opens the sentence
    assert _given_names("Ông Tú, bị cáo Binh nói.", ["Nguyễn Bá Bình"]) == []  # typed with marks: matched with them


def test_a_whole_person_or_place_inside_a_longer_name_is_no_fragment():
    marked = _fragments("Bệnh viện nào tiếp nhận ông An?",
                        "Ông Nguyễn Văn An được đưa tới Bệnh viện đa khoa tỉnh Quảng Nam.")
    assert not marked & {"Nguyễn Văn An", "Quảng Nam"}


DUC = "Sau khi xem xét toàn diện vụ án, HĐXX tuyên phạt bị cáo Lưu Văn Đức 17 năm tù giam về tội Giết người."


def _context(sentence, absent):
    return SentenceContext(sentence=Passage("d1", "Tin", sentence, 0.7), rank=0, passage_score=0.5, overlap=0.4,
                           doc_rank=0, weights={}, people_absent=absent)


def _candidate(sentence, text):
    return next(c for c in find_candidates(sentence) if c.text == text)


def test_a_figure_of_another_person_when_the_asked_one_is_not_named_nearby_is_bound_elsewhere():
    q = analyse("Phạm Công Định bị tuyên phạt bao nhiêu năm tù?")
    assert asked_people_absent(q, DUC, "Phiên toà xét xử vụ nổ súng ở TP Vinh.")
    assert bound_elsewhere(q, _context(DUC, True), _candidate(DUC, "17 năm"))
    # the asked person named in the sentence before, by the given name: the sentence may go on about him
    assert not asked_people_absent(q, DUC, "Trước đó, anh Định bị bắn trọng thương.")
    # the question's own person in the sentence
    assert not asked_people_absent(analyse("Lưu Văn Đức bị tuyên phạt bao nhiêu năm tù?"), DUC, "")


def test_an_honorific_and_the_given_name_opening_a_sentence_name_the_asked_person():
    q = analyse("Trịnh Văn Quyết dự kiến nhận máy bay vào thời gian nào?")
    said = "Ông Quyết cho biết dự kiến tháng 10-2019 Bamboo Airways sẽ nhận máy bay."
    assert not asked_people_absent(q, said, "Hãng vừa công bố kế hoạch.")


def test_only_a_person_nearest_the_candidate_binds_it_elsewhere():
    # an acronym the recogniser calls a person, a credit in capitals: nobody's figure
    q = analyse("Theo ông Mai Tiến Dũng, tăng trưởng kinh tế cả năm 2018 sẽ vượt mức bao nhiêu phần trăm?")
    gdp = "Theo Văn phòng Chính phủ, tốc độ tăng trưởng GDP cả năm sẽ vượt mức 6,7%."
    assert not bound_elsewhere(q, _context(gdp, True), _candidate(gdp, "6,7%"))


def test_a_question_naming_nobody_binds_no_candidate():
    q = analyse("Bị cáo bị tuyên phạt bao nhiêu năm tù?")
    assert not asked_people_absent(q, DUC, "")
    assert not bound_elsewhere(q, _context(DUC, False), _candidate(DUC, "17 năm"))
    # two words the recogniser calls a person in a question are often a place ("Hà Đông")
    assert not asked_people_absent(analyse("Trường học ở Hà Đông có bao nhiêu học sinh?"), DUC, "")
