"""What a "how many" question counts, and whether a figure counts that.

"How many first-time nominees…" wants a number of *people* ("34 đồng chí"), not of
dossiers ("81 hồ sơ") even when both sentences talk about nominees. Counting nouns are
grouped into classes; a figure followed by a noun of the asked class is preferred, one
followed by a noun of another class is not.

The nouns are data: ``[counting_nouns]`` and ``[english_units]`` of the domain vocabulary
(:mod:`qa.domain`). Without them a Vietnamese question still asks for its literal noun
("bao nhiêu xã" -> "=xa") and an English one for nothing in particular.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import takewhile

from qa.answer_types import AMBIGUOUS_BARE, IRREGULAR_VERBS_EN, PAST_EN
from qa.tagging import tag
from qa.diacritics import typed_bare, typed_runs
from qa.domain import active_domain, derived
from vectorstore.text import fold_diacritics, nfc

def counting_nouns() -> dict[str, tuple[str, str | None]]:
    """The one table of Vietnamese counting nouns of the active vocabulary: as printed ->
    (class, English plural for an answer such as "137 cadres", or None to show the figure alone)."""
    return active_domain().counting_nouns



@derived
@lru_cache(maxsize=1)
def _vi_units() -> dict[str, str]:
    """Folded counting noun -> class."""
    return {fold_diacritics(noun): cls for noun, (cls, _) in active_domain().counting_nouns.items()}


@derived
@lru_cache(maxsize=1)
def _en_names() -> dict[str, str]:
    """Folded counting noun -> English plural, for the nouns that have one."""
    return {fold_diacritics(noun): en for noun, (_, en) in active_domain().counting_nouns.items() if en}


@derived
@lru_cache(maxsize=1)
def unit_pattern() -> re.Pattern[str]:
    """The counting noun right after a figure, as shown with it ("137 cán bộ", "20 lượt cán bộ"),
    for the active vocabulary (never matches without counting nouns)."""
    shown = sorted((n for n, (_, en) in active_domain().counting_nouns.items() if en and not n.startswith("lượt ")),
                   key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in shown) or "(?!)"
    return re.compile(r"\s*((?:lượt\s+)?(?:" + alternatives + "))")


# "cadre rotations" counts rotations, not people: the last noun of the phrase decides. The phrase
# ends at an auxiliary, a preposition or a verb ("How many candidates took …", "… tourists visited").
_EN_HOW_MANY = re.compile(r"how many (?:of (?:the |its |their |his |her |these |those )?)?((?:[a-z-]+ ){0,3}?[a-z-]+?)"
                          r"(?= (?:did|does|do|were|was|are|is|has|have|had|will|would|can|could|may|might|must|"
                          rf"should|shall|in|of|at|for|from|to|{IRREGULAR_VERBS_EN}|{PAST_EN})\b| ?\?| ?$)")
_NOT_NOUNS = {"la", "thi", "nam", "phan", "tien", "?", "duoc", "da", "se", "co", "con"}
_VI_HOW_MANY = re.compile(r"(?:bao nhieu|so luong|may) ((?:\w+ ){0,2}\w+)")


_VI_QUESTION_WORDS = {"bao nhiêu", "số lượng", "mấy"}


def _vi_how_many(question: str) -> re.Match[str] | None:
    """The Vietnamese "how many" and the words after it, matched on the folded question but only
    where its question word was typed so: "máy bay" (an aeroplane) folds onto "may bay" (how many
    "bay"), and only a bare "may" is "mấy"."""
    text = " ".join(nfc(question).lower().replace("?", " ? ").split())
    folded = fold_diacritics(text)  # same length: offsets hold
    found, at = [], 0
    while (m := _VI_HOW_MANY.search(folded, at)) is not None:
        typed = text[m.start():m.start(1) - 1]
        if typed in _VI_QUESTION_WORDS or typed == m.group()[:len(typed)]:
            found.append(m)
        at = m.start() + 1
    # a bare "may" yields to a plainer question word ("May bay cho bao nhieu hanh khach?")
    return next((m for m in found if m.group().split()[0] not in AMBIGUOUS_BARE), found[0] if found else None)


_EN_AGE = re.compile(r"\b(how old|what age|at what age|aged what)\b")


def counted_noun(question: str) -> str:
    """What an English "how many" question counts, as written ("tanks" in "How many tanks did …",
    "age" for "how old"); "" for any other question. The answerer compares it with the words
    after each figure by meaning (:mod:`qa.head_nouns`), since the article counts in Vietnamese."""
    folded = " ".join(fold_diacritics(question).replace("?", " ? ").split())
    if _EN_AGE.search(folded):
        return "age"
    m = _EN_HOW_MANY.search(folded)
    return m.group(1) if m else ""  # "how many of its targets": "targets"


_COUNTED_TAGS = frozenset({"N", "Nc", "Nu", "Ny", "Nb"})


def counted_noun_vi(question: str) -> str:
    """What a Vietnamese "how many" question counts, as typed ("người" in "bao nhiêu người mất
    tích", "tuổi", "cán bộ", "danh mục"): the nouns right after its question word, as the tagger
    segments the whole question; "" when no noun follows ("giảm bao nhiêu so với", "bao nhiêu
    trong quý 1") or the question was typed bare. Compared by meaning with the words after each
    figure, like the English noun (:mod:`qa.head_nouns`): no table of counting nouns needed."""
    m = _vi_how_many(question)
    if m is None or typed_bare(question):
        return ""  # typed bare, "can" may be "cán bộ" or "căn hộ": nothing to compare by meaning
    text = nfc(question)
    # _vi_how_many reads a lower-cased folded copy with "?" spaced out: find the same words in the question
    runs = typed_runs(text, m.group(1).split())
    if not runs:
        return ""
    at = runs[0][0]
    tokens = [t for t in tag(text) if t.start >= at]
    if not tokens or tokens[0].start != at:
        return ""  # the tagger joined the question word to the noun: no clean noun to compare
    nouns = [t.text.lower() for t in takewhile(lambda t: t.pos in _COUNTED_TAGS, tokens[:MAX_COUNTED])]
    if nouns and fold_diacritics(nouns[0]).split()[0] in _PREPOSITIONS:
        return ""  # the tagger calls "sau khi" a noun now and then
    return " ".join(nouns)


_PREPOSITIONS = {"sau", "truoc", "trong", "ngoai", "so", "o", "moi", "khi", "voi", "tai", "nhu", "tu", "den", "cho"}
MAX_COUNTED = 2  # tokens: "hộ dân", "danh mục tài liệu" is "danh mục" + "tài liệu"


def asked_unit(question: str) -> str | None:
    """The class of thing a count question asks for ("people", "dossiers", …), if it says."""
    folded = " ".join(fold_diacritics(question).replace("?", " ? ").split())
    m = _EN_HOW_MANY.search(folded)
    if m:
        english_units = active_domain().english_units
        words = m.group(1).split()
        for n in (2, 1):
            for i in range(len(words) - n, -1, -1):
                cls = english_units.get(" ".join(words[i:i + n]))
                if cls:
                    return cls
        return None
    m = _vi_how_many(question)
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
    words, vi_units = folded_words.split(), _vi_units()
    for n in (3, 2, 1):
        cls = vi_units.get(" ".join(words[:n]))
        if cls:
            return cls
    return None


def unit_in_english(vietnamese_unit: str) -> str | None:
    """English plural for a Vietnamese counting noun such as ``cán bộ``; None when unknown."""
    return _en_names().get(fold_diacritics(vietnamese_unit).strip())
