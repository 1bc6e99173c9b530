from qa.grounding import cited_numbers, ungrounded_facts

PASSAGE = ("Đồng chí Lê Văn Ánh, Bí thư Thành ủy Móng Cái, cho biết: năm 2019 thành phố luân chuyển 20 lượt cán bộ. "
           "Nhân sự tái cử là 47/81 đồng chí (58,02%). Quyết định số 1841-QĐ/TU thay thế Quyết định 3814-QĐ/TU.")


def test_grounded_answers_pass_in_both_languages():
    assert ungrounded_facts("Móng Cái rotated 20 cadres in 2019 [1].", [PASSAGE]) == []
    assert ungrounded_facts("Tỷ lệ tái cử là 58.02% [1].", [PASSAGE]) == [], "58.02 matches 58,02"
    assert ungrounded_facts("The secretary is Le Van Anh of Mong Cai [1].", [PASSAGE]) == []
    assert ungrounded_facts("Quyết định 1841-QĐ/TU [2] thay thế 3814-QĐ/TU.", [PASSAGE]) == []


def test_invented_facts_are_caught():
    assert ungrounded_facts("Móng Cái rotated 25 cadres [1].", [PASSAGE]) == ["25"]
    assert ungrounded_facts("Hà Nội rotated 20 cadres [1].", [PASSAGE]) == ["Hà Nội"]
    assert ungrounded_facts("Nguyễn Văn Bình said so [1].", [PASSAGE]) == ["Nguyễn Văn Bình"]
    assert ungrounded_facts("Quyết định 1842-QĐ/TU [1].", [PASSAGE]) == ["1842-QĐ/TU"]


def test_citation_markers():
    assert cited_numbers("a [2] b [1] c [2] d [ 3 ]") == [2, 1, 3]
    assert ungrounded_facts("Có 20 lượt [7].", [PASSAGE]) == [], "[7] is a marker, not a figure"
