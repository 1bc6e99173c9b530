"""vnqa's question answering: ``from qa import Assistant``."""

from qa.assistant import Assistant
from qa.errors import QAError
from qa.settings import Settings
from qa.types import Answer, Citation, Passage

__all__ = ["Answer", "Assistant", "Citation", "Passage", "QAError", "Settings"]
