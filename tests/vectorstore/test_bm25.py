"""BM25 side: built from terms stored in Chroma, cached beside it, rebuilt when articles change."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fakes import GatedCatalog
from vectorstore.bm25 import BM25Index
from vectorstore.chroma_index import ChromaIndex
from vectorstore.client import embedded_client
from vectorstore.indexer import Indexer
from vectorstore.segment import UndertheseaSegmenter


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
