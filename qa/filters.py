"""News filters in the answering layer: what the user asked for, and the period a question names.

A filter given explicitly (``Assistant.ask(q, since=…, until=…, sources=[…])``, ``qa ask
--since``) is parsed and checked by :meth:`NewsFilter.parse`. A question may also name one
period itself - "năm 2019", "tháng 3/2020", "tháng 3 năm 2020", "in 2019", "in March 2020",
"March 2020" - and :func:`named_period` finds it. Only such explicit phrases count, and only
when the question names exactly one period: "đến năm 2025" (a plan's horizon), "từ năm 2019"
(a start), "2020-2025" (a term) or two different years name no single period.

Whether a named period becomes the question's filter is the assistant's decision
(``retrieval.period_from_question``, and only when some indexed article is dated in it).

Example::

    named_period("Năm 2019, Móng Cái luân chuyển bao nhiêu cán bộ?")
    # NewsFilter(since=date(2019, 1, 1), until=date(2019, 12, 31))
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from vectorstore.filters import NewsFilter
from vectorstore.text import nfc

__all__ = ["NewsFilter", "named_period", "reported_within"]

_YEAR = r"((?:19|20)\d{2})"
_NOT_RANGE = r"(?!\d)(?!\s*[-–—/]\s*\d)"  # not the first year of 2020-2025, nor part of a longer number
MONTHS_EN = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
# Words before "năm <year>" / "in <year>" that make it the edge of a range or a horizon.
_VI_EDGE = r"(?<!đến )(?<!tới )(?<!từ )(?<!trước )(?<!sau )(?<!hết )(?<!giai đoạn )"

_VI_MONTH_RE = re.compile(r"\btháng\s+(\d{1,2})\s*(?:[/\-.]|\s+năm\s+)\s*" + _YEAR + _NOT_RANGE, re.I)
_VI_YEAR_RE = re.compile(_VI_EDGE + r"\bnăm\s+" + _YEAR + _NOT_RANGE, re.I)
_EN_MONTH_RE = re.compile(r"\b(" + "|".join(MONTHS_EN) + r")\s+(?:of\s+)?" + _YEAR + _NOT_RANGE, re.I)
_EN_YEAR_RE = re.compile(r"\b(?:in|during)\s+(?:the\s+year\s+)?" + _YEAR + _NOT_RANGE, re.I)


def _month(year: int, month: int) -> NewsFilter | None:
    if not 1 <= month <= 12:
        return None
    return NewsFilter(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _year(year: int) -> NewsFilter:
    return NewsFilter(date(year, 1, 1), date(year, 12, 31))


def named_period(text: str) -> NewsFilter | None:
    """The one period ``text`` names ("năm 2019", "tháng 3/2020", "in March 2020", …) as a
    filter on publication dates, or ``None`` when it names none or several."""
    text = nfc(text)
    found: set[NewsFilter] = set()
    taken: list[tuple[int, int]] = []
    for rule, month_first in ((_VI_MONTH_RE, True), (_EN_MONTH_RE, True)):
        for m in rule.finditer(text):
            raw = m.group(1)
            month = int(raw) if raw.isdigit() else MONTHS_EN[raw.lower()]
            period = _month(int(m.group(2)), month)
            if period is None:
                return None  # "tháng 13/2020": not a period we understand, so none at all
            found.add(period)
            taken.append(m.span())
    for rule in (_VI_YEAR_RE, _EN_YEAR_RE):
        for m in rule.finditer(text):
            if not any(lo <= m.start() < hi for lo, hi in taken):  # "tháng 3 năm 2020" is a month
                found.add(_year(int(m.group(1))))
    return found.pop() if len(found) == 1 else None


def reported_within(period: NewsFilter, days: int) -> NewsFilter:
    """Articles that can report on ``period``: published in it or up to ``days`` after it ends
    (a year's review appears the next January or February), or not dated at all (nothing says
    an undated article is outside the period the question names)."""
    return NewsFilter(period.since, period.until + timedelta(days=days) if period.until else None, period.sources,
                      keep_undated=True)
