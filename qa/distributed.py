"""Embedding on a Ray cluster: ``qa index --ray ADDRESS`` (the optional ``vnqa[distributed]``).

Embedding is nearly all of indexing's cost, and it is the only part that is spread out:
a pool of Ray actors, each holding the configured model once, encodes the texts, and this
process - the driver - keeps doing everything else exactly as a local run does (reading,
chunking, BM25 terms, and the writes into the store, normally a Chroma server every node
can reach). So the idempotence and crash guarantees are the local ones: an article is
written with its pending marker, vectors, then catalog record, only after its vectors came
back, and a rerun finishes what a stopped run left.

A worker that dies mid-run is restarted by Ray and its batch sent again (embedding is a pure
function of the text, so repeating it is safe); a driver that dies leaves pending markers
that the next run repairs.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from qa.settings import Settings
from vectorstore.errors import ConfigError

# each actor restarts this often, and each batch is retried this often, before the run fails
MAX_RESTARTS = 3
# texts per actor call: large enough that a call's overhead (~ms) is nothing next to the
# encoding (~60 ms a text on one core), small enough that a lost batch costs little
BATCH_TEXTS = 32


def _ray():
    try:
        import ray
    except ImportError:
        raise ConfigError("`qa index --ray` needs Ray: pip install 'vnqa[distributed]'") from None
    return ray


class EmbedWorker:
    """One model on one Ray worker; made from the driver's settings, so both embed alike."""

    def __init__(self, settings_json: str) -> None:
        from qa import components

        self.embedder = components.make_embedder(Settings.model_validate_json(settings_json))

    def model_id(self) -> str:
        return self.embedder.model_id

    def warm(self) -> None:
        """Load the model now (otherwise the first batch pays for it)."""
        loader = getattr(self.embedder, "load", None)
        if loader is not None:
            loader()

    def pid(self) -> int:
        import os

        return os.getpid()

    def embed(self, texts: list[str], titles: list[str | None]) -> np.ndarray:
        return np.asarray(self.embedder.embed_documents(texts, titles), dtype=np.float32)


class RayEmbedder:
    """An :class:`~vectorstore.embedding.Embedder` whose document vectors come from a pool of Ray
    actors; questions are embedded locally (one text: not worth a round trip).

    Example::

        embedder = RayEmbedder(settings, local=components.make_embedder(settings), address="ray://head:10001")
        Indexer(index, embedder, chunker, group_texts=embedder.group_texts).sync([Path("archive/")])
    """

    def __init__(self, settings: Settings, *, local: Any, address: str, workers: int | None = None,
                 cpus_per_worker: float = 1.0) -> None:
        ray = _ray()
        self._owns_connection = not ray.is_initialized()
        if self._owns_connection:
            ray.init(address=address, logging_level="ERROR", log_to_driver=False)
        total = int(ray.cluster_resources().get("CPU", 0) // cpus_per_worker)
        count = workers or total
        if count < 1:
            raise ConfigError(f"the Ray cluster at {address} has no free CPU for an embedding worker")
        remote = ray.remote(num_cpus=cpus_per_worker, max_restarts=MAX_RESTARTS, max_task_retries=MAX_RESTARTS)(
            EmbedWorker)
        # one runtime thread per CPU Ray gives the worker, unless set: two workers each taking
        # every core of a node would fight over them
        threads = settings.embedding.threads or max(1, int(cpus_per_worker))
        worker = settings.model_copy(update={"embedding": settings.embedding.model_copy(update={"threads": threads})})
        self.local = local
        self.actors = [remote.options(scheduling_strategy="SPREAD").remote(worker.model_dump_json())
                       for _ in range(count)]
        ids = set(ray.get([a.model_id.remote() for a in self.actors]))
        if ids != {local.model_id}:
            raise ConfigError(f"the Ray workers embed with {sorted(ids)}, this index with {local.model_id}; "
                              "give every node the same vnqa settings and models")
        self._next = 0
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.local.model_id

    @property
    def dimension(self) -> int:
        return self.local.dimension

    @property
    def group_texts(self) -> int:
        """Texts the indexer should hand over per call: enough to keep every actor busy."""
        return BATCH_TEXTS * len(self.actors) * 2

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]:
        """Split ``texts`` into batches, one actor call each (round robin), and gather in order."""
        if not texts:
            return []
        ray = _ray()
        titles = list(titles) if titles is not None else [None] * len(texts)
        calls = []
        with self._lock:
            for at in range(0, len(texts), BATCH_TEXTS):
                actor = self.actors[self._next % len(self.actors)]
                self._next += 1
                calls.append(actor.embed.remote(texts[at: at + BATCH_TEXTS], titles[at: at + BATCH_TEXTS]))
        return np.concatenate(ray.get(calls)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.local.embed_query(text)

    def warm_up(self) -> None:
        """Have every worker load its model before the work starts (benchmarks time the work)."""
        _ray().get([a.warm.remote() for a in self.actors])

    def worker_pids(self) -> list[int]:
        return _ray().get([a.pid.remote() for a in self.actors])

    def close(self) -> None:
        """Stop the workers, and disconnect from the cluster if this object connected (Ray's
        last messages are printed then, not at interpreter exit)."""
        ray = _ray()
        for actor in self.actors:
            ray.kill(actor, no_restart=True)
        self.actors = []
        if self._owns_connection:
            ray.shutdown()
