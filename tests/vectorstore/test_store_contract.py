"""One contract for the vector store, run against every backend: embedded Chroma and a real
``chroma run`` server started here on a free loopback port."""

import hashlib
from datetime import date

import numpy as np
import pytest

from qa.processes import free_port
from vectorstore.bm25 import BM25Index
from vectorstore.chroma_index import ChromaIndex
from vectorstore.client import embedded_client, server_client
from vectorstore.errors import IndexMismatch, StoreUnavailable
from vectorstore.filters import NewsFilter
from vectorstore.indexer import Indexer
from vectorstore.segment import SyllableSegmenter, UndertheseaSegmenter
from vectorstore.sentences import SPLITTER_VERSION
from vectorstore.types import Article, ArticleUnits, Chunk, chunk_id_for


@pytest.fixture(params=["embedded", "server"])
def client(request, tmp_path):
    if request.param == "embedded":
        return embedded_client(tmp_path / "chroma")
    port = request.getfixturevalue("chroma_server")
    return server_client(host="127.0.0.1", port=port)


@pytest.fixture
def store(client, fake_embedder, word_chunker, request):
    name = "c" + request.node.name.split("[")[-1].rstrip("]")[:6] + str(abs(hash(request.node.nodeid)) % 10**8)
    index = ChromaIndex(client, name=name, model_id=fake_embedder.model_id, dimension=256)
    index.reset()
    yield index
    index.reset()


@pytest.mark.server
def test_sync_is_idempotent_and_queries_agree(store, fake_embedder, word_chunker, corpus_copy):
    indexer = Indexer(store, fake_embedder, word_chunker, segmenter=UndertheseaSegmenter(), show_progress=False)
    assert len(indexer.sync([corpus_copy]).added) == 5
    count = store.count()
    assert indexer.sync([corpus_copy]).chunks_embedded == 0 and store.count() == count
    hit = store.query(fake_embedder.embed_query("Móng Cái luân chuyển điều động 20 lượt cán bộ"), 3)[0]
    assert hit.doc_id == "002_b05b5ef40b98d4fc"
    assert {r.doc_id for r in store.articles()} == store.chunk_doc_ids()
    sentence = store.query_sentences(fake_embedder.embed_query("Riêng trong năm 2019 vừa qua, thành phố đã thực hiện luân chuyển, điều động 20 lượt cán bộ"), 1, ["002_b05b5ef40b98d4fc"])[0]
    assert "20" in sentence.text and store.chunk_covering(sentence.doc_id, sentence.start, sentence.end)
    bm25 = BM25Index(store, UndertheseaSegmenter(), cache_dir=None)
    assert bm25.search("Móng Cái luân chuyển lượt cán bộ", 1)[0].doc_id == "002_b05b5ef40b98d4fc"


@pytest.mark.server
def test_replace_delete_and_model_guard(store, fake_embedder, word_chunker, corpus_copy):
    indexer = Indexer(store, fake_embedder, word_chunker, show_progress=False)
    indexer.sync([corpus_copy])
    (corpus_copy / "004_22a6cced370bfae8.txt").unlink()
    assert indexer.sync([corpus_copy]).removed == ["004_22a6cced370bfae8"]
    assert "004_22a6cced370bfae8" not in store.chunk_doc_ids()
    other = ChromaIndex(store.client, name=store.name, model_id="another/768", dimension=768)
    with pytest.raises(IndexMismatch):
        other.query([0.0] * 768, 1)


@pytest.mark.server
def test_server_down_is_a_clear_error():
    with pytest.raises(StoreUnavailable, match="chroma run"):
        server_client(host="127.0.0.1", port=free_port())


@pytest.mark.server
def test_assistant_uses_a_server_by_configuration_alone(chroma_server, tmp_path, fake_embedder, word_chunker):
    from qa import Assistant, Settings

    settings = Settings.load(data_dir=tmp_path, index={"backend": "server", "host": "127.0.0.1", "port": chroma_server,
                                                       "name": "viaconfig"})
    bot = Assistant(settings, embedder=fake_embedder, chunker=word_chunker)
    ans = bot.ask("Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?")
    assert ans.span == "20" and ans.citations[0].doc_id == "002_b05b5ef40b98d4fc"
    assert not (tmp_path / "chroma").exists(), "nothing was written to an embedded store"


