"""The fitted English -> Vietnamese lexicon: Vietnamese terms for the English words of a question.

An English question reaches the words of a Vietnamese sentence only through terms in the
article's language. The hand glossary (:mod:`qa.glossary`) has the words of the domains we wrote
fixtures for; this lexicon has, for the common English words (12,479 of the 20,000 commonest
pass its cut-off), the Vietnamese words and word pairs of the news archive nearest to them by the
embedding model ("represented" -> "đại diện", "cheaper" -> "rẻ hơn", "arrested" -> "bị bắt",
"bắt giữ"). It is fitted, not written:
``python -m evals.fit_lexicon`` makes ``qa/data/lexicon.tsv`` and chooses its cut-off where it
best recovers the glossary.

Glossary entries win; the lexicon fills in the words the glossary lacks. Without the file
(``answer.lexicon_file`` pointing at an empty one) nothing is added.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import ConfigError
from vectorstore.text import fold_diacritics, nfc

PACKAGED = Path(__file__).resolve().parent / "data" / "lexicon.tsv"


@dataclass(frozen=True)
class Lexicon:
    """English word (lower case) -> folded Vietnamese terms, nearest first."""

    entries: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def terms(self, word: str) -> tuple[str, ...]:
        return self.entries.get(word.lower(), ())

    def __len__(self) -> int:
        return len(self.entries)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon in ``path`` (None: the packaged file; an empty lexicon when that is absent).

    Lines are ``word<TAB>term:cosine|term:cosine``; ``#`` starts a comment. Raises
    :class:`~qa.errors.ConfigError` naming the file when it cannot be read or a line has no tab.
    """
    source = PACKAGED if path is None else Path(path)
    if path is None and not source.is_file():
        return Lexicon()
    try:
        text = source.read_text(encoding="utf-8-sig")  # a BOM an editor added is no part of the first word
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the lexicon {source}: {exc}; point answer.lexicon_file "
                          "(VNQA_ANSWER__LEXICON_FILE) at another file, or at an empty one to go without") from exc
    entries: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, sep, rest = line.partition("\t")
        if not sep:
            raise ConfigError(f"{source}, line {number}: expected 'word<TAB>term:cosine|…', got {line[:60]!r}")
        terms = [fold_diacritics(nfc(t.rpartition(":")[0] or t)) for t in rest.split("|") if t]
        entries[word.strip().lower()] = tuple(dict.fromkeys(t for t in terms if t))
    return Lexicon(entries)


_lock = threading.Lock()
_active: tuple[Path | None, Lexicon] | None = None


def active_lexicon() -> Lexicon:
    """The lexicon questions are read with: the packaged file unless :func:`use_lexicon` said otherwise."""
    global _active
    with _lock:
        if _active is None:
            _active = (None, load_lexicon(None))
        return _active[1]


def use_lexicon(path: Path | None) -> Lexicon | None:
    """Make the lexicon in ``path`` (None: the packaged one) the one every question is read with.
    A file of the user's is read now, so a bad one raises and leaves the lexicon in use as it was;
    the packaged one is read at the first English question (half a second that a Vietnamese
    session, or a CLI call that asks nothing, need not pay). Process-wide, like the domain
    vocabulary (:func:`qa.domain.use_domain`). Returns the lexicon read, or None for the packaged one."""
    global _active
    with _lock:
        if _active is not None and _active[0] == path:
            return _active[1]  # the same file: not read again for every Assistant
        if path is None:
            _active = None
            return None
    lexicon = load_lexicon(path)
    with _lock:
        _active = (path, lexicon)
    return lexicon
