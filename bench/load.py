"""Many chat users at once: questions sent through a running ``qa serve``'s Gradio queue.

Each client is a ``gradio_client.Client`` (the same HTTP + server-sent-events path a browser
uses) calling the chat's ``/ask`` endpoint. Used by ``qa bench`` (throughput, embedded vs a
Chroma server) and by the concurrency and soak tests (every answer must be right).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bench.timing import Latency, peak_rss_mb, rss_mb
from evals.scoring import Fixture
from qa.matching import matches
from ui.chat import message_text
from ui.render import unescape_markdown


@dataclass(frozen=True)
class Reply:
    fixture: Fixture
    text: str
    seconds: float
    error: str | None = None

    @property
    def correct(self) -> bool:
        if self.error:
            return False
        if not self.fixture.answerable:
            return "⚠️" in self.text
        return any(matches(a, self.text) for a in self.fixture.answers)


@dataclass
class LoadResult:
    clients: int
    replies: list[Reply]
    seconds: float
    rss_samples_mb: list[float] = field(default_factory=list)
    server_peak_rss_mb: float | None = None

    @property
    def latency(self) -> Latency:
        return Latency.of([r.seconds for r in self.replies if not r.error])

    @property
    def throughput(self) -> float:
        """Answered questions per second of wall time."""
        return len(self.replies) / self.seconds

    @property
    def errors(self) -> list[Reply]:
        return [r for r in self.replies if r.error]

    @property
    def wrong(self) -> list[Reply]:
        return [r for r in self.replies if not r.error and not r.correct]


def _client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False, download_files=False)


def ask_once(client, question: str, *, top_k: int = 5, mode: str = "extractive") -> str:
    """The chat's final answer text for ``question`` (a fresh conversation)."""
    # the chat's inputs: question, history, top_k, mode, since, until, sources (no news filter)
    history, _box = client.predict(question, [], top_k, mode, "", "", [], api_name="/ask")[:2]
    return unescape_markdown(message_text(history[-1])) if history else ""


def run_load(url: str, fixtures: Sequence[Fixture], *, clients: int, server_pid: int | None = None,
             warmup: Sequence[Fixture] = (), sample_every_s: float = 0.5,
             on_reply: Callable[[Reply], None] | None = None) -> LoadResult:
    """Send every fixture's question once, from ``clients`` concurrent clients; gather answers.

    The clients connect before the clock starts, and ``warmup`` questions (answered, not
    counted) go first, so a throughput figure is not a measure of first-call costs (model
    warm-up, BM25 cache load, client handshakes). With ``server_pid``, the server's RSS is
    sampled throughout (Linux ``/proc``).
    """
    idle: queue.SimpleQueue = queue.SimpleQueue()
    samples: list[float] = []
    done = threading.Event()

    def sampler() -> None:
        while not done.is_set():
            value = rss_mb(server_pid) if server_pid else None
            if value is not None:
                samples.append(value)
            done.wait(sample_every_s)

    def one(f: Fixture) -> Reply:
        client = idle.get()  # as many clients as workers: never waits
        started = time.perf_counter()
        try:
            reply = Reply(f, ask_once(client, f.question), time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, none stops the run
            reply = Reply(f, "", time.perf_counter() - started, error=f"{type(exc).__name__}: {exc}")
        finally:
            idle.put(client)
        if on_reply:
            on_reply(reply)
        return reply

    with ThreadPoolExecutor(max_workers=clients) as pool:
        for client in pool.map(lambda _: _client(url), range(clients)):
            idle.put(client)
        list(pool.map(one, warmup))
        watcher = threading.Thread(target=sampler, daemon=True)
        watcher.start()
        started = time.perf_counter()
        replies = list(pool.map(one, fixtures))
        seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    return LoadResult(clients, replies, seconds, samples, peak_rss_mb(server_pid) if server_pid else None)
