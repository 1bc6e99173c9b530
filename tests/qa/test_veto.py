"""The reader's veto over the ranker's answer: its file, its fit, and the answerer obeying it."""

from __future__ import annotations

import math

import pytest

from qa.errors import ConfigError
from qa.extractive import ExtractiveAnswerer
from qa.question import analyse
from qa.reader import SpanReading
from qa.reader_windows import SpanScore
from qa.settings import AnswerSettings
from qa.veto import Veto, fit_margin, load_veto
from tests.fakes import ScriptedIndex
from tests.qa.test_extractive import RANKER, S1, _retrieved, _sentence
from tests.qa.test_reader_evidence import ScriptedScorer


def test_a_veto_round_trips_and_a_broken_file_is_named(tmp_path):
    veto = Veto(margin=-3.25, reader="abc", meta={"limit": 0.05})
    assert Veto.from_json(veto.to_json()) == veto
    path = tmp_path / "veto.json"
    path.write_text('{"margin": "soon"}', encoding="utf-8")
    with pytest.raises(ConfigError, match="not a veto file.*fit_veto"):
        load_veto(path)
    with pytest.raises(ConfigError, match="cannot read the veto"):
        load_veto(tmp_path / "absent.json")


def test_the_veto_withdraws_below_its_margin_and_where_the_reader_found_nothing():
    veto = Veto(margin=-3.0)
    assert veto.withdraws(-3.5) and veto.withdraws(None)
    assert not veto.withdraws(-3.0) and not veto.withdraws(2.0)
    assert Veto(-3.0, reader="a").applies_to("a") and not Veto(-3.0, reader="a").applies_to("b")
    assert Veto(-3.0, reader="a").applies_to(None) and Veto(-3.0).applies_to("b")


def test_the_fit_takes_the_margin_getting_most_right_within_the_false_abstention_limit():
    # (answerable, ranker abstained, ranker right, margin): 20 answerable, 5 % lets one go unanswered
    right = [(True, False, True, float(m)) for m in range(0, 19)]
    wrong = [(True, False, False, -5.0)]
    lookalikes = [(False, False, False, -8.0), (False, False, False, -6.0)]
    # withdrawing both look-alikes (below -5.5) gets two more right; going on to the wrong answer
    # (below -4.5) gets none more and spends the budget; the middle of the tied margins is kept
    margin = fit_margin(right + wrong + lookalikes, limit=0.05)
    assert margin is not None and -6.0 < margin <= -4.5
    # a right answer would have to go for the look-alikes: no better than no veto
    assert fit_margin([(True, False, True, -9.0)] + right[1:] + [(False, False, False, -8.0)], limit=0.05) is None
    # a margin of None (the reader found no span) is always withdrawn, so it uses the budget
    assert fit_margin([(True, False, True, None), (True, False, True, None)] + right + lookalikes, limit=0.05) is None
    assert fit_margin([(True, True, False, None)] * 3 + right, limit=0.05) is None  # already over
    assert fit_margin([], limit=0.05) is None
    # a look-alike the reader found no span for is withdrawn at no cost, below every judged margin
    none_only = fit_margin([(False, False, False, None)] + right, limit=0.05)
    assert none_only is not None and none_only < 0.0
    loose = fit_margin([(True, False, True, 5.0), (False, False, False, 1.0), (False, False, False, 2.0)], limit=1.0)
    assert loose is not None and 2.0 < loose < 5.0


def _answerer(margin: float, veto: Veto | None) -> tuple[ExtractiveAnswerer, ScriptedScorer]:
    scorer = ScriptedScorer("137", margin=margin)
    return ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), RANKER, reader=scorer, veto=veto), scorer


