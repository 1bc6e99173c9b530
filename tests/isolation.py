"""Keep every test away from the user's home, index and caches, except the model cache.

The real models (gigabytes, fetched once by ``make models``) are the one thing tests reuse
from the real environment, read-only: :data:`MODEL_CACHE` is captured when this module is
first imported (by ``tests/conftest.py``, before any fixture changes the environment).
Everything else a test, or a child process it starts, might write goes under a temporary
folder (the pattern of simonw/llm's ``tests/conftest.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

from qa.settings import Settings

MODEL_CACHE: Path = Settings.load().cache_dir


def isolated_vars(root: Path) -> dict[str, str]:
    """The home, XDG and vnqa folders of an environment confined to ``root``."""
    return {
        "HOME": str(root / "home"),
        "XDG_CACHE_HOME": str(root / "xdg-cache"),
        "XDG_DATA_HOME": str(root / "xdg-data"),
        "VNQA_DATA_DIR": str(root / "data"),
        "VNQA_CACHE_DIR": str(root / "cache"),
    }


def child_env(root: Path, *, models: bool = False) -> dict[str, str]:
    """An environment for a child process confined to ``root``, without the user's VNQA_* settings.

    Args:
        root: folder that holds the child's home, data and caches.
        models: point ``VNQA_CACHE_DIR`` at the real, read-only :data:`MODEL_CACHE`, for a
            child that loads the real embedding model or LLM.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("VNQA_")}
    env.update(isolated_vars(root))
    if models:
        env["VNQA_CACHE_DIR"] = str(MODEL_CACHE)
    return env
