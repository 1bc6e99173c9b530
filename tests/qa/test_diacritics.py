"""Diacritics restored to a bare question from the passages its keywords find."""

import pytest

from qa.diacritics import QUESTION_PHRASES, QUESTION_WORDS, Restorer, typed_bare

PASSAGES = [
    "Mưa lớn kéo dài gây sạt lở ở huyện Sìn Hồ, tỉnh Lai Châu. Lượng mưa đo được ở Sìn Hồ hơn 300 mm.",
    "Ông bảo nhiều người dân ở bản vẫn chưa về nhà, còn lại đã được sơ tán.",
    "Giá vàng SJC bán ra ở mức 36,75 triệu đồng một lượng.",
]


def test_typed_bare():
    assert typed_bare("luong mua o huyen Sin Ho la bao nhieu?")
    assert not typed_bare("Lượng mưa ở huyện Sìn Hồ là bao nhiêu?")
    # a pasted name does not make a question typed with diacritics; accented words without any do not make it bare
    assert typed_bare("To bao nao dua tin ông Phạm Bình Minh bi bat?")
    assert not typed_bare("Cơ quan nào đã vận động tài xế ra đầu thú?")


@pytest.mark.parametrize("bare,restored", [
    ("luong mua o huyen Sin Ho la bao nhieu?", "lượng mưa ở huyện Sìn Hồ là bao nhiêu?"),
    ("Gia vang SJC ban ra la bao nhieu", "Giá vàng SJC bán ra là bao nhiêu"),
    # a word the passages do not hold stays as typed, in its case; one typed with diacritics too
    ("Ai la Xeko?", "Ai là Xeko?"),
    ("ông ta bao nhieu tuoi", "ông ta bao nhiêu tuoi"),
])
def test_bare_words_take_the_forms_the_passages_write(bare, restored):
    assert Restorer.from_texts([QUESTION_WORDS, *PASSAGES]).restore(bare) == restored


def test_a_neighbour_decides_between_forms():
    # "bảo" and "nhiều" are each commoner alone, but the passages write "bao nhiêu" together
    restorer = Restorer.from_texts(["Ông bảo vệ nhiều người, bảo đảm nhiều việc.", "Có bao nhiêu?"])
    assert restorer.restore("bao nhieu") == "bao nhiêu"
    assert restorer.restore("ong bao ve") == "ông bảo vệ"


def test_a_question_phrase_is_written_as_questions_write_it_whatever_the_passages_say():
    # news writes "còn báo", "báo nhiều", "phản … trạm" far more often than the question phrases
    passages = ["Nhiều người còn báo cáo. Báo nhiều lần. Phản ánh trạm xăng.", "Báo Nhiều Người"]
    assert Restorer.from_texts(passages).restore("con bao nhieu nguoi") == "còn báo nhiều người"
    restorer = Restorer.from_texts([QUESTION_WORDS, *passages], phrases=QUESTION_PHRASES)
    assert restorer.restore("con bao nhieu nguoi") == "còn bao nhiêu người"
    assert restorer.restore("chiem bao nhieu phan tram") == "chiem bao nhiêu phần trăm"
    # a pair the phrases leave free still follows the passages: "tu dau" is often "từ đầu"
    assert Restorer.from_texts(["từ đầu năm"], phrases=QUESTION_PHRASES).restore("tu dau nam") == "từ đầu năm"


def test_nothing_to_restore_from_keeps_the_text():
    assert Restorer.from_texts([]).restore("gia vang hom nay") == "gia vang hom nay"
    assert Restorer.from_texts(PASSAGES).restore("") == ""


def test_a_folded_run_is_taken_back_to_the_words_as_typed():
    from qa.diacritics import typed_runs

    text = "Cán bộ nào ở Hà Nội luân chuyển bao nhiêu cán bộ?"
    assert typed_runs(text, ["can", "bo"]) == [(0, ["Cán", "bộ"]), (text.rindex("cán"), ["cán", "bộ"])]
    assert typed_runs(text, ["xa"]) == [] and typed_runs(text, []) == []
