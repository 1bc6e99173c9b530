"""News filters in the answering layer: the period a question names, and filters through the
public API (``Assistant.ask/search(since=, until=, sources=)``), on fakes and the real model."""

from datetime import date

import pytest

from qa import Assistant, Settings
from qa.errors import BadInput
from qa.filters import NewsFilter, named_period
from qa.question import analyse

YEAR_2019 = NewsFilter(date(2019, 1, 1), date(2019, 12, 31))
MARCH_2020 = NewsFilter(date(2020, 3, 1), date(2020, 3, 31))


@pytest.mark.parametrize("question, period", [
    ("Năm 2019, TP Móng Cái đã luân chuyển bao nhiêu lượt cán bộ?", YEAR_2019),
    ("Đà Nẵng đã luân chuyển bao nhiêu cán bộ trong năm 2019?", YEAR_2019),
    ("How many cadres did Hải Phòng rotate in 2019?", YEAR_2019),
    ("Cuối năm 2019, Hà Nội có bao nhiêu cán bộ?", YEAR_2019),
    ("Tháng 3/2020, Hà Nội luân chuyển bao nhiêu cán bộ?", MARCH_2020),
    ("tháng 03-2020 Hà Nội luân chuyển bao nhiêu cán bộ?", MARCH_2020),
    ("Trong tháng 3 năm 2020, Hà Nội luân chuyển bao nhiêu cán bộ?", MARCH_2020),
    ("How many cadres did Hà Nội rotate in March 2020?", MARCH_2020),
    ("What happened in march of 2020 in Hà Nội?", MARCH_2020),
    ("THÁNG 2/2024 có gì?", NewsFilter(date(2024, 2, 1), date(2024, 2, 29))),
])
def test_an_explicit_year_or_month_is_the_period(question, period):
    assert named_period(question) == period
    assert analyse(question).period == period


@pytest.mark.parametrize("question", [
    "Thành phố Hồ Chí Minh quy hoạch cán bộ nguồn đến năm 2025 ra sao?",   # a horizon
    "Từ năm 2019 đến nay, Hà Nội luân chuyển bao nhiêu cán bộ?",            # the start of a range
    "Nhiệm kỳ 2020-2025 có bao nhiêu ủy viên?",                             # a term, no "năm"
    "Năm 2019-2020 Hà Nội luân chuyển bao nhiêu cán bộ?",
    "How many cadres will Hà Nội rotate by 2025?",
    "How many cadres did Hà Nội rotate in 2019-2020?",
    "Năm 2019 và năm 2020, Móng Cái luân chuyển bao nhiêu cán bộ?",         # two periods: none
    "Việt Nam 2019 có bao nhiêu cán bộ?",                                  # "Nam" is not "năm"
    "Kế hoạch số 15/KH-UBND năm nào?",
    "Tháng 13/2020 có gì?",                                                # not a month
    "Quyết định 1841-QĐ/TU quy định gì?",
])
def test_no_single_explicit_period_is_none(question):
    assert named_period(question) is None


# -- through the assistant, with fakes ------------------------------------------------------------
# The bundled articles: 000 2019-01-13 (HNP), 001 2020-10-12 (HNMO), 002 2020-02-15 (no source),
# 003 undated (QPTĐ), 004 2016-12-26 (TTXVN).
MC_Q = "Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?"
MONG_CAI = "002_b05b5ef40b98d4fc"


def _bot(tmp_path, fake_embedder, word_chunker, **retrieval):
    settings = Settings.load(data_dir=tmp_path, retrieval=retrieval)
    return Assistant(settings, embedder=fake_embedder, chunker=word_chunker)


@pytest.fixture
def fake_bot(tmp_path, fake_embedder, word_chunker):
    return _bot(tmp_path, fake_embedder, word_chunker)


def test_since_until_and_sources_narrow_search_and_keep_k(fake_bot):
    in_2019_2020 = fake_bot.search("cán bộ luân chuyển", k=8, since="2019-01-01", until=date(2020, 12, 31))
    assert len(in_2019_2020) == 8
    assert {p.doc_id for p in in_2019_2020} <= {"000_09b12ad68df174b1", "001_250846a6894a7a98", MONG_CAI}
    assert all("2019-01-01" <= p.published[:10] <= "2020-12-31" for p in in_2019_2020)
    by_source = fake_bot.search("cán bộ luân chuyển", k=5, sources=["hnmo"])
    assert len(by_source) == 5 and {p.source for p in by_source} == {"HNMO"}
    assert fake_bot.search("cán bộ luân chuyển", k=5, sources=["no such paper"]) == []