def test_the_ranker_answers_unless_the_reader_finds_no_answer():
    q, found = analyse("Bao nhiêu cán bộ được luân chuyển?"), _retrieved(_sentence(S1, 0.6))
    sure, scorer = _answerer(6.0, Veto(margin=-3.0))
    answer = sure.answer(q, found)
    assert answer.span == "137" and not answer.abstained
    assert scorer.calls == 1  # read once, for the veto: the ranker does not weigh the reader's features
    unsure, _ = _answerer(-5.0, Veto(margin=-3.0))
    withdrawn = unsure.answer(q, found)
    assert withdrawn.abstained and "'137' is withdrawn (margin -5.00 < -3.00)" in withdrawn.reason


def test_a_veto_fitted_for_another_reader_is_not_applied(caplog):
    class Other(ScriptedScorer):
        sha256 = "another"

    q, found = analyse("Bao nhiêu cán bộ được luân chuyển?"), _retrieved(_sentence(S1, 0.6))
    answerer = ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), RANKER, reader=Other("137", margin=-5.0),
                                  veto=Veto(margin=-3.0, reader="fitted"))
    with caplog.at_level("WARNING"):
        assert answerer.answer(q, found).span == "137"
        assert answerer.answer(q, found).span == "137"
    assert sum("another reader file" in r.message for r in caplog.records) == 1


def test_the_veto_never_turns_an_abstention_into_an_answer():
    q = analyse("Bao nhiêu cán bộ được luân chuyển?")
    answerer, scorer = _answerer(6.0, Veto(margin=-3.0))
    answer = answerer.answer(q, _retrieved(_sentence(S1, 0.6), passage_score=0.1))  # below answer.min_score
    assert answer.abstained and "withdrawn" not in (answer.reason or "") and scorer.calls == 0


def test_vietnamese_typed_without_diacritics_is_not_judged_by_the_reader():
    from qa.veto import judged

    assert not judged(analyse("Thanh uy Ha Noi da luan chuyen bao nhieu can bo?"))
    assert judged(analyse("Thành ủy Hà Nội đã luân chuyển bao nhiêu cán bộ?"))
    assert judged(analyse("How many cadres did Hanoi rotate?"))
    q, found = analyse("Co bao nhieu can bo duoc luan chuyen?"), _retrieved(_sentence(S1, 0.6))
    answerer, scorer = _answerer(-5.0, Veto(margin=-3.0))
    assert answerer.answer(q, found).span == "137" and scorer.calls == 0  # not even read


def test_questions_the_veto_does_not_judge_are_never_withdrawn():
    # a look-alike the veto does not judge (bare Vietnamese) is never withdrawn, at any margin
    rows = [(False, False, False, math.inf), (False, False, False, -3.0)] + [
        (True, False, True, float(m)) for m in range(20)]
    margin = fit_margin(rows, limit=0.05)
    assert margin is not None and -3.0 < margin <= 0.0


class CountingScorer(ScriptedScorer):
    """Records how many contexts each reading held."""

    def __init__(self, answer: str, margin: float = 6.0) -> None:
        super().__init__(answer, margin)
        self.read_sizes: list[int] = []

    def score(self, question, contexts, spans):
        self.read_sizes.append(len(contexts))
        return super().score(question, contexts, spans)


def _two_sentences(scorer: ScriptedScorer) -> tuple[ExtractiveAnswerer, object, object]:
    from tests.qa.test_extractive import S2

    q = analyse("Bao nhiêu cán bộ được luân chuyển?")
    found = _retrieved(_sentence(S1, 0.6), _sentence(S2, 0.5))
    return ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), RANKER, reader=scorer, veto=Veto(margin=-3.0)), q, found


def test_the_veto_reads_the_quoted_sentence_alone_when_the_reader_is_sure_of_it():
    scorer = CountingScorer("137", margin=6.0)
    answerer, q, found = _two_sentences(scorer)
    assert answerer.answer(q, found).span == "137"
    assert scorer.read_sizes == [1]  # the other sentence was never read


