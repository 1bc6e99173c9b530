"""Generated questions made less like the sentence they were cut from.

The news questions (:mod:`training.news_questions`) copy their sentence word for word but for
the question word; people ask shorter and looser, and often type Vietnamese without its
diacritics ("Thanh uy Ha Noi luan chuyen bao nhieu can bo?"), which the shipped reader never saw
(the answerer does not trust its "no answer" on such questions: ``qa.veto.judged``). The rewrites
run at training time, drawn per
example from the step's seeded generator, so a resumed run rewrites exactly as an uninterrupted
one.
"""

from __future__ import annotations

import random
import re

from vectorstore.text import strip_diacritics


def drop_words(question: str, share: float, rng: random.Random, *, keep: int = 4) -> str:
    """``question`` with about ``share`` of its words left out (never below ``keep`` words, and the
    closing "?" stays): a generated question then no longer copies its sentence word for word,
    as a user's rarely does."""
    words = question.rstrip("?").split()
    if len(words) <= keep:
        return question
    kept = [w for w in words if rng.random() >= share]
    if len(kept) < keep:
        return question
    return " ".join(kept) + ("?" if question.endswith("?") else "")


def shorten(question: str, context: str, *, keep: int = 5) -> str:
    """A generated question cut to the clauses that ask: the comma-separated parts of the
    sentence copied from ``context`` unchanged are dropped, the part where the answer was turned
    into a question word stays. "Từ đầu nhiệm kỳ, Hà Nội đã luân chuyển bao nhiêu cán bộ, trong đó
    có 20 người?" becomes "Hà Nội đã luân chuyển bao nhiêu cán bộ?", which is how users ask.
    Unchanged when nothing would be left, only ``keep`` words or fewer, or a bracket is cut."""
    body = question.rstrip().rstrip("?").strip()
    # a comma between digits is a decimal one ("3,96 triệu tấn"), not a clause boundary
    clauses = [c.strip() for c in re.split(r",\s+|,(?!\d)", body) if c.strip()]
    if len(clauses) < 2 or any(c.count("(") != c.count(")") for c in clauses):
        return question
    lowered = context.lower()  # the question's first clause is capitalised, wherever it came from
    asking = [c for c in clauses if c.lower() not in lowered]
    if not asking or len(asking) == len(clauses) or len(" ".join(asking).split()) <= keep:
        return question
    short = ", ".join(asking)
    return short[0].upper() + short[1:] + "?"


def strip_marks(text: str) -> str:
    """``text`` as typed without Vietnamese diacritics, case kept ("Thành ủy Hà Nội" -> "Thanh uy
    Ha Noi"): a user's unaccented question."""
    return strip_diacritics(text)
