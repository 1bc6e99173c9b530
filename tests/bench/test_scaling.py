"""The real-news scaling benchmark: growth order, resumable vectors, and one real run."""

import math
import tarfile

import pytest

from bench.scaling import archive_order, fill_cache, growth, measure_scaling
from evals.news import NewsArticle, default_corpus
from evals.scoring import BUNDLED_FIXTURES, load_fixtures
from qa.settings import Settings

SENTENCE = "Ông Nguyễn Văn {n} cho biết thành phố đã chi {n} tỷ đồng cho {m} công trình trong năm 2018. "


@pytest.fixture
def small_archive(tmp_path):
    """A VietNews-shaped archive of 120 articles (enough for the fixture sample's 92)."""
    tgz = tmp_path / "vietnews-small.tgz"
    source = tmp_path / "vn_val"
    source.mkdir()
    for i in range(120):
        body = "".join(SENTENCE.format(n=i + k, m=k) for k in range(14))
        (source / f"vn_val_{i:06d}.txt").write_text(f"Tin số {i}\n\nTóm tắt {i}.\n\n{body}", encoding="utf-8")
    with tarfile.open(tgz, "w:gz") as archive:
        archive.add(source, arcname="vn_val")
    return tgz


def _articles(n, prefix="a"):
    return [NewsArticle(f"{prefix}{i}", "x") for i in range(n)]


def test_growth_adds_the_fixture_articles_first_and_stops_at_the_archive():
    first, rest = _articles(3, "f"), _articles(10)
    plan = list(growth(first, rest, 5, [20, 10, 100]))
    assert [size for size, _ in plan] == [10, 20, 100]
    assert [a.doc_id for a in plan[0][1]] == ["f0", "f1", "f2", "a0", "a1"]   # 5 bundled + 5 = 10
    assert len(plan[1][1]) == 8 and plan[2][1] == []   # the archive (3 + 10) runs out before 20


def test_the_order_is_fixed_and_puts_the_asked_articles_apart(small_archive):
    first, rest = archive_order(small_archive)
    again_first, again_rest = archive_order(small_archive)
    assert [a.doc_id for a in rest] == [a.doc_id for a in again_rest] and len(first) == 92
    assert not {a.doc_id for a in first} & {a.doc_id for a in rest} and len(first) + len(rest) == 120


def test_a_filled_cache_leaves_the_scaling_run_nothing_to_embed(fake_embedder, word_chunker, tmp_path, small_archive):
    settings = Settings.load(data_dir=tmp_path / "data")
    cache = tmp_path / "cache" / "vectors.sqlite"
    sizes = [25, 40]
    first = fill_cache(settings, fake_embedder, word_chunker, sizes, cache, small_archive, show_progress=False)
    assert first.articles == 40 and first.embedded > 0
    assert fill_cache(settings, fake_embedder, word_chunker, sizes, cache, small_archive,
                      show_progress=False).embedded == 0, "a second fill resumes where the first stopped"
    fixtures = [f for f in load_fixtures([BUNDLED_FIXTURES]) if f.answerable][:3]
    points = measure_scaling(settings, fake_embedder, sizes, fixtures, tmp_path / "work", cache, small_archive,
                             chunker=word_chunker, show_progress=False)
    assert [(p.articles, p.embedded) for p in points] == [(25, 0), (40, 0)]
    assert [p.articles_added for p in points] == [20, 15] and points[1].chunks > points[0].chunks
    assert all(p.disk_mb > 0 and p.peak_rss_mb > 0 and p.texts > 0 for p in points)
    # four of the bundled five carry a date (the Móng Cái page gives none), the archive's
    # articles none: the narrow filter keeps four articles of the index
    assert [p.narrow_share for p in points] == [4 / 25, 4 / 40]
    assert all(p.narrow_search is not None and p.narrow_search.n == len(fixtures) for p in points)


@pytest.mark.real
def test_scaling_on_real_news_with_the_real_model_and_store(real_embedder, model_cache, tmp_path):
    from qa import components

    tgz = default_corpus()
    if not tgz.is_file():
        pytest.skip(f"no VietNews archive at {tgz}")
    settings = Settings.load(data_dir=tmp_path / "data", cache_dir=model_cache)
    fixtures = [f for f in load_fixtures([BUNDLED_FIXTURES]) if f.answerable][:8]
    [point] = measure_scaling(settings, real_embedder, [11], fixtures, tmp_path / "work", tmp_path / "v.sqlite", tgz,
                              chunker=components.make_chunker(settings), show_progress=False)
    assert point.articles == 11 and point.embedded == point.texts > 0      # 6 real news articles among the 5
    assert point.hit_at_1 >= 0.75 and point.answer_accuracy >= 0.75
    timings = [point.search.p50, point.search.p95, point.answer.p50, point.answer.p95, point.narrow_search.p50]
    assert all(math.isfinite(t) and t > 0 for t in timings), timings  # which is faster is `qa bench`'s to report