class TwoSpanScorer(CountingScorer):
    """Sure of "15" (margin 6), unsure of "137" (margin −5): its best spans are both, wherever they are."""

    def score(self, question, contexts, spans):
        self.read_sizes.append(len(contexts))
        best = [SpanScore(i, c.find(t), c.find(t) + len(t), 10.0 + m, 10.0)
                for t, m in (("15", 6.0), ("137", -5.0)) for i, c in enumerate(contexts) if t in c]
        return SpanReading(sorted(best, key=lambda s: -s.score), [[None for _ in mine] for mine in spans])


def test_the_veto_weighs_the_quoted_sentence_not_the_others():
    # unsure of the span in the quoted sentence, sure of one in the other sentence: the reader
    # does not find an answer where the ranker did, so it is withdrawn, the other never read
    two = TwoSpanScorer("137")
    answerer, q, found = _two_sentences(two)
    withdrawn = answerer.answer(q, found)
    assert withdrawn.abstained and "margin -5.00 < -3.00" in withdrawn.reason
    assert two.read_sizes == [1]


def test_a_quoted_sentence_the_reader_finds_nothing_in_leaves_the_others_to_decide():
    # no span of the reader's lies in the quoted sentence: every sentence, read together, decides
    elsewhere = CountingScorer("15", margin=6.0)
    answerer, q, found = _two_sentences(elsewhere)
    assert answerer.answer(q, found).span == "137"
    assert elsewhere.read_sizes == [1, 2]
    nowhere = CountingScorer("nowhere", margin=6.0)
    answerer, q, found = _two_sentences(nowhere)
    withdrawn = answerer.answer(q, found)
    assert withdrawn.abstained and "it finds no span" in withdrawn.reason
    assert nowhere.read_sizes == [1, 2]


class BatchSensitiveScorer(ScriptedScorer):
    """Like the int8 reader, scores a window a little differently alone than in a batch."""

    def __init__(self, answer: str, margin: float, alone: float) -> None:
        super().__init__(answer, margin)
        self.together, self.alone = margin, margin + alone

    def score(self, question, contexts, spans):
        self.margin = self.alone if len(contexts) == 1 else self.together
        return super().score(question, contexts, spans)


@pytest.mark.parametrize("answer", ["137", "15", "nowhere"])
@pytest.mark.parametrize("margin", [6.0, -2.5, -2.8, -3.2])
@pytest.mark.parametrize("alone", [0.0, 0.5, -0.5])
def test_the_answerer_withdraws_by_the_margin_the_veto_was_fitted_on(answer, margin, alone):
    # A reader that scores a window alone differently than in a batch (like the int8 graph): the
    # answerer must withdraw exactly where the figure evals.fit_veto weighs says so (at -2.8 with
    # -0.5 alone, the best over all sentences would keep what the quoted sentence withdraws).
    from qa.reader_evidence import position, veto_margin

    scorer = BatchSensitiveScorer(answer, margin, alone)
    answerer, q, found = _two_sentences(scorer)
    contexts = answerer.contexts(q, found)
    unvetoed = ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), RANKER).read(q, found)  # as fit_veto reads it
    fitted = veto_margin(scorer, q.text, found, contexts, first=position(contexts, unvetoed.quoted))
    answer_ = answerer.answer(q, found)
    assert answer_.abstained == Veto(-3.0).withdraws(fitted)
    if answer_.abstained:
        assert (f"margin {fitted:.2f} < -3.00" if fitted is not None else "it finds no span") in answer_.reason


def test_the_veto_margin_is_the_quoted_sentences_read_alone():
    from qa.reader_evidence import veto_margin

    answerer, q, found = _two_sentences(ScriptedScorer("137"))
    contexts = answerer.contexts(q, found)
    # the quoted sentence is read alone (a batch of one) and only its own spans count
    sure_alone = BatchSensitiveScorer("137", -3.2, 0.5)
    assert veto_margin(sure_alone, q.text, found, contexts, first=0) == pytest.approx(-2.7)
    assert veto_margin(TwoSpanScorer("137"), q.text, found, contexts, first=0) == pytest.approx(-5.0)
    # an answer that quotes none of the read sentences: every sentence, read together
    assert veto_margin(sure_alone, q.text, found, contexts, first=-1) == pytest.approx(-3.2)


