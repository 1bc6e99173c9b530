"""One loaded copy of each tokenizer file per process.

EmbeddingGemma's ``tokenizer.json`` (33 MB, 262,144 pieces) takes about a second and 150-290 MiB
to load, and two components read with it: the ONNX embedder (:mod:`vectorstore.onnx_embedding`)
and the trained reader (:mod:`qa.reader`). Loading it once saves that on every cold start, where
the two load side by side (``Assistant.prefetch``).

A shared tokenizer must stay as it was loaded: no component may switch on truncation or padding
on it (the embedder cuts its own ids instead: :func:`vectorstore.onnx_embedding.truncated`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_loaded: dict[tuple[str, int, int], Any] = {}


def shared_tokenizer(path: Path) -> Any:
    """The ``tokenizers.Tokenizer`` in ``path``, loaded on the first call and shared after.

    Keyed by the file's resolved path, size and modification time, so a file replaced on disk
    (``qa models fetch`` again) is loaded afresh. Threads asking at once wait for one load.
    """
    from tokenizers import Tokenizer

    resolved = Path(path).resolve()
    stat = resolved.stat()
    key = (str(resolved), stat.st_size, stat.st_mtime_ns)
    with _lock:
        if key not in _loaded:
            _loaded[key] = Tokenizer.from_file(str(resolved))
        return _loaded[key]
