"""Shared fixtures.

Fast tests use fakes (``tests/fakes.py``) and real Chroma in ``tmp_path``. Tests marked
``real`` use the real EmbeddingGemma model from the user cache (``make test`` fetches it
first) and skip with the fix command when it is absent. State lives in temporary folders:
an autouse fixture points HOME, the XDG folders and vnqa's data and cache folders of every
test at ``tmp_path`` (``tests/isolation.py``); only the read-only model cache is reused.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from qa.settings import BUNDLED_CORPUS, Settings
from tests.fakes import HashingEmbedder, WhitespaceEncoding
from tests.isolation import MODEL_CACHE, child_env, isolated_vars
from vectorstore.chunking import Chunker
from vectorstore.errors import ModelMissing

REPO = Path(__file__).resolve().parent.parent
PUBLIC_FIXTURES = REPO / "evals" / "fixtures" / "public.jsonl"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, XDG and vnqa's folders at ``tmp_path`` so no test touches a real index or cache.

    The user's own VNQA_* settings are removed too, so they cannot change what a test sees.
    """
    for name in [k for k in os.environ if k.startswith("VNQA_")]:
        monkeypatch.delenv(name)
    root = tmp_path / "isolated"
    for name, value in isolated_vars(root).items():
        monkeypatch.setenv(name, value)
    Path(os.environ["HOME"]).mkdir(parents=True)
    return root


@pytest.fixture(scope="session")
def model_cache() -> Path:
    """The real model cache (read-only): pass it explicitly wherever the real models load."""
    return MODEL_CACHE


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
    """Settings over ``data_dir`` with the real model cache, given explicitly: session fixtures
    run outside the per-test isolation."""
    return Settings.load(data_dir=data_dir, cache_dir=MODEL_CACHE)


@pytest.fixture(scope="session")
def real_embedder(tmp_path_factory):
    """The real EmbeddingGemma, loaded once per test session."""
    from qa import components

    try:
        embedder = components.make_embedder(_real_settings(tmp_path_factory.mktemp("embedder-data")))
    except ModelMissing as exc:
        pytest.skip(f"real model not available: {exc}")
    embedder.embed_query("khởi động")
    return embedder


@pytest.fixture(scope="session")
def torch_embedder(tmp_path_factory):
    """The real EmbeddingGemma on PyTorch (the default runtime is ONNX), loaded once per session."""
    from qa import components

    settings = _real_settings(tmp_path_factory.mktemp("torch-embedder-data"))
    settings = settings.model_copy(update={"embedding": settings.embedding.model_copy(update={"runtime": "torch"})})
    try:
        embedder = components.make_embedder(settings)
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


def _chroma_bin() -> str:
    found = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(found).exists():
        pytest.skip("the chroma CLI is not installed")
    return found


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real ``chroma run`` server on a free loopback port, for the session; yields the port."""
    from qa.processes import free_port, running
    from vectorstore.client import server_client
    from vectorstore.errors import StoreUnavailable

    port = free_port()
    folder = tmp_path_factory.mktemp("srv")

    def up() -> bool:
        try:
            server_client(host="127.0.0.1", port=port)
            return True
        except StoreUnavailable:
            return False

    with running([_chroma_bin(), "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
                 log_path=folder / "chroma.log", ready=up, timeout_s=60):
        yield port


@dataclass(frozen=True)
class SharedServer:
    """A real ``qa serve`` with accounts: a reader, an editor, and their API tokens."""

    url: str
    data_dir: Path
    passwords: dict[str, str]
    tokens: dict[str, str]


@pytest.fixture(scope="session")
def served_with_accounts(real_assistant, tmp_path_factory):
    """``qa serve`` over a private copy of the real index, with accounts (the newsroom setup).

    Accounts: ``minh`` (reader), ``lan`` (editor), ``eve`` (editor, for wrong-password tests).
    A failed login makes the account wait 30 s, so a test can see the wait without sleeping.
    Uploads are limited to 10 KiB per file, so a test can upload a file over the limit.
    """
    from argon2 import PasswordHasher

    from qa.accounts import Accounts
    from qa.processes import free_port, http_ok, running

    data = tmp_path_factory.mktemp("shared-data")
    shutil.copytree(real_assistant.settings.data_dir, data, dirs_exist_ok=True)
    accounts = Accounts(data / "users.json", hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    passwords = {"minh": "đọc báo mỗi ngày", "lan": "biên tập viên 2026", "eve": "eve's real password"}
    for name, role in (("minh", "reader"), ("lan", "editor"), ("eve", "editor")):
        accounts.add(name, passwords[name], role=role)
    tokens = {name: accounts.issue_token(name) for name in ("minh", "lan")}
    port = free_port()
    env = {**child_env(tmp_path_factory.mktemp("shared-env"), models=True), "VNQA_DATA_DIR": str(data),
           "VNQA_AUTH__LOGIN_DELAY_S": "30", "VNQA_UPLOADS__MAX_FILE_MB": str(10 / 1024)}
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-m", "qa.cli", "-q", "serve", "--port", str(port)], env=env,
                 log_path=data / "serve.log", ready=lambda: http_ok(url), timeout_s=180):
        yield SharedServer(url=url, data_dir=data, passwords=passwords, tokens=tokens)
