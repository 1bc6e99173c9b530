"""Check that a generated answer says nothing the cited passages don't.

Every figure, date, document code, person's name and place in the answer must occur in a
passage it cites. Figures are compared by their digits ("58.02" in English matches "58,02"
in the article); names and places ignoring diacritics, places through their exonyms
("Hanoi" matches "Hà Nội"). Citation markers ("[1]") are not facts.
"""

from __future__ import annotations

import re

from qa.gazetteer import find_places, mentions_place
from qa.spans import CODE_RE, find_names
from vectorstore.text import fold_diacritics

_CITE_RE = re.compile(r"\[\s*\d{1,3}\s*\]")
_NUMBER_RE = re.compile(r"\d+(?:[.,/\-]\d+)*")


def _digits(text: str) -> set[str]:
    return {re.sub(r"\D", "", m.group()) for m in _NUMBER_RE.finditer(text)}


def ungrounded_facts(answer: str, passages: list[str]) -> list[str]:
    """Facts of ``answer`` that no passage in ``passages`` contains (empty list: grounded)."""
    text = _CITE_RE.sub(" ", answer)
    joined = "\n".join(passages)
    folded = fold_diacritics(joined)
    have_digits = _digits(joined)
    missing: list[str] = []
    for code in CODE_RE.finditer(text):
        if fold_diacritics(code.group()) not in folded:
            missing.append(code.group())
    text_wo_codes = CODE_RE.sub(" ", text)
    for m in _NUMBER_RE.finditer(text_wo_codes):
        if re.sub(r"\D", "", m.group()) not in have_digits:
            missing.append(m.group())
    for name in find_names(text):
        if fold_diacritics(name.text) not in folded:
            missing.append(name.text)
    for place in find_places(text, accent_insensitive=True):
        if not mentions_place(joined, place.name):
            missing.append(place.name)
    return list(dict.fromkeys(missing))


def cited_numbers(answer: str) -> list[int]:
    """The ``[n]`` markers of ``answer``, in order of first use."""
    return list(dict.fromkeys(int(re.sub(r"\D", "", m.group())) for m in _CITE_RE.finditer(answer)))
