"""The reader's scores as ranker features: their mechanics on a scripted reader, then the shipped pair."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from qa.extractive import ExtractiveAnswerer
from qa.question import analyse
from qa.ranker import Ranker
from qa.reader import SpanReading
from qa.reader_evidence import READER_CTYPE, around, reader_evidence
from qa.reader_windows import SpanScore
from qa.settings import AnswerSettings
from tests.fakes import ScriptedIndex
from tests.qa.test_extractive import S1, S2, _retrieved, _sentence


class ScriptedScorer:
    """Likes ``answer`` (margin ``margin`` over no answer), dislikes every other span; its own best
    span is ``answer`` wherever a context holds it."""

    threshold = 0.0

    def __init__(self, answer: str, margin: float = 6.0) -> None:
        self.answer, self.margin = answer, margin
        self.calls = 0

    def read(self, question: str, contexts: Sequence[str]) -> list[SpanScore]:
        return self.score(question, contexts, []).best

    def score(self, question: str, contexts: Sequence[str],
              spans: Sequence[Sequence[tuple[int, int]]]) -> SpanReading:
        self.calls += 1
        best = [SpanScore(i, c.find(self.answer), c.find(self.answer) + len(self.answer), 10.0 + self.margin, 10.0)
                for i, c in enumerate(contexts) if self.answer in c]
        scored = [[SpanScore(i, a, b, 10.0 + (self.margin if contexts[i][a:b] == self.answer else -8.0), 10.0)
                   for a, b in mine] for i, mine in enumerate(spans)]
        return SpanReading(best, scored)


def _contexts(q, found):
    return ExtractiveAnswerer(ScriptedIndex(), AnswerSettings()).contexts(q, found)


def test_each_candidate_gets_the_readers_score_of_it():
    q, found = analyse("Bao nhiêu cán bộ được luân chuyển?"), _retrieved(_sentence(S1, 0.6))
    contexts = _contexts(q, found)
    from qa.candidates import find_candidates

    [rows] = reader_evidence(ScriptedScorer("137"), q, found, contexts, [find_candidates(S1)])
    by_text = {c.text: f for c, f in rows}
    assert by_text["137"]["reader_gap"] == 0.0 and by_text["137"]["reader_top"] == 1.0
    other = by_text["81"]
    assert other["reader_gap"] == pytest.approx(-1.4) and other.get("reader_top", 0.0) == 0.0
    # how sure the reader is that there is an answer: the same on every candidate, for the calibration
    assert [f["reader_best"] for f in by_text.values()] == [pytest.approx(0.6)] * len(by_text)
    assert "reader_gap_en" not in other and "reader_best_en" not in other


def test_the_readers_own_span_joins_the_candidates_when_no_recogniser_found_it():
    q, found = analyse("Ai được thẩm định?"), _retrieved(_sentence(S1, 0.6))
    contexts = _contexts(q, found)
    [rows] = reader_evidence(ScriptedScorer("hồ sơ được thẩm định"), q, found, contexts, [[]])
    [(cand, features)] = rows
    assert cand.ctype == READER_CTYPE and S1[cand.start:cand.end] == "hồ sơ được thẩm định"
    assert features["reader_top"] == 1.0


def test_offsets_go_through_the_window_around_the_sentence():
    found = _retrieved(_sentence(S2, 0.6))
    window = around(found, found.sentences[0])
    assert window.text[window.offset:window.offset + len(S2)] == S2 and window.offset > 0  # S1 comes before it
    q = analyse("How many comrades were sent to study in 2019?")
    contexts = _contexts(q, found)
    [rows] = reader_evidence(ScriptedScorer("15"), q, found, contexts, [[]])
    [(cand, features)] = rows
    assert cand.text == "15" and S2[cand.start:cand.end] == "15"
    assert features["reader_gap_en"] == features["reader_gap"] == 0.0
    assert features["reader_best_en"] == features["reader_best"] == pytest.approx(0.6)


def test_a_span_the_reader_cannot_see_is_marked_unseen():
    class Blind(ScriptedScorer):
        def score(self, question, contexts, spans):
            return SpanReading([], [[None] * len(s) for s in spans])

    q, found = analyse("Bao nhiêu cán bộ?"), _retrieved(_sentence(S1, 0.6))
    from qa.candidates import find_candidates

    [rows] = reader_evidence(Blind("x"), q, found, _contexts(q, found), [find_candidates(S1)])
    assert rows and all(f == {"reader_unseen": 1.0, "reader_best": -2.0} for _, f in rows)


def test_a_ranker_fitted_on_the_reader_follows_it_and_one_without_never_runs_it():
    q, found = analyse("Có bao nhiêu hồ sơ?"), _retrieved(_sentence(S1, 0.6))
    ranker = Ranker(weights={"reader_top": 10.0}, bias=0.0, threshold=0.5, meta={"reader": {"sha256": "x"}})
    scorer = ScriptedScorer("81")
    answer = ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), ranker, reader=scorer).answer(q, found)
    assert answer.span == "81" and scorer.calls == 1 and ranker.reads
    plain = ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), Ranker(weights={"sim": 1.0}, bias=0.0))
    scored = plain.score(q, found)
    assert scored and not any(k.startswith("reader_") for s in scored for k in s.features)
    with pytest.raises(LookupError):
        plain.reader  # noqa: B018 - made without one


def test_the_reader_is_made_on_the_first_question_only():
    made: list[ScriptedScorer] = []

    def factory() -> ScriptedScorer:
        made.append(ScriptedScorer("137"))
        return made[-1]

    answerer = ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), Ranker(weights={"reader_top": 1.0}, bias=0.0),
                                  reader=factory)
    assert made == []
    q = analyse("Bao nhiêu cán bộ được luân chuyển?")
    answerer.score(q, _retrieved(_sentence(S1, 0.6)))
    answerer.score(q, _retrieved(_sentence(S1, 0.6)))
    assert len(made) == 1 and made[0].calls == 2


def test_where_the_reader_cannot_load_the_ranker_fitted_without_it_answers(caplog):
    from vectorstore.errors import ModelMissing

    def missing():
        raise ModelMissing("the tokenizer is missing; run `qa models fetch`")

    plain = Ranker(weights={"type:count:COUNT": 4.0, "context": 6.0, "sim": 1.0}, bias=-6.0, threshold=0.5)
    reads = Ranker(weights={"reader_top": 10.0}, bias=0.0, threshold=0.9, meta={"reader": {"sha256": "x"}},
                   fallback=plain)
    assert Ranker.from_json(reads.to_json()) == reads  # the fallback travels in the same file
    answerer = ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), reads, reader=missing)
    q = analyse("Bao nhiêu cán bộ được luân chuyển?")
    with caplog.at_level("WARNING"):
        answer = answerer.answer(q, _retrieved(_sentence(S1, 0.6)))
        answerer.answer(q, _retrieved(_sentence(S1, 0.6)))
    assert answer.span == "137" and answerer.scoring() == (plain, None)
    assert sum("cannot load" in r.message for r in caplog.records) == 1
