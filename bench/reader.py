"""The answering step alone, ranker against trained reader, on the same retrievals.

Each question is analysed and retrieved once; then both answerers answer that same
:class:`~qa.types.Retrieved`, alternating which goes first, so the two timings differ only by
how the span is chosen (candidates + fitted ranker, or the reader's batch of windows). The
reader's p50 is the issue-28 target (<= 0.4 s on 2 cores); the ratio is the comparison that
survives a busy machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bench.timing import Latency, timed


@dataclass(frozen=True)
class ReaderTiming:
    ranker: Latency
    reader: Latency
    same_span: int  # questions where both answered with the same span (or both abstained)

    @property
    def ratio_p50(self) -> float:
        """Reader p50 / ranker p50 for the answering step."""
        return self.reader.p50 / self.ranker.p50


def measure_reader(assistant, reader_answerer, questions: Sequence[str], *,
                   progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> ReaderTiming:
    """Time ``assistant.answerer`` (the ranker) and ``reader_answerer`` on each question's retrieval."""
    ranker = assistant.answerer
    warm = assistant._understand(questions[0], None)  # noqa: SLF001 - the analysed question, as ask() makes it
    found = assistant.retrieval.retrieve(warm, assistant.settings.retrieval.top_k)
    ranker.answer(warm, found)
    reader_answerer.answer(warm, found)  # loads the reader
    times: dict[str, list[float]] = {"ranker": [], "reader": []}
    same = 0
    for i, q in enumerate(progress(questions)):
        analysed = assistant._understand(q, None)  # noqa: SLF001
        found = assistant.retrieval.retrieve(analysed, assistant.settings.retrieval.top_k)
        order = [("ranker", ranker), ("reader", reader_answerer)]
        answers = {}
        for name, answerer in order if i % 2 == 0 else order[::-1]:
            seconds, answers[name] = timed(lambda a=answerer: a.answer(analysed, found))
            times[name].append(seconds)
        same += answers["ranker"].span == answers["reader"].span
    return ReaderTiming(Latency.of(times["ranker"]), Latency.of(times["reader"]), same)
