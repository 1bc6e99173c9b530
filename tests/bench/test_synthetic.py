import itertools
import random
import re

from bench.synthetic import relocate, synthetic_articles
from qa.settings import BUNDLED_CORPUS
from vectorstore.indexer import load_articles
from vectorstore.text import nfc


def _real():
    articles, _ = load_articles([BUNDLED_CORPUS])
    return articles


def test_stream_is_reproducible_and_unique():
    real = _real()
    first = [a.doc_id for a in itertools.islice(synthetic_articles(real, seed=3), 20)]
    again = [a.doc_id for a in itertools.islice(synthetic_articles(real, seed=3), 20)]
    other = [a.doc_id for a in itertools.islice(synthetic_articles(real, seed=4), 20)]
    assert first == again and first != other
    assert len(set(first)) == 20


def test_synthetic_articles_never_name_the_real_places_or_people():
    real = _real()
    for article in itertools.islice(synthetic_articles(real), 50):
        text = article.title + "\n" + article.text
        assert text == nfc(text)
        for name in ("Hà Nội", "Móng Cái", "Hồ Chí Minh", "TP HCM", "Quảng Ninh"):
            assert name not in text, (name, article.doc_id)
        assert article.source == "synthetic" and article.doc_id.startswith("syn")


def test_relocate_changes_place_people_and_figures_but_keeps_years_as_years():
    rng = random.Random(1)
    out = relocate("Hà Nội đã luân chuyển 137 cán bộ năm 2019; ông Nguyễn Văn Thanh phát biểu.", "Đà Nẵng", rng)
    assert "Đà Nẵng" in out and "Hà Nội" not in out
    assert "137" not in out or "Nguyễn Văn Thanh" not in out  # figures and people are redrawn
    year = re.search(r"năm (\d{4})", out).group(1)
    assert 2005 <= int(year) <= 2025