def test_position_finds_the_quoted_sentence_among_the_read_ones():
    from qa.reader_evidence import position
    from tests.qa.test_extractive import S2

    answerer, q, found = _two_sentences(ScriptedScorer("137"))
    contexts = answerer.contexts(q, found)
    assert position(contexts, _sentence(S2, 0.1)) == 1 and position(contexts, None) == -1
    assert answerer.read(q, found).quoted == _sentence(S1, 0.6)


NAMED = "Trưởng Công an xã là Ông Lê Quang Lai, năm nay 52 tuổi."
BEFORE_NAMED = "Xã Vĩnh Tiến có 12 thôn. "  # so the sentence sits inside its window, not at offset 0


def _named_reading(trim_gap: float | None):
    from qa.tagging import Candidate
    from qa.extractive import Reading, Scored
    from qa.types import Passage, Retrieved
    from vectorstore.types import ArticleRecord

    q = analyse("Ai là trưởng Công an xã?")
    article = BEFORE_NAMED + NAMED
    at = len(BEFORE_NAMED)
    hit = Passage(doc_id="b", title="t", text=NAMED, score=0.6, chunk_id=f"b:s{at}", start=at, end=at + len(NAMED))
    whole = Passage(doc_id="b", title="t", text=article, score=0.6, chunk_id="b#0", start=0, end=len(article))
    found = Retrieved(passages=[whole], sentences=[hit], eligible=("b",),
                      articles={"b": ArticleRecord(doc_id="b", title="t", content_hash="", n_chunks=1, text=article)})
    scorer = ScriptedScorer("Lê Quang Lai", margin=6.0)
    answerer = ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), RANKER, reader=scorer,
                                  veto=Veto(margin=-3.0, trim_gap=trim_gap))
    [ctx] = answerer.contexts(q, found)
    start = NAMED.index("Ông Lê Quang Lai")
    chosen = Scored(Candidate("Ông Lê Quang Lai", start, start + 16, "PER"), ctx, {}, 0.9)
    return answerer.vetoed(q, found, Reading(answerer.compose(q, chosen), [chosen], chosen)), scorer, found


def test_the_reader_trims_the_title_before_a_name_it_prefers_without():
    from qa.reader_evidence import around

    trimmed, scorer, found = _named_reading(trim_gap=1.0)
    assert around(found, trimmed.quoted).offset == len(BEFORE_NAMED)  # read inside a wider window
    assert trimmed.answer.span == "Lê Quang Lai" and trimmed.chosen.candidate.start == NAMED.index("Lê Quang Lai")
    citation = trimmed.answer.citations[0]
    assert citation.passage[citation.span_start:citation.span_end] == "Lê Quang Lai"
    assert scorer.calls == 1  # the veto's reading of the quoted sentence scored the shorter spans too


@pytest.mark.parametrize("gap", [None, 20.0])
def test_no_trim_without_a_fitted_gap_or_below_it(gap):
    kept, _, _ = _named_reading(trim_gap=gap)
    assert kept.answer.span == "Ông Lê Quang Lai"


def test_a_veto_file_keeps_its_trimming_gap_and_refuses_a_broken_one():
    veto = Veto(margin=-1.5, trim_gap=1.25)
    assert Veto.from_json(veto.to_json()).trim_gap == 1.25
    assert Veto.from_json('{"margin": -1.5}').trim_gap is None  # a file fitted before trimming: none
    assert veto.trims(1.25) and not veto.trims(1.0) and not veto.trims(None) and not Veto(-1.5).trims(9.0)
    with pytest.raises(ConfigError, match="trim_gap must be a finite number"):
        Veto.from_json('{"margin": -1.5, "trim_gap": "Infinity"}')
