"""Figures as an English reader reads them (qa.figures), and where an English answer shows them."""

from __future__ import annotations

import pytest

from qa.figures import english_figure


@pytest.mark.parametrize("vietnamese,english", [
    ("40.000", "40,000"),
    ("1.285", "1,285"),
    ("4.000 - 5.000", "4,000 - 5,000"),
    ("58,02%", "58.02%"),
    ("2,7 triệu", "2.7 million"),
    ("3,2 tỷ đồng", "3.2 billion dong"),
    ("15,5 nghìn tỷ đồng", "15.5 trillion dong"),
    ("800.000 đồng", "800,000 dong"),
    ("460 tỷ USD", "460 billion USD"),
    ("60 hải lý", "60 nautical miles"),
    ("7,1 độ richter", "7.1 on the Richter scale"),
    # already read alike in both languages
    ("137", "137"),
    ("2019", "2019"),
    ("45km", "45km"),
    ("120 km/h", "120 km/h"),
    # not a Vietnamese number, or part of a longer one: left alone
    ("1,234,567", "1,234,567"),
    ("1.2345", "1.2345"),
    ("1.000.0000", "1.000.0000"),
    ("1.000.000đ", "1,000,000đ"),
])
def test_english_figure(vietnamese, english):
    assert english_figure(vietnamese) == english


def test_an_english_answer_shows_the_figure_as_english_reads_it_and_keeps_the_article_span():
    from qa.extractive import ExtractiveAnswerer
    from qa.question import analyse
    from qa.ranker import Ranker
    from qa.settings import AnswerSettings
    from qa.types import Passage, Retrieved
    from tests.fakes import ScriptedIndex
    from vectorstore.types import ArticleRecord

    article = "Có hơn 40.000 người phải rời bỏ nhà cửa sau trận động đất."
    sentence = Passage(doc_id="a", title="t", text=article, score=0.6, chunk_id="a:s0", start=0, end=len(article))
    found = Retrieved(passages=[sentence], sentences=[sentence], eligible=("a",),
                      articles={"a": ArticleRecord(doc_id="a", title="t", content_hash="", n_chunks=1, text=article)})
    ranker = Ranker(weights={"type:count:COUNT": 8.0}, bias=-4.0, threshold=0.5)
    answerer = ExtractiveAnswerer(ScriptedIndex(), AnswerSettings(), ranker=ranker)
    english = answerer.answer(analyse("How many people had to leave their homes after the earthquake?"), found)
    assert english.span == "40.000" and english.text.startswith("40,000 — «")
    vietnamese = answerer.answer(analyse("Bao nhiêu người phải rời bỏ nhà cửa?"), found)
    assert vietnamese.span == "40.000" and vietnamese.text.startswith("40.000 — «")
