"""How the trained reader sees a question and a context, and how its scores become a span.

Shared by the product (:mod:`qa.reader`, on ONNX Runtime) and the training script
(:mod:`training.train_reader`, on PyTorch), so the two can never present text differently.

A window is ``<bos> question <eos> context-part <eos>``, SQuAD 2.0 style: the model scores every
token as the start and the end of the answer, and the ``<bos>`` position stands for "no answer
here". A context longer than one window is read in overlapping windows. Token offsets map a
chosen token span back to characters of the context, so the answer is always the article's own
text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

BOS, EOS, PAD = 2, 1, 0  # Gemma's special token ids (tokenizer.json of EmbeddingGemma)


class Encoding(Protocol):
    ids: list[int]
    offsets: list[tuple[int, int]]


class TextTokenizer(Protocol):
    """``tokenizers.Tokenizer`` as the reader uses it (a fake in unit tests)."""

    def encode(self, text: str, add_special_tokens: bool = ...) -> Encoding: ...


@dataclass(frozen=True)
class Window:
    """One model input: ids (original vocabulary), and for each context token its char offsets.

    ``context_from`` is the index of the first context token in ``ids``; ``offsets[i]`` are the
    character offsets (in the context) of token ``context_from + i``.
    """

    ids: tuple[int, ...]
    context_from: int
    offsets: tuple[tuple[int, int], ...]
    context_index: int = 0  # which of the contexts passed to :func:`make_windows`

    @property
    def context_to(self) -> int:
        return self.context_from + len(self.offsets)


def _clean_offsets(text: str, offsets: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Offsets without the leading space SentencePiece folds into a word ('▁đầu' -> 'đầu')."""
    out = []
    for a, b in offsets:
        while a < b and text[a].isspace():
            a += 1
        out.append((a, b))
    return out


def make_windows(tokenizer: TextTokenizer, question: str, contexts: Sequence[str], *, max_len: int = 192,
                 max_question: int = 48, stride: int = 64) -> list[Window]:
    """Every window of every context, the question first in each (cut to ``max_question`` tokens)."""
    q_ids = tokenizer.encode(question, add_special_tokens=False).ids[:max_question]
    room = max_len - len(q_ids) - 3
    if room < 8:
        raise ValueError(f"max_len {max_len} leaves no room for the context")
    windows = []
    for index, context in enumerate(contexts):
        enc = tokenizer.encode(context, add_special_tokens=False)
        ids, offsets = list(enc.ids), _clean_offsets(context, enc.offsets)
        start = 0
        while True:
            part = slice(start, start + room)
            body = ids[part]
            windows.append(Window(ids=(BOS, *q_ids, EOS, *body, EOS), context_from=len(q_ids) + 2,
                                  offsets=tuple(offsets[part]), context_index=index))
            if start + room >= len(ids):
                break
            start += room - min(stride, room // 2)  # windows overlap, and always move on
    return windows


def batch(windows: Sequence[Window]) -> tuple[np.ndarray, np.ndarray]:
    """``input_ids`` and ``attention_mask`` (int64), padded to the longest window."""
    width = max(len(w.ids) for w in windows)
    ids = np.full((len(windows), width), PAD, dtype=np.int64)
    mask = np.zeros((len(windows), width), dtype=np.int64)
    for row, w in enumerate(windows):
        ids[row, :len(w.ids)] = w.ids
        mask[row, :len(w.ids)] = 1
    return ids, mask


def token_span(window: Window, char_start: int, char_end: int) -> tuple[int, int] | None:
    """The (start, end) token positions in ``window`` covering context chars [char_start, char_end),
    or None when the answer is not wholly inside the window (it then answers "no answer")."""
    first = last = None
    for i, (a, b) in enumerate(window.offsets):
        if b <= char_start or a >= char_end or a == b:
            continue
        if first is None:
            first = i
        last = i
    if first is None or last is None:
        return None
    if window.offsets[first][0] > char_start or window.offsets[last][1] < char_end:
        return None  # the answer runs past the window's edge
    return window.context_from + first, window.context_from + last


@dataclass(frozen=True)
class SpanScore:
    """The best span of one window: its score against the window's no-answer score."""

    context_index: int
    char_start: int
    char_end: int
    score: float
    null_score: float

    @property
    def margin(self) -> float:
        """How much the span beats "no answer" in this window (> 0: the model would answer)."""
        return self.score - self.null_score


def best_spans(window: Window, start_logits: np.ndarray, end_logits: np.ndarray, *, max_answer_tokens: int = 24,
               top: int = 3) -> list[SpanScore]:
    """The ``top`` spans of context tokens with the highest start + end score (start <= end)."""
    lo, hi = window.context_from, window.context_to
    null = float(start_logits[0] + end_logits[0])
    if hi <= lo:
        return []
    s = start_logits[lo:hi]
    e = end_logits[lo:hi]
    n = hi - lo
    scores = s[:, None] + e[None, :]
    i, j = np.indices((n, n))
    scores = np.where((j >= i) & (j - i < max_answer_tokens), scores, -np.inf)
    flat = np.argsort(scores, axis=None)[::-1][:top]
    out = []
    for k in flat:
        a, b = divmod(int(k), n)
        if not np.isfinite(scores[a, b]):
            break
        out.append(SpanScore(window.context_index, window.offsets[a][0], window.offsets[b][1], float(scores[a, b]),
                             null))
    return out


def score_spans(windows: Sequence[Window], start_logits: np.ndarray, end_logits: np.ndarray,
                spans: Sequence[Sequence[tuple[int, int]]]) -> list[list[SpanScore | None]]:
    """The reader's score for given character spans: ``spans[c]`` are spans of context ``c``.

    A span is scored in each window of its context that holds it whole (start logit of its
    first token plus end logit of its last, against that window's no-answer score); the window
    where it beats "no answer" most counts. None for a span no window holds (it crosses every
    window edge, or covers no token).
    """
    out: list[list[SpanScore | None]] = [[None] * len(s) for s in spans]
    for row, w in enumerate(windows):
        mine = spans[w.context_index] if w.context_index < len(spans) else ()
        if not mine or not w.offsets:
            continue
        null = float(start_logits[row][0] + end_logits[row][0])
        starts = np.array([a for a, _ in w.offsets])
        ends = np.array([b for _, b in w.offsets])
        real = starts < ends
        for k, (a, b) in enumerate(mine):
            inside = np.flatnonzero(real & (ends > a) & (starts < b))
            if not len(inside) or starts[inside[0]] > a or ends[inside[-1]] < b:
                continue
            first, last = w.context_from + int(inside[0]), w.context_from + int(inside[-1])
            scored = SpanScore(w.context_index, a, b, float(start_logits[row][first] + end_logits[row][last]), null)
            best = out[w.context_index][k]
            if best is None or scored.margin > best.margin:
                out[w.context_index][k] = scored
    return out
