"""The answer mode that quotes the span the trained reader (:mod:`qa.reader`) picks.

It keeps everything of :class:`~qa.extractive.ExtractiveAnswerer` but the choice of the span:
the same guards run first (no close passage; no article mentioning what the question names),
the same sentences are read (:meth:`~qa.extractive.ExtractiveAnswerer.contexts`), and the
answer is composed the same way with a citation whose offsets mark the span. Instead of
recognising candidates and ranking them with hand-built features, the reader scores every span
of every sentence in one batch; it answers when its best span beats its "no answer" score by
the calibrated threshold, and abstains otherwise (a look-alike question about a fact the
article does not state).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from qa.candidates import Candidate
from qa.extractive import ExtractiveAnswerer, Reading, Scored
from qa.question import Question
from qa.reader import SpanReader
from qa.reader_windows import SpanScore
from qa.settings import AnswerSettings
from qa.types import Passage, Retrieved
from vectorstore.index import VectorIndex
from vectorstore.sentences import sentence_spans

READER_CTYPE = "READER"
# Characters of context around a read sentence: about what the training windows held before and
# after their answering sentence (training/news_questions.py), within the reader's 160 tokens.
BEFORE, AFTER = 400, 160


class ReaderAnswerer(ExtractiveAnswerer):
    """Answers with the reader's span. ``reader``: a :class:`~qa.reader.SpanReader`, or a
    function that makes one on first use (the model loads only when a question needs it)."""

    def __init__(self, index: VectorIndex, settings: AnswerSettings,
                 reader: SpanReader | Callable[[], SpanReader]) -> None:
        super().__init__(index, settings)
        self._reader_or_factory = reader
        self._reader: SpanReader | None = None if callable(reader) and not hasattr(reader, "read") else reader
        self._loading = threading.Lock()  # the chat serves questions in threads: load the model once

    @property
    def reader(self) -> SpanReader:
        with self._loading:
            if self._reader is None:
                self._reader = self._reader_or_factory()  # type: ignore[operator]
            return self._reader

    def choose(self, question: Question, scored: list[Scored]) -> Reading:
        """The reader's best span when it beats "no answer" by the calibrated threshold, else abstain."""
        best = scored[0]
        threshold = self.reader.threshold
        if best.features["margin"] >= threshold:
            return Reading(self.compose(question, best), scored)
        shown = f"margin {best.features['margin']:.2f} < {threshold:.2f}: best was {best.candidate.text!r}"
        return Reading(self._abstain(question, f"the reader finds no answer ({shown})"), scored)

    def score(self, q: Question, found: Retrieved) -> list[Scored]:
        """The reader's spans over the sentences worth reading, best first (one per sentence and
        span); ``probability`` is the margin over "no answer" squashed to 0..1 for display."""
        contexts = self.contexts(q, found)
        if not contexts:
            return []
        windows = [_around(found, ctx.sentence) for ctx in contexts]
        spans = self.reader.read(q.text, [w.text for w in windows])
        out = []
        for s in spans:
            ctx, w = contexts[s.context_index], windows[s.context_index]
            if s.char_start < w.offset or s.char_end > w.offset + len(ctx.sentence.text):
                continue  # a span of the surroundings: the sentence read for it is quoted instead
            s = SpanScore(s.context_index, s.char_start - w.offset, s.char_end - w.offset, s.score, s.null_score)
            text = ctx.sentence.text[s.char_start:s.char_end]
            if not text.strip():
                continue
            features = {"score": s.score, "null": s.null_score, "margin": s.margin}
            out.append(Scored(Candidate(text, s.char_start, s.char_end, READER_CTYPE), ctx, features,
                              _squash(s.margin - self.reader.threshold)))
        out.sort(key=lambda r: (-r.features["margin"], r.context.rank))
        return out


@dataclass(frozen=True)
class _Window:
    """A sentence with the sentences around it; ``text[offset:offset + len(sentence)]`` is it."""

    text: str
    offset: int


def _around(found: Retrieved, sentence: Passage, *, before: int = BEFORE, after: int = AFTER) -> _Window:
    """The sentence with whole sentences of its article around it, about ``before`` characters
    before and ``after`` after. The reader was trained on such windows: the subject of a sentence
    ("Thành ủy Hà Nội ...") is often in the one before it, and a question naming it must see it."""
    record = found.articles.get(sentence.doc_id)
    article = (record.text or "") if record else ""
    if article[sentence.start:sentence.end] != sentence.text:
        return _Window(sentence.text, 0)
    lo, hi = sentence.start, sentence.end
    for a, b in _sentences(article):
        if b <= sentence.start and a >= sentence.start - before:
            lo = min(lo, a)
        elif a >= sentence.end and b <= sentence.end + after:
            hi = max(hi, b)
    return _Window(article[lo:hi], sentence.start - lo)


@lru_cache(maxsize=64)
def _sentences(article: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentence_spans(article))


def _squash(x: float) -> float:
    import math

    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))
