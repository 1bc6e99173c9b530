"""The answer engine on real news it was not written around, with the real model, Chroma and NER.

A few articles of the real-news sample (tuning split) are indexed from ``../shared/corpora``
and their fixtures asked through ``Assistant.ask``, once with the packaged domain vocabulary
and once with it turned off (an empty ``answer.domain_file``): the engine's recognisers are
general, so it must answer about as well without the word lists. Skipped when the shared
corpus is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.news import read_corpus
from evals.scoring import answer_is_correct, load_fixtures

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpora" / "vietnews-val.tgz"
ARTICLES = 6

pytestmark = [pytest.mark.real, pytest.mark.skipif(not CORPUS.is_file(), reason=f"no news corpus at {CORPUS}")]


@pytest.fixture(scope="module")
def news(real_embedder, tmp_path_factory):
    """An assistant over a few tuning articles, and their fixtures."""
    from qa import Assistant
    from qa.settings import Settings
    from tests.isolation import MODEL_CACHE

    fixtures = [f for f in load_fixtures([REPO / "evals" / "fixtures" / "news"]) if f.split == "tuning"]
    docs: list[str] = []
    for f in fixtures:
        for d in f.docs:
            if d not in docs and sum(d in g.docs for g in fixtures) >= 3:
                docs.append(d)
    docs = docs[:ARTICLES]
    folder = tmp_path_factory.mktemp("news")
    for article in read_corpus(CORPUS):
        if article.doc_id in docs:
            (folder / f"{article.doc_id}.txt").write_text(article.text, encoding="utf-8")
    data = tmp_path_factory.mktemp("news-index")
    empty = data / "empty-domain.toml"
    empty.write_text("", encoding="utf-8")
    bot = Assistant(Settings.load(data_dir=data, cache_dir=MODEL_CACHE), embedder=real_embedder)
    bot.index_paths([folder])
    asked = [f for f in fixtures if set(f.docs) & set(docs) or set(f.near) & set(docs)]
    return bot, asked, empty


def _score(bot, fixtures) -> tuple[float, float]:
    answerable = [f for f in fixtures if f.answerable]
    lookalikes = [f for f in fixtures if not f.answerable]
    right = sum(answer_is_correct(f, bot.ask(f.question)) for f in answerable)
    abstained = sum(bot.ask(f.question).abstained for f in lookalikes)
    return right / len(answerable), abstained / max(1, len(lookalikes))


def test_answers_real_news_with_and_without_the_domain_vocabulary(news):
    from qa.domain import use_domain

    bot, fixtures, empty = news
    try:
        with_vocabulary = _score(bot, fixtures)
        use_domain(empty)
        without = _score(bot, fixtures)
    finally:
        use_domain(None)
    print(json.dumps({"questions": len(fixtures), "with": with_vocabulary, "without": without}))
    assert with_vocabulary[0] >= 0.6
    assert without[0] >= with_vocabulary[0] - 0.1


def test_spans_are_short_and_quoted_from_the_cited_passage(news):
    bot, fixtures, _ = news
    for f in fixtures[:12]:
        answer = bot.ask(f.question)
        if answer.abstained or not answer.span:
            continue
        c = answer.citations[0]
        assert c.passage[c.span_start:c.span_end] == answer.span
        assert len(answer.span) < 200 and answer.span in answer.text
