import unicodedata

from vectorstore.text import fold_diacritics, folded_words, nfc, words


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
