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
    # The shipped default where it runs the reader too: a ranker fitted on the reader's scores, or
    # the reader's veto over the ranker's answers (qa.veto).
    ranker_reading: Latency | None = None

    @property
    def ratio_p50(self) -> float:
        """Reader p50 / ranker p50 for the answering step."""
        return self.reader.p50 / self.ranker.p50

    @property
    def reading_ratio_p50(self) -> float | None:
        """Ranker-with-reader p50 / ranker p50."""
        return self.ranker_reading.p50 / self.ranker.p50 if self.ranker_reading else None


def measure_reader(assistant, reader_answerer, questions: Sequence[str], *, ranker=None, ranker_reading=None,
                   progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> ReaderTiming:
    """Time ``ranker`` (default ``assistant.answerer``), ``reader_answerer`` and, when given,
    ``ranker_reading`` (the shipped default where it runs the reader: its scores or its veto) on each question's retrieval,
    taking turns at going first."""
    arms = [("ranker", ranker or assistant.answerer), ("reader", reader_answerer)]
    if ranker_reading is not None:
        arms.append(("ranker_reading", ranker_reading))
    warm = assistant._understand(questions[0], None)  # noqa: SLF001 - the analysed question, as ask() makes it
    found = assistant.retrieval.retrieve(warm, assistant.settings.retrieval.top_k)
    for _, answerer in arms:
        answerer.answer(warm, found)  # loads the reader
    times: dict[str, list[float]] = {name: [] for name, _ in arms}
    same = 0
    for i, q in enumerate(progress(questions)):
        analysed = assistant._understand(q, None)  # noqa: SLF001
        found = assistant.retrieval.retrieve(analysed, assistant.settings.retrieval.top_k)
        answers = {}
        shift = i % len(arms)
        for name, answerer in arms[shift:] + arms[:shift]:
            seconds, answers[name] = timed(lambda a=answerer: a.answer(analysed, found))
            times[name].append(seconds)
        same += answers["ranker"].span == answers["reader"].span
    reading = Latency.of(times["ranker_reading"]) if ranker_reading is not None else None
    return ReaderTiming(Latency.of(times["ranker"]), Latency.of(times["reader"]), same, reading)