@pytest.mark.server
def test_ef_search_is_set_on_new_collections_and_changed_on_existing(client, fake_embedder, request):
    name = "ef" + str(abs(hash(request.node.nodeid)) % 10**8)

    def ef_of(index):
        index.count()  # opens the collections
        return {c: client.get_collection(c).configuration["hnsw"]["ef_search"] for c in (name, f"{name}_sentences")}

    first = ChromaIndex(client, name=name, model_id=fake_embedder.model_id, dimension=256, ef_search=250)
    first.reset()
    try:
        assert ef_of(first) == {name: 250, f"{name}_sentences": 250}
        later = ChromaIndex(client, name=name, model_id=fake_embedder.model_id, dimension=256, ef_search=600)
        assert ef_of(later) == {name: 600, f"{name}_sentences": 600}
        assert ChromaIndex(client, name=name, model_id=fake_embedder.model_id, dimension=256).ef_search == 400
    finally:
        first.reset()


@pytest.mark.server
def test_scores_among_given_ids_are_those_of_a_full_search(store, fake_embedder, word_chunker, corpus_copy):
    Indexer(store, fake_embedder, word_chunker, show_progress=False).sync([corpus_copy])
    query = fake_embedder.embed_query("Móng Cái luân chuyển điều động 20 lượt cán bộ")
    everything = store.query(query, store.count())
    asked = [h.chunk_id for h in everything[3:9]][::-1] + ["no-such-chunk", everything[4].chunk_id]
    among = store.query(query, 4, ids=asked)
    assert [h.chunk_id for h in among] == [h.chunk_id for h in everything[3:7]]
    assert [round(h.score, 5) for h in among] == [round(h.score, 5) for h in everything[3:7]]
    assert (among[0].text, among[0].doc_id, among[0].start) == (everything[3].text, everything[3].doc_id,
                                                                 everything[3].start)
    assert store.query(query, 3, ids=["no-such-chunk"]) == [] and store.query(query, 3, ids=[]) == []


@pytest.mark.server
def test_sentences_among_articles_are_those_of_a_full_search(store, fake_embedder, word_chunker, corpus_copy,
                                                            monkeypatch):
    Indexer(store, fake_embedder, word_chunker, show_progress=False).sync([corpus_copy])
    query = fake_embedder.embed_query("Móng Cái luân chuyển điều động 20 lượt cán bộ")
    everything = store.query_sentences(query, 100_000, None)
    among = ["002_b05b5ef40b98d4fc", "004_22a6cced370bfae8"]
    expected = [h for h in everything if h.doc_id in among][:7]
    scored = store.query_sentences(query, 7, among)  # read and scored here
    assert [h.chunk_id for h in scored] == [h.chunk_id for h in expected]
    assert [round(h.score, 5) for h in scored] == [round(h.score, 5) for h in expected]
    assert (scored[0].text, scored[0].start, scored[0].end) == (expected[0].text, expected[0].start, expected[0].end)
    assert [h.chunk_id for h in store.query_sentences(query, 3, among[:1])] == [
        h.chunk_id for h in everything if h.doc_id == among[0]][:3]
    assert [h.chunk_id for h in store.query_sentences(query, 7, among + among[:1])] == [h.chunk_id for h in expected]
    # a count written for other content (a writer that does not keep it): not trusted
    _, catalog = store._collections()
    catalog.update(ids=among, metadatas=[{"n_sentences": 1, "content_hash": "rewritten"}] * 2)
    assert [h.chunk_id for h in store.query_sentences(query, 7, among)] == [h.chunk_id for h in expected]
    monkeypatch.setattr("vectorstore.chroma_index.MAX_SCORED_ARTICLES", 1)  # a wide set: Chroma's own query
    assert [h.chunk_id for h in store.query_sentences(query, 7, among)] == [h.chunk_id for h in expected]
    assert store.query_sentences(query, 3, ["no-such-article"]) == [] and store.query_sentences(query, 3, []) == []


@pytest.mark.server
def test_an_empty_index_answers_every_search_with_nothing(store, fake_embedder):
    query = fake_embedder.embed_query(QUESTION)
    period = NewsFilter.parse(since="2019-01-01")
    assert store.query(query, 5) == [] and store.query(query, 5, news_filter=period) == []
    assert store.query_sentences(query, 5, None) == [] and store.query_sentences(query, 5, ["a"]) == []
    assert store.query_sentences(query, 5, None, news_filter=period) == []


