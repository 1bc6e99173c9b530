"""Fitting the reader's veto: what a margin does to the tuning questions, and the margin chosen."""

from __future__ import annotations

import math

from evals.fit_veto import Row, effect, fit


def _rows() -> list[Row]:
    # 20 answerable: the ranker abstains on one, answers 19 (15 right); 4 look-alikes it answers
    answerable = [Row(True, True, False, None)]
    answerable += [Row(True, False, i < 15, float(i)) for i in range(19)]
    lookalikes = [Row(False, False, False, m) for m in (-6.0, -4.0, 0.5, 9.0)]
    return answerable + lookalikes


def test_without_a_veto_nothing_changes():
    assert effect(_rows(), None) == {"answerable": 20, "right": 15, "false_abstentions": 1,
                                     "look_alikes": 4, "look_alikes_abstained": 0}


def test_the_fitted_margin_gets_the_most_right_within_the_false_abstention_budget():
    margin = fit(_rows(), limit=0.10)  # 2 of 20 may go unanswered: the ranker's 1 and one withdrawn
    # the two look-alikes the reader was surest had no answer are withdrawn; the next margin up
    # would withdraw a right answer (0.0) for one more look-alike (0.5): no more right, budget spent
    assert margin == -2.0
    after = effect(_rows(), margin)
    assert after["false_abstentions"] == 1 and after["right"] == 15 and after["look_alikes_abstained"] == 2


def test_no_veto_when_the_ranker_alone_uses_the_budget():
    rows = [Row(True, True, False, None)] * 2 + [Row(True, False, True, 3.0)] * 18
    assert fit(rows, limit=0.10) is None
    assert effect(rows, None)["false_abstentions"] == 2


def test_a_question_the_veto_does_not_judge_is_never_withdrawn():
    rows = [Row(False, False, False, math.inf), Row(False, False, False, -1.0),
            *[Row(True, False, True, float(i)) for i in range(9)]]
    margin = fit(rows, limit=0.10)
    assert margin == -0.5 and effect(rows, margin)["look_alikes_abstained"] == 1
    assert fit(rows[2:], limit=0.10) is None  # nothing to withdraw but right answers: no veto


def test_the_trimming_gap_is_fitted_on_the_answers_the_veto_keeps():
    from evals.fit_veto import fit_trim, trimmed

    rows = [Row(True, False, True, 5.0, 4.0, +1, +1), Row(True, False, True, 5.0, 3.0, +1, 0),
            Row(True, False, True, 5.0, 1.0, -1, -1),  # a shorter span that loses the answer
            Row(True, False, True, -9.0, 3.5, -3, -2),  # withdrawn by the veto: never trimmed
            Row(True, True, False, None), Row(True, False, True, 5.0)]
    gap = fit_trim(rows, margin=0.0)
    assert gap == 2.0  # between the gains (3.0, 4.0) and the loss (1.0)
    assert [r.trim_gap for r in trimmed(rows, 0.0, gap)] == [4.0, 3.0]
    assert fit_trim(rows, margin=None) == 3.75  # without the veto that answer counts, and its loss
    assert rows[0].trim_change == 2 and rows[1].trim_change == 1
    assert fit_trim([Row(True, False, True, 5.0, 2.0, -1, 0)], margin=0.0) is None  # trimming only loses
