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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile
from typing import Literal

from qa.tagging import tag
from qa.diacritics import typed_bare
from qa.foreign_names import find_foreign_names, mentioned as foreign_mentioned
from qa.gazetteer import PlaceMention, find_places, mentions_place
from qa.language import VIETNAMESE_LETTERS, detect_language
from qa.spans import (ADMINISTRATIVE_LEVELS_VI, ADMINISTRATIVE_NOUNS_VI, BARE_SYLLABLE, Span, find_codes,
                      find_identifiers, find_names, fold_name)
from vectorstore.text import fold_diacritics, nfc

EntityKind = Literal["place", "person", "code", "name", "locality", "identifier", "foreign"]

# A district, commune or town the question names by its administrative noun ("huyện Mường Tè",
# "xã Tả Van", "Muong Te district"): no list holds the country's ten thousand of them, but the noun
# says the capitalised words after (or, in English, before) it are a place, which the article must name.
_LOCALITY_VI = re.compile(rf"(?<!\w)(?i:{ADMINISTRATIVE_NOUNS_VI}) ((?:[A-ZĐ][^\W\d_]*)(?: [A-ZĐ][^\W\d_]*){{0,3}})")
# typed bare, only the nouns that fold onto no common word before a name ("ban", "lang", "dao" do)
_LOCALITY_VI_BARE = re.compile(r"(?<!\w)(?i:huyen|quan|thi xa|thi tran|xa|phuong|thon) "
                               r"((?:[A-Z][a-z]*)(?: [A-Z][a-z]*){0,3})")
_LEVELS_EN = {"district": "district", "commune": "commune", "ward": "ward", "township": "town", "town": "town",
              "village": "village", "hamlet": "village", "island": "island"}
_LOCALITY_EN = re.compile(rf"(?<!\w)((?:[A-ZĐ][^\W\d_]*)(?: [A-ZĐ][^\W\d_]*){{0,3}}) (?:{'|'.join(_LEVELS_EN)})\b")

@dataclass(frozen=True)
class Entity:
    """Something a text names. ``key`` is what is looked for elsewhere: a place's canonical
    name, or the person's name / document code as written."""

    kind: EntityKind
    key: str


def find_entities(text: str, *, accent_insensitive: bool | None = None,
                  places: Sequence[PlaceMention] | None = None, names: bool = True,
                  language: str | None = None, question: bool = False) -> tuple[Entity, ...]:
    """Places, people, document codes and other proper names in ``text``, each once, in that order.

    Proper names (``name``) come from a general recogniser, not a list, so a question about
    "Lion Air" or "Clarisa Figueroa" is guarded like one about a listed city: in Vietnamese
    text, the runs underthesea tags as proper nouns; in English text, capitalised runs that
    carry Vietnamese letters ("Bình Tân", "Đắk Tô"), since English capitalised words (months,
    "Supreme Court") have no Vietnamese spelling to find in an article. ``names=False`` keeps
    to the places, people and codes; ``language`` skips detecting it when the caller knows it.
    ``question``: ``text`` is a user's question; an English one may write a Vietnamese name without
    its diacritics ("Nguyen Van Duong": :func:`~qa.spans.find_names`); its localities and model,
    flight or class numbers ("Boeing 787": :func:`~qa.spans.find_identifiers`) are guarded too, and
    so are, in either language, the capitalised Latin words of a foreign name that are no English
    word ("Kerkenna", "Purushottam Timsina": :mod:`qa.foreign_names`). A
    bare Vietnamese question is not read so, since there "Truong Ban" is a title, not Trương; the
    tagger's proper nouns guard it where it tags them (``name``).

    ``accent_insensitive`` is passed to :func:`~qa.gazetteer.find_places` (``None``: only
    when the text itself has no diacritics); ``places`` skips that search when the caller
    has already made it (and dropped the places that end a name: :func:`outside_names`).
    """
    bare = question and (language or detect_language(text)) == "en"
    if places is None:
        places = outside_names(text, find_places(text, accent_insensitive=accent_insensitive), bare=bare)
    found = [Entity("place", p.name) for p in places]
    people = find_names(text, places, bare=bare)
    found += [Entity("person", s.text) for s in people]
    found += [Entity("code", s.text) for s in find_codes(text)]
    if question:
        places_in = locality_mentions(text, places, people, english=bare)
        found += [Entity("locality", name) for name in dict.fromkeys(m.name for m in places_in)]
        identifiers = find_identifiers(text)
        found += [Entity("identifier", s.text) for s in identifiers]
        covered = [(p.start, p.end) for p in places] + [(s.start, s.end) for s in (*people, *identifiers)]
        covered += [(m.start, m.end) for m in places_in]
        found += [Entity("foreign", run) for run in find_foreign_names(text, covered)]
    if names:
        # a foreign name's run keeps the tagger's name beside it ("Antony Blinken"): the ranker weighs
        # the names a question gives (``Question.named``), the guard its foreign words
        known = [fold_diacritics(e.key) for e in found if e.kind != "foreign"]
        known += [fold_diacritics(text[p.start:p.end]) for p in places]
        for name in proper_names(text, language=language):
            folded = fold_diacritics(name)
            if not any(folded in k or k in folded for k in known):
                found.append(Entity("name", name))
                known.append(folded)
    return tuple(dict.fromkeys(found))


