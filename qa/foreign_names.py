"""Foreign names in a question: capitalised Latin words that are no English word.

Why: a question about Vietnamese news names foreign people and places as the news writes them
("Kerkenna", "Purushottam Timsina", "Evgenia Medvedeva"), and the gazetteer lists only the
cities and countries the news names most. A look-alike question ("What sank off Kerkenna?" over
an article about another island) was answered because nothing said the article must name
Kerkenna. The tagger's proper nouns are too rough to demand of an article ("Thổ Nhĩ Kỳ Mina
Basaran": :func:`qa.entities.proper_names` weighs them), and in English every content word may
be capitalised ("Supreme Court", "Prime Minister"), so in either language a capitalised word of
plain Latin letters counts as a name only when it is not an English word (a Vietnamese word
carries diacritics, or is a syllable typed bare, and is left alone). Which words are English
comes from a word list fitted from a registry package (``qa/data/english_words.txt``, written by
``python -m evals.fit_english_words``); without the file no word is read as a name, so the rule
is off rather than wrong.

Two kinds of names are left to the other rules: Vietnamese ones (diacritics, or bare syllables a
person's name is read from: :func:`qa.spans.find_names`) and Chinese ones typed in pinyin
("Jinping", "Keqiang"), which the Vietnamese press writes in Sino-Vietnamese ("Tập Cận Bình"), so
an article about them never holds the pinyin. A name that goes on in English words names a thing
the press translates ("Fajr International Film Festival"), and is left alone too. Names frequent
in English text are in the word list ("Juncker", "Erdogan") and go unguarded: a gap, not a false
abstention. The risks left are names the article writes otherwise: an English name of a
Vietnamese body ("Supreme People's Procuracy"), a nickname ("Jokowi" for Joko Widodo), a loanword
or a Vietnamese place typed bare and run together ("Hotgirl", "Phuquoc": two bare syllables run
together are left guarded, since Japanese names read so too, "Moriya", "Ayako").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from qa.gazetteer import find_places
from qa.spans import BARE_SYLLABLE
from vectorstore.text import fold_diacritics

WORDS_FILE = Path(__file__).resolve().parent / "data" / "english_words.txt"

# A capitalised word of plain letters (a possessive "'s" left out, quotes around it allowed); all-
# capital acronyms ("HCMC") are not read, since the news writes its own ("TP HCM").
_WORD = re.compile(r"(?<!\w)([A-Z][a-z]{3,})(?:['’]s)?(?!\w)")
# The start of a word in folded text: a name is mentioned where a word begins with its first letters
_PREFIX = 5
_JOINS = re.compile(r"[ -]")  # what lies between two words of one name
_SUFFIXES = ("ings", "ing", "ers", "er", "ed", "es", "s", "ly")
# One pinyin syllable: an initial with its final, or a final that stands alone. j, q and x take
# only the finals that begin with i or (written u) ü; "er" stands only alone.
_FINALS = "iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u"
_SYLLABLE = (rf"(?:(?:zh|ch|sh|[bpmfdtnlgkhrzcsyw])(?:{_FINALS})"
             r"|[jqx](?:iang|iong|iao|ian|ing|ia|ie|iu|in|uan|un|ue|i|u)"
             r"|(?:ang|eng|ai|ei|ao|ou|an|en|er|a|o|e))")
_PINYIN = re.compile(rf"(?:{_SYLLABLE}){{1,2}}")
# three syllables make a Chinese name or place only with a spelling no Japanese or African name has
_PINYIN_LONG = re.compile(rf"(?=.*(?:zh|x|q|ng))(?:{_SYLLABLE}){{3}}")


@lru_cache(maxsize=4)
def english_words(path: Path = WORDS_FILE) -> frozenset[str]:
    """The English words of ``path`` (one per line, lower case; ``#`` starts a comment), empty when
    the file is missing: no word is then read as a foreign name."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def is_english(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` is one of the English ``words``, or one inflected ("Paragliding" of
    "paraglide", "Interceptors" of "interceptor"): the list holds the frequent forms only."""
    w = word.lower()
    if w in words:
        return True
    for suffix in _SUFFIXES:
        stem = w[:-len(suffix)]
        if w.endswith(suffix) and len(stem) >= 3 and (stem in words or stem + "e" in words):
            return True
    return False


def _nationals(word: str) -> bool:
    """Whether ``word`` is the plural of a nationality the gazetteer lists ("Laotians" of "Laotian",
    which is Lào: the place's own rule guards it)."""
    return word.endswith("s") and any(p.start == 0 and p.end == len(word) - 1 for p in find_places(word[:-1]))


def is_pinyin(word: str) -> bool:
    """Whether ``word`` reads as one or two pinyin syllables, as a Chinese surname or given name is
    written ("Zhang", "Jinping"), or as three with a spelling only pinyin has ("Zhongnanhai",
    "Heilongjiang"); "Tabichi" and "Moriya" are no Chinese names."""
    w = word.lower()
    return bool(_PINYIN.fullmatch(w) or _PINYIN_LONG.fullmatch(w))


def find_foreign_names(text: str, covered: Sequence[tuple[int, int]] = (), *,
                       words: frozenset[str] | None = None) -> list[str]:
    """Runs of capitalised words of ``text`` (a question) that are no English word, no pinyin and
    no Vietnamese syllable typed bare ("Thanh", left to :func:`qa.spans.find_names`), outside the
    ``covered`` stretches (places, people and numbers already found there): "Purushottam
    Timsina", "Kerkenna". A word that goes on into an English capitalised one names something in
    English ("Fajr International Film Festival", "Tsinghua University"), which the Vietnamese
    press translates, so no word of that run counts. ``words``: the English words (default
    :func:`english_words`)."""
    known = english_words() if words is None else words
    if not known:
        return []
    runs: list[list[tuple[str, int, int, str]]] = []  # each word: text, start, end, what it is
    for m in _WORD.finditer(text):
        word, start, end = m.group(1), m.start(1), m.end(1)
        if any(s < end and start < e for s, e in covered):
            continue
        # pinyin or a bare syllable first: "Chan" of "Prayuth Chan-o-cha" is no English head noun
        other = is_pinyin(word) or BARE_SYLLABLE.fullmatch(word.lower()) or _nationals(word)
        kind = "other" if other else "english" if is_english(word, known) else "name"
        if runs and _JOINS.fullmatch(text[runs[-1][-1][2]:start]):
            runs[-1].append((word, start, end, kind))
        else:
            runs.append([(word, start, end, kind)])
    out = []
    for run in runs:
        if any(a[3] == "name" and b[3] == "english" for a, b in zip(run, run[1:])):
            continue
        names = [w for w, _, _, kind in run if kind == "name"]
        if names:
            out.append(" ".join(names))
    return out


def mentioned(run: str, folded: str) -> bool:
    """Whether any word of ``run`` begins a word of ``folded`` (a text folded: :func:`qa.spans.fold_name`)
    by its first letters: a transliteration's given name varies ("Sergei" / "Sergey" Lavrov), and so
    do its endings ("Prayuth" / "Prayut", "the Timsinas"), where the rest does not."""
    return any(re.search(rf"(?<![a-z0-9]){re.escape(w[:_PREFIX])}", folded)
               for w in fold_diacritics(run).lower().replace("-", " ").split())
