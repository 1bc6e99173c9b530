"""The pure parts of fitting the ranker: labelling candidates and choosing the abstention threshold."""

import pytest

from evals.fit_ranker import best_threshold, label


def test_a_candidate_holding_an_answer_is_right():
    assert label("Lion Air", ("Lion Air",)) == 1
    assert label("hãng Lion Air", ("Lion Air",)) == 1
    assert label("lion air", ("Lion Air",)) == 1
    assert label("1,1 tỷ đồng", ("1,1 tỷ đồng", "1,1 tỷ")) == 1
    assert label("20 người", ("15", "20")) == 1


def test_a_candidate_padded_far_beyond_the_answer_is_wrong():
    sentence = "Sau nhiều tuần tìm kiếm, hãng hàng không giá rẻ Lion Air đã bồi thường cho gia đình các nạn nhân."
    assert label(sentence, ("Lion Air",)) == 0
    assert label("Garuda Indonesia", ("Lion Air",)) == 0


def test_numbers_match_only_as_whole_numbers():
    assert label("2019", ("20",)) == 0
    assert label("năm 2019", ("20",)) == 0
    assert label("1,20", ("20",)) == 0
    assert label("20.000", ("20",)) == 0
    assert label("ngày 20", ("20",)) == 1


def test_no_answer_means_no_right_candidate():
    assert label("Lion Air", ()) == 0


def test_best_threshold_counts_right_answers_and_right_abstentions():
    outcomes = [
        (0.9, True, True),     # answered right at any threshold up to 0.9
        (0.8, True, True),
        (0.6, False, False),   # a look-alike: right only when it abstains
        (0.4, False, False),
        (0.3, True, False),    # answerable but its best candidate is wrong: never right
    ]
    assert best_threshold(outcomes) == (0.8, 4)


def test_best_threshold_abstains_on_everything_when_nothing_is_answerable():
    assert best_threshold([(0.7, False, False), (0.2, False, False), (0.0, False, False)]) == (1.0, 3)


def test_best_threshold_answers_everything_when_every_best_is_right():
    assert best_threshold([(0.2, True, True), (0.9, True, True)]) == (0.0, 2)


def test_best_thresholds_respect_the_false_abstention_limit():
    from evals.fit_ranker import best_thresholds

    # Ten answerable questions whose best span is right at 0.30 … 0.75, ten look-alikes at 0.5:
    # abstaining up to 0.5 gets 15 right, but abstains on half the answerable questions.
    spans = [(0.30 + i / 20, True, True) for i in range(10)] + [(0.5, False, False)] * 10
    sentences = [(0.0, True, False)] * 10 + [(0.0, False, False)] * 10
    free = best_thresholds(spans, sentences, max_false_abstentions=1.0)
    capped = best_thresholds(spans, sentences, max_false_abstentions=0.0)
    assert free[0] > 0.5 and free[2] == 15
    assert capped[0] <= 0.30 and capped[2] == 10     # every answerable question answered


def test_quoting_is_kept_for_the_types_where_it_answers_at_least_as_many_as_abstaining():
    from evals.fit_ranker import quoting_types

    thresholds = (0.5, 0.5)
    types = ["count", "count", "count", "person", "person", "date", "money"]
    spans = [(0.1, False, False), (0.1, False, False), (0.9, True, True),  # count: a span answers the third
             (0.1, True, False), (0.1, False, False),                      # person: one right quote, one look-alike's
             (0.9, True, True),                                            # date: never falls back
             (0.1, True, False)]                                           # money: a quote, wrong
    sentences = [(0.9, False, False), (0.9, False, False), (0.9, True, True),
                 (0.9, True, True), (0.9, False, False),
                 (0.9, True, True),
                 (0.9, True, False)]
    # count: two look-alikes quoted (-2); person: +1 -1 = 0, kept; date: never decides, kept;
    # money: a wrong quote against a false abstention, 0, kept; types never asked stay quotable
    quotes = quoting_types(types, spans, sentences, thresholds)
    assert "count" not in quotes and {"date", "money", "person", "place", "reason"} <= set(quotes)
    # a question with no sentence (None) is never quoted, so it counts for no type
    assert "count" in quoting_types(types, spans, [(None, a, ok) for _, a, ok in sentences], thresholds)