@pytest.mark.server
def test_chunk_covering_finds_the_chunk_holding_a_span(store, fake_embedder, word_chunker, corpus_copy):
    Indexer(store, fake_embedder, word_chunker, show_progress=False).sync([corpus_copy])
    doc_id = "002_b05b5ef40b98d4fc"
    record = store.get_article(doc_id)
    chunks = store.get_chunks([chunk_id_for(doc_id, i) for i in range(record.n_chunks)])
    assert len(chunks) == record.n_chunks > 2
    for i, chunk in enumerate(chunks):
        assert store.chunk_covering(doc_id, chunk.end - 1, chunk.end).chunk_id == chunk_id_for(doc_id, i)
    assert store.chunk_covering(doc_id, 0, chunks[-1].end + 1) is None
    assert store.chunk_covering("no-such-article", 0, 1) is None
    store._mark_pending([(doc_id, None)])  # as an interrupted rewrite leaves it: no chunk count
    assert store.chunk_covering(doc_id, chunks[1].end - 1, chunks[1].end).chunk_id == chunk_id_for(doc_id, 1)


@pytest.mark.server
def test_chunk_covering_prefers_the_earlier_of_overlapping_chunks(store, fake_embedder):
    text = "Một hai ba bốn năm sáu bảy tám chín mười mười một mười hai."
    chunks = [Chunk(doc_id="ov", index=0, text=text[:30], start=0, end=30, n_tokens=7, title="t"),
              Chunk(doc_id="ov", index=1, text=text[20:], start=20, end=len(text), n_tokens=8, title="t")]
    store.put_article(Article(doc_id="ov", title="t", text=text), chunks,
                      fake_embedder.embed_documents([c.text for c in chunks]))
    assert store.chunk_covering("ov", 22, 28).chunk_id == "ov::0000"
    assert store.chunk_covering("ov", 25, 35).chunk_id == "ov::0001"


# -- news filters: inside every search, on every backend ------------------------------------------
NEWS = [("d2018", "2018-11-20T09:00", "HNMO"), ("d2019a", "2019-01-13T22:05", "HNMO"),
        ("d2019b", "2019-06-30", "VnExpress"), ("d2019c", "2019-12-31T23:59", "Tuổi Trẻ"),
        ("d2020a", "2020-01-01T00:10", "vnexpress"), ("d2020b", "2020-02-15T06:45", "BQN"),
        ("undated", None, "HNMO"), ("nosource", "2019-03-03", None)]
# filter -> the articles it lets through, written out (not computed by the code under test)
EXPECTED = [
    (NewsFilter(since=date(2019, 1, 1)), {"d2019a", "d2019b", "d2019c", "d2020a", "d2020b", "nosource"}),
    (NewsFilter(until=date(2019, 12, 31)), {"d2018", "d2019a", "d2019b", "d2019c", "nosource"}),
    (NewsFilter.parse(since="2019-01-01", until="2019-12-31"), {"d2019a", "d2019b", "d2019c", "nosource"}),
    (NewsFilter.parse(since="2019-12-31", until="2019-12-31"), {"d2019c"}),
    (NewsFilter.parse(sources=["VNEXPRESS"]), {"d2019b", "d2020a"}),
    (NewsFilter.parse(sources=["tuổi trẻ", "BQN", "hnmo"]), {"d2018", "d2019a", "d2019c", "d2020b", "undated"}),
    (NewsFilter.parse(since="2019-02-01", sources=["hnmo", "vnexpress"]), {"d2019b", "d2020a"}),
    (NewsFilter(date(2019, 1, 1), date(2019, 12, 31), keep_undated=True),
     {"d2019a", "d2019b", "d2019c", "nosource", "undated"}),
    (NewsFilter.parse(since="2030-01-01"), set()),
    (NewsFilter.parse(sources=["no such paper"]), set()),
]
QUESTION = "thành phố luân chuyển điều động lượt cán bộ"


def _news_article(doc_id: str, published: str | None, source: str | None) -> Article:
    body = " ".join(f"Câu {i}: thành phố luân chuyển cán bộ, điều động {i} lượt cán bộ trong đợt này."
                    for i in range(12))
    return Article(doc_id=doc_id, title=f"Tin {doc_id}", text=f"Tin {doc_id}\n\n{body}", published=published,
                   source=source)


