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
from dataclasses import dataclass

from qa.tagging import Candidate, tag
from qa.reader_windows import SpanScore

_WORD = re.compile(r"\S+")
_DASHES = {"-", "–", "—"}  # a spaced hyphen or dash inside a name: "Al - Nusra", "Al – Nusra"


@dataclass(frozen=True)
class Shorter:
    """The shorter span the reader prefers: offsets in the sentence, its text, and by how much
    its score beats the whole span's."""

    start: int
    end: int
    text: str
    gap: float


def leading_trims(candidate: Candidate | None, sentence: str | None = None) -> list[tuple[int, int]]:
    """The candidate's own span (first), then the span without its first 1, 2, … words (offsets
    in its sentence); just the span for a single word; nothing for no candidate or a whole
    quoted sentence (there is no span to trim).

    Never inside a name: not beside a spaced hyphen ("Al - Nusra" keeps "Al"), and, given the
    ``sentence``, only where its word segmentation starts a word, so "suối Bà Lúa" (segmented
    "suối | Bà Lúa") may lose "suối" but never "Bà", and "Ông Lê Quang Lai" only "Ông"."""
    if candidate is None or candidate.ctype == "SENTENCE":
        return []
    words = list(_WORD.finditer(candidate.text))
    starts = [candidate.start + m.start() for k, m in enumerate(words)
              if k > 0 and not _DASHES & {words[k - 1].group(), m.group()}]
    if sentence is not None:
        segmented = {t.start for t in tag(sentence)}
        starts = [a for a in starts if a in segmented]
    return [(candidate.start, candidate.end)] + [(a, candidate.end) for a in starts]


def shorter_span(sentence: str, trims: Sequence[tuple[int, int]],
                 scores: Sequence[SpanScore | None]) -> Shorter | None:
    """The best of ``trims`` (:func:`leading_trims`) shorter than the whole span, as the reader
    scored them (``scores[i]`` for ``trims[i]``); None when there is none to compare. Shared by
    the answerer and the fit (``evals.fit_veto``), so what is fitted is what runs."""
    best = best_trim(scores)
    if best is None:
        return None
    a, b = trims[best[0]]
    return Shorter(a, b, sentence[a:b], best[1])


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
    gap, index = max(shorter, key=lambda t: (t[0], -t[1]))  # of equal scores, the fewest words cut
    return index, gap


def fit_gap(rows: Sequence[tuple[float, int]]) -> float | None:
    """The trimming gap that most improves the tuning answers; None when no gap improves them.

    ``rows``: for each answered tuning question with a shorter span, (the best trim's gap, what
    trimming changes: +1 for each of exact match and right answer gained, −1 for each lost).
    Trimming at ``t`` trims the rows with gap ≥ ``t``. Returns the ``t`` with the largest total
    gain: midway between two observed gaps, or below the lowest (by half a point, at most halfway
    to 0) when trimming every row gains most; of equal gains, the largest ``t`` (fewest trims). Only positive gaps count:
    a span the reader scores below the whole one is never trimmed to, so ``t`` stays above 0.
    """
    ordered = sorted((r for r in rows if r[0] > 0), key=lambda r: -r[0])
    best_gain, best_t = 0, None
    gain = 0
    for k, (gap, change) in enumerate(ordered):
        gain += change
        below = ordered[k + 1][0] if k + 1 < len(ordered) else max(0.0, gap - 1.0)
        if below == gap:
            continue  # a threshold cannot split equal gaps
        if gain > best_gain:
            best_gain, best_t = gain, (gap + below) / 2.0
    return best_t
