import math
import statistics

import pytest

from evals.stats import percentile


def test_percentile_is_statistics_quantiles_inclusive():
    values = [0.31, 0.12, 0.55, 0.2, 0.9, 0.47, 0.05]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    assert percentile(values, 50) == cuts[49] == statistics.median(values)
    assert percentile(values, 95) == cuts[94]


def test_percentile_of_a_range():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50.5
    assert math.isclose(percentile(values, 95), 95.05)
    assert (percentile(values, 0), percentile(values, 100)) == (1, 100)


def test_percentile_of_one_or_no_values():
    assert percentile([3.0], 95) == 3.0
    assert math.isnan(percentile([], 50))


def test_percentile_outside_0_to_100_is_refused():
    with pytest.raises(ValueError, match="within 0..100"):
        percentile([1.0, 2.0], 101)
