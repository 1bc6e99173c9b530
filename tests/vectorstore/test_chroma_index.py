"""ChromaIndex against a real embedded Chroma (fake embedder for speed), and its retries on a
scripted store operation."""

import logging
from dataclasses import replace
from datetime import date

import pytest

from tests.fakes import FlakyOperation
from vectorstore.chroma_index import ChromaIndex
from vectorstore.client import embedded_client
from vectorstore.errors import ConfigError, IndexMismatch, StoreUnavailable
from vectorstore.filters import NewsFilter
from vectorstore.types import Article, ArticleUnits


@pytest.fixture
def client(tmp_path):
    return embedded_client(tmp_path / "chroma")


def _put(index, embedder, chunker, article):
    chunks, sents = chunker.split(article), chunker.sentences(article)
    index.put_article(article, chunks, embedder.embed_documents([c.text for c in chunks]),
                      sents, embedder.embed_documents([s.text for s in sents]))
    return chunks


ARTICLE = Article(doc_id="a1", title="Hà Nội luân chuyển cán bộ",
                  text="Hà Nội luân chuyển cán bộ\n\nTừ đầu nhiệm kỳ, có 137 cán bộ được luân chuyển. Câu khác.",
                  published="2020-10-12", source="HNMO")


def test_put_query_and_catalog(client, fake_embedder, word_chunker):
    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    chunks = _put(index, fake_embedder, word_chunker, ARTICLE)
    assert index.count() == len(chunks)
    hit = index.query(fake_embedder.embed_query("137 cán bộ được luân chuyển"), k=3)[0]
    assert hit.doc_id == "a1" and hit.published == "2020-10-12" and ARTICLE.text[hit.start:hit.end] == hit.text
    [record] = index.articles()
    assert (record.doc_id, record.n_chunks, record.content_hash) == ("a1", len(chunks), ARTICLE.content_hash)
    assert index.get_article("a1").text == ARTICLE.text
    sent = index.query_sentences(fake_embedder.embed_query("137 cán bộ"), 1, ["a1"])[0]
    assert "137" in sent.text
    assert index.chunk_covering("a1", sent.start, sent.end).doc_id == "a1"


def test_put_replaces_and_delete_removes(client, fake_embedder, word_chunker):
    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    _put(index, fake_embedder, word_chunker, ARTICLE)
    _put(index, fake_embedder, word_chunker, ARTICLE)
    assert index.count() == len(word_chunker.split(ARTICLE)), "no duplicate chunks after re-put"
    index.delete_article("a1")
    assert index.count() == 0 and index.articles() == [] and index.chunk_doc_ids() == set()


def test_another_model_is_refused(client, fake_embedder, word_chunker):
    _put(ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256), fake_embedder, word_chunker,
         ARTICLE)
    other = ChromaIndex(client, name="tst", model_id="other-model/768", dimension=768)
    with pytest.raises(IndexMismatch, match="qa index --rebuild"):
        other.query([0.0] * 768, k=1)
    other.reset()
    assert other.count() == 0


def test_bad_k_and_bad_name(client, fake_embedder):
    with pytest.raises(ConfigError):
        ChromaIndex(client, name="bad name!", model_id="m", dimension=1)
    with pytest.raises(ConfigError, match="k must be > 0"):
        ChromaIndex(client, name="tst", model_id="m", dimension=1).query([1.0], k=0)


def test_persists_across_clients(tmp_path, fake_embedder, word_chunker):
    _put(ChromaIndex(embedded_client(tmp_path / "c"), name="tst", model_id=fake_embedder.model_id, dimension=256),
         fake_embedder, word_chunker, ARTICLE)
    again = ChromaIndex(embedded_client(tmp_path / "c"), name="tst", model_id=fake_embedder.model_id, dimension=256)
    assert [r.doc_id for r in again.articles()] == ["a1"]


def _units(embedder, chunker, article, terms=True):
    chunks, sents = chunker.split(article), chunker.sentences(article)
    return ArticleUnits(article, chunks, embedder.embed_documents([c.text for c in chunks]), sents,
                        embedder.embed_documents([s.text for s in sents]),
                        [c.text.lower() for c in chunks] if terms else None)


OTHER = Article(doc_id="b2", title="Móng Cái bầu cử", text="Móng Cái bầu cử\n\nCó 47 người tái cử. Câu thứ hai ở đây.",
                source="BQN")


def test_put_articles_stores_several_in_one_write_and_replaces_them(client, fake_embedder, word_chunker):
    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    items = [_units(fake_embedder, word_chunker, ARTICLE), _units(fake_embedder, word_chunker, OTHER, terms=False)]
    index.put_articles(items)
    index.put_articles(items)  # again: replaced, not doubled
    chunks, sentences = index.unit_counts()
    assert chunks == {"a1": len(items[0].chunks), "b2": len(items[1].chunks)}
    assert sentences == {"a1": len(items[0].sentences), "b2": len(items[1].sentences)}
    assert {(r.doc_id, r.n_chunks) for r in index.articles()} == {("a1", len(items[0].chunks)),
                                                                   ("b2", len(items[1].chunks))}
    ids, terms = index.chunk_terms()
    assert dict(zip(ids, terms))[items[0].chunks[0].chunk_id] == items[0].chunks[0].text.lower()
    assert index.pending_ids() == []


def test_put_articles_refuses_a_doubled_article_before_writing(client, fake_embedder, word_chunker):
    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    item = _units(fake_embedder, word_chunker, ARTICLE)
    with pytest.raises(ValueError, match="only once"):
        index.put_articles([item, item])
    assert index.count() == 0 and index.pending_ids() == []
    with pytest.raises(ValueError, match="exactly one embedding"):
        ArticleUnits(ARTICLE, item.chunks, item.embeddings[:-1] if len(item.chunks) > 1 else [])


def test_a_write_that_dies_half_way_leaves_every_article_of_it_pending(client, fake_embedder, word_chunker,
                                                                       monkeypatch):
    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    items = [_units(fake_embedder, word_chunker, ARTICLE), _units(fake_embedder, word_chunker, OTHER)]
    calls = []

    def dies_on_sentences(coll, units, embeddings, terms=None):
        calls.append(len(units))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the chunks are in, the sentences are not
        return real_add(coll, units, embeddings, terms)

    real_add = index._add_units
    monkeypatch.setattr(index, "_add_units", dies_on_sentences)
    with pytest.raises(KeyboardInterrupt):
        index.put_articles(items)
    assert sorted(index.pending_ids()) == ["a1", "b2"] and index.articles() == []
    assert index.chunk_doc_ids() == {"a1", "b2"}  # half-written vectors, found by the marker


@pytest.fixture
def sleeps(monkeypatch):
    """The delays slept between retries, recorded instead of waited."""
    slept: list[float] = []
    monkeypatch.setattr("time.sleep", slept.append)
    return slept


def _index(delays=(0.5, 1.0, 2.0, 4.0)) -> ChromaIndex:
    return ChromaIndex(object(), name="retries", model_id="m", dimension=2, retry_delays=delays)


def test_an_unreachable_store_is_retried_with_the_given_delays_then_answers(sleeps, caplog):
    op = FlakyOperation(ConnectionError("refused"), ConnectionRefusedError("refused"))
    with caplog.at_level(logging.WARNING, logger="vectorstore.chroma_index"):
        assert _index()._call("count chunks", op) == "ok"
    assert op.calls == 3 and sleeps == [0.5, 1.0]
    assert [r.getMessage() for r in caplog.records] == [
        "Chroma did not answer (ConnectionError); retrying in 0.5 s",
        "Chroma did not answer (ConnectionRefusedError); retrying in 1.0 s"]


def test_a_store_that_stays_down_gives_store_unavailable_after_every_delay(sleeps):
    op = FlakyOperation(*[ConnectionError(f"down {i}") for i in range(10)])
    with pytest.raises(StoreUnavailable, match=r"trying to count chunks \(ConnectionError: down 4\).*Chroma server") as err:
        _index()._call("count chunks", op)
    assert op.calls == 5 and sleeps == [0.5, 1.0, 2.0, 4.0]
    assert str(err.value.__cause__) == "down 4"


def test_no_delays_means_one_attempt(sleeps):
    op = FlakyOperation(ConnectionError("could not connect"))
    with pytest.raises(StoreUnavailable):
        _index(())._call("search", op)
    assert op.calls == 1 and sleeps == []


@pytest.mark.parametrize("error", [IndexMismatch("could not connect, rebuild"), ConfigError("could not connect"),
                                   ValueError("a bad where clause")])
def test_our_errors_and_other_failures_are_raised_at_once_unchanged(sleeps, error):
    op = FlakyOperation(error)
    with pytest.raises(type(error)) as err:
        _index()._call("search", op)
    assert err.value is error and op.calls == 1 and sleeps == []


def test_an_error_caused_by_a_lost_connection_is_retried(sleeps):
    try:
        raise ConnectionRefusedError("refused")
    except ConnectionRefusedError as cause:
        wrapped = RuntimeError("request failed")
        wrapped.__cause__ = cause
    op = FlakyOperation(wrapped, _named("ConnectTimeout"))
    assert _index((0.0, 0.0))._call("search", op) == "ok" and op.calls == 3


def _named(name: str) -> Exception:
    """An exception of an HTTP library's type, by name only (the check goes by type name)."""
    return type(name, (Exception,), {})("timed out")