def test_of_tied_thresholds_the_middle_one_is_kept():
    from evals.fit_ranker import best_thresholds

    # No sentence may be quoted; spans alternate look-alike, answerable (right), … by probability,
    # so span thresholds 0.3, 0.5 and 0.7 each get 4 of 7 right: the middle one is kept.
    probs = [(0.2, False), (0.3, True), (0.4, False), (0.5, True), (0.6, False), (0.7, True), (0.8, False)]
    spans = [(p, answerable, answerable) for p, answerable in probs]
    sentences = [(None, answerable, False) for _, answerable in probs]
    assert best_thresholds(spans, sentences, max_false_abstentions=1.0) == (0.5, 1.01, 4)


def test_of_thresholds_as_right_those_answering_with_the_span_win():
    from evals.fit_ranker import best_thresholds

    # Three answerable questions whose span is right (at 0.6, 0.7, 0.8) and whose sentence is
    # right at 0.9 too: quoting the sentence is as right as the span, but the span is what was
    # asked. The middle of all tied pairs would quote one sentence (span threshold 0.7).
    spans = [(0.6, True, True), (0.7, True, True), (0.8, True, True), (0.3, False, False)]
    sentences = [(0.9, True, True)] * 3 + [(0.2, False, False)]
    t1, _, right = best_thresholds(spans, sentences, max_false_abstentions=1.0)
    assert right == 4 and t1 == 0.6


def test_a_sentence_that_may_not_be_quoted_is_never_quoted_at_any_threshold():
    from evals.fit_ranker import best_thresholds

    # ten answerable questions no span answers: five right quotes, five that may not be quoted
    spans = [(0.1, True, False)] * 10 + [(0.1, False, False)] * 2
    sentences = [(0.9, True, True)] * 5 + [(None, True, True)] * 5 + [(0.5, False, False)] * 2
    t1, t2, right = best_thresholds(spans, sentences, max_false_abstentions=1.0)
    assert right == 7 and t2 > 0.5  # five quotes and two abstentions; the blocked five never count
    # as 0.0 they would have been "quoted" at a threshold of 0.0, and counted right
    as_zero = [(0.0 if p is None else p, a, ok) for p, a, ok in sentences]
    assert best_thresholds(spans, as_zero, max_false_abstentions=1.0)[1:] == (0.0, 10)


def test_the_thresholds_are_chosen_again_without_the_types_that_may_not_quote():
    from evals.fit_ranker import gated_thresholds

    # count questions: their sentences are look-alikes' (quoting them loses); person questions'
    # sentences hold the answer. Span probabilities are low, so the fallback decides.
    types = ["count"] * 6 + ["person"] * 6
    spans = [(0.1, False, False)] * 6 + [(0.1, True, False)] * 6
    sentences = [(0.8, False, False)] * 6 + [(0.6, True, True)] * 6
    t1, t2, right, quotes = gated_thresholds(types, spans, sentences)
    assert "count" not in quotes and "person" in quotes
    assert right == 12 and t2 <= 0.6  # every person quote, every count look-alike abstained


def test_without_reader_drops_its_features_and_spans_and_recomputes_the_gaps():
    from evals.fit_ranker import Question, without_reader
    from evals.scoring import Fixture

    fixture = Fixture(id="x", question="q?", answers=("137",), docs=("a",), kind="number", lang="vi")
    rows = [{"context": 1.0, "context_gap": -2.0, "reader_margin": 0.4}, {"context": 3.0, "context_gap": 0.0}]
    q = Question(fixture, "g", rows, [1, 0], ["137 <COUNT>", "hồ sơ <READER>"], [{"context": 0.5}], [1])
    [plain] = without_reader([q])
    assert plain.texts == ["137 <COUNT>"] and plain.labels == [1]
    [row], [sentence] = plain.rows, plain.sentences
    assert row["context_gap"] == 0.0 and "reader_margin" not in row  # the reader's span no longer sets the best
    assert sentence["context_gap"] == -0.5
    assert q.rows[0]["reader_margin"] == 0.4  # the questions fitted with the reader are untouched


