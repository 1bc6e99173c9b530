"""Sentence boundaries with character offsets, for chunking and answer extraction.

A rule-based splitter is enough for news prose: paragraphs are blank-line separated, and
inside one a sentence ends at ``. ! ? …`` (or ``./.``) followed by white space and a capital
letter or digit (an opening quote or bracket may come first). Common Vietnamese abbreviations
("TP.", "TS.", "Q.") do not end a sentence, and neither do a person's initials before another
initial ("ông N.T. L. đứng tên"): news names the accused and the injured by initials, and a cut
there leaves the rest of the sentence without its subject. Offsets, not strings, are returned
so callers can quote exactly.
"""

from __future__ import annotations

import re

# Bumped when a change to the rules below cuts stored articles differently, so that an index cut
# by older rules is re-cut by `qa index --upgrade` (:meth:`~vectorstore.index.VectorIndex.outdated_units`).
# 1: the first splitter; 2: "(TP." ends no sentence; 3: a lower-case word with a diacritic
# ("Anh L. đặt bàn") starts no sentence, nor does an initial after initials.
SPLITTER_VERSION = 3

_PARA_RE = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
# the next word is checked by `_starts_sentence`: "À-Ỹ" in a character class also spans the
# lower-case letters with diacritics ("đ", "ặ"), which start no sentence
_END_RE = re.compile(r"(?:[.!?…]+|\./\.)[\"”’)\]]*(?=\s+[\"“‘(\[]?(\w))")
_ABBREV_RE = re.compile(r"(?:^|[\s(\[“\"])(TP|Tp|TS|ThS|PGS|GS|BS|Q|P|St|Mr|Mrs|Dr|No|vs)\.$")  # "(TP. HCM)" too
# a capital of the Latin alphabet or Đ: "châu Á. Ở đây", "100 g. Ở vòng bảng" are two sentences
_INITIALS_RE = re.compile(r"(?:^|\s)(?:[A-ZĐ]\.)+$")  # "L.", "N.T." closing the piece so far
_INITIAL_NEXT_RE = re.compile(r"\s+[A-ZĐ](?:\.|(?=[\s,;:)]))")  # "L." or "T" opening what follows


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, trimmed of white space."""
    spans: list[tuple[int, int]] = []
    for para in _PARA_RE.finditer(text):
        start = para.start()
        for end_match in _END_RE.finditer(text, para.start(), para.end()):
            end = end_match.end()
            if _ABBREV_RE.search(text[start:end]) or not _starts_sentence(text, start, end, end_match):
                continue
            spans.append(_trim(text, start, end))
            start = end
        if start < para.end():
            spans.append(_trim(text, start, para.end()))
    return [s for s in spans if s[1] > s[0]]


def _starts_sentence(text: str, start: int, end: int, end_match: re.Match[str]) -> bool:
    """Whether the word after a full stop can open a sentence: a capital or a digit, and not
    the next initial of a person named by initials."""
    first = end_match.group(1)
    if not (first.isupper() or first.isdigit()):
        return False
    return not (_INITIALS_RE.search(text[start:end]) and _INITIAL_NEXT_RE.match(text, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
