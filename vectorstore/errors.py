"""The one error hierarchy of vnqa.

Every error a user can cause or fix derives from :class:`QAError`, and every message says
what was expected, what was found and what to do next. Only the edges (CLI, UI) translate
these into exit codes or chat messages; the library raises them and never prints.

It lives in ``vectorstore`` because data flows ``ui -> qa -> vectorstore``: the lowest layer
owns the hierarchy so every layer can raise the same classes. ``qa.errors`` re-exports it.
"""

from __future__ import annotations


class QAError(Exception):
    """Base class for every error vnqa raises on purpose."""


class ConfigError(QAError):
    """A setting has a value that cannot work (e.g. ``top_k`` of -1)."""


class BadInput(QAError):
    """A question or file that cannot be processed as given."""


class ModelMissing(QAError):
    """A model file is not in the cache; ``qa models fetch`` fixes it."""


class ModelCorrupt(ModelMissing):
    """A model file is present but its sha256 differs from the pinned one."""


class IndexNotFound(QAError):
    """There is no index (or it is empty); ``qa index`` builds it."""


class IndexMismatch(QAError):
    """The index was built with another embedding model or dimension."""


class StoreUnavailable(QAError):
    """The Chroma store (usually a server) cannot be reached or answered with an error."""


class LLMUnavailable(QAError):
    """The chat model (local or an endpoint) could not be reached or failed to answer."""


class UnreadableFile(BadInput):
    """An article file that is not text in a supported encoding."""