"""Whether a sentence is about what the question pins down: its places, day, and numbered thing.

The entity guard (:mod:`qa.entities`) holds an answer to an *article* that names the question's
places and people. One article often covers several of them: hail in Thuận Châu and in Mù Cang
Chải, the petrol price of 1/1 and the forecast for 16/1, metro lines No. 1 to No. 3B. The
figure beside the other district, day or line is then answered with confidence, and a
look-alike question (another district, another day, a line that does not exist) is answered
too. So each sentence is checked for the question's qualifiers:

- ``missing``: the share of them that neither the sentence nor the one before it names;
- ``other``: the sentence names something of the same kind (a place, a day and month, a
  "số N") and none of the question's, outside the candidate itself.

Both are ranker features (:mod:`qa.features`): the fit decides what they are worth.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from qa.entities import Entity, localities, mentions
from qa.gazetteer import find_places
from vectorstore.text import fold_diacritics, nfc

_MONTHS_EN = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS_EN |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH_EN = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
# "16/1", "16-1-2019" after a day word, "16 tháng 1"; a hyphen alone is too often a score ("3-2")
_DAY_SLASH = re.compile(r"(?<![\d/.,])(\d{1,2})\s?/\s?(\d{1,2})(?:/(?:19|20)?\d{2})?(?!\d)(?![.,/]\d)")
_DAY_WORD = re.compile(r"(?i:ngày|hôm|sáng|trưa|chiều|tối|đêm|rạng sáng|on|of)\s+(\d{1,2})\s?[-.]\s?(\d{1,2})(?:[-.](?:19|20)\d{2})?(?!\d)(?![.,]\d)")
_DAY_MONTH_VI = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?!\d)", re.I)
_DAY_EN = re.compile(rf"(?i:\b({_MONTH_EN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_EN})\b)")
# a numbered thing: "tuyến số 2", "No. 7", "number 3"
_NUMBERED = re.compile(r"(?i:\bsố|\bno\.?|\bnumber)\s?(\d{1,3}[a-zA-Z]?)\b")


@dataclass(frozen=True)
class Mention:
    """A qualifier a text names: ``kind`` ("place": listed, "locality": by its administrative noun,
    "day", "numbered") and ``value`` (a place's canonical name, a folded locality, "16/1", "7"), at an offset."""

    kind: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Qualifiers:
    """What a question pins down: its entities, the days ("16/1") and numbered things ("No. 7") it names."""

    entities: tuple[Entity, ...] = ()
    days: frozenset[str] = frozenset()
    numbered: frozenset[str] = frozenset()

    @property
    def count(self) -> int:
        return len(self.entities) + len(self.days) + len(self.numbered)


def question_qualifiers(text: str, entities: tuple[Entity, ...]) -> Qualifiers:
    """The qualifiers of a question whose entities (:func:`qa.entities.find_entities`) are given."""
    named = mentions_in(text)
    return Qualifiers(entities,
                      frozenset(m.value for m in named if m.kind == "day"),
                      frozenset(m.value for m in named if m.kind == "numbered"))


@lru_cache(maxsize=4096)
def mentions_in(text: str) -> tuple[Mention, ...]:
    """Days, numbered things, listed places and localities (by their noun) in ``text``."""
    text = nfc(text)
    found = []
    for rule in (_DAY_SLASH, _DAY_WORD, _DAY_MONTH_VI):
        for m in rule.finditer(text):
            day, month = int(m.group(1)), int(m.group(2))
            if 1 <= day <= 31 and 1 <= month <= 12:
                found.append(Mention("day", f"{day}/{month}", *m.span()))
    for m in _DAY_EN.finditer(text):
        name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if 1 <= int(day) <= 31:
            found.append(Mention("day", f"{int(day)}/{_MONTHS_EN[name.lower()]}", *m.span()))
    found += [Mention("numbered", m.group(1).lower(), *m.span()) for m in _NUMBERED.finditer(text)]
    places = find_places(text)
    found += [Mention("place", p.name, p.start, p.end) for p in places]
    for name in localities(text, places, [], english=False):
        at = text.find(name)
        found.append(Mention("locality", fold_diacritics(name), at, at + len(name)))
    return tuple(found)


def sentence_fit(q: Qualifiers, sentence: str, previous: str) -> tuple[float, tuple[Mention, ...]]:
    """``(missing, conflicts)`` for a sentence: the share of ``q`` that neither ``sentence`` nor
    ``previous`` names, and the sentence's mentions of a kind the question names whose value is
    none of the question's (when the sentence names none of that kind's asked values)."""
    if not q.count:
        return 0.0, ()
    local = f"{previous} {sentence}"
    named = mentions_in(sentence)
    near = {(m.kind, m.value) for m in named} | {(m.kind, m.value) for m in mentions_in(previous)}
    absent = sum(not mentions(local, e) for e in q.entities)
    absent += sum(("day", d) not in near for d in q.days) + sum(("numbered", n) not in near for n in q.numbered)
    # a province is no conflict for a district the question names, nor a district for its province
    asked = {"day": q.days, "numbered": q.numbered,
             "place": {e.key for e in q.entities if e.kind == "place"},
             "locality": {fold_diacritics(e.key) for e in q.entities if e.kind == "locality"}}
    conflicts: list[Mention] = []
    for kind, values in asked.items():
        mine = [m for m in named if m.kind == kind]
        if values and mine and not any(m.value in values for m in mine):
            conflicts += mine
    return absent / q.count, tuple(conflicts)
