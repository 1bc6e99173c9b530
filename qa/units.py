"""What a "how many" question counts, and whether a figure counts that.

"How many first-time nominees…" wants a number of *people* ("34 đồng chí"), not of
dossiers ("81 hồ sơ") even when both sentences talk about nominees. Counting nouns are
grouped into classes; a figure followed by a noun of the asked class is preferred, one
followed by a noun of another class is not.
"""

from __future__ import annotations

import re

from vectorstore.text import fold_diacritics

# The one table of Vietnamese counting nouns: as printed -> (class, English plural for an
# answer such as "137 cadres", or None to show the figure alone in English).
COUNTING_NOUNS: dict[str, tuple[str, str | None]] = {
    "đồng chí": ("people", "people"), "cán bộ": ("people", "cadres"), "người": ("people", None),
    "nhân sự": ("people", None), "ủy viên": ("people", None), "đại biểu": ("people", None),
    "học viên": ("people", None), "công chức": ("people", None), "viên chức": ("people", None),
    "trường hợp": ("cases", "cases"), "lượt": ("times", None), "lượt cán bộ": ("times", "cadre rotations"),
    "hồ sơ": ("dossiers", "dossiers"), "chỉ tiêu": ("targets", "targets"), "quy chế": ("regulations", "regulations"),
    "quy định": ("regulations", None), "điểm mới": ("points", "new points"), "bước": ("steps", "steps"),
    "danh mục": ("categories", "document categories"), "lớp": ("classes", "classes"), "độ tuổi": ("ages", None),
    "năm": ("years", None), "tháng": ("months", None),
}
_VI_UNITS: dict[str, str] = {fold_diacritics(noun): cls for noun, (cls, _) in COUNTING_NOUNS.items()}
_EN_NAMES: dict[str, str] = {fold_diacritics(noun): en for noun, (_, en) in COUNTING_NOUNS.items() if en}
# The counting noun right after a figure, as shown with it ("137 cán bộ", "20 lượt cán bộ").
_SHOWN = sorted((n for n, (_, en) in COUNTING_NOUNS.items() if en and not n.startswith("lượt ")), key=len, reverse=True)
UNIT_RE = re.compile(r"\s*((?:lượt\s+)?(?:" + "|".join(re.escape(n) for n in _SHOWN) + "))")
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


def unit_in_english(vietnamese_unit: str) -> str | None:
    """English plural for a Vietnamese counting noun such as ``cán bộ``; None when unknown."""
    return _EN_NAMES.get(fold_diacritics(vietnamese_unit).strip())
