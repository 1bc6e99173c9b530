"""Re-indexing is idempotent: unchanged skipped, changed replaced, deleted removed, strays repaired."""

import pytest

from vectorstore.chroma_index import ChromaIndex
from vectorstore.client import embedded_client
from vectorstore.indexer import Indexer, load_articles


@pytest.fixture
def indexer(tmp_path, fake_embedder, word_chunker):
    index = ChromaIndex(embedded_client(tmp_path / "chroma"), name="tst", model_id=fake_embedder.model_id, dimension=256)
    return Indexer(index, fake_embedder, word_chunker, show_progress=False)


def test_first_run_adds_all_second_run_skips_all(indexer, corpus_copy):
    first = indexer.sync([corpus_copy])
    assert len(first.added) == 5 and first.chunks_embedded > 0 and first.sentences_embedded > 0
    count = indexer.index.count()
    second = indexer.sync([corpus_copy])
    assert second.added == second.updated == second.removed == [] and len(second.unchanged) == 5
    assert second.chunks_embedded == 0 and indexer.index.count() == count


def test_changed_article_is_replaced_and_deleted_one_removed(indexer, corpus_copy):
    indexer.sync([corpus_copy])
    changed = corpus_copy / "002_b05b5ef40b98d4fc.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("20 lượt cán bộ", "21 lượt cán bộ"), encoding="utf-8")
    (corpus_copy / "004_22a6cced370bfae8.txt").unlink()
    report = indexer.sync([corpus_copy])
    assert report.updated == ["002_b05b5ef40b98d4fc"] and report.removed == ["004_22a6cced370bfae8"]
    assert len(report.unchanged) == 3
    assert "21 lượt cán bộ" in indexer.index.get_article("002_b05b5ef40b98d4fc").text
    assert "004_22a6cced370bfae8" not in indexer.index.chunk_doc_ids()


def test_adding_a_single_file_does_not_prune_the_rest(indexer, corpus_copy, tmp_path):
    indexer.sync([corpus_copy])
    extra = tmp_path / "extra.md"
    extra.write_text("# Tin Đà Nẵng\n\nĐà Nẵng luân chuyển 12 cán bộ trong năm 2021.", encoding="utf-8")
    report = indexer.sync([extra])
    assert report.added == ["extra"] and report.removed == []
    assert len(indexer.index.articles()) == 6


def test_half_indexed_article_is_repaired(indexer, corpus_copy, fake_embedder, word_chunker):
    indexer.sync([corpus_copy])
    # A crash after the chunks were written but before the catalog record was leaves the marker.
    indexer.index._mark_pending([("001_250846a6894a7a98", None)])
    assert "001_250846a6894a7a98" not in {r.doc_id for r in indexer.index.articles()}
    report = indexer.sync([corpus_copy])
    assert report.repaired == ["001_250846a6894a7a98"] and report.added == ["001_250846a6894a7a98"]
    assert {r.doc_id for r in indexer.index.articles()} == indexer.index.chunk_doc_ids()


def test_bad_files_are_warned_about_and_the_rest_indexes(indexer, corpus_copy):
    (corpus_copy / "latin1.txt").write_bytes("Hà Nội".encode("utf-8")[:-1] + b"\xe0\xff trong")
    (corpus_copy / "empty.txt").write_bytes(b"")
    report = indexer.sync([corpus_copy])
    assert len(report.added) == 5
    assert any("latin1.txt" in w for w in report.warnings) and any("empty.txt" in w for w in report.warnings)


def test_duplicate_ids_from_two_folders_keep_the_first(tmp_path, corpus_copy):
    other = tmp_path / "other"
    other.mkdir()
    (other / "001_250846a6894a7a98.txt").write_text("Bài khác\n\nNội dung khác.", encoding="utf-8")
    articles, warnings = load_articles([corpus_copy, other])
    assert len(articles) == 5 and any("already used" in w for w in warnings)


