"""Rewrites that make a generated question less of a copy of its sentence."""

from __future__ import annotations

import random


def test_word_dropout_shortens_a_generated_question_but_keeps_enough_and_the_mark():
    from training.augment import drop_words

    q = "Ông Nguyễn Văn An bị phạt bao nhiêu tiền vì vi phạm giao thông?"
    rng = random.Random(3)
    outs = [drop_words(q, 0.3, rng) for _ in range(50)]
    assert all(o.endswith("?") and len(o.split()) >= 4 for o in outs)
    assert any(len(o.split()) < len(q.split()) for o in outs)
    assert drop_words("Ai là chủ tịch?", 0.9, rng) == "Ai là chủ tịch?"
    assert drop_words(q, 0.0, rng) == q


def test_shorten_keeps_the_asking_clause_of_a_generated_question():
    from training.augment import shorten

    context = "Từ đầu nhiệm kỳ đến nay, Hà Nội đã luân chuyển 137 cán bộ, trong đó có 20 cán bộ chủ chốt."
    question = "Từ đầu nhiệm kỳ đến nay, Hà Nội đã luân chuyển bao nhiêu cán bộ, trong đó có 20 cán bộ chủ chốt?"
    assert shorten(question, context) == "Hà Nội đã luân chuyển bao nhiêu cán bộ?"
    assert shorten("Hà Nội đã luân chuyển bao nhiêu cán bộ?", context) == "Hà Nội đã luân chuyển bao nhiêu cán bộ?"
    # too little would be left, or a bracket would be cut: unchanged
    assert shorten("Từ đầu nhiệm kỳ đến nay, bao nhiêu người?", context) == "Từ đầu nhiệm kỳ đến nay, bao nhiêu người?"
    cut = "Hà Nội (thủ đô, nơi có 137 cán bộ), luân chuyển bao nhiêu cán bộ trong năm nay?"
    assert shorten(cut, context) == cut


def test_shorten_never_cuts_a_decimal_comma_and_ignores_case():
    from training.augment import shorten

    context = "Năm 2019, Việt Nam xuất khẩu 3,96 triệu tấn gạo sang Philippines, tăng mạnh."
    question = "Năm 2019, Việt Nam xuất khẩu 3,96 triệu tấn gạo sang nước nào, tăng mạnh?"
    assert shorten(question, context) == "Việt Nam xuất khẩu 3,96 triệu tấn gạo sang nước nào?"
    # "Việt Nam ..." starts the question but sits mid-sentence in the context: still copied text
    assert shorten("Việt Nam xuất khẩu 3,96 triệu tấn gạo, sang nước nào trong năm đó?", context.lower()) \
        == "Sang nước nào trong năm đó?"


def test_strip_marks_types_vietnamese_without_diacritics_and_keeps_case():
    from training.augment import strip_marks
    from vectorstore.text import fold_diacritics

    question = "Thành ủy Hà Nội đã luân chuyển bao nhiêu cán bộ? Đinh La Thăng"
    bare = strip_marks(question)
    assert bare == "Thanh uy Ha Noi da luan chuyen bao nhieu can bo? Dinh La Thang"
    # what the answerer recognises as an unaccented question (qa.veto.judged)
    assert fold_diacritics(bare) == bare.lower() == fold_diacritics(question)
    assert strip_marks("How many cadres?") == "How many cadres?"


def test_encode_example_types_a_share_of_vietnamese_questions_unaccented(monkeypatch):
    import qa.reader_windows as windows
    from training.examples import QAExample
    from training.train_reader import TrainConfig, encode_example

    asked: list[str] = []
    monkeypatch.setattr(windows, "make_windows", lambda tok, question, contexts, **kw: asked.append(question) or ["w"])
    monkeypatch.setattr(windows, "token_span", lambda w, start, end: (1, 2))
    context = "Hà Nội đã luân chuyển 137 cán bộ."
    vi = QAExample.make("q-vi", "Hà Nội luân chuyển bao nhiêu cán bộ?", context, context.index("137"), "137", "zalo")
    en = QAExample.make("q-en", "How many cadres did Hà Nội rotate?", context, context.index("137"), "137",
                        "xquad.en>xquad.vi", language="en")

    for ex in (vi, en):
        encode_example(None, ex, TrainConfig(question_unaccented=1.0), random.Random(1))
        encode_example(None, ex, TrainConfig(), random.Random(1))
    assert asked == ["Ha Noi luan chuyen bao nhieu can bo?", vi.question, en.question, en.question]

    asked.clear()
    rng = random.Random(7)
    for _ in range(400):
        encode_example(None, vi, TrainConfig(question_unaccented=0.25), rng)
    share = sum(q != vi.question for q in asked) / len(asked)
    assert 0.18 < share < 0.32
