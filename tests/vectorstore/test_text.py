import re
import unicodedata

import pytest

from vectorstore.text import DOCUMENT_CODE_RE, contains_word, fold_diacritics, folded_words, nfc, words


def test_nfc_composes_combining_marks():
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    assert decomposed != "Hà Nội"
    assert nfc(decomposed) == "Hà Nội"


def test_fold_diacritics_handles_d_stroke_and_case():
    assert fold_diacritics("Đà Nẵng") == "da nang"
    assert fold_diacritics("Móng Cái") == fold_diacritics("mong cai")


def test_words_keep_codes_and_decimals():
    assert words("Quyết định số 1841-QĐ/TU, tỷ lệ 58,02%") == ["Quyết", "định", "số", "1841-QĐ/TU", "tỷ", "lệ", "58,02"]
    assert folded_words("Hà Nội") == ["ha", "noi"]


def test_document_codes_are_found_whole_and_dates_or_figures_are_not():
    text = "Theo Quyết định 1841-QĐ/TU và Nghị quyết số 132/NQ-CP ngày 10/01, đạt 22/22 chỉ tiêu; mã X1841-QĐ/TU."
    assert [m.group() for m in DOCUMENT_CODE_RE.finditer(text)] == ["1841-QĐ/TU", "132/NQ-CP"]


@pytest.mark.parametrize("text, phrase", [
    ("mong cai co 137 can bo", "137"), ("mong cai co 1370 can bo", "137"), ("x137", "137"), ("137", "137"),
    ("so 137.", "137"), ("a_137 b", "137"), ("ha noi, ha nam", "ha n"), ("ha noi ha noi", "noi"),
    ("hanoi ha noi", "noi"), ("aaa", "aa"), ("dinh la thang", "dinh la thang"), ("Đinh La Thăng.", "La"),
    ("ông Lê Văn Ánh", "Ánh"), ("ÁnhX", "Ánh"), ("3,2 tỷ đồng", "3,2"), ("13,2 tỷ", "3,2"), ("(137)", "137"),
    ("", "137"), ("x", "x"), ("x²", "x"), ("٣137", "137"),
])
def test_contains_word_agrees_with_the_word_boundary_regex(text, phrase):
    assert contains_word(text, phrase) is (re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None)
