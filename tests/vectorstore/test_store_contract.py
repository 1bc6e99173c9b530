"""One contract for the vector store, run against every backend: embedded Chroma and a real
``chroma run`` server started here on a free loopback port."""

import pytest

from qa.processes import free_port
from vectorstore.bm25 import BM25Index
from vectorstore.chroma_index import ChromaIndex
from vectorstore.client import embedded_client, server_client
from vectorstore.errors import IndexMismatch, StoreUnavailable
from vectorstore.indexer import Indexer
from vectorstore.segment import UndertheseaSegmenter
from vectorstore.types import Article, Chunk, chunk_id_for


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
