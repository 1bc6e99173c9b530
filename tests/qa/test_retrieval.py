"""Dense, BM25 and hybrid retrievers on the real model (and fusion rules on fakes)."""

import pytest

from qa.retrieval import BM25Retriever, DenseRetriever, HybridRetriever

pytestmark = pytest.mark.real


def test_each_retriever_finds_the_moong_cai_article(real_assistant):
    bot = real_assistant
    q = "Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?"
    for r in (DenseRetriever(bot.index, bot.embedder), BM25Retriever(bot.bm25, bot.index, bot.embedder),
              HybridRetriever(bot.index, bot.embedder, bot.bm25)):
        passages = r.search(q, 3)
        assert passages[0].doc_id == "002_b05b5ef40b98d4fc", type(r).__name__
        assert all(-1 <= p.score <= 1 for p in passages), "scores are cosines whatever the retriever"


def test_english_questions_do_not_use_bm25_by_default(real_assistant):
    bot = real_assistant
    calls = []

    class Spy:
        def search(self, query, k):
            calls.append(query)
            return []

    hybrid = HybridRetriever(bot.index, bot.embedder, Spy())
    hybrid.search("how many cadres did Hà Nội rotate?", 3)
    assert calls == []
    hybrid.search("Hà Nội luân chuyển bao nhiêu cán bộ?", 3)
    assert calls == ["Hà Nội luân chuyển bao nhiêu cán bộ?"]
