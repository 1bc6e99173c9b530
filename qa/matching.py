"""Whether an expected answer occurs in an answer text.

The answering core needs this to check that a generated answer kept the span the extractive
answerer found (``qa.generative``); the evaluation scores fixtures with the same rule
(``evals.scoring``), so the product and its measurement can never disagree on what a match is.

Matching is strict on purpose: text is compared NFC-normalised and case-folded, and numbers
match only as whole numbers, so "20" does not match "2019" nor "1.20".
"""

from __future__ import annotations

import re

from vectorstore.text import nfc


def matches(expected: str, produced: str) -> bool:
    """Whether ``expected`` occurs in ``produced``; numbers only as whole numbers."""
    e, p = nfc(expected).casefold().strip(), nfc(produced).casefold()
    if re.fullmatch(r"[\d.,/%\s]+", e):
        return re.search(rf"(?<![\d])(?<![\d][.,]){re.escape(e)}(?![\d])(?![.,]\d)", p) is not None
    return e in p
