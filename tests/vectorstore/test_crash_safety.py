"""Kill the indexer with SIGKILL at random points; the next run completes and the index is
whole: no duplicate or orphaned chunks, no half-indexed article, Chroma and BM25 agree."""

from __future__ import annotations

import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.synthetic import synthetic_articles
from qa.settings import BUNDLED_CORPUS
from tests.crash_driver import build
from tests.isolation import child_env
from vectorstore.consistency import check_index
from vectorstore.indexer import load_articles

REPO = Path(__file__).resolve().parents[2]


def _corpus(tmp_path: Path, extra: int = 12) -> Path:
    """The bundled articles plus ``extra`` synthetic ones: many commit points to land between."""
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    real, _ = load_articles([BUNDLED_CORPUS])
    for a in itertools.islice(synthetic_articles(real, seed=11), extra):
        (corpus / f"{a.doc_id}.txt").write_text(f"{a.title}\n\n{a.text}", encoding="utf-8")
    return corpus


def _run(corpus: Path, data: Path, kill_after: float | None) -> subprocess.CompletedProcess | None:
    cmd = [sys.executable, str(REPO / "tests" / "crash_driver.py"), str(corpus), str(data)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if kill_after is None:
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return None


@pytest.mark.slow
def test_sigkill_at_random_points_then_a_clean_run_leaves_a_whole_index(tmp_path):
    corpus = _corpus(tmp_path)
    data = tmp_path / "data"
    rng = random.Random(20261122)
    started = time.perf_counter()
    full = _run(corpus, tmp_path / "reference", None)
    duration = time.perf_counter() - started
    assert full.returncode == 0, full.stderr
    kills = sorted(rng.uniform(0.3, duration) for _ in range(5))
    for delay in kills:  # each run picks up where the last one died
        _run(corpus, data, delay)
    final = _run(corpus, data, None)
    assert final.returncode == 0, final.stderr
    index, _, bm25 = build(data)
    assert check_index(index, bm25) == []
    reference, _, _ = build(tmp_path / "reference")
    assert {r.doc_id: r.content_hash for r in index.articles()} == \
        {r.doc_id: r.content_hash for r in reference.articles()}
    assert index.count() == reference.count()
    assert index.unit_counts() == reference.unit_counts()


def test_check_finds_a_half_indexed_article_and_the_next_run_repairs_it(tmp_path):
    corpus = _corpus(tmp_path, extra=0)
    data = tmp_path / "data"
    assert _run(corpus, data, None).returncode == 0
    index, indexer, bm25 = build(data)
    interrupted, legacy = [r.doc_id for r in index.articles()[:2]]
    index._mark_pending([(interrupted, None)])      # as if killed while writing it
    index._collections()[1].delete(ids=[legacy])   # vectors with no record at all (an older vnqa) ...
    (corpus / f"{legacy}.txt").unlink()              # ... of a file that is gone, so no sync re-adds it
    problems = check_index(index)
    assert any(interrupted in p and "`qa index` redoes it" in p for p in problems)
    assert any(legacy in p and "--repair" in p for p in problems)
    report = indexer.sync([corpus])                 # the marker is found without scanning vectors
    assert report.repaired == [interrupted] and interrupted in report.added
    assert [p for p in check_index(index) if interrupted in p] == []
    assert any(legacy in p for p in check_index(index))   # only the full scan finds these
    repaired = indexer.sync([corpus], full_scan=True)
    assert repaired.repaired == [legacy] and legacy not in repaired.added
    assert check_index(index, bm25) == []


@pytest.mark.real
def test_qa_index_killed_mid_embedding_then_rerun(tmp_path):
    """The real CLI and model: SIGKILL while it embeds, then `qa index` and `qa index --check`."""
    corpus = _corpus(tmp_path, extra=4)
    env = {**child_env(tmp_path / "env", models=True), "VNQA_DATA_DIR": str(tmp_path / "data"),
           "VNQA_INDEX__CORPUS": f'["{corpus}"]'}
    qa = [sys.executable, "-m", "qa.cli", "-q"]
    proc = subprocess.Popen([*qa, "index"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(25)  # model loaded (~10 s), embedding under way
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run([*qa, "index"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    check = subprocess.run([*qa, "index", "--check"], env=env, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0 and "is consistent" in check.stdout, check.stdout + check.stderr
    assert "from 9 articles" in check.stdout
