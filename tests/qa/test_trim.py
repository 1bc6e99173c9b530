"""Trimming the leading words of the ranker's span where the reader prefers the shorter span."""

from __future__ import annotations

import pytest

from qa.tagging import Candidate
from qa.reader_windows import SpanScore
from qa.trim import best_trim, fit_gap, leading_trims

SENTENCE = "Trưởng Công an xã là Ông Lê Quang Lai, năm nay 52 tuổi."


def _candidate(text: str) -> Candidate:
    start = SENTENCE.index(text)
    return Candidate(text, start, start + len(text), "PER")


def test_leading_trims_drop_one_word_more_each_time_and_keep_the_end():
    spans = leading_trims(_candidate("Ông Lê Quang Lai"))
    assert [SENTENCE[a:b] for a, b in spans] == ["Ông Lê Quang Lai", "Lê Quang Lai", "Quang Lai", "Lai"]
    assert leading_trims(_candidate("52")) == [(SENTENCE.index("52"), SENTENCE.index("52") + 2)]


def _score(score: float | None) -> SpanScore | None:
    return None if score is None else SpanScore(0, 0, 1, score, 0.0)


def test_the_best_shorter_span_and_how_much_the_reader_prefers_it():
    assert best_trim([_score(3.0), _score(5.5), _score(4.0), _score(-1.0)]) == (1, 2.5)
    assert best_trim([_score(3.0), _score(1.0)]) == (1, -2.0)  # shorter but worse: the caller keeps the span
    assert best_trim([_score(None), _score(5.0)]) is None  # the whole span unseen: nothing to compare
    assert best_trim([_score(3.0), _score(None)]) is None
    assert best_trim([_score(3.0)]) is None and best_trim([]) is None
    assert best_trim([_score(3.0), _score(5.0), _score(5.0)]) == (1, 2.0)  # a tie: the fewest words cut


def test_no_span_to_trim_in_a_quoted_sentence_or_without_a_candidate():
    assert leading_trims(None) == [] and leading_trims(Candidate(SENTENCE, 0, len(SENTENCE), "SENTENCE")) == []


def test_the_shorter_span_is_read_from_the_sentence():
    from qa.trim import shorter_span

    trims = leading_trims(_candidate("Ông Lê Quang Lai"))
    got = shorter_span(SENTENCE, trims, [_score(1.0), _score(4.5), _score(0.0), _score(-2.0)])
    assert (got.text, got.gap) == ("Lê Quang Lai", 3.5) and SENTENCE[got.start:got.end] == got.text
    assert shorter_span(SENTENCE, trims, [_score(None), _score(4.5), _score(0.0), _score(-2.0)]) is None


def test_the_fitted_gap_takes_the_gains_and_leaves_the_losses():
    rows = [(4.5, +2), (2.8, +2), (1.5, -2), (0.1, -1), (3.2, 0)]
    assert fit_gap(rows) == pytest.approx((2.8 + 1.5) / 2)
    assert fit_gap([(1.0, -2), (0.5, -1)]) is None  # trimming never gains
    assert fit_gap([]) is None
    assert fit_gap([(2.0, +1), (2.0, -1), (1.0, +2)]) == pytest.approx(0.5)  # equal gaps are not split
    # a shorter span the reader scores below the whole one is never trimmed to, whatever it gains
    assert fit_gap([(-3.0, +1), (-5.0, -1)]) is None
    assert fit_gap([(0.4, +1), (-1.0, +2)]) == pytest.approx(0.2)


@pytest.mark.parametrize("sentence, span, trims", [
    ("Hai thanh niên bị nước cuốn xuống suối Bà Lúa ở Biên Hoà.", "suối Bà Lúa", ["suối Bà Lúa", "Bà Lúa"]),
    (SENTENCE, "Ông Lê Quang Lai", ["Ông Lê Quang Lai", "Lê Quang Lai"]),
    ("Bộ trưởng Ngoại giao Pháp Nathalie Loiseau phát biểu.", "Ngoại giao Pháp Nathalie Loiseau",
     ["Ngoại giao Pháp Nathalie Loiseau", "Pháp Nathalie Loiseau", "Nathalie Loiseau"]),
])
def test_a_trim_never_cuts_inside_a_segmented_name(sentence, span, trims):
    start = sentence.index(span)
    got = leading_trims(Candidate(span, start, start + len(span), "NP"), sentence)
    assert [sentence[a:b] for a, b in got] == trims


@pytest.mark.parametrize("dash", ["-", "–"])
def test_a_trim_never_cuts_beside_a_spaced_hyphen_or_dash(dash):
    text = f"nhóm Al {dash} Nusra"
    assert [text[a:b] for a, b in leading_trims(Candidate(text, 0, len(text), "ORG"))] == [text, f"Al {dash} Nusra"]
