"""How the reader's inputs are cut and its scores decoded, on a whitespace tokenizer."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pytest

from qa.reader_windows import BOS, EOS, PAD, Window, batch, best_spans, make_windows, score_spans, token_span


@dataclass
class _Enc:
    ids: list[int]
    offsets: list[tuple[int, int]]


class WordTokenizer:
    """One token per word; its id is stable for the word, and offsets include the space before
    it as SentencePiece's do."""

    def encode(self, text: str, add_special_tokens: bool = True) -> _Enc:
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        offsets = [(max(0, a - 1) if a else a, b) for a, b in spans]
        return _Enc([10 + sum(map(ord, text[a:b])) % 5000 for a, b in spans], offsets)


def test_a_window_is_bos_question_eos_context_eos():
    [w] = make_windows(WordTokenizer(), "ai là chủ tịch", ["Ông An là chủ tịch ."])
    assert w.ids[0] == BOS and w.ids[5] == EOS and w.ids[-1] == EOS
    assert w.context_from == 6 and len(w.offsets) == 6
    # offsets point at the word itself, not the space SentencePiece glues before it
    assert w.offsets[1] == (4, 6)


def test_a_long_context_is_read_in_overlapping_windows_that_cover_every_token():
    context = " ".join(f"w{i}" for i in range(100))
    windows = make_windows(WordTokenizer(), "q", [context], max_len=40, stride=10)
    assert len(windows) > 2
    assert all(len(w.ids) <= 40 for w in windows)
    covered = {o for w in windows for o in w.offsets}
    assert len(covered) == 100
    # consecutive windows share ``stride`` tokens
    assert set(windows[0].offsets) & set(windows[1].offsets)


def test_a_question_is_cut_and_too_small_a_window_is_refused():
    [w] = make_windows(WordTokenizer(), " ".join(["x"] * 100), ["a b"], max_len=64, max_question=10)
    assert w.context_from == 12
    with pytest.raises(ValueError):
        make_windows(WordTokenizer(), "q " * 10, ["a"], max_len=12, max_question=10)


def test_token_span_finds_the_answer_tokens_or_none_when_outside():
    context = "Có 137 cán bộ được luân chuyển"
    [w] = make_windows(WordTokenizer(), "bao nhiêu", [context])
    start = context.index("137")
    assert token_span(w, start, start + 3) == (w.context_from + 1, w.context_from + 1)
    assert token_span(w, start, start + len("137 cán bộ")) == (w.context_from + 1, w.context_from + 3)
    far = make_windows(WordTokenizer(), "q", [" ".join(f"w{i}" for i in range(100))], max_len=20)
    assert token_span(far[0], 400, 403) is None


def test_batch_pads_to_the_longest_window():
    ids, mask = batch([Window((BOS, 5, EOS), 2, ()), Window((BOS, 5, EOS, 6, 7), 2, ())])
    assert ids.shape == (2, 5) and ids[0, 3] == PAD and mask[0].tolist() == [1, 1, 1, 0, 0]


def test_best_spans_takes_the_highest_start_plus_end_within_the_context_only():
    context = "Có 137 cán bộ"
    [w] = make_windows(WordTokenizer(), "bao nhiêu", [context])
    n = len(w.ids)
    start, end = np.zeros(n), np.zeros(n)
    start[0] = end[0] = 1.0  # no-answer score 2
    start[1] = end[1] = 50.0  # a question token: never a span
    start[w.context_from + 1] = 5.0
    end[w.context_from + 1] = 4.0
    best = best_spans(w, start, end)[0]
    assert context[best.char_start:best.char_end] == "137"
    assert best.score == 9.0 and best.null_score == 2.0 and best.margin == 7.0


def test_best_spans_never_ends_before_it_starts_nor_runs_too_long():
    context = "a b c d e"
    [w] = make_windows(WordTokenizer(), "q", [context])
    n = len(w.ids)
    start, end = np.zeros(n), np.zeros(n)
    start[w.context_from + 3] = 10.0  # "d"
    end[w.context_from + 0] = 10.0  # "a", before the start
    spans = best_spans(w, start, end, max_answer_tokens=2)
    assert all(s.char_end > s.char_start for s in spans)
    assert all(context[s.char_start:s.char_end].count(" ") <= 1 for s in spans)


def test_score_spans_scores_given_spans_in_the_window_where_they_beat_no_answer_most():
    context = " ".join(f"w{i}" for i in range(30))
    windows = make_windows(WordTokenizer(), "q", [context, "Có 137 cán bộ"], max_len=20, stride=8)
    first = [w for w in windows if w.context_index == 0]
    assert len(first) > 1
    at = context.index("w8 ")  # in the first two windows
    span = (at, at + len("w8 w9"))
    rows = len(windows)
    start, end = np.zeros((rows, 20)), np.zeros((rows, 20))
    for row, w in enumerate(windows):
        t = token_span(w, *span) if w.context_index == 0 else None
        if t:
            start[row, t[0]], end[row, t[1]] = 3.0 + row, 1.0  # a later window likes it more
    start[:, 0] = 1.0  # every window's no-answer score is 1
    short = context.index("w29")
    [[mine, outside], [none]] = score_spans(windows, start, end, [[span, (short - 10, short + 3)], [(0, 0)]])
    holding = [row for row, w in enumerate(windows) if w.context_index == 0 and token_span(w, *span)]
    assert mine.score == 4.0 + holding[-1] and mine.null_score == 1.0 and mine.margin == 3.0 + holding[-1]
    assert (mine.char_start, mine.char_end) == span
    assert outside is not None  # the last window holds "w28 w29": scored there
    assert none is None  # an empty span covers no token
