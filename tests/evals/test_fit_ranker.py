"""The pure parts of fitting the ranker: labelling candidates and choosing the abstention threshold."""

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
