"""BM25 side: built from terms stored in Chroma, cached beside it, rebuilt when articles change."""

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.fakes import GatedCatalog
from vectorstore.bm25 import BM25Index
from vectorstore.chroma_index import ChromaIndex
from vectorstore.client import embedded_client
from vectorstore.indexer import Indexer
from vectorstore.filters import NewsFilter
from vectorstore.segment import UndertheseaSegmenter
from vectorstore.types import Article, Chunk, chunk_id_for


@pytest.fixture
def setup(tmp_path, fake_embedder, word_chunker, corpus_copy):
    index = ChromaIndex(embedded_client(tmp_path / "chroma"), name="tst", model_id=fake_embedder.model_id, dimension=256)
    seg = UndertheseaSegmenter()
    indexer = Indexer(index, fake_embedder, word_chunker, segmenter=seg, show_progress=False)
    indexer.sync([corpus_copy])
    return index, seg, indexer, tmp_path / "bm25"


def test_keyword_search_finds_the_article(setup):
    index, seg, _, cache = setup
    hits = BM25Index(index, seg, cache_dir=cache).search("Móng Cái luân chuyển điều động bao nhiêu lượt cán bộ", 3)
    assert hits[0].doc_id == "002_b05b5ef40b98d4fc" and hits[0].score > 0
    assert "1841-QĐ/TU" in BM25Index(index, seg, cache_dir=cache).search("1841-QĐ/TU", 1)[0].text


def test_cache_is_reused_and_rebuilt_on_change(setup, corpus_copy):
    index, seg, indexer, cache = setup
    first = BM25Index(index, seg, cache_dir=cache)
    first.search("cán bộ", 1)
    assert (cache / "tst" / "vnqa.json").is_file()
    second = BM25Index(index, seg, cache_dir=cache)
    second.search("cán bộ", 1)
    assert second._state.fingerprint == first._state.fingerprint  # loaded from disk

    (corpus_copy / "009_new.txt").write_text("Tin Đà Nẵng\n\nĐà Nẵng luân chuyển 12 cán bộ năm 2021.", encoding="utf-8")
    indexer.sync([corpus_copy])
    second.invalidate()
    assert second.search("Đà Nẵng luân chuyển", 1)[0].doc_id == "009_new"


def test_unknown_words_and_empty_index(tmp_path, fake_embedder):
    index = ChromaIndex(embedded_client(tmp_path / "c"), name="tst", model_id=fake_embedder.model_id, dimension=256)
    bm25 = BM25Index(index, UndertheseaSegmenter(), cache_dir=None)
    assert bm25.search("cán bộ", 3) == []


def test_periodic_check_runs_beside_searches_and_picks_up_other_writers(setup, corpus_copy):
    index, seg, indexer, _ = setup
    slow = GatedCatalog(index)
    bm25 = BM25Index(slow, seg, cache_dir=None, check_every_s=0.0)
    slow.go.set()
    assert bm25.search("Móng Cái luân chuyển", 1)  # first search: checked before answering
    slow.go.clear(), slow.listing.clear()

    # another worker adds an article; the next search starts a check and does not wait for it
    (corpus_copy / "009_new.txt").write_text("Tin Đà Nẵng\n\nĐà Nẵng luân chuyển 12 cán bộ năm 2021.", encoding="utf-8")
    indexer.sync([corpus_copy])
    hits = bm25.search("Đà Nẵng luân chuyển", 1)
    assert slow.listing.wait(5) and not slow.go.is_set()  # the check is still blocked on the catalog
    assert hits[0].doc_id != "009_new"  # answered from the matrix it had

    slow.go.set()
    deadline = time.monotonic() + 20
    while bm25._state.fingerprint != bm25.fingerprint() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert bm25.search("Đà Nẵng luân chuyển", 1)[0].doc_id == "009_new"


def test_invalidate_makes_the_next_search_wait_for_the_check(setup, corpus_copy):
    index, seg, indexer, _ = setup
    bm25 = BM25Index(index, seg, cache_dir=None, check_every_s=3600)
    bm25.search("cán bộ", 1)
    (corpus_copy / "009_new.txt").write_text("Tin Đà Nẵng\n\nĐà Nẵng luân chuyển 12 cán bộ năm 2021.", encoding="utf-8")
    indexer.sync([corpus_copy])
    assert bm25.search("Đà Nẵng luân chuyển", 1)[0].doc_id != "009_new"  # not checked yet (an hour)
    bm25.invalidate()
    assert bm25.search("Đà Nẵng luân chuyển", 1)[0].doc_id == "009_new"


