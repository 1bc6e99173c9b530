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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tokenizers import Tokenizer

_lock = threading.Lock()
_loaded: dict[str, tuple[tuple[int, int], "Tokenizer"]] = {}  # resolved path -> ((size, mtime), tokenizer)


def shared_tokenizer(path: Path) -> "Tokenizer":
    """The ``tokenizers.Tokenizer`` in ``path``, loaded on the first call and shared after.

    A file replaced on disk (another size or modification time: ``qa models fetch`` again) is
    loaded afresh, and the old copy dropped. Threads asking at once wait for one load.
    """
    from tokenizers import Tokenizer

    resolved = Path(path).resolve()
    stat = resolved.stat()
    version = (stat.st_size, stat.st_mtime_ns)
    with _lock:
        held = _loaded.get(str(resolved))
        if held is None or held[0] != version:
            held = (version, Tokenizer.from_file(str(resolved)))
            _loaded[str(resolved)] = held
        return held[1]
