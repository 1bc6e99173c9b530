import pytest

from qa.followup import resolve_followup


@pytest.mark.parametrize("question,history,expected", [
    ("còn Móng Cái thì sao?", ["how many cadres did Hà Nội rotate?"], "how many cadres did Móng Cái rotate?"),
    ("what about Mong Cai?", ["how many cadres did Hà Nội rotate?"], "how many cadres did Mong Cai rotate?"),
    ("còn năm 2021 thì sao?", ["Năm 2019, TP Móng Cái luân chuyển bao nhiêu lượt cán bộ?"],
     "Năm 2021, TP Móng Cái luân chuyển bao nhiêu lượt cán bộ?"),
    ("còn TP HCM thì sao?", ["Ai là Trưởng Ban Tổ chức Thành ủy Hà Nội?", "còn Móng Cái thì sao?"],
     "Ai là Trưởng Ban Tổ chức Thành ủy TP HCM?"),
])
def test_follow_ups_are_resolved(question, history, expected):
    resolved = resolve_followup(question, history)
    assert resolved.rewritten and resolved.question == expected


@pytest.mark.parametrize("question,history", [
    ("Ai là Bí thư Thành ủy Móng Cái?", ["how many cadres did Hà Nội rotate?"]),   # a full question
    ("còn Móng Cái thì sao?", []),                                                  # nothing to resolve against
    ("còn gì nữa không?", ["how many cadres did Hà Nội rotate?"]),                  # names nothing new
])
def test_other_questions_are_left_alone(question, history):
    assert resolve_followup(question, history).question == question
