"""Build the one Chroma client of a process: embedded (persistent folder) or server (HTTP).

Chroma advises one client per process; callers build it here once and pass it around.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vectorstore.errors import StoreUnavailable


def embedded_client(path: Path) -> Any:
    """A ``PersistentClient`` storing its files in ``path`` (created if missing)."""
    import chromadb
    from chromadb.config import Settings

    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False, allow_reset=False))


def server_client(*, host: str, port: int, ssl: bool = False, token: str | None = None) -> Any:
    """An ``HttpClient`` for a ``chroma run`` server; :class:`StoreUnavailable` if it is down."""
    import chromadb
    from chromadb.config import Settings

    headers = {"Authorization": f"Bearer {token}"} if token else None
    try:
        client = chromadb.HttpClient(host=host, port=port, ssl=ssl, headers=headers,
                                     settings=Settings(anonymized_telemetry=False))
        client.heartbeat()
    except Exception as exc:  # noqa: BLE001 - any failure here means "cannot reach the server"
        scheme = "https" if ssl else "http"
        raise StoreUnavailable(
            f"cannot reach the Chroma server at {scheme}://{host}:{port} ({type(exc).__name__}: {exc}); "
            f"start one with `chroma run --path <dir> --port {port}` or use the embedded store "
            "(VNQA_INDEX__BACKEND=embedded)"
        ) from exc
    return client
