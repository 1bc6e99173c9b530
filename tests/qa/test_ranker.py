"""The fitted ranker: a logistic model over named features, stored as JSON."""

import math

import pytest

from qa.errors import ConfigError
from qa.ranker import Ranker, load_ranker

RANKER = Ranker(weights={"type:money:MONEY": 2.0, "context": 1.5, "in_question": -3.0}, bias=-1.0, threshold=0.4,
                meta={"C": 1.0, "questions": 12})


def _logistic(z):
    return 1.0 / (1.0 + math.exp(-z))


def test_probability_is_the_logistic_of_the_weighted_sum():
    features = {"type:money:MONEY": 1.0, "context": 0.5, "in_question": 0.0}
    assert RANKER.probability(features) == pytest.approx(_logistic(-1.0 + 2.0 + 0.75))
    assert RANKER.probability({"in_question": 1.0}) == pytest.approx(_logistic(-4.0))


def test_features_without_a_weight_count_for_nothing():
    assert RANKER.probability({"type:person:PER": 1.0, "sim": 0.9}) == pytest.approx(_logistic(-1.0))
    assert RANKER.probability({}) == pytest.approx(_logistic(-1.0))


def test_extreme_scores_do_not_overflow():
    assert RANKER.probability({"context": 1e6}) == pytest.approx(1.0)
    assert RANKER.probability({"context": -1e6}) == pytest.approx(0.0)


def test_json_round_trip():
    again = Ranker.from_json(RANKER.to_json())
    assert again == RANKER
    assert again.meta == {"C": 1.0, "questions": 12}


def test_a_sentence_model_round_trips_the_types_it_may_quote_for():
    sentence = Ranker(weights={"sim": 1.0}, bias=0.0, threshold=0.3, quotes=("person", "place"))
    ranker = Ranker(weights={"sim": 2.0}, bias=0.0, sentence=sentence)
    again = Ranker.from_json(ranker.to_json())
    assert again == ranker and again.sentence.quotes == ("person", "place")
    assert again.sentence.may_quote("person") and not again.sentence.may_quote("count")
    # a file from before the fit chose types quotes for every type
    old = Ranker.from_json('{"weights": {}, "bias": 0.0, "threshold": 0.5}')
    assert old.quotes is None and old.may_quote("count") and "quotes" not in old.to_dict()
    with pytest.raises(ConfigError, match="not a fitted ranker"):
        Ranker.from_json('{"weights": {}, "bias": 0.0, "threshold": 0.5, "quotes": "count"}')


@pytest.mark.parametrize("text", [
    "not json",
    "[]",
    "null",
    '{"bias": 0.0, "threshold": 0.5}',
    '{"weights": {}, "threshold": 0.5}',
    '{"weights": {}, "bias": 0.0}',
    '{"weights": [1, 2], "bias": 0.0, "threshold": 0.5}',
    '{"weights": {"context": "high"}, "bias": 0.0, "threshold": 0.5}',
    '{"weights": {}, "bias": null, "threshold": 0.5}',
])
def test_malformed_json_is_a_config_error(text):
    with pytest.raises(ConfigError, match="fit_ranker"):
        Ranker.from_json(text)


def test_load_ranker_from_a_file(tmp_path):
    path = tmp_path / "ranker.json"
    path.write_text(RANKER.to_json(), encoding="utf-8")
    assert load_ranker(path) == RANKER


def test_load_ranker_names_a_broken_or_missing_file(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.json"):
        load_ranker(broken)
    with pytest.raises(ConfigError, match="missing.json"):
        load_ranker(tmp_path / "missing.json")
