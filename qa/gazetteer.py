"""Places the user may name, with the ways they may be written.

A question about Đà Nẵng must not be answered with Hà Nội's figure, so every place in a
question is resolved to a canonical name and checked against the article an answer comes
from. Each place lists its Vietnamese spellings and English exonyms; matching ignores
diacritics only when the question itself was typed without them ("Ha Noi", "Mong Cai").

The places are data: the ``[gazetteer]`` section of the domain vocabulary
(:mod:`qa.domain`). Without it no place is recognised and no answer is held to one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa.domain import active_domain, derived
from vectorstore.text import fold_diacritics

@dataclass(frozen=True)
class PlaceMention:
    name: str
    start: int
    end: int


_SEPARATORS = re.compile(r"[\s.]+")
_GRAM = 4


@dataclass(frozen=True)
class _Pattern:
    canonical: str
    regex: re.Pattern[str]
    folded: bool
    # The alias without spaces or dots. Every match, once spaces and dots are squeezed out of
    # the text, contains it; checking that with ``in`` first skips most regex scans of an article
    # (find_places ran on every candidate article and was the largest cost of a search after the
    # query embedding at 20k chunks), and its first letters index it (``_by_first_letters``).
    squeezed: str

    def finditer(self, haystack: str, squeezed: str):
        if self.squeezed in squeezed:
            yield from self.regex.finditer(haystack)


@derived
@lru_cache(maxsize=1)
def _patterns() -> list[_Pattern]:
    """Every alias as a pattern, longest alias first so "Thành phố Hồ Chí Minh" beats "Hồ Chí Minh"."""
    domain = active_domain()
    rows: list[tuple[str, str]] = []
    for canonical, aliases in domain.places.items():
        rows.extend((canonical, a) for a in (canonical, *aliases))
    rows.sort(key=lambda r: -len(r[1]))
    compiled = []
    for canonical, alias in rows:
        for folded in (False, True):
            if folded and alias in domain.exact_only:
                continue
            form = fold_diacritics(alias) if folded else alias.lower()
            parts = [part for part in _SEPARATORS.split(form) if part]
            body = r"[\s.]*".join(re.escape(part) for part in parts)  # "TP.HCM", "TP. HCM", "TP HCM"
            compiled.append(_Pattern(canonical, re.compile(rf"(?<![\w]){body}(?![\w])"), folded, "".join(parts)))
    return compiled


@derived
@lru_cache(maxsize=1)
def _by_first_letters() -> tuple[dict[bool, dict[str, list[int]]], dict[bool, list[int]]]:
    """The patterns' indexes by their alias's first :data:`_GRAM` letters (spaces and dots squeezed
    out), and those of aliases shorter than that; folded and as-written patterns apart."""
    by_first: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
    short: dict[bool, list[int]] = {False: [], True: []}
    for n, pattern in enumerate(_patterns()):
        if len(pattern.squeezed) < _GRAM:
            short[pattern.folded].append(n)
        else:
            by_first[pattern.folded].setdefault(pattern.squeezed[:_GRAM], []).append(n)
    return by_first, short


def find_places(text: str, *, accent_insensitive: bool | None = None) -> list[PlaceMention]:
    """Places named in ``text`` (canonical names, in order, without overlaps).

    ``accent_insensitive=None`` decides from the text: folded matching only when ``text``
    has no Vietnamese diacritics at all (the user typed without them).
    """
    if accent_insensitive is None:
        accent_insensitive = fold_diacritics(text) == text.lower()
    lowered, folded = text.lower(), fold_diacritics(text)
    squeezed = {False: _SEPARATORS.sub("", lowered), True: _SEPARATORS.sub("", folded) if accent_insensitive else ""}
    # Only the aliases whose first four letters the text holds can be in it: looked up by those
    # letters (:func:`_by_first_letters`), not scanned for one by one (~1,000 ``in`` scans of the
    # whole text had cost most of the 4 ms an article). Taken in the patterns' order, longest first.
    patterns = _patterns()
    by_first, short = _by_first_letters()
    chosen: set[int] = set()
    for kind in (False, True) if accent_insensitive else (False,):
        chosen.update(short[kind])
        text_grams = {squeezed[kind][i:i + _GRAM] for i in range(len(squeezed[kind]) - _GRAM + 1)}
        for gram in text_grams & by_first[kind].keys():
            chosen.update(by_first[kind][gram])
    taken: list[PlaceMention] = []
    for n in sorted(chosen):
        pattern = patterns[n]
        haystack = folded if pattern.folded else lowered  # folding keeps NFC lengths, so offsets hold
        for m in pattern.finditer(haystack, squeezed[pattern.folded]):
            if any(m.start() < t.end and t.start < m.end() for t in taken):
                continue
            taken.append(PlaceMention(pattern.canonical, m.start(), m.end()))
    return sorted(taken, key=lambda p: p.start)


def mentions_place(text: str, canonical: str) -> bool:
    """Whether ``text`` (an article) names ``canonical`` in any of its forms, accents ignored; a
    capital also by its country (``[gazetteer.stands_for]``: "Tokyo" asked of an article that names
    only Japan, the government the capital stands for), a listed country as the gazetteer finds
    it, any other name as written."""
    found = _places_in_article(text)
    if canonical in found:
        return True
    domain = active_domain()
    return any(name in found if name in domain.places else re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
               for name in domain.stands_for.get(canonical, ()))


@derived
@lru_cache(maxsize=512)
def _places_in_article(text: str) -> frozenset[str]:
    """Every place an article names. Cached: the same articles come back question after
    question (a scan of one costs well under a millisecond since the literal pre-check)."""
    return frozenset(p.name for p in find_places(text, accent_insensitive=True))