@pytest.fixture
def news(store, fake_embedder, word_chunker):
    """``store`` holding NEWS (several chunks and sentences each); returns chunk ids by article."""
    seg = SyllableSegmenter()
    items = []
    for doc_id, published, source in NEWS:
        article = _news_article(doc_id, published, source)
        chunks, sents = word_chunker.split(article), word_chunker.sentences(article)
        items.append(ArticleUnits(article, chunks, [_spread(c.chunk_id) for c in chunks], sents,
                                  [_spread(s.chunk_id) for s in sents],
                                  [" ".join(seg.terms(c.text)) for c in chunks]))
    store.put_articles(items)
    chunk_ids = {it.article.doc_id: [c.chunk_id for c in it.chunks] for it in items}
    assert all(len(ids) >= 3 for ids in chunk_ids.values())
    return chunk_ids


def _spread(key: str) -> list[float]:
    """A unit vector of its own for every unit: the articles' sentences read alike, and lexical
    vectors of alike text tie, which would let two rankings differ only in how ties fell."""
    seed = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")
    v = np.random.default_rng(seed).standard_normal(256)
    return list(v / np.linalg.norm(v))


def _docs(hits) -> set[str]:
    return {h.doc_id for h in hits}


@pytest.mark.server
@pytest.mark.parametrize("news_filter, expected", EXPECTED, ids=["since", "until", "year", "one-day", "source",
                                                              "sources", "since-and-sources", "year-or-undated", "no-dates",
                                                              "no-source"])
def test_a_news_filter_restricts_every_search_exactly(store, news, fake_embedder, news_filter, expected,
                                                     monkeypatch):
    query = fake_embedder.embed_query(QUESTION)
    chunks = [cid for d in expected for cid in news[d]]
    everything = [cid for ids in news.values() for cid in ids]
    found = store.query(query, len(everything), news_filter=news_filter)
    assert sorted(h.chunk_id for h in found) == sorted(chunks), "exactly the matching chunks, all of them"
    if len(chunks) >= 3:
        assert len(store.query(query, 3, news_filter=news_filter)) == 3, "k is filled when k chunks match"
    # unfiltered reads kept when they pass, or Chroma's own filtered query: the same units,
    # in the same order, with the same scores
    def ranked():
        return ([[(h.chunk_id, round(h.score, 5)) for h in store.query(query, k, news_filter=news_filter)]
                 for k in (2, 7)],
                [(h.chunk_id, round(h.score, 5)) for h in store.query_sentences(query, 5, None, news_filter=news_filter)])
    widened = ranked()
    monkeypatch.setattr("vectorstore.chroma_index.WIDENINGS", 0)
    assert ranked() == widened
    monkeypatch.undo()
    among = store.query(query, len(everything), ids=everything, news_filter=news_filter)
    assert sorted(h.chunk_id for h in among) == sorted(chunks)
    assert sorted(h.chunk_id for h in store.get_chunks(everything, news_filter=news_filter)) == sorted(chunks)
    assert _docs(store.query_sentences(query, 1000, None, news_filter=news_filter)) == expected
    assert _docs(store.query_sentences(query, 1000, ["d2019b", "undated"], news_filter=news_filter)) == (
        expected & {"d2019b", "undated"})
    assert store.has_articles(news_filter) is bool(expected)
    bm25 = BM25Index(store, SyllableSegmenter(), cache_dir=None)
    keyword = bm25.search(QUESTION, len(everything), news_filter=news_filter)
    assert sorted(h.chunk_id for h in keyword) == sorted(chunks)
    assert bm25.admits_any(news_filter) is bool(expected)
    if len(chunks) >= 3:
        assert len(bm25.search(QUESTION, 3, news_filter=news_filter)) == 3


@pytest.mark.server
def test_a_filtered_search_skips_reads_too_small_to_hold_k_that_pass(store, news, fake_embedder, monkeypatch):
    one_day = NewsFilter.parse(since="2019-12-31", until="2019-12-31")  # 1 article of 8
    assert store._share(one_day, None) == 1 / 8
    assert store._share(None, ["d2019c", "d2020a"]) == 2 / 8
    assert store._share(NewsFilter.parse(since="2030-01-01"), None) == 0.0
    reads = []
    real = store._query

    def spy(coll, embedding, n, where, keep=None):
        reads.append((n, where is not None))
        return real(coll, embedding, n, where, keep)

    monkeypatch.setattr(store, "_query", spy)
    query = fake_embedder.embed_query(QUESTION)
    found = store.query(query, 2, news_filter=one_day)
    assert reads == [(32, False)], "the k*4 read would hold 1 that passes, not 2: skipped"
    assert _docs(found) == {"d2019c"} and len(found) == 2
    reads.clear()
    monkeypatch.setattr("vectorstore.chroma_index.WIDENINGS", 1)
    assert store.query(query, 2, news_filter=one_day) == found
    assert reads == [(2, True)], "no unfiltered read is expected to hold k: Chroma's filter at once"


