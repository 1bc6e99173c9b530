"""Check a question once, at the door, and hand on its clean form.

Refusals are :class:`~qa.errors.BadInput` with a message that says what to do instead: an
empty question, one with only symbols or emoji, one over the length limit, or one in a
language other than Vietnamese or English (it would get a confident-looking wrong answer).
"""

from __future__ import annotations

import unicodedata

from qa.language import unsupported_language
from vectorstore.errors import BadInput
from vectorstore.text import nfc

_EXAMPLE = "\"how many cadres did Hà Nội rotate?\""


def strip_invisible(text: str) -> str:
    """Control, format (zero-width, bidi overrides), private-use and lone surrogate characters
    become spaces: they are invisible to the user, split words unpredictably, and a lone
    surrogate cannot even be encoded as UTF-8 further down."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") else c for c in text)


def validate_question(question: object, *, max_chars: int) -> str:
    """The question as NFC text with single spaces, or :class:`BadInput` saying why not."""
    if not isinstance(question, str):
        raise BadInput(f"the question must be text, got {type(question).__name__}")
    text = " ".join(strip_invisible(nfc(question)).split())
    if not text:
        raise BadInput(f"the question is empty; ask something like {_EXAMPLE}")
    if len(text) > max_chars:
        raise BadInput(f"the question has {len(text):,} characters; the limit is {max_chars:,}. Shorten it.")
    if not any(c.isalnum() for c in text):
        raise BadInput(f"the question has no words, only symbols or emoji; ask something like {_EXAMPLE}")
    other = unsupported_language(text)
    if other:
        raise BadInput(f"vnqa answers questions in Vietnamese or English; this one looks like {other}. "
                       "Ask it in Vietnamese or English.")
    return text
