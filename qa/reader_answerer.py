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

from collections.abc import Callable

from qa.tagging import Candidate
from qa.extractive import ExtractiveAnswerer, Reading, Scored
from qa.features import SentenceContext
from qa.question import Question
from qa.reader import SpanReader
from qa.reader_evidence import READER_CTYPE, read_in_sentences
from qa.settings import AnswerSettings
from qa.types import Retrieved
from vectorstore.index import VectorIndex


class ReaderAnswerer(ExtractiveAnswerer):
    """Answers with the reader's span. ``reader``: a :class:`~qa.reader.SpanReader`, or a
    function that makes one on first use (the model loads only when a question needs it)."""

    def __init__(self, index: VectorIndex, settings: AnswerSettings,
                 reader: SpanReader | Callable[[], SpanReader]) -> None:
        super().__init__(index, settings, reader=reader)  # type: ignore[arg-type]

    def choose(self, question: Question, scored: list[Scored]) -> Reading:
        """The reader's best span when it beats "no answer" by the calibrated threshold, else abstain."""
        best = scored[0]
        threshold = self.reader.threshold
        if best.features["margin"] >= threshold:
            return Reading(self.compose(question, best), scored, best)
        shown = f"margin {best.features['margin']:.2f} < {threshold:.2f}: best was {best.candidate.text!r}"
        return Reading(self._abstain(question, f"the reader finds no answer ({shown})"), scored)

    def score(self, q: Question, found: Retrieved, contexts: list[SentenceContext] | None = None) -> list[Scored]:
        """The reader's spans over the sentences worth reading, best first (one per sentence and
        span); ``probability`` is the margin over "no answer" squashed to 0..1 for display."""
        reader = self.reader
        out = [Scored(Candidate(text, s.char_start, s.char_end, READER_CTYPE), ctx,
                      {"score": s.score, "null": s.null_score, "margin": s.margin}, _squash(s.margin - reader.threshold))
               for ctx, s, text in read_in_sentences(reader, q.text, found,
                                                     contexts if contexts is not None else self.contexts(q, found))]
        out.sort(key=lambda r: (-r.features["margin"], r.context.rank))
        return out


def _squash(x: float) -> float:
    import math

    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))
