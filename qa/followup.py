"""Resolve elliptical follow-up questions against the conversation.

"còn Móng Cái thì sao?" after "how many cadres did Hà Nội rotate?" means "how many cadres
did Móng Cái rotate?". A follow-up is recognised by its form (a short "còn X thì sao?",
"what about X?", "and in 2020?") and resolved by putting the places, years and document codes
it names into the previous full question, in place of those of the same type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.gazetteer import find_places
from qa.spans import CODE_RE, standalone_years
from vectorstore.text import fold_diacritics

_FOLLOWUP_RE = re.compile(
    r"^(?:(?:con|the con|vay con|va)\s+(?P<a>.+?)(?:\s+thi\s+sao|\s+the\s+nao|\s+thi)?"
    r"|(?P<b>.+?)\s+thi\s+sao"
    r"|(?:what|how)\s+about\s+(?P<c>.+?)|and\s+(?:for\s+|in\s+)?(?P<d>.+?))\s*[?.!]*$"
)


@dataclass(frozen=True)
class Resolved:
    question: str
    rewritten: bool
    based_on: str | None = None


def _is_followup(question: str) -> bool:
    folded = " ".join(fold_diacritics(question).split())
    return len(folded.split()) <= 8 and _FOLLOWUP_RE.match(folded) is not None


def resolve_followup(question: str, history: Sequence[str]) -> Resolved:
    """``question`` made self-contained using the earlier user questions ``history`` (oldest first).

    Questions that are not follow-ups, or that have nothing to resolve against, come back unchanged.
    """
    if not history or not _is_followup(question):
        return Resolved(question, False)
    base = next((q for q in reversed(history) if not _is_followup(q)), None)
    if base is None:
        return Resolved(question, False)
    new_places = [question[p.start:p.end] for p in find_places(question)]
    new_years = sorted(standalone_years(question))
    new_codes = [m.group() for m in CODE_RE.finditer(question)]
    if not (new_places or new_years or new_codes):
        return Resolved(question, False)
    rewritten = base
    rewritten = _replace(rewritten, [(p.start, p.end) for p in find_places(base)], new_places)
    rewritten = _replace(rewritten, [(m.start(), m.end()) for m in re.finditer(r"(?<!\d)(?:19|20)\d{2}(?!\d)", rewritten)
                                     if m.group() in standalone_years(rewritten)], new_years)
    rewritten = _replace(rewritten, [(m.start(), m.end()) for m in CODE_RE.finditer(rewritten)], new_codes)
    return Resolved(rewritten, rewritten != base, base)


def _replace(text: str, spans: list[tuple[int, int]], values: list[str]) -> str:
    """Put ``values`` in place of the first ``spans`` (or append them when there is none)."""
    if not values:
        return text
    if not spans:
        stem = text.rstrip(" ?.!")
        return f"{stem} ({', '.join(values)})" + text[len(stem):]
    for (start, end), value in reversed(list(zip(spans, values + [values[-1]] * len(spans)))):
        text = text[:start] + value + text[end:]
    return text
