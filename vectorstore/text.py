"""Unicode helpers for Vietnamese text.

Everything entering or leaving a component goes through :func:`nfc`, because Vietnamese
can be typed precomposed (NFC) or with combining marks (NFD), and the two never compare
equal. Folding diacritics away is a separate, explicitly named step: it is only right
where the user means "the same name, however it was typed" (``Ha Noi`` == ``Hà Nội``).
"""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[^\W_]+(?:[.,/\-][^\W_]+)*", re.UNICODE)
# A Vietnamese document code: a number, then one or more upper-case abbreviations joined by
# "-" or "/" ("1841-QĐ/TU": decision 1841 of the city party committee; "132/NQ-CP": resolution
# 132 of the government). Not inside a longer token, so "ngày 10/01" or "22/22" never match.
DOCUMENT_CODE_RE = re.compile(r"(?<![\w/-])\d{1,5}[-/](?:[A-ZĐ]{1,8}[-/])*[A-ZĐ]{1,8}(?!\w)")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (the form all vnqa components exchange)."""
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """``text`` without Vietnamese diacritics, case kept ("Thành ủy Hà Nội" -> "Thanh uy Ha Noi"):
    decompose, drop combining marks, recompose; ``đ`` is a letter of its own, mapped by hand."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def _fold_slowly(text: str) -> str:
    """The definition of folding: diacritics stripped, lower-cased."""
    return strip_diacritics(text).lower()


def _fold_table() -> dict[int, str | None]:
    """Per-character folding of lower-cased NFC Latin text, precomputed once.

    Answering folds every word of every candidate article; a ``str.translate`` table does
    that ~10x faster than decomposing each string (measured by ``qa bench``).
    """
    table: dict[int, str | None] = {}
    for cp in range(0x80, 0x2000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Mn":
            table[cp] = None
            continue
        folded = _fold_slowly(ch)
        if folded != ch:
            table[cp] = folded
    return table


_FOLD = _fold_table()


def fold_diacritics(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics (``Hà Nội`` -> ``ha noi``).

    ``đ``/``Đ`` is a separate letter, not a composed one, so it is mapped by hand (in the
    table). The result has the same length as the NFC input for Vietnamese text, which the
    gazetteer relies on for offsets; tests check it equals :func:`_fold_slowly`.
    """
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD)


# Tone marks on "oa", "oe", "uy" are placed two ways ("hoà" / "hòa", "uỷ" / "ủy"); NFC keeps both.
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def one_tone_placement(text: str) -> str:
    """``text`` with the tone of "oa", "oe", "uy" (and "ua", "ue") on the first vowel ("hoà" ->
    "hòa"), so that words compare with their diacritics however the tone was placed. "quà"
    becomes "qùa" too; whatever passes through here on both sides agrees."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = re.sub(rf"([oOuU])([aAeEyY])([{_TONES}])", r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", moved)


def words(text: str) -> list[str]:
    """Split text into word-like tokens, keeping codes such as ``1841-QĐ/TU`` and ``58,02``."""
    return _WORD_RE.findall(text)


def folded_words(text: str) -> list[str]:
    """Words of ``text`` with diacritics folded away, for accent-insensitive matching."""
    return [fold_diacritics(w) for w in words(text)]


def contains_word(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` with no word character (``\\w``) touching either
    end, as ``re.search(rf"(?<!\\w){re.escape(phrase)}(?!\\w)", text)`` says, without compiling
    a pattern per phrase: the answer ranker asks this of every candidate, and ~1,600 distinct
    patterns a few questions overflow ``re``'s cache (25 ms per question went to compiling)."""
    if not phrase:
        return False
    at = text.find(phrase)
    while at != -1:
        end = at + len(phrase)
        if not (at > 0 and _is_word_char(text[at - 1])) and not (end < len(text) and _is_word_char(text[end])):
            return True
        at = text.find(phrase, at + 1)
    return False


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"
