"""tiktoken without network access.

``tiktoken.get_encoding`` downloads its rank file on first use. ``qa models fetch`` places
the verified file in ``<cache>/tiktoken`` under the name tiktoken looks for (the sha1 of the
rank file's URL), and :func:`load_encoding` points tiktoken at that folder, refusing to
proceed - and so to touch the network - when the file is not there.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import tiktoken

from vectorstore.errors import ModelMissing

ENCODING = "cl100k_base"


class _Captured(Exception):
    pass


def rank_file_source(encoding_name: str) -> tuple[str, str]:
    """The URL tiktoken would download ``encoding_name`` from, and its expected sha256.

    Read out of tiktoken's own constructor, so the cache name follows tiktoken's version
    instead of a copy of its constants.
    """
    import tiktoken_ext.openai_public as public

    seen: dict[str, str] = {}

    def capture(url: str, expected_hash: str | None = None) -> dict:
        seen["url"], seen["sha256"] = url, expected_hash or ""
        raise _Captured

    original = public.load_tiktoken_bpe
    public.load_tiktoken_bpe = capture
    try:
        getattr(public, encoding_name)()
    except _Captured:
        pass
    finally:
        public.load_tiktoken_bpe = original
    return seen["url"], seen["sha256"]


def cache_file(cache_dir: Path, encoding_name: str = ENCODING) -> Path:
    url, _ = rank_file_source(encoding_name)
    return cache_dir / hashlib.sha1(url.encode()).hexdigest()


def load_encoding(cache_dir: Path, encoding_name: str = ENCODING) -> tiktoken.Encoding:
    """Load ``encoding_name`` from ``cache_dir`` only; :class:`ModelMissing` if absent."""
    if not cache_file(cache_dir, encoding_name).is_file():
        raise ModelMissing(
            f"tiktoken's {encoding_name} rank file is not in {cache_dir}; run `qa models fetch` (or `make models`)"
        )
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return tiktoken.get_encoding(encoding_name)
