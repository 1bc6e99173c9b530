"""Re-export of the error hierarchy (defined in ``vectorstore.errors``, the lowest layer)."""

from vectorstore.errors import (  # noqa: F401
    BadInput, ConfigError, IndexMismatch, IndexNotFound, LLMUnavailable, ModelCorrupt, ModelMissing, QAError, StoreUnavailable,
    UnreadableFile,
)

__all__ = [
    "BadInput", "ConfigError", "IndexMismatch", "IndexNotFound", "LLMUnavailable", "ModelCorrupt", "ModelMissing", "QAError",
    "StoreUnavailable", "UnreadableFile",
]
