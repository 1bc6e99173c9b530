"""Sentence boundaries with character offsets, for chunking and answer extraction.

A rule-based splitter is enough for news prose: paragraphs are blank-line separated, and
inside one a sentence ends at ``. ! ? …`` (or ``./.``) followed by white space and a capital
letter, digit or opening quote. Common Vietnamese abbreviations ("TP.", "TS.", "Q.") do not
end a sentence. Offsets, not strings, are returned so callers can quote exactly.
"""

from __future__ import annotations

import re

# Bumped when a change to the rules below cuts stored articles differently, so that an index cut
# by older rules is re-cut by `qa index --upgrade` (:meth:`~vectorstore.index.VectorIndex.outdated_units`).
# 1: the first splitter; 2: "(TP." ends no sentence.
SPLITTER_VERSION = 2

_PARA_RE = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
_END_RE = re.compile(r"(?:[.!?…]+|\./\.)[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-ZÀ-ỸĐ0-9])")
_ABBREV_RE = re.compile(r"(?:^|[\s(\[“\"])(TP|Tp|TS|ThS|PGS|GS|BS|Q|P|St|Mr|Mrs|Dr|No|vs)\.$")  # "(TP. HCM)" too


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, trimmed of white space."""
    spans: list[tuple[int, int]] = []
    for para in _PARA_RE.finditer(text):
        start = para.start()
        for end_match in _END_RE.finditer(text, para.start(), para.end()):
            end = end_match.end()
            if _ABBREV_RE.search(text[start:end]):
                continue
            spans.append(_trim(text, start, end))
            start = end
        if start < para.end():
            spans.append(_trim(text, start, para.end()))
    return [s for s in spans if s[1] > s[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