def _question(i: int, group: str, answerable: bool):
    from evals.fit_ranker import Question
    from evals.scoring import Fixture

    kind = "number" if answerable else "unanswerable"
    fixture = Fixture(id=f"q{i}", question=f"q{i}?", answers=("x",) if answerable else (), docs=(group,), kind=kind,
                      lang="vi")
    return Question(fixture, group, [{"good": 1.0}, {"good": 0.0}], [int(answerable), 0], ["x <COUNT>", "y <COUNT>"],
                    [], [])


def test_out_of_fold_outcomes_come_back_in_question_order():
    """The span outcomes are paired with the sentence outcomes question by question (zip), so they
    must be in the questions' order, not the folds'."""
    from evals.fit_ranker import out_of_fold

    questions = [_question(i, f"g{i % 7}", answerable=i % 3 != 0) for i in range(21)]
    outcomes = out_of_fold(questions, 1.0, folds=5)
    assert [answerable for _, answerable, _ in outcomes] == [q.fixture.answerable for q in questions]
    assert [ok for _, _, ok in outcomes] == [q.fixture.answerable for q in questions]


def test_calibration_weighs_question_level_features_into_the_probability():
    from evals.fit_ranker import calibrate, scaled
    from qa.ranker import Ranker

    # the ranking score says little; the question-level feature says most of right and wrong
    scores = [(1.0 + 0.1 * (i % 2 == 0) + 0.05 * (i % 3), i % 2 == 0 or i % 7 == 0) for i in range(80)]
    levels = [{"reader_best": 1.0 if i % 2 == 0 else -1.0} for i in range(80)]
    calibration = calibrate(scores, levels)
    assert calibration.a > 0 and calibration.levels["reader_best"] > 1.0
    assert calibration.probability(1.0, {"reader_best": 1.0}) > 0.5 > calibration.probability(1.0, {"reader_best": -1.0})
    ranker = scaled(Ranker(weights={"good": 2.0}, bias=0.0), calibration)
    assert ranker.weights["reader_best"] == calibration.levels["reader_best"]
    assert ranker.probability({"good": 0.5, "reader_best": 1.0}) == pytest.approx(
        calibration.probability(1.0, {"reader_best": 1.0}))
    assert calibrate(scores).levels == {}  # without question-level features: plain Platt scaling


def test_a_set_keeps_only_its_tuning_fixtures(tmp_path):
    import json

    from evals.fit_ranker import tuning_sets

    rows = [{"id": "a", "question": "Ai?", "answers": ["X"], "docs": ["d"], "kind": "person", "split": "tuning"},
            {"id": "b", "question": "Ai nữa?", "answers": ["Y"], "docs": ["d"], "kind": "person", "split": "heldout"},
            {"id": "c", "question": "Bao nhiêu?", "answers": ["3"], "docs": ["d"], "kind": "count"}]
    path = tmp_path / "f.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    [(data_dir, tuning)], sources = tuning_sets([f"{tmp_path}/index:{path}"])
    assert data_dir == tmp_path / "index" and [f.id for f in tuning] == ["a", "c"]
    assert sources == [{"fixtures": str(path), "questions": 2}]


def test_an_exact_span_is_worth_more_than_a_quoted_sentence():
    from evals.fit_ranker import best_thresholds

    # Ten answerable questions: nine whose span is right at 0.8 and one whose span is wrong at 0.9;
    # every sentence holds its answer at 0.6. Quoting all ten gets 10 right, none by the span;
    # answering spans gets 9 right, 9 by the span: the product asks for the span.
    spans = [(0.8, True, True)] * 9 + [(0.9, True, False)]
    sentences = [(0.6, True, True)] * 10
    t1, t2, right = best_thresholds(spans, sentences, max_false_abstentions=1.0)
    assert t1 <= 0.8 and right == 9


def test_a_right_abstention_counts_as_much_as_a_right_span():
    from evals.fit_ranker import best_thresholds

    # two answerable questions right by span at 0.5 (and by sentence at 0.9), one look-alike whose
    # span scores 0.6: answering the two and refusing the look-alike gets all three right
    spans = [(0.5, True, True), (0.5, True, True), (0.6, False, False)]
    sentences = [(0.9, True, True), (0.9, True, True), (0.1, False, False)]
    t1, t2, right = best_thresholds(spans, sentences, max_false_abstentions=1.0)
    assert right == 3 and t1 > 0.6

