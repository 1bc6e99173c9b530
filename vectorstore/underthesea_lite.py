"""Import underthesea without the pipelines vnqa never calls (they cost seconds of start-up).

``import underthesea`` eagerly imports every optional pipeline (translation, classification,
sentiment, dependency parsing, agent, address), and the translator imports transformers and
torch: 3.4 s of a 2-core machine's cold start, measured with ``python -X importtime``, for
nothing - vnqa uses only the bundled CRF models (word segmentation, POS, chunking, NER).

underthesea imports each optional pipeline inside ``try/except ImportError`` and sets it to
``None`` when that fails, so marking those modules as unavailable (``None`` in
``sys.modules``) for the duration of the import skips them cleanly. The marks are removed
afterwards, so a caller can still import, say, ``underthesea.pipeline.translate`` by name.
"""

from __future__ import annotations

import sys
import threading
from types import ModuleType

# what underthesea/__init__.py lists in ``optional_imports`` (underthesea 9.5)
SKIPPED = ("underthesea.pipeline.classification", "underthesea.pipeline.sentiment",
           "underthesea.pipeline.lang_detect", "underthesea.pipeline.dependency_parse",
           "underthesea.pipeline.translate", "underthesea.agent", "underthesea.address")
_lock = threading.Lock()
# underthesea loads each CRF model into a module global on first use, without a lock; every
# vnqa caller (segmenter, tagger, the start-up prefetch) takes this one around its calls.
CALL_LOCK = threading.RLock()


def underthesea() -> ModuleType:
    """The ``underthesea`` module with its CRF pipelines; the optional ones are left ``None``
    unless something imported them before (then they are kept as they are)."""
    loaded = sys.modules.get("underthesea")
    if loaded is not None:
        return loaded
    with _lock:
        if "underthesea" in sys.modules:
            return sys.modules["underthesea"]
        marked = [name for name in SKIPPED if name not in sys.modules]
        for name in marked:
            sys.modules[name] = None  # type: ignore[assignment]  # "import of ... halted"
        try:
            import underthesea as module
        finally:
            for name in marked:
                if sys.modules.get(name, ...) is None:
                    del sys.modules[name]
        return module
