"""The entity guard: what a text names, and whether another text mentions it.

One rule, used everywhere an answer could be about the wrong thing:

- a question about Đà Nẵng, about "Trần Văn Nam" or about "Kế hoạch 15/KH-UBND" is answered
  only from an article that mentions that place, person or document (retrieval puts such
  articles first, the answerer answers only from them);
- a generated (LLM) answer may name only places, people and codes that occur in the passages
  it cites (``qa.grounding``).

Places match through their aliases and exonyms ("Hanoi" is "Hà Nội"), ignoring diacritics;
people and codes match ignoring diacritics.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from qa.gazetteer import PlaceMention, find_places, mentions_place
from qa.spans import find_codes, find_names
from vectorstore.text import fold_diacritics

EntityKind = Literal["place", "person", "code"]


@dataclass(frozen=True)
class Entity:
    """Something a text names. ``key`` is what is looked for elsewhere: a place's canonical
    name, or the person's name / document code as written."""

    kind: EntityKind
    key: str


def find_entities(text: str, *, accent_insensitive: bool | None = None,
                  places: Sequence[PlaceMention] | None = None) -> tuple[Entity, ...]:
    """Places, people and document codes named in ``text``, each once, in that order.

    ``accent_insensitive`` is passed to :func:`~qa.gazetteer.find_places` (``None``: only
    when the text itself has no diacritics); ``places`` skips that search when the caller
    has already made it.
    """
    if places is None:
        places = find_places(text, accent_insensitive=accent_insensitive)
    found = [Entity("place", p.name) for p in places]
    found += [Entity("person", s.text) for s in find_names(text, places)]
    found += [Entity("code", s.text) for s in find_codes(text)]
    return tuple(dict.fromkeys(found))


def mentions(text: str, entity: Entity) -> bool:
    """Whether ``text`` (an article or passages) mentions ``entity`` in any of its forms."""
    if entity.kind == "place":
        return mentions_place(text, entity.key)
    return fold_diacritics(entity.key) in _folded(text)


def absent(entities: Iterable[Entity], text: str) -> list[str]:
    """Keys of the ``entities`` that ``text`` does not mention (empty: the text may answer)."""
    return [e.key for e in entities if not mentions(text, e)]


@lru_cache(maxsize=512)
def _folded(text: str) -> str:
    """Folded text, cached: the same articles come back question after question."""
    return fold_diacritics(text)
