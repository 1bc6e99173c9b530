"""Shared fixtures.

Fast tests use fakes (``tests/fakes.py``) and real Chroma in ``tmp_path``. Tests marked
``real`` use the real EmbeddingGemma model from the user cache (``make test`` fetches it
first) and skip with the fix command when it is absent. State lives in temporary folders;
no test writes to the repo or the user's index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa.settings import BUNDLED_CORPUS, Settings
from tests.fakes import HashingEmbedder, WhitespaceEncoding
from vectorstore.chunking import Chunker
from vectorstore.errors import ModelMissing

REPO = Path(__file__).resolve().parent.parent
PUBLIC_FIXTURES = REPO / "qa" / "fixtures" / "public.jsonl"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled articles that tests may edit."""
    dest = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dest)
    return dest


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def word_chunker() -> Chunker:
    return Chunker(encoding=WhitespaceEncoding(), max_tokens=60, overlap_tokens=10)


def _real_settings(data_dir: Path) -> Settings:
    return Settings.load(data_dir=data_dir)


@pytest.fixture(scope="session")
def real_embedder():
    """The real EmbeddingGemma, loaded once per test session."""
    from qa import components

    try:
        embedder = components.make_embedder(Settings.load())
    except ModelMissing as exc:
        pytest.skip(f"real model not available: {exc}")
    embedder.embed_query("khởi động")
    return embedder


@pytest.fixture(scope="session")
def real_assistant(real_embedder, tmp_path_factory):
    """An assistant over the bundled corpus with the real model and a real Chroma store."""
    from qa import Assistant

    settings = _real_settings(tmp_path_factory.mktemp("real-data"))
    bot = Assistant(settings, embedder=real_embedder)
    bot.ensure_index()
    return bot
