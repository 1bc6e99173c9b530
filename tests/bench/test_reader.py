"""The ranker-vs-reader timing suite, on fakes: both answer the same retrieval, in turns."""

from __future__ import annotations

from types import SimpleNamespace

from bench.reader import measure_reader


class _Answerer:
    def __init__(self, name: str, log: list, span: str | None) -> None:
        self.name, self.log, self.span = name, log, span

    def answer(self, question, found):
        self.log.append((self.name, question, found))
        return SimpleNamespace(span=self.span)


class _Assistant:
    def __init__(self, answerer) -> None:
        self.answerer = answerer
        self.settings = SimpleNamespace(retrieval=SimpleNamespace(top_k=5))
        self.retrieval = SimpleNamespace(retrieve=lambda q, k: f"found:{q}")
        self.retrieved = 0

    def _understand(self, text, news_filter):
        return f"q:{text}"


def test_both_answer_the_same_retrieval_alternating_who_goes_first():
    log: list = []
    bot = _Assistant(_Answerer("ranker", log, "137"))
    timing = measure_reader(bot, _Answerer("reader", log, "137"), ["a", "b", "c"])
    timed = log[2:]  # after the warm-up of each
    assert [name for name, _, _ in timed] == ["ranker", "reader", "reader", "ranker", "ranker", "reader"]
    assert all(found == f"found:{q}" for _, q, found in timed)
    assert timing.ranker.n == timing.reader.n == 3 and timing.same_span == 3
    assert timing.ranker_reading is None and timing.reading_ratio_p50 is None


def test_a_third_arm_takes_its_turn_at_going_first_too():
    log: list = []
    bot = _Assistant(_Answerer("ranker", log, "137"))
    timing = measure_reader(bot, _Answerer("reader", log, "15"), ["a", "b", "c"],
                            ranker_reading=_Answerer("both", log, "137"))
    firsts = [log[3 + 3 * i][0] for i in range(3)]
    assert firsts == ["ranker", "reader", "both"]
    assert timing.ranker_reading.n == 3 and timing.same_span == 0
