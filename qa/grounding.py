"""Check that a generated answer says nothing the cited passages don't.

Every figure, date, document code, person's name and place in the answer must occur in a
passage it cites. Figures are compared by their digits ("58.02" in English matches "58,02"
in the article); names and places ignoring diacritics, places through their exonyms
("Hanoi" matches "Hà Nội"). Citation markers ("[1]") are not facts.
"""

from __future__ import annotations

import re

from qa.entities import absent, find_entities
from qa.spans import CODE_RE

_CITE_RE = re.compile(r"\[\s*\d{1,3}\s*\]")
_NUMBER_RE = re.compile(r"\d+(?:[.,/\-]\d+)*")


def _digits(text: str) -> set[str]:
    return {re.sub(r"\D", "", m.group()) for m in _NUMBER_RE.finditer(text)}


def ungrounded_facts(answer: str, passages: list[str]) -> list[str]:
    """Facts of ``answer`` that no passage in ``passages`` contains (empty list: grounded).

    Document codes, people and places go through the entity guard (:mod:`qa.entities`), the
    same rule that keeps a question about one city from being answered from another's article.
    """
    text = _CITE_RE.sub(" ", answer)
    joined = "\n".join(passages)
    entities = find_entities(text, accent_insensitive=True)
    codes = [e for e in entities if e.kind == "code"]
    missing = absent(codes, joined)
    have_digits = _digits(joined)
    for m in _NUMBER_RE.finditer(CODE_RE.sub(" ", text)):
        if re.sub(r"\D", "", m.group()) not in have_digits:
            missing.append(m.group())
    missing += absent([e for e in entities if e.kind != "code"], joined)
    return list(dict.fromkeys(missing))


def cited_numbers(answer: str) -> list[int]:
    """The ``[n]`` markers of ``answer``, in order of first use."""
    return list(dict.fromkeys(int(re.sub(r"\D", "", m.group())) for m in _CITE_RE.finditer(answer)))
