import unicodedata

from vectorstore.text import DOCUMENT_CODE_RE, fold_diacritics, folded_words, nfc, words


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
