"""The reader answer mode: its mechanics on a scripted reader (fake), then the shipped reader."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from qa.extractive import ExtractiveAnswerer
from qa.question import analyse
from qa.reader_answerer import ReaderAnswerer
from qa.reader_windows import SpanScore
from qa.settings import AnswerSettings
from qa.types import Retrieved
from tests.fakes import ScriptedIndex
from tests.qa.test_extractive import S1, S2, _retrieved, _sentence

class ScriptedReader:
    """Answers ``answer`` wherever a context holds it, with ``margin`` over "no answer"."""

    def __init__(self, answer: str, margin: float, threshold: float = 1.0) -> None:
        self.answer, self.margin, self.threshold = answer, margin, threshold
        self.calls: list[tuple[str, list[str]]] = []

    def read(self, question: str, contexts: Sequence[str]) -> list[SpanScore]:
        self.calls.append((question, list(contexts)))
        out = []
        for i, context in enumerate(contexts):
            at = context.find(self.answer)
            if at >= 0:
                out.append(SpanScore(i, at, at + len(self.answer), 10.0 + self.margin, 10.0))
            out.append(SpanScore(i, 0, 3, 0.0, 10.0))  # a poor span in every sentence
        return sorted(out, key=lambda s: -s.score)


def test_the_readers_span_is_quoted_with_its_offsets_in_the_citation():
    reader = ScriptedReader("137", margin=5.0)
    answer = ReaderAnswerer(ScriptedIndex(), AnswerSettings(), reader).answer(
        analyse("Bao nhiêu cán bộ được luân chuyển?"), _retrieved(_sentence(S2, 0.6), _sentence(S1, 0.5)))
    assert not answer.abstained and answer.span == "137"
    cite = answer.citations[0]
    assert cite.passage[cite.span_start:cite.span_end] == "137"
    assert reader.calls[0][0] == "Bao nhiêu cán bộ được luân chuyển?"
    assert any(S1 in context for context in reader.calls[0][1])


def test_each_sentence_is_read_with_its_neighbours_but_only_its_own_spans_count():
    reader = ScriptedReader("137", margin=5.0)
    # only S2 is retrieved: its window shows S1 before it, but a span there is not S2's to quote
    answer = ReaderAnswerer(ScriptedIndex(), AnswerSettings(), reader).answer(
        analyse("Năm 2019 bao nhiêu cán bộ?"), _retrieved(_sentence(S2, 0.5)))
    [context] = reader.calls[0][1]
    assert context.startswith(S1) and context.endswith(S2)
    assert answer.span != "137"


def test_below_the_threshold_it_abstains_and_says_why():
    reader = ScriptedReader("137", margin=0.5, threshold=1.0)
    answer = ReaderAnswerer(ScriptedIndex(), AnswerSettings(), reader).answer(
        analyse("Bao nhiêu cán bộ được luân chuyển?"), _retrieved(_sentence(S1, 0.5)))
    assert answer.abstained and "reader finds no answer" in answer.reason and answer.citations == []


def test_the_guards_run_before_the_reader_is_asked():
    reader = ScriptedReader("137", margin=5.0)
    answerer = ReaderAnswerer(ScriptedIndex(), AnswerSettings(), reader)
    low = answerer.answer(analyse("Bao nhiêu cán bộ?"), _retrieved(_sentence(S1, 0.5), passage_score=0.1))
    missing = answerer.answer(analyse("Đà Nẵng luân chuyển bao nhiêu cán bộ?"),
                              Retrieved(passages=_retrieved().passages, missing=("Đà Nẵng",)))
    assert low.abstained and missing.abstained and "Đà Nẵng" in missing.text
    assert reader.calls == []


def test_the_reader_is_made_on_first_use_only():
    made: list[ScriptedReader] = []

    def factory() -> ScriptedReader:
        made.append(ScriptedReader("15", margin=3.0))
        return made[-1]

    answerer = ReaderAnswerer(ScriptedIndex(), AnswerSettings(), factory)
    assert made == []
    q = analyse("Năm 2019 cử bao nhiêu đồng chí đi học?")
    assert answerer.answer(q, _retrieved(_sentence(S2, 0.5))).span == "15"
    answerer.answer(q, _retrieved(_sentence(S2, 0.5)))
    assert len(made) == 1


def test_the_scored_spans_feed_the_llm_reader_best_first():
    reading = ReaderAnswerer(ScriptedIndex(), AnswerSettings(), ScriptedReader("137", margin=5.0)).read(
        analyse("Bao nhiêu cán bộ được luân chuyển?"), _retrieved(_sentence(S2, 0.6), _sentence(S1, 0.5)))
    margins = [s.features["margin"] for s in reading.scored]
    assert margins == sorted(margins, reverse=True) and reading.scored[0].candidate.text == "137"
    assert 0.0 < reading.scored[-1].probability < reading.scored[0].probability < 1.0


def test_the_engine_setting_picks_the_reader_which_loads_on_first_use(tmp_path, fake_embedder):
    from qa import Assistant, Settings
    from vectorstore.errors import ModelMissing

    settings = Settings.load(data_dir=tmp_path, answer={"engine": "reader", "reader_dir": str(tmp_path / "none")})
    bot = Assistant(settings, embedder=fake_embedder)
    assert isinstance(bot.answerer, ReaderAnswerer)
    with pytest.raises(ModelMissing, match="make reader"):
        bot.answerer.reader  # noqa: B018 - nothing there: the error says how to get it
    assert isinstance(Assistant(Settings.load(data_dir=tmp_path), embedder=fake_embedder).answerer,
                      ExtractiveAnswerer)
