"""News filters: the period and the sources a search is narrowed to, applied inside the store.

Chroma compares numbers only, and an article's ``published`` is an ISO string
(``2019-01-13T22:05``) or absent. So every stored chunk, sentence and catalog record also
carries its article's publication day as a number (``day``: ``20190113``) and its source
folded for matching (``source_key``: NFC, case-folded, single spaces; see :func:`unit_facets`).
:meth:`NewsFilter.where` turns a filter into a Chroma ``where`` clause on those keys;
:meth:`NewsFilter.admits`, :meth:`NewsFilter.admits_stored` and :meth:`NewsFilter.mask` are the
same test in Python and numpy (the BM25 side, fakes, and Chroma reads filtered after the fact:
Chroma's own ``where`` costs time in proportion to the records it matches, see
``vectorstore/chroma_index.py``).

An article without a usable date (no ``published``, or one without a day such as ``2019``)
has ``day`` 0: a filter with ``since`` or ``until`` excludes it, because nothing says it falls
in the period, unless the filter says ``keep_undated`` (a period the question named itself: in
an archive mixing dated and undated articles, the undated ones may still hold the answer). A
filter on sources alone keeps it when its source matches.

Example::

    f = NewsFilter.parse(since="2019-01-01", until=date(2019, 12, 31), sources=["VnExpress"])
    index.query(vector, 5, news_filter=f)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np

from vectorstore.errors import BadInput
from vectorstore.text import nfc

_ISO_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")


def day_number(published: str | None) -> int | None:
    """The day of an ISO date or date-time as a number (``"2019-01-13T22:05"`` -> ``20190113``);
    ``None`` when there is no valid day in it."""
    m = _ISO_DAY_RE.match(published or "")
    if not m:
        return None
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return _as_number(day)


def _as_number(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def source_key(source: str | None) -> str | None:
    """``source`` as it is matched: NFC, case-folded, single spaces ("VnExpress " -> "vnexpress");
    ``None`` for no source."""
    if source is None:
        return None
    key = nfc(" ".join(nfc(source).casefold().split()))
    return key or None


def unit_facets(published: str | None, source: str | None) -> dict[str, Any]:
    """The metadata filters read, for a stored unit of an article with this date and source
    (``day`` 0: undated; ``source_key`` ``None``: the key is absent)."""
    return {"day": day_number(published) or 0, "source_key": source_key(source)}


def _parse_day(value: object, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        raise BadInput(f"{name} must be a date written YYYY-MM-DD (e.g. 2019-01-31), got {value!r}")
    raise BadInput(f"{name} must be a date or a YYYY-MM-DD string, got {type(value).__name__}")


@dataclass(frozen=True)
class NewsFilter:
    """Articles published from ``since`` to ``until`` (both included, either may be open) by
    one of ``sources`` (any source when empty).

    ``sources`` are kept as :func:`source_key` forms, sorted and unique, so two filters naming
    the same sources however typed are equal. Build one from user input with :meth:`parse`.

    Raises:
        BadInput: ``since`` after ``until``, or an empty source name.
    """

    since: date | None = None
    until: date | None = None
    sources: tuple[str, ...] = ()
    keep_undated: bool = False

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
                object.__setattr__(self, name, _parse_day(value, name))
        if self.since and self.until and self.since > self.until:
            raise BadInput(f"since ({self.since.isoformat()}) is after until ({self.until.isoformat()}); "
                           "give a period whose start is not after its end")
        if isinstance(self.sources, str):
            object.__setattr__(self, "sources", (self.sources,))
        keys = []
        for s in self.sources:
            key = source_key(s) if isinstance(s, str) else None
            if key is None:
                raise BadInput(f"a source must be a non-empty name such as 'vnexpress.net', got {s!r}")
            keys.append(key)
        object.__setattr__(self, "sources", tuple(sorted(set(keys))))

    @classmethod
    def parse(cls, *, since: date | str | None = None, until: date | str | None = None,
              sources: Sequence[str] | str | None = None) -> "NewsFilter | None":
        """A filter from what a user typed: dates as :class:`datetime.date` or ``YYYY-MM-DD``,
        sources as names matched case-insensitively. ``None`` when nothing narrows the search.

        Raises:
            BadInput: a malformed or impossible date, ``since`` after ``until``, an empty source.
        """
        start, end = _parse_day(since, "since"), _parse_day(until, "until")
        names = (sources,) if isinstance(sources, str) else tuple(sources or ())
        if start is None and end is None and not names:
            return None
        return cls(start, end, names)

    @property
    def dated(self) -> bool:
        """Whether it restricts the period (undated articles are then excluded)."""
        return self.since is not None or self.until is not None

    def where(self) -> dict[str, Any] | None:
        """The Chroma ``where`` clause on ``day`` and ``source_key`` (``None``: no restriction)."""
        period: list[dict[str, Any]] = []
        if self.dated:
            # day 0 (undated) is below any since; an until alone needs the lower bound too
            period.append({"day": {"$gte": _as_number(self.since) if self.since else 1}})
        if self.until is not None:
            period.append({"day": {"$lte": _as_number(self.until)}})
        clauses: list[dict[str, Any]] = []
        if period and self.keep_undated:
            clauses.append({"$or": [all_of(*period), {"day": 0}]})
        else:
            clauses.extend(period)
        if self.sources:
            clauses.append({"source_key": self.sources[0] if len(self.sources) == 1 else {"$in": list(self.sources)}})
        return all_of(*clauses)

    def admits(self, published: str | None, source: str | None) -> bool:
        """Whether an article with this ``published`` date and ``source`` passes (as :meth:`where`)."""
        return self._passes(day_number(published) or 0, source_key(source))

    def admits_stored(self, meta: Mapping[str, Any]) -> bool:
        """Whether a stored unit passes, read from its metadata's ``day`` and ``source_key``
        (what :meth:`where` tests in the store, so both give the same answer)."""
        day = meta.get("day")
        return self._passes(None if day is None else int(day), meta.get("source_key"))

    def _passes(self, day: int | None, key: str | None) -> bool:
        """``day``: 0 undated, ``None`` no day key at all (which no period matches, as in Chroma)."""
        if self.dated and not (day == 0 and self.keep_undated):
            if not day:
                return False
            if self.since is not None and day < _as_number(self.since):
                return False
            if self.until is not None and day > _as_number(self.until):
                return False
        return not self.sources or key in self.sources

    def mask(self, days: np.ndarray, source_ids: np.ndarray, source_names: Sequence[str]) -> np.ndarray:
        """:meth:`admits` over many units at once, as a boolean array.

        ``days``: each unit's day as a number (0: undated); ``source_ids``: each unit's source as
        a position in ``source_names`` (the distinct source keys; -1: no source).
        """
        ok = np.ones(len(days), dtype=bool)
        if self.dated:
            in_period = days > 0
            if self.since is not None:
                in_period &= days >= _as_number(self.since)
            if self.until is not None:
                in_period &= days <= _as_number(self.until)
            ok &= (in_period | (days == 0)) if self.keep_undated else in_period
        if self.sources:
            wanted = [i for i, name in enumerate(source_names) if name in self.sources]
            ok &= np.isin(source_ids, wanted)
        return ok

    def describe(self) -> str:
        """Human-readable, e.g. ``published 2019-01-01..2019-12-31, source hnmo``."""
        parts = []
        if self.dated:
            parts.append(f"published {self.since.isoformat() if self.since else '…'}.."
                         f"{self.until.isoformat() if self.until else '…'}" + (" or undated" if self.keep_undated else ""))
        if self.sources:
            parts.append(("source " if len(self.sources) == 1 else "sources ") + ", ".join(self.sources))
        return ", ".join(parts) or "no filter"


@dataclass(frozen=True)
class Facets:
    """The days and sources of many units (chunks, articles) as arrays, so that a filter tests
    them all at once (:meth:`NewsFilter.mask`) instead of one metadata record at a time.

    ``days``: each unit's day as a number (0: undated); ``source_ids``: its source as a position
    in ``source_names`` (-1: none).
    """

    days: np.ndarray
    source_ids: np.ndarray
    source_names: tuple[str, ...] = ()

    @classmethod
    def of(cls, days: Sequence[int], sources: Sequence[str | None]) -> "Facets":
        names = tuple(sorted({s for s in sources if s is not None}))
        position = {name: i for i, name in enumerate(names)}
        return cls(np.asarray(days, dtype=np.int64),
                   np.asarray([-1 if s is None else position[s] for s in sources], dtype=np.int64), names)

    @classmethod
    def empty(cls) -> "Facets":
        return cls.of([], [])

    def __len__(self) -> int:
        return len(self.days)

    def admitted(self, news_filter: NewsFilter) -> np.ndarray:
        """Which units ``news_filter`` admits, as a boolean array."""
        return news_filter.mask(self.days, self.source_ids, self.source_names)


def all_of(*clauses: dict[str, Any] | None) -> dict[str, Any] | None:
    """Chroma ``where`` clauses joined with ``$and`` (which needs two or more); ``None`` ones skipped."""
    kept = [c for c in clauses if c]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else {"$and": kept}
