"""The one percentile formula behind every latency figure (``qa eval`` and ``qa bench``).

Both reports state p50/p95; computing them the same way (``statistics.quantiles``, inclusive
method: linear interpolation between the closest ranks, as numpy's default) keeps their
numbers comparable.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], q: int) -> float:
    """The ``q``-th percentile (``q`` in 0..100) of ``values``; NaN for no values.

    >>> percentile([1, 2, 3, 4], 50)
    2.5
    """
    if not 0 <= q <= 100:
        raise ValueError(f"q must be within 0..100, got {q}")
    if not values:
        return math.nan
    if len(values) == 1 or q in (0, 100):
        return float(min(values) if q == 0 else max(values))
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]