@pytest.mark.server
def test_the_share_a_filter_keeps_follows_the_stores_own_writes(store, news, fake_embedder):
    one_day = NewsFilter.parse(since="2019-12-31", until="2019-12-31")
    assert store._share(one_day, None) == 1 / 8
    article = _news_article("late", "2019-12-31T08:00", "HNMO")
    store.put_article(article, [], [])
    assert store._share(one_day, None) == 2 / 9
    store.delete_article("late")
    store.delete_article("d2019c")
    assert store._share(one_day, None) == 0.0
    store.reset()
    assert store._share(one_day, None) is None, "an empty index: no estimate"


@pytest.mark.server
def test_without_a_filter_every_article_is_searched(store, news, fake_embedder):
    query = fake_embedder.embed_query(QUESTION)
    n = sum(len(ids) for ids in news.values())
    assert _docs(store.query(query, n)) == _docs(store.query(query, n, news_filter=NewsFilter())) == set(news)
    assert len(BM25Index(store, SyllableSegmenter(), cache_dir=None).search(QUESTION, n)) == n


def _as_layout_2(client, name: str) -> None:
    """Make an index look as vnqa 0.x (layout 2) left it: no filter keys, schema 2."""
    for coll in (client.get_collection(n) for n in (name, f"{name}_articles", f"{name}_sentences")):
        ids = coll.get(include=[])["ids"]
        coll.update(ids=ids, metadatas=[{"day": None, "source_key": None, "n_sentences": None}] * len(ids))
        coll.modify(metadata={**coll.metadata, "schema": 2})
        assert coll.get(where={"day": {"$gt": 0}}, include=[])["ids"] == []


@pytest.mark.server
def test_an_index_of_layout_2_gets_its_filter_keys_in_place_and_keeps_everything_else(store, news, fake_embedder):
    query = fake_embedder.embed_query(QUESTION)
    n = store.count()
    before = store.query(query, n)
    terms_before = dict(zip(*store.chunk_terms()))
    sentences_before = store.query_sentences(query, 1000, ["d2019b", "undated"])
    _as_layout_2(store.client, store.name)

    again = ChromaIndex(store.client, name=store.name, model_id=fake_embedder.model_id, dimension=256)
    again.check_model()  # not an error: upgraded on opening
    assert store.client.get_collection(store.name).metadata == {
        "embedding_model": fake_embedder.model_id, "embedding_dim": 256, "schema": 3, "splitter": SPLITTER_VERSION}
    assert dict(zip(*again.chunk_terms())) == terms_before, "update added keys, kept the others"
    assert [(h.chunk_id, round(h.score, 6), h.title, h.published, h.source) for h in again.query(query, n)] == [
        (h.chunk_id, round(h.score, 6), h.title, h.published, h.source) for h in before], "nothing re-embedded"
    period, expected = EXPECTED[2]
    assert _docs(again.query(query, n, news_filter=period)) == expected
    assert _docs(again.query_sentences(query, 1000, None, news_filter=period)) == expected
    # records without a sentence count: their sentences are found by article, the same ones
    assert [(h.chunk_id, round(h.score, 6)) for h in again.query_sentences(query, 1000, ["d2019b", "undated"])] == [
        (h.chunk_id, round(h.score, 6)) for h in sentences_before]
    assert again.has_articles(period) and not again.has_articles(NewsFilter.parse(since="2030-01-01"))
    bm25 = BM25Index(again, SyllableSegmenter(), cache_dir=None)
    assert _docs(bm25.search(QUESTION, n, news_filter=period)) == expected
    for name in (store.name, f"{store.name}_articles", f"{store.name}_sentences"):
        assert store.client.get_collection(name).metadata["schema"] == 3


@pytest.mark.server
def test_an_older_layout_is_still_refused(store, news, fake_embedder):
    coll = store.client.get_collection(store.name)
    coll.modify(metadata={**coll.metadata, "schema": 1})
    with pytest.raises(IndexMismatch, match="layout version 1.*qa index --rebuild"):
        ChromaIndex(store.client, name=store.name, model_id=fake_embedder.model_id, dimension=256).query([1.0] * 256, 1)