def test_the_same_article_under_another_name_is_indexed_once(indexer, corpus_copy, tmp_path):
    src = corpus_copy / "002_b05b5ef40b98d4fc.txt"
    (corpus_copy / "copy-of-mong-cai.txt").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    report = indexer.sync([corpus_copy])
    assert len(report.added) == 5 and "copy-of-mong-cai" not in report.added
    assert any("copy-of-mong-cai.txt" in w and "same text" in w for w in report.warnings)
    # later, a re-wrapped copy in another folder is recognised against the index too
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "again.txt").write_text(src.read_text(encoding="utf-8").replace("\n\n", "\n\n\n"), encoding="utf-8")
    again = indexer.sync([elsewhere], prune=False)
    assert again.added == [] and any("again.txt" in w and "002_b05b5ef40b98d4fc" in w for w in again.warnings)
    assert len(indexer.index.articles()) == 5


def test_a_renamed_article_moves_instead_of_being_skipped(indexer, corpus_copy):
    indexer.sync([corpus_copy])
    src = corpus_copy / "002_b05b5ef40b98d4fc.txt"
    src.rename(corpus_copy / "mong-cai.txt")
    report = indexer.sync([corpus_copy])
    assert report.added == ["mong-cai"] and report.removed == ["002_b05b5ef40b98d4fc"]


def test_a_batch_of_every_kind_of_bad_file_still_indexes_the_good_ones(indexer, corpus_copy):
    bad = {
        "binary.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 10,
        "zero.md": b"",
        "latin1.txt": "Le conseil a nommé 137 cadres à Hanoï, déjà évalués.".encode("latin-1"),
    }
    for name, data in bad.items():
        (corpus_copy / name).write_bytes(data)
    with (corpus_copy / "huge.txt").open("wb") as f:  # 50 MB, sparse: costs no disk
        f.truncate(50 * 1024 * 1024)
    (corpus_copy / "utf16.txt").write_bytes("Bài UTF-16\n\nĐà Nẵng có 12 cán bộ mới.".encode("utf-16"))
    (corpus_copy / "script.html").write_text(
        "<html><head><title>Bài có mã</title><script>alert('x')</script></head><body><article><h1>Bài có mã</h1>"
        "<p>Cần Thơ đã bổ nhiệm 9 cán bộ.</p><script>document.write('HACK')</script>"
        "<p onclick=\"alert(1)\">Đây là đoạn thứ hai của bài báo về công tác cán bộ.</p></article></body></html>",
        encoding="utf-8")
    (corpus_copy / "dup.txt").write_bytes((corpus_copy / "001_250846a6894a7a98.txt").read_bytes())
    report = indexer.sync([corpus_copy])
    assert {"utf16", "script"} <= set(report.added) and len(report.added) == 7  # 5 bundled + 2
    for name, reason in [("binary.txt", "binary"), ("zero.md", "empty"), ("latin1.txt", "UTF-8"),
                         ("huge.txt", "limit"), ("dup.txt", "same text")]:
        assert any(name in w and reason in w for w in report.warnings), (name, report.warnings)
    html = indexer.index.get_article("script")
    assert "alert" not in html.text and "HACK" not in html.text and "9 cán bộ" in html.text


class _Counting:
    """Wraps the fake embedder and counts the texts it is given."""

    def __init__(self, inner):
        self.inner, self.texts = inner, 0
        self.model_id, self.dimension = inner.model_id, inner.dimension

    def embed_documents(self, texts, titles=None):
        self.texts += len(texts)
        return self.inner.embed_documents(texts, titles)

    def embed_query(self, text):
        return self.inner.embed_query(text)


def test_pooled_chunk_vectors_embed_only_the_sentences(tmp_path, fake_embedder, word_chunker, corpus_copy):
    import numpy as np

    counting = _Counting(fake_embedder)
    index = ChromaIndex(embedded_client(tmp_path / "chroma"), name="tst", model_id=fake_embedder.model_id, dimension=256)
    report = Indexer(index, counting, word_chunker, show_progress=False, pool_chunks=True).sync([corpus_copy])
    assert len(report.added) == 5 and counting.texts == report.sentences_embedded
    assert index.count() == report.chunks_embedded > 0
    # a pooled chunk vector lies close to the vectors of its own sentences
    article = load_articles([corpus_copy])[0][0]
    chunk = word_chunker.split(article)[0]
    [hit] = [h for h in index.query(fake_embedder.embed_query(chunk.text), k=1)]
    assert hit.doc_id == article.doc_id and hit.start == chunk.start
    assert np.isfinite(hit.score)
