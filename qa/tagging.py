"""underthesea's tags of a sentence, with offsets into it, and the candidate answer they make.

Every recogniser of :mod:`qa.candidates` and :mod:`qa.bodies` reads the same tokens: words
(underthesea's segmentation: "bóng đá" is one word), their part of speech and their entity tag.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from qa.gazetteer import find_places
from vectorstore.text import fold_diacritics, nfc


@dataclass(frozen=True)
class Candidate:
    """A possible answer: ``sentence[start:end] == text``; ``ctype`` names what recognised it."""

    text: str
    start: int
    end: int
    ctype: str


@dataclass(frozen=True)
class Token:
    """One word of underthesea's: ``sentence[start:end] == text``, its part of speech and entity tag."""

    text: str
    start: int
    end: int
    pos: str
    ner: str


def warm_up_tagger() -> None:
    """Load underthesea's taggers (word segmentation, POS, chunking, NER: ~2 s) before the first
    question needs them; the start-up prefetch calls it."""
    tag("Ông Nguyễn Văn An đến Hà Nội.")


@lru_cache(maxsize=4096)
def tag(sentence: str) -> tuple[Token, ...]:
    """underthesea's words, part-of-speech and entity tags, with offsets into ``sentence``.

    Cached: the same sentences come back question after question (5 ms a sentence otherwise).
    """
    from vectorstore.underthesea_lite import CALL_LOCK, underthesea  # lazy, without its unused pipelines

    try:
        with CALL_LOCK:
            rows = underthesea().ner(sentence)
    except Exception:  # noqa: BLE001 - a tagger failure must not lose the figures found by shape
        return ()
    folded = fold_diacritics(sentence)
    tokens, cursor = [], 0
    for word, pos, _chunk, label in rows:
        key = fold_diacritics(nfc(word))
        at = folded.find(key, cursor)
        if at < 0:
            continue  # the tagger rewrote this word beyond recognition: skip it, keep the rest aligned
        tokens.append(Token(sentence[at:at + len(key)], at, at + len(key), pos, label))
        cursor = at + len(key)
    return tuple(tokens)


def is_place(text: str) -> bool:
    """Whether ``text`` is, whole, a place the gazetteer lists (a country, a province)."""
    places = find_places(text, accent_insensitive=False)
    return len(places) == 1 and places[0].start == 0 and places[0].end == len(text)