def outside_names(text: str, places: Sequence[PlaceMention], *, bare: bool) -> list[PlaceMention]:
    """``places`` less those that end a personal name begun before them: in "Nguyen Chi Vinh" or
    "Lê Văn Huế" the last syllable is the man, not the city of Vinh or Huế, and guarding the city
    abstains on every article about him. A place the name starts with stays ("Ho Chi Minh City",
    "Hà Nam Hồ Văn Tư": the province, then the man), and so does a place of two syllables or more
    after a name-like run ("Bạch Mai Hà Nội", "cao tốc Hà Nội Hải Phòng")."""
    if not places:
        return list(places)
    names = find_names(text, (), bare=bare)
    # one syllable, and the name's last: "Bệnh viện Bạch Mai Hà Nội" is a hospital and Hà Nội
    return [p for p in places if not any(n.start < p.start and p.end == n.end and " " not in text[p.start:p.end]
                                         for n in names)]


@dataclass(frozen=True)
class Locality:
    """A district, commune or town a text names by its administrative noun
    (:data:`~qa.spans.ADMINISTRATIVE_NOUNS_VI`), beyond the listed places ("Mường Tè" in "huyện
    Mường Tè"), with its level ("district" for huyện, quận, thị xã
    or "district"; "commune", "ward", "town", "village", "island") and where its name stands."""

    name: str
    level: str
    start: int
    end: int


_LEVELS = ADMINISTRATIVE_LEVELS_VI | _LEVELS_EN
_LEVELS_BARE = {fold_diacritics(k): v for k, v in _LEVELS.items()}  # "xa" is xã, typed bare


def _level(noun: str) -> str:
    return _LEVELS.get(noun.lower()) or _LEVELS_BARE.get(fold_diacritics(noun), "district")


def locality_mentions(text: str, places: Sequence[PlaceMention], people: Sequence[Span], *,
                      english: bool) -> list[Locality]:
    """The localities ``text`` names (every mention, in order). Only Vietnamese syllables count: in
    English, the ones nearest the noun ("Is Muong Te district", not "Is"; "the Mekong Delta town",
    nothing); in Vietnamese, up to one of ``people``, the names found in ``text`` ("xã Vĩnh Tiến
    Nguyễn Văn Hùng")."""
    rules = [_LOCALITY_EN] if english else [_LOCALITY_VI_BARE] if typed_bare(text) else [_LOCALITY_VI]
    out = []
    for rule in rules:
        for m in rule.finditer(text):
            start, end = m.span(1)
            noun = text[m.end(1):m.end()].strip() if english else text[m.start():start].strip()
            name = m.group(1).split()
            if english:
                syllables = list(takewhile(lambda w: BARE_SYLLABLE.fullmatch(fold_diacritics(w)), reversed(name)))
                name = name[len(name) - len(syllables):]
                start = end - len(" ".join(name))
            else:
                end = next((p.start for p in people if start < p.start < end), end)
                name = text[start:end].split()
                end = start + len(" ".join(name))
            if name and not any(p.start < end and start < p.end for p in places):
                out.append(Locality(" ".join(name), _level(noun), start, end))
    return out


def proper_names(text: str, *, language: str | None = None) -> list[str]:
    """Proper names in ``text`` beyond listed places: see :func:`find_entities`."""
    text = nfc(text)
    if (language or detect_language(text)) == "en":
        runs: list[list[str]] = [[]]
        for word in text.split():
            word = word.strip(".,;:!?()\"“”’'")
            if word[:1].isupper():
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        return [" ".join(r) for r in runs if r and VIETNAMESE_LETTERS.search(" ".join(r))]
    out, run = [], []
    tokens = tag(text)
    for i, t in enumerate((*tokens, None)):
        if t is not None and t.pos == "Np" and t.text[:1].isupper() and (i > 0 or len(t.text) > 3):
            run.append(t)
            continue
        if run:
            name = text[run[0].start:run[-1].end]
            if len(name) > 2:
                out.append(name)
        run = []
    return out


def mentions(text: str, entity: Entity) -> bool:
    """Whether ``text`` (an article or passages) mentions ``entity`` in any of its forms."""
    if entity.kind == "place":
        return mentions_place(text, entity.key)
    if entity.kind == "identifier":  # "JT610" is "JT 610", "S-400" "S400" in some articles
        return _compact(fold_name(entity.key)) in _compact_folded(text)
    if entity.kind == "foreign":
        return foreign_mentioned(entity.key, _folded(text))
    return fold_name(entity.key) in _folded(text)


def absent(entities: Iterable[Entity], text: str) -> list[str]:
    """Keys of the ``entities`` that ``text`` does not mention (empty: the text may answer)."""
    return [e.key for e in entities if not mentions(text, e)]


@lru_cache(maxsize=512)
def _folded(text: str) -> str:
    """Folded text (:func:`~qa.spans.fold_name`), cached: the same articles come back question after question."""
    return fold_name(text)


def _compact(text: str) -> str:
    """``text`` without spaces and hyphens: how an identifier is compared ("JT 610" is "JT610")."""
    return re.sub(r"[\s-]+", "", text)


@lru_cache(maxsize=512)
def _compact_folded(text: str) -> str:
    """:func:`_folded` without spaces or hyphens, where identifiers are looked for."""
    return _compact(_folded(text))