# -- filter keys: what the store relies on, and keeping them true -------------------------------
def test_chroma_update_and_upsert_merge_metadata_and_none_removes_a_key(client):
    """The layout-2 upgrade sends only the new keys (``update``), and a catalog record rewritten
    without a date sends ``day: None`` (``upsert``): both rely on Chroma merging metadata."""
    coll = client.get_or_create_collection("merge", embedding_function=None)
    coll.add(ids=["a", "b"], embeddings=[[1.0, 0.0], [0.0, 1.0]], documents=["a", "b"],
             metadatas=[{"terms": "can bo", "published": "2019-01-13"}, {"terms": "x", "day": 20190113}])
    coll.update(ids=["a"], metadatas=[{"day": 20190113}])
    coll.upsert(ids=["b"], embeddings=[[0.0, 1.0]], documents=["b"], metadatas=[{"day": None, "title": "t"}])
    got = coll.get(ids=["a", "b"])
    assert dict(zip(got["ids"], got["metadatas"])) == {
        "a": {"terms": "can bo", "published": "2019-01-13", "day": 20190113}, "b": {"terms": "x", "title": "t"}}


def _period(year: int) -> NewsFilter:
    return NewsFilter(date(year, 1, 1), date(year, 12, 31))


def test_an_article_that_loses_its_date_or_source_leaves_the_filters(client, fake_embedder, word_chunker):
    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    _put(index, fake_embedder, word_chunker, ARTICLE)
    hnmo = NewsFilter(sources=("hnmo",))
    assert index.has_articles(_period(2020)) and index.has_articles(hnmo) and not index.has_articles(_period(2019))
    query = fake_embedder.embed_query("137 cán bộ")
    assert index.query(query, 3, news_filter=_period(2020))
    _put(index, fake_embedder, word_chunker, replace(ARTICLE, published=None, source=None))
    assert not index.has_articles(_period(2020)) and not index.has_articles(hnmo)
    assert index.query(query, 3, news_filter=_period(2020)) == []
    assert index.query_sentences(query, 3, None, news_filter=hnmo) == []
    assert index.query(query, 3, news_filter=NewsFilter()), "an empty filter still finds it"


def test_an_article_being_written_matches_no_filter(client, fake_embedder, word_chunker):
    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    _put(index, fake_embedder, word_chunker, ARTICLE)
    index._mark_pending([("a1", None)])  # as an interrupted rewrite leaves it
    assert not index.has_articles(_period(2020)) and not index.has_articles(NewsFilter(sources=("hnmo",)))


def test_an_upgrade_stopped_half_way_is_done_again_on_the_next_opening(client, fake_embedder, word_chunker):
    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    _put(index, fake_embedder, word_chunker, ARTICLE)
    _put(index, fake_embedder, word_chunker, OTHER)
    for name in ("tst", "tst_articles", "tst_sentences"):
        coll = client.get_collection(name)
        ids = coll.get(include=[])["ids"]
        coll.update(ids=ids, metadatas=[{"day": None, "source_key": None}] * len(ids))
        coll.modify(metadata={**coll.metadata, "schema": 2})

    stopped = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    real_call, marks = stopped._call, []

    def dies_marking_the_chunks(what, fn):
        if what == "mark the new layout":
            marks.append(what)
            if len(marks) == 3:  # sentences and catalog are marked, the chunk collection is not
                raise KeyboardInterrupt
        return real_call(what, fn)

    stopped._call = dies_marking_the_chunks
    with pytest.raises(KeyboardInterrupt):
        stopped.count()
    assert client.get_collection("tst").metadata["schema"] == 2

    again = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    assert again.count() == len(word_chunker.split(ARTICLE)) + len(word_chunker.split(OTHER))
    assert client.get_collection("tst").metadata["schema"] == 3
    query = fake_embedder.embed_query("cán bộ")
    assert {h.doc_id for h in again.query(query, 20, news_filter=_period(2020))} == {"a1"}
    assert {h.doc_id for h in again.query(query, 20, news_filter=NewsFilter(sources=("bqn",)))} == {"b2"}


def test_an_index_cut_by_an_older_splitter_says_so_until_rebuilt(client, fake_embedder, word_chunker):
    from vectorstore.sentences import SPLITTER_VERSION

    index = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    _put(index, fake_embedder, word_chunker, ARTICLE)
    assert index.outdated_units() is None  # made by this splitter
    coll = client.get_collection("tst")
    coll.modify(metadata={k: v for k, v in coll.metadata.items() if k != "splitter"})  # made before the stamp
    old = ChromaIndex(client, name="tst", model_id=fake_embedder.model_id, dimension=256)
    assert f"splitter version 1, this vnqa cuts with version {SPLITTER_VERSION}" in old.outdated_units()
    old.check_model()  # it still answers
    old.reset()
    _put(old, fake_embedder, word_chunker, ARTICLE)
    assert old.outdated_units() is None
