from vectorstore.segment import SyllableSegmenter, UndertheseaSegmenter


def test_underthesea_joins_words_and_keeps_syllables_and_codes():
    terms = UndertheseaSegmenter().terms("TP Móng Cái luân chuyển 20 lượt cán bộ theo Quyết định 1841-QĐ/TU")
    assert {"mong_cai", "mong", "cai", "luan_chuyen", "can_bo", "20", "1841-qd/tu"} <= set(terms)


def test_unaccented_question_still_shares_syllables_with_accented_text():
    seg = UndertheseaSegmenter()
    assert {"luan", "chuyen", "can", "bo"} <= set(seg.terms("luan chuyen can bo")) & set(seg.terms("luân chuyển cán bộ"))


def test_syllable_baseline():
    assert SyllableSegmenter().terms("Hà Nội") == ["ha", "noi"]
