"""Whether a sentence is about what the question pins down: its places, day, and numbered thing.

The entity guard (:mod:`qa.entities`) holds an answer to an *article* that names the question's
places and people. One article often covers several of them: hail in Thuận Châu and in Mù Cang
Chải, the petrol price of 1/1 and the forecast for 16/1, metro lines No. 1 to No. 3B. The
figure beside the other district, day or line is then answered with confidence, and a
look-alike question (another district, another day, a line that does not exist) is answered
too. So each sentence is checked for the question's qualifiers (:func:`sentence_fit`):

- *missing*: the share of them that neither the sentence nor the one before it names;
- *conflicts*: the sentence's days, numbered things and localities of the level the question
  names ("huyện" for "huyện Thuận Châu") when none of them is the question's. A province beside
  a district, or a commune inside it, is no conflict; listed places are left to *missing*, since
  the gazetteer does not say which city lies in which province.

Both become ranker features (:mod:`qa.features`, which also leaves out a conflict that is the
candidate itself): the fit decides what they are worth.

Days are read only where a time word or a year says the figures are a date ("ngày 16/1", "sáng
16-1", "16/1/2019", "16 tháng 1", "January 16"): bare "3-2" is a score, "9/10" a mark, "1/3" a
share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa.entities import Entity, locality_mentions, mentions
from qa.filters import MONTHS_EN
from vectorstore.text import fold_diacritics, nfc

_MONTHS = MONTHS_EN | {name[:3]: i for name, i in MONTHS_EN.items()}  # "Jan. 16" too
_MONTH_EN = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(\d{1,2})(?:\s?[-–]\s?(\d{1,2}))?"  # "26-27/10" is two days
_YEAR_TAIL = r"(?:[/.-](?:19|20)?\d{2})?(?!\d)(?![.,]\d)"
# after a word that makes the figures a day: any separator; after a weaker one ("từ 3-4 chuyến" is
# a range), only a slash
_DAY_AFTER_TIME_WORD = re.compile(rf"(?<!\w)(?<!mỗi )(?<!Mỗi )(?i:ngày|hôm|sáng|trưa|chiều|tối|đêm|rạng sáng|mùng|mồng)\s+{_DAY}"
                                  rf"\s?[/.-]\s?(\d{{1,2}}){_YEAR_TAIL}")
_DAY_AFTER_WORD = re.compile(rf"(?<!\w)(?i:từ|đến|trước|sau|vào|on|since|from|until|by|before|after)\s+{_DAY}"
                             rf"\s?/\s?(\d{{1,2}}){_YEAR_TAIL}")
_DAY_WITH_YEAR = re.compile(r"(?<![\d/.,])(\d{1,2})()\s?[/-]\s?(\d{1,2})[/-](?:19|20)\d{2}(?!\d)")
_DAY_MONTH_VI = re.compile(r"(?<!\d)(\d{1,2})()\s+(?i:tháng)\s+(\d{1,2})(?!\d)")
_DAY_EN = re.compile(rf"(?i:\b({_MONTH_EN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_EN})\b)")
# a numbered thing: "tuyến số 2", "cơn bão số 4", "No. 7", "number 3"; not a figure of "tỷ số 2-1",
# "trong số 28", "con số 50", "quân số 82.000"
_NUMBERED = re.compile(r"(?:(?<!\w)(\w+) số|(?<!\w)No\.|(?<!\w)(?i:number)) ?(\d{1,3}[a-zA-Z]?)(?!\w|[.,]\d)")
_NOT_NUMBERED = {"tỷ", "tỉ", "trong", "con", "quân", "tổng", "hệ", "đa", "phần", "chỉ", "điểm", "kỷ", "dân", "mẫu"}


@dataclass(frozen=True)
class Mention:
    """A qualifier a text names: ``kind`` ("day", "numbered", or a locality's level: "district",
    "commune", …) and ``value`` ("16/1", "7", a folded locality name), at an offset."""

    kind: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Qualifiers:
    """What a question pins down: its entities, the days ("16/1"), numbered things ("No. 7") and
    localities by level ({("district", "thuan chau")}) it names."""

    entities: tuple[Entity, ...] = ()
    days: frozenset[str] = frozenset()
    numbered: frozenset[str] = frozenset()
    localities: frozenset[tuple[str, str]] = frozenset()

    @property
    def count(self) -> int:
        return len(self.entities) + len(self.days) + len(self.numbered)


def question_qualifiers(text: str, entities: tuple[Entity, ...], *, english: bool = False) -> Qualifiers:
    """The qualifiers of a question whose entities (:func:`qa.entities.find_entities`) are given."""
    named = _dates_and_numbers(text)
    return Qualifiers(entities,
                      frozenset(m.value for m in named if m.kind == "day"),
                      frozenset(m.value for m in named if m.kind == "numbered"),
                      frozenset((m.level, fold_diacritics(m.name)) for m in locality_mentions(
                          text, [], [], english=english)))


@lru_cache(maxsize=4096)
def mentions_in(text: str) -> tuple[Mention, ...]:
    """Days, numbered things and localities (by their administrative noun) in ``text``."""
    text = nfc(text)
    found = list(_dates_and_numbers(text))
    found += [Mention(m.level, fold_diacritics(m.name), m.start, m.end)
              for m in locality_mentions(text, [], [], english=False)]
    return tuple(found)


def _dates_and_numbers(text: str) -> list[Mention]:
    found = []
    # every day rule has three groups: a day, the second day of a pair ("26-27/10") or "", the month
    for rule in (_DAY_AFTER_TIME_WORD, _DAY_AFTER_WORD, _DAY_WITH_YEAR, _DAY_MONTH_VI):
        for m in rule.finditer(text):
            days = [d for d in (m.group(1), m.group(2)) if d]
            month = int(m.group(3))
            found += [Mention("day", f"{int(d)}/{month}", *m.span()) for d in days
                      if 1 <= int(d) <= 31 and 1 <= month <= 12]
    for m in _DAY_EN.finditer(text):
        name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if 1 <= int(day) <= 31:
            found.append(Mention("day", f"{int(day)}/{_MONTHS[name.lower()]}", *m.span()))
    found += [Mention("numbered", m.group(2).lower(), *m.span()) for m in _NUMBERED.finditer(text)
              if (m.group(1) or "").lower() not in _NOT_NUMBERED]
    return found


def sentence_fit(q: Qualifiers, sentence: str, previous: str) -> tuple[float, tuple[Mention, ...]]:
    """``(missing, conflicts)`` for a sentence (see the module docstring): the share of ``q`` that
    neither ``sentence`` nor ``previous`` names, and the sentence's mentions of a kind the question
    names when none of that kind is the question's."""
    if not q.count and not q.localities:
        return 0.0, ()
    named = mentions_in(sentence)
    near = {(m.kind, m.value) for m in (*named, *mentions_in(previous))}
    # each text on its own: their folded forms are cached, a joined copy would be folded anew
    absent = sum(not (mentions(sentence, e) or mentions(previous, e)) for e in q.entities)
    absent += sum(("day", d) not in near for d in q.days) + sum(("numbered", n) not in near for n in q.numbered)
    asked: dict[str, set[str]] = {"day": set(q.days), "numbered": set(q.numbered)}
    for level, name in q.localities:
        asked.setdefault(level, set()).add(name)
    conflicts: list[Mention] = []
    for kind, values in asked.items():
        mine = [m for m in named if m.kind == kind]
        if values and mine and not any(m.value in values for m in mine):
            conflicts += mine
    return (absent / q.count if q.count else 0.0), tuple(conflicts)
