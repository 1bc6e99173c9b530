"""The reader trims the leading words of the ranker's span when it scores the rest higher.

A recogniser's span often starts with the words a noun phrase puts before a name or a place:
titles and honorifics ("Ông Lê Quang Lai", "CEO Daniel Zhang"), descriptors and classifiers
("tỷ phú Hussein Basaran", "quê tỉnh Đồng Tháp", "trục đường huyết mạch Phạm Hùng"). The asked
answer is the name. The reader was trained on answers that start at the name; it scores where an
answer starts, so when it scores the span without its first words above the whole span by at
least ``gap``, the answer becomes the shorter span. No word list: the reader decides, and
``gap`` is fitted on the tuning fixtures (``python -m evals.fit_veto``).

Only leading words. A span's tail is more often part of the answer ("14 năm", "… và thông tin
điện tử"): letting the reader cut tails too cost right answers on the tuning questions
(docs/EVALUATION.md, sixth session).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.candidates import Candidate
from qa.reader_windows import SpanScore

_WORD = re.compile(r"\S+")


def leading_trims(candidate: Candidate) -> list[tuple[int, int]]:
    """The candidate's own span (first), then the span without its first 1, 2, … words (offsets
    in its sentence); just the span for a single word."""
    starts = [candidate.start + m.start() for m in _WORD.finditer(candidate.text)]
    return [(candidate.start, candidate.end)] + [(a, candidate.end) for a in starts[1:]]


def best_trim(scores: Sequence[SpanScore | None]) -> tuple[int, float] | None:
    """Of :func:`leading_trims`' spans scored by the reader, the best shorter one: its index and
    how far its score beats the whole span's; None when the whole span or every shorter one is
    unscored (outside the window the reader saw)."""
    if not scores or scores[0] is None:
        return None
    whole = scores[0].score
    shorter = [(s.score - whole, i) for i, s in enumerate(scores) if i > 0 and s is not None]
    if not shorter:
        return None
    gap, index = max(shorter)
    return index, gap


def fit_gap(rows: Sequence[tuple[float, int]]) -> float | None:
    """The trimming gap that most improves the tuning answers; None when no gap improves them.

    ``rows``: for each answered tuning question with a shorter span, (the best trim's gap, what
    trimming changes: +1 for each of exact match and right answer gained, −1 for each lost).
    Trimming at ``t`` trims the rows with gap ≥ ``t``. Returns the ``t`` (midway between two
    observed gaps) with the largest total gain; of equal gains, the largest ``t`` (fewest trims).
    """
    ordered = sorted(rows, key=lambda r: -r[0])
    best_gain, best_t = 0, None
    gain = 0
    for k, (gap, change) in enumerate(ordered):
        gain += change
        below = ordered[k + 1][0] if k + 1 < len(ordered) else gap - 1.0
        if below == gap:
            continue  # a threshold cannot split equal gaps
        if gain > best_gain:
            best_gain, best_t = gain, (gap + below) / 2.0
    return best_t
