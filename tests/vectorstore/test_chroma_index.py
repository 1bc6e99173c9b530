"""ChromaIndex against a real embedded Chroma (fake embedder for speed)."""

import pytest

from vectorstore.chroma_index import ChromaIndex
from vectorstore.client import embedded_client
from vectorstore.errors import ConfigError, IndexMismatch
from vectorstore.types import Article


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
