"""The domain vocabulary the recognisers read, as data (``qa/data/domain.toml``).

Places with their exonyms (:mod:`qa.gazetteer`), counting nouns and the English count nouns
of questions (:mod:`qa.units`), and the English -> Vietnamese glossary (:mod:`qa.glossary`)
are not code: they are one TOML file shipped in the package. The engine works without it:
:meth:`Domain.empty` (or an empty file) turns that knowledge off and every recogniser
still answers, just knowing fewer words.

The recognisers are module functions shared by the whole process, so the vocabulary they
read is process-wide too: :func:`active_domain`, loaded from the packaged file on first use,
and switched with :func:`use_domain` (``Assistant`` does, from ``answer.domain_file``).
Modules that derive tables from it cache them in functions marked :func:`derived`, so a
switch never leaves a cache built from the old vocabulary.

Example::

    from qa.domain import load_domain, use_domain
    load_domain().places["Hà Nội"]          # ('Hanoi', 'Thủ đô Hà Nội', 'HN')
    use_domain(Path("empty.toml"))          # no domain vocabulary from now on
    use_domain(None)                        # the packaged file again
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from qa.errors import ConfigError
from vectorstore.text import nfc

DOMAIN_FILE = "domain.toml"
_PACKAGED = f"qa/data/{DOMAIN_FILE}"
F = TypeVar("F", bound=Callable[..., Any])
_REMEDY = ("fix the file, or point answer.domain_file (VNQA_ANSWER__DOMAIN_FILE) at another one "
           "(an empty file turns domain vocabulary off)")


@dataclass(frozen=True)
class Domain:
    """Everything the engine knows by name about its domain; every table may be empty."""

    # canonical place name -> its other spellings and English exonyms
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # aliases that only match when written exactly (ordinary words once diacritics are gone)
    exact_only: frozenset[str] = frozenset()
    # a capital -> the names of its country, as written: "Tokyo" in a question often means Japan's
    # government, and an article that names Japan answers it
    stands_for: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Vietnamese counting noun as printed -> (class, English plural or None to show the figure alone)
    counting_nouns: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # English count noun of a "how many" question -> class
    english_units: dict[str, str] = field(default_factory=dict)
    # English word or phrase (lower case) -> Vietnamese terms without diacritics
    glossary: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Domain:
        """No domain vocabulary at all: the engine on its own."""
        return cls()


def load_domain(path: Path | None = None) -> Domain:
    """The vocabulary in the TOML file ``path``, or the packaged ``qa/data/domain.toml``.

    Strings are normalised to NFC. A file without any section gives :meth:`Domain.empty`.
    Raises :class:`~qa.errors.ConfigError` naming the file when it cannot be read, is not
    TOML, or does not have the shape described at the top of the packaged file.
    """
    if path is None:
        return _packaged()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the domain vocabulary file {path}: {exc}; {_REMEDY}") from exc
    return _parse(text, origin=str(path))


@lru_cache(maxsize=1)
def _packaged() -> Domain:
    try:
        text = resources.files("qa").joinpath("data", DOMAIN_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the packaged domain vocabulary {_PACKAGED}: {exc}; reinstall vnqa, "
                          "or set answer.domain_file (VNQA_ANSWER__DOMAIN_FILE) to a file of your own") from exc
    return _parse(text, origin=_PACKAGED)


# -- parsing -------------------------------------------------------------------------------

_SECTIONS = {"gazetteer", "counting_nouns", "english_units", "glossary"}


class _Malformed(Exception):
    """One thing wrong with the file, said in the file's own terms."""


