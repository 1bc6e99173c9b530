"""What a "how many" question counts, and whether a figure counts that.

"How many first-time nominees…" wants a number of *people* ("34 đồng chí"), not of
dossiers ("81 hồ sơ") even when both sentences talk about nominees. Counting nouns are
grouped into classes; a figure followed by a noun of the asked class is preferred, one
followed by a noun of another class is not.
"""

from __future__ import annotations

import re

from vectorstore.text import fold_diacritics

# folded Vietnamese counting nouns -> class
_VI_UNITS: dict[str, str] = {
    "dong chi": "people", "can bo": "people", "nguoi": "people", "nhan su": "people", "uy vien": "people",
    "dai bieu": "people", "hoc vien": "people", "cong chuc": "people", "vien chuc": "people",
    "truong hop": "cases", "luot": "times", "luot can bo": "times", "ho so": "dossiers", "chi tieu": "targets",
    "quy che": "regulations", "quy dinh": "regulations", "diem moi": "points", "buoc": "steps",
    "danh muc": "categories", "lop": "classes", "do tuoi": "ages", "nam": "years", "thang": "months",
}
_EN_UNITS: dict[str, str] = {
    "cadres": "people", "officials": "people", "people": "people", "comrades": "people", "nominees": "people",
    "members": "people", "candidates": "people", "persons": "people", "delegates": "people", "leaders": "people",
    "civil servants": "people", "officers": "people", "appointments": "cases", "cases": "cases",
    "rotations": "times", "transfers": "times", "times": "times", "dossiers": "dossiers", "files": "dossiers",
    "targets": "targets", "goals": "targets", "regulations": "regulations", "rules": "regulations",
    "new points": "points", "points": "points", "steps": "steps", "document categories": "categories",
    "categories": "categories", "classes": "classes", "age groups": "ages", "years": "years", "months": "months",
}
# "cadre rotations" counts rotations, not people: the last noun of the phrase decides.
_EN_HOW_MANY = re.compile(r"how many ((?:[a-z-]+ ){0,3}?[a-z-]+?)(?= (?:did|does|do|were|was|are|is|has|have|will|can|in|of|at|for|from|to)\b|\?|$)")
_NOT_NOUNS = {"la", "thi", "nam", "phan", "tien", "?", "duoc", "da", "se", "co", "con"}
_VI_HOW_MANY = re.compile(r"(?:bao nhieu|so luong|may) ((?:\w+ ){0,2}\w+)")


def asked_unit(question: str) -> str | None:
    """The class of thing a count question asks for ("people", "dossiers", …), if it says."""
    folded = " ".join(fold_diacritics(question).replace("?", " ? ").split())
    m = _EN_HOW_MANY.search(folded)
    if m:
        words = m.group(1).split()
        for n in (2, 1):
            for i in range(len(words) - n, -1, -1):
                cls = _EN_UNITS.get(" ".join(words[i:i + n]))
                if cls:
                    return cls
        return None
    m = _VI_HOW_MANY.search(folded)
    if m:
        noun = m.group(1).split()[0]
        if noun in _NOT_NOUNS:
            return None
        # "bao nhiêu xã" with a noun outside the table: the answer must literally be "N xã".
        return unit_class(m.group(1)) or f"={noun}"
    return None


def unit_matches(asked: str, following: str) -> bool | None:
    """Whether the words after a figure (folded) count what was asked; None when unknown."""
    if asked.startswith("="):
        return following.split()[:1] == [asked[1:]]
    counted = unit_class(following)
    if counted == "times" and asked == "people":
        # "20 lượt cán bộ" (cadre turns) answers "how many cadres were rotated"
        return unit_class(" ".join(following.split()[1:])) == "people"
    return None if counted is None else counted == asked


def unit_class(folded_words: str) -> str | None:
    """Class of the counting noun that starts ``folded_words`` ("dong chi di hoc" -> people)."""
    words = folded_words.split()
    for n in (3, 2, 1):
        cls = _VI_UNITS.get(" ".join(words[:n]))
        if cls:
            return cls
    return None
