"""The scaling benchmark's cache fill must embed exactly what a scaling run then finds cached."""

import math

import pytest

from bench.scaling import fill_cache, measure_scaling, synthetic_groups
from bench.synthetic import synthetic_articles
from evals.scoring import BUNDLED_FIXTURES, load_fixtures
from qa.settings import BUNDLED_CORPUS, Settings
from vectorstore.indexer import load_articles


def _real_chunks(chunker) -> int:
    real, _ = load_articles([BUNDLED_CORPUS])
    return sum(len(chunker.split(a)) for a in real)


def test_groups_stop_exactly_at_the_size(word_chunker):
    real, _ = load_articles([BUNDLED_CORPUS])
    groups = list(synthetic_groups(word_chunker, synthetic_articles(real), 10, 250))
    assert sum(len(chunks) for _, chunks in groups) == 240
    assert all(sum(len(mine) for _, mine in group) == len(chunks) for group, chunks in groups)


def test_a_filled_cache_leaves_the_scaling_run_nothing_to_embed(fake_embedder, word_chunker, tmp_path):
    cache = tmp_path / "cache" / "vectors.sqlite"
    sizes = [_real_chunks(word_chunker) + 40, _real_chunks(word_chunker) + 150]
    first = fill_cache([BUNDLED_CORPUS], fake_embedder, word_chunker, sizes, cache, show_progress=False)
    assert (first.chunks, first.embedded) == (sizes[-1], 150)
    again = fill_cache([BUNDLED_CORPUS], fake_embedder, word_chunker, sizes, cache, show_progress=False)
    assert again.embedded == 0, "a second fill resumes where the first stopped"
    fixtures = [f for f in load_fixtures([BUNDLED_FIXTURES]) if f.answerable][:3]
    points = measure_scaling(Settings.load(data_dir=tmp_path / "data"), fake_embedder, sizes, fixtures,
                             tmp_path / "work", cache, chunker=word_chunker, show_progress=False)
    assert [(p.chunks, p.embedded) for p in points] == [(sizes[0], 0), (sizes[1], 0)]
    assert points[1].articles > points[0].articles > 5 and 0.0 <= points[1].hit_at_1 <= 1.0


@pytest.mark.real
def test_scaling_with_the_real_model_and_store(real_embedder, model_cache, tmp_path):
    from qa import components

    settings = Settings.load(data_dir=tmp_path / "data", cache_dir=model_cache)
    chunker = components.make_chunker(settings)
    size = _real_chunks(chunker) + 24
    cache = tmp_path / "vectors.sqlite"
    assert fill_cache([BUNDLED_CORPUS], real_embedder, chunker, [size], cache, show_progress=False).embedded == 24
    fixtures = [f for f in load_fixtures([BUNDLED_FIXTURES]) if f.answerable][:8]
    [point] = measure_scaling(settings, real_embedder, [size], fixtures, tmp_path / "work", cache, chunker=chunker,
                              show_progress=False)
    assert (point.chunks, point.embedded) == (size, 0)
    assert point.hit_at_1 >= 0.75 and point.answer_accuracy >= 0.75  # 24 look-alikes among 60 real chunks
    timings = [point.search.p50, point.search.p95, point.answer.p50, point.answer.p95]
    assert all(math.isfinite(t) and t > 0 for t in timings), timings  # which is faster is `qa bench`'s to report