_EXIT_DURING_CHECK = """
import sys
from pathlib import Path
from tests.fakes import SlowFinishingCatalog
from vectorstore.bm25 import BM25Index
from vectorstore.segment import SyllableSegmenter

bm25 = BM25Index(SlowFinishingCatalog(Path(sys.argv[1])), SyllableSegmenter(), cache_dir=None, check_every_s=0.0)
bm25.search("can bo", 1)  # first check, before the search
Path(sys.argv[1]).unlink()
bm25.search("can bo", 1)  # starts a periodic check in the background, then the process exits
"""


def test_exit_waits_for_a_background_check(tmp_path):
    # A daemon check thread still inside Chroma's native code at exit crashed the process.
    marker = tmp_path / "done"
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _EXIT_DURING_CHECK, str(marker)], cwd=repo,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "finished"


# -- news filters ---------------------------------------------------------------------------------
# The bundled articles: 000 2019-01-13 (HNP), 001 2020-10-12 (HNMO), 002 2020-02-15 (no source),
# 003 undated (QPTĐ), 004 2016-12-26 (TTXVN).
YEARS_2019_2020 = NewsFilter(date(2019, 1, 1), date(2020, 12, 31))


def test_a_filter_ranks_only_matching_chunks_and_still_fills_k(setup):
    index, seg, _, _ = setup
    bm25 = BM25Index(index, seg, cache_dir=None)
    everything = bm25.search("cán bộ", index.count())
    for news_filter, docs in [
            (YEARS_2019_2020, {"000_09b12ad68df174b1", "001_250846a6894a7a98", "002_b05b5ef40b98d4fc"}),
            (NewsFilter(sources=("hnp", "ttxvn")), {"000_09b12ad68df174b1", "004_22a6cced370bfae8"})]:
        allowed = [h for h in everything if h.doc_id in docs]
        assert len(allowed) > 5
        found = bm25.search("cán bộ", 5, news_filter=news_filter)
        assert len(found) == 5 and {h.doc_id for h in found} <= docs
        # the ranking among matching chunks is the unfiltered one: same scores, best first
        assert [round(h.score, 4) for h in found] == [round(h.score, 4) for h in allowed[:5]]
    assert bm25.search("cán bộ", 5, news_filter=NewsFilter(since=date(2030, 1, 1))) == []


def test_a_stale_matrix_never_returns_a_chunk_outside_the_filter(setup):
    index, seg, _, _ = setup
    bm25 = BM25Index(index, seg, cache_dir=None, check_every_s=3600)
    assert "000_09b12ad68df174b1" in {h.doc_id for h in bm25.search("Hà Nội cán bộ", 50, news_filter=YEARS_2019_2020)}
    # another writer re-dates article 000 to 2015; this matrix has not noticed yet
    record = index.get_article("000_09b12ad68df174b1")
    article = Article(doc_id=record.doc_id, title=record.title, text=record.text, published="2015-05-05",
                      source=record.source)
    hits = index.get_chunks([chunk_id_for(record.doc_id, i) for i in range(record.n_chunks)])
    chunks = [Chunk(doc_id=h.doc_id, index=i, text=h.text, start=h.start, end=h.end, n_tokens=1, title=h.title,
                    published="2015-05-05", source=h.source) for i, h in enumerate(hits)]
    index.put_article(article, chunks, [[1.0] + [0.0] * 255] * len(chunks), terms=[" ".join(seg.terms(c.text))
                                                                                   for c in chunks])
    found = bm25.search("Hà Nội cán bộ", 50, news_filter=YEARS_2019_2020)
    assert found and "000_09b12ad68df174b1" not in {h.doc_id for h in found}


def test_a_cache_written_before_rows_kept_their_days_is_rebuilt(setup):
    index, seg, _, cache = setup
    BM25Index(index, seg, cache_dir=cache).search("cán bộ", 1)
    meta = cache / "tst" / "vnqa.json"
    info = json.loads(meta.read_text())
    meta.write_text(json.dumps({"fingerprint": info["fingerprint"], "ids": info["ids"]}))  # as vnqa 0.x wrote it
    found = BM25Index(index, seg, cache_dir=cache).search("cán bộ", 3, news_filter=NewsFilter(sources=("hnp",)))
    assert [h.doc_id for h in found] == ["000_09b12ad68df174b1"] * 3
    assert len(json.loads(meta.read_text())["days"]) == len(info["ids"])