def _parse(text: str, *, origin: str) -> Domain:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the domain vocabulary file {origin} is not valid TOML: {exc}; {_REMEDY}") from exc
    try:
        unknown = sorted(set(data) - _SECTIONS)
        if unknown:
            raise _Malformed(f"unknown section(s) {', '.join(unknown)} (known: {', '.join(sorted(_SECTIONS))})")
        gazetteer = _table(data, "gazetteer")
        unknown = sorted(set(gazetteer) - {"places", "exact_only", "stands_for"})
        if unknown:
            raise _Malformed(f"unknown key(s) {', '.join(unknown)} in [gazetteer] (known: exact_only, places, "
                             "stands_for)")
        places = {nfc(_string(name, "a place name in [gazetteer.places]")):
                  _strings(aliases, f"[gazetteer.places] {name!r}")
                  for name, aliases in _table(gazetteer, "places", "gazetteer.places").items()}
        exact_only = frozenset(_strings(gazetteer.get("exact_only", []), "[gazetteer] exact_only"))
        stands_for = {nfc(_string(name, "a place name in [gazetteer.stands_for]")):
                      _strings(names, f"[gazetteer.stands_for] {name!r}")
                      for name, names in _table(gazetteer, "stands_for", "gazetteer.stands_for").items()}
        counting = {nfc(noun): _counting_noun(noun, entry)
                    for noun, entry in _table(data, "counting_nouns").items()}
        english_units = {nfc(noun): nfc(_string(cls, f"[english_units] {noun!r}"))
                         for noun, cls in _table(data, "english_units").items()}
        glossary = {nfc(en): _strings(terms, f"[glossary] {en!r}") for en, terms in _table(data, "glossary").items()}
    except _Malformed as exc:
        raise ConfigError(f"the domain vocabulary file {origin} is malformed: {exc}; {_REMEDY}") from None
    return Domain(places=places, exact_only=exact_only, stands_for=stands_for, counting_nouns=counting,
                  english_units=english_units, glossary=glossary)


def _table(data: dict[str, Any], key: str, name: str | None = None) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _Malformed(f"[{name or key}] must be a table, got {type(value).__name__} {value!r}")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Malformed(f"{where} must be a non-empty string, got {value!r}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Malformed(f"{where} must be a list of strings, got {type(value).__name__} {value!r}")
    return tuple(nfc(_string(v, f"each entry of {where}")) for v in value)


def _counting_noun(noun: str, entry: Any) -> tuple[str, str | None]:
    where = f"[counting_nouns] {noun!r}"
    if not isinstance(entry, dict) or "class" not in entry or set(entry) - {"class", "english"}:
        raise _Malformed(f'{where} must be {{ class = "...", english = "..." }} (english optional), got {entry!r}')
    english = entry.get("english")
    return (nfc(_string(entry["class"], f"{where} class")),
            None if english is None else nfc(_string(english, f"{where} english")))


# -- the vocabulary in use -----------------------------------------------------------------

_lock = threading.RLock()
_active: Domain | None = None
_resets: list[Callable[[], None]] = []


def active_domain() -> Domain:
    """The vocabulary the recognisers read: the packaged file unless :func:`use_domain` said otherwise."""
    global _active
    domain = _active
    if domain is None:
        with _lock:
            if _active is None:
                _active = load_domain(None)
            domain = _active
    return domain


def use_domain(path: Path | None) -> Domain:
    """Make the vocabulary in ``path`` (None: the packaged file) the one every recogniser reads.

    The file is read first, so a bad one raises :class:`~qa.errors.ConfigError` and leaves the
    vocabulary in use as it was. Every cache derived from the old vocabulary is dropped. Meant
    for start-up and tests: a question answered during the switch may see either vocabulary.
    """
    global _active
    domain = load_domain(path)
    with _lock:
        if domain is not _active:
            _active = domain
            for reset in _resets:
                reset()
    return domain


def on_change(reset: Callable[[], None]) -> Callable[[], None]:
    """Call ``reset`` whenever the active vocabulary changes."""
    with _lock:
        _resets.append(reset)
    return reset


def derived(cached: F) -> F:
    """Decorator for an ``lru_cache``d function computed from the active vocabulary: its cache
    is cleared whenever :func:`use_domain` switches the vocabulary (put it above ``@lru_cache``)."""
    on_change(cached.cache_clear)  # type: ignore[attr-defined]
    return cached