def test_an_answer_quotes_only_articles_that_pass_the_filter(fake_bot):
    assert fake_bot.ask(MC_Q).citations[0].doc_id == MONG_CAI
    retrieved = fake_bot.retrieve(MC_Q, since="2019-01-01", until="2019-12-31")
    assert {p.doc_id for p in [*retrieved.passages, *retrieved.sentences]} == {"000_09b12ad68df174b1"}
    answer = fake_bot.ask(MC_Q, since="2019-01-01", until="2019-12-31")
    assert MONG_CAI not in {c.doc_id for c in answer.citations}
    assert {c.doc_id for c in fake_bot.ask(MC_Q, until="2016-12-31").citations} <= {"004_22a6cced370bfae8"}


@pytest.mark.parametrize("kwargs, says", [
    ({"since": "2020-13-01"}, "since must be a date written YYYY-MM-DD"),
    ({"until": "15/02/2020"}, "until must be a date written YYYY-MM-DD"),
    ({"since": "2020-02-01", "until": "2020-01-01"}, "is after until"),
    ({"sources": [""]}, "a source must be a non-empty name"),
])
def test_bad_filters_are_bad_input_before_anything_loads(tmp_path, word_chunker, kwargs, says):
    bot = Assistant(Settings.load(data_dir=tmp_path, cache_dir=tmp_path / "no-models"), chunker=word_chunker)
    for call in (bot.ask, bot.search):
        with pytest.raises(BadInput, match=says):
            call("cán bộ", **kwargs)
    assert bot._index is None and bot._embedder is None


def test_a_named_year_narrows_the_question_only_when_asked_to_and_articles_are_dated_then(tmp_path, fake_embedder,
                                                                                          word_chunker):
    off = _bot(tmp_path / "off", fake_embedder, word_chunker, period_from_question=False)
    assert MONG_CAI in {p.doc_id for p in off.search(MC_Q)}, "switched off, the question's year is no filter"
    on = _bot(tmp_path / "on", fake_embedder, word_chunker, period_from_question=True, period_report_days=0)
    # the one article dated 2019, and the undated one (nothing says it is outside 2019)
    assert {p.doc_id for p in on.search(MC_Q)} == {"000_09b12ad68df174b1", "003_c57f854662c56398"}
    # by default a year's reports published up to a year after it count too: Móng Cái's review of
    # 2019 is dated 2020-02-15
    reported = _bot(tmp_path / "reported", fake_embedder, word_chunker, period_from_question=True)
    found = reported.search(MC_Q, k=10)
    assert MONG_CAI in {p.doc_id for p in found}
    assert all(p.published is None or "2019-01-01" <= p.published[:10] <= "2020-12-31" for p in found)
    # no article is dated 2023: the year is ignored, so an undated corpus answers as before
    assert len({p.doc_id for p in on.search("Năm 2023, Hà Nội luân chuyển bao nhiêu cán bộ?")}) > 1
    # an explicit filter replaces the named period, whatever it restricts
    assert on.search(MC_Q, since="2020-01-01")[0].doc_id == MONG_CAI
    by_source = {p.doc_id for p in on.search(MC_Q, k=10, sources=["HNMO", "hnp"])}
    assert by_source == {"000_09b12ad68df174b1", "001_250846a6894a7a98"}


# -- the real model and store ----------------------------------------------------------------------
@pytest.mark.real
def test_a_filtered_real_search_keeps_k_and_leaves_out_what_does_not_pass(real_assistant):
    found = real_assistant.retrieve(MC_Q, 5, until="2019-12-31")
    assert len(found.passages) == 5
    assert {p.doc_id for p in found.passages} <= {"000_09b12ad68df174b1", "004_22a6cced370bfae8"}
    assert {s.doc_id for s in found.sentences} <= {"000_09b12ad68df174b1", "004_22a6cced370bfae8"}
    assert real_assistant.search(MC_Q, 1, sources=["hnmo", "HNP"])[0].doc_id in {"000_09b12ad68df174b1",
                                                                                 "001_250846a6894a7a98"}
    assert real_assistant.search(MC_Q, 1)[0].doc_id == MONG_CAI, "no filter: as before"


def test_the_answer_says_which_filter_narrowed_it(fake_bot):
    assert fake_bot.ask(MC_Q, since="2020-01-01").filtered_by == "published 2020-01-01..…"
    assert fake_bot.ask("Hà Nội luân chuyển bao nhiêu cán bộ?").filtered_by is None
    assert fake_bot.ask(MC_Q).filtered_by == "published 2019-01-01..2020-12-31 or undated"
