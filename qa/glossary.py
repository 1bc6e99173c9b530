"""A small English -> Vietnamese glossary of the news domain (cadre work, Party bodies).

Dense retrieval already bridges the two languages; this glossary helps where exact words
matter: scoring which number in a sentence the question is about ("rotate" ->
"luân chuyển"). (Counting nouns and their English names are in :mod:`qa.units`.)
Entries are lower-case; Vietnamese sides are folded (no diacritics) for matching.

The glossary is data: the ``[glossary]`` section of the domain vocabulary (:mod:`qa.domain`).
The words it lacks take the fitted lexicon's terms (:mod:`qa.lexicon`). Without either, nothing
is expanded and English questions rely on retrieval alone.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from qa.domain import active_domain, derived
from qa.lexicon import active_lexicon


@derived
@lru_cache(maxsize=1)
def _by_length() -> list[tuple[str, tuple[str, ...]]]:
    """The glossary's entries, longest English side first (ties in the file's order)."""
    return sorted(active_domain().glossary.items(), key=lambda entry: len(entry[0]), reverse=True)


def expand_english(folded_question: str, names: Collection[str] = ()) -> list[str]:
    """Folded Vietnamese terms for the English words and phrases in ``folded_question``.

    Longest phrases win: "city party committee" yields "thanh uy" only, not also the
    "dang uy" of the shorter "party committee". ``names``: folded words the question wrote
    capitalised after its first word ("RON 95", "Sunday", "Sung Kim"): names, which the fitted
    lexicon would translate as common words ("ron" -> "ronald"); the glossary, written by hand,
    still reads them ("Politburo").
    """
    text = " " + " ".join(re.sub(r"[?,.;:!'’]|(?<=[a-z])-(?=[a-z])", " ", folded_question).split()) + " "
    terms: list[str] = []
    for en, vietnamese in _by_length():
        needle = f" {en} "
        if needle in text:
            terms.extend(vietnamese)
            text = text.replace(needle, " | ")
    lexicon = active_lexicon()
    for word in text.split():  # what the glossary left: the fitted lexicon's nearest terms
        if word not in names:
            terms.extend(lexicon.terms(word))
    return terms
