"""Fakes for fast tests: real code with deterministic behaviour, kept in one place."""

from __future__ import annotations

import hashlib
import math
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from vectorstore.text import fold_diacritics, words

if TYPE_CHECKING:
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel


class HashingEmbedder:
    """Deterministic bag-of-words embedder: texts sharing words get similar vectors.

    Behaves like a lexical retriever, which is enough to test the pipeline end to end
    without loading a 300M-parameter model.
    """

    def __init__(self, dimension: int = 256, name: str = "fake-hashing") -> None:
        self._dimension = dimension
        self.name = name
        self.calls = 0

    @property
    def model_id(self) -> str:
        return f"{self.name}/{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self._dimension
        toks = [fold_diacritics(w) for w in words(text)]
        for tok in toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]:
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
            vec[h % self._dimension] += 1.0 if h & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]:
        self.calls += 1
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.calls += 1
        return self._vector(text)

    def clear_query_cache(self) -> None:
        """Nothing to clear (query vectors are not cached here); the benchmark calls it."""


class WhitespaceEncoding:
    """Stands in for a tiktoken encoding: one token per whitespace-separated word."""

    def encode_ordinary(self, text: str) -> list[int]:
        return list(range(len(text.split())))


class SlowEmbedder(HashingEmbedder):
    """A :class:`HashingEmbedder` that takes 20 ms per document, so a kill lands mid-run."""

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]:
        time.sleep(0.02 * len(texts))
        return super().embed_documents(texts, titles)


class HookedEmbedder(HashingEmbedder):
    """Calls ``action`` when the indexer embeds its ``at``-th group of texts (e.g. kill the store)."""

    def __init__(self, at: int, action: Callable[[], object]) -> None:
        super().__init__()
        self.at, self.action, self.groups = at, action, 0

    def embed_documents(self, texts: list[str], titles: Sequence[str | None] | None = None) -> list[list[float]]:
        self.groups += 1
        if self.groups == self.at:
            self.action()
        return super().embed_documents(texts, titles)


class GatedCatalog:
    """Wraps an index; listing its catalog waits until the test sets ``go``.

    ``listing`` is set when a listing starts, so a test can tell a background check is under way.
    """

    def __init__(self, index: Any) -> None:
        self.index, self.go, self.listing = index, threading.Event(), threading.Event()

    def articles(self) -> list:
        self.listing.set()
        assert self.go.wait(10)
        return self.index.articles()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.index, name)


class SlowFinishingCatalog:
    """An empty catalog whose listing takes 0.5 s, then writes "finished" to ``marker``.

    Lets a child process exit while a background BM25 check is still listing, and shows
    afterwards whether that check ran to the end.
    """

    name = "exit"

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def articles(self) -> list:
        time.sleep(0.5)
        self.marker.write_text("finished")
        return []

    def chunk_rows(self):
        from vectorstore.index import ChunkRows

        return ChunkRows(["c1"], ["can bo"], [0], [None])

    def get_chunks(self, ids: list[str], *, news_filter=None) -> list:
        return []


class ScriptedAssistant:
    """Stands in for :class:`qa.Assistant` in the chat handler: returns (or raises) one result.

    Records each call as ``(question, k, history)``, and its news filter options in ``news``.
    """

    def __init__(self, result: Any) -> None:
        self.result = result
        self.calls: list[tuple[str, int | None, list[str]]] = []
        self.news: list[dict[str, Any]] = []

    def ask(self, question: str, k: int | None = None, history: Sequence[str] | None = None, **news: Any) -> Any:
        self.calls.append((question, k, list(history or [])))
        self.news.append(news)
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


class FlakyOperation:
    """A store operation that fails with the given errors, one per call, then answers 'ok'."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


class CountingClient:
    """Stands in for a served UI's client in the load benchmark; counts how many were made.

    ``busy`` lets a test check that no client is shared by two workers at once.
    """

    made = 0
    lock = threading.Lock()

    def __init__(self) -> None:
        with CountingClient.lock:
            CountingClient.made += 1
        self.busy = False


def scripted_chat_model(*replies: str) -> GenericFakeChatModel:
    """A LangChain chat model that answers with ``replies``, one per call, streamed in tokens."""
    # Imported here: child processes of the crash tests import this module and need no LangChain.
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    return GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))


def hit(chunk_id: str, doc_id: str, score: float = 0.5, text: str = "", start: int = 0, end: int = 0,
        published: str | None = None, source: str | None = None):
    """A :class:`~vectorstore.types.Hit` with only what a test cares about filled in."""
    from vectorstore.types import Hit

    return Hit(chunk_id=chunk_id, doc_id=doc_id, text=text or chunk_id, score=score, title=doc_id,
               start=start, end=end or len(text or chunk_id), published=published, source=source)


def _admitted(hits, news_filter):
    return [h for h in hits if news_filter is None or news_filter.admits(h.published, h.source)]


class ScriptedIndex:
    """A vector index whose searches return given hits: retrieval's ranking and guard logic
    tested without a model or a store.

    ``dense``: chunk hits of any query, best first; ``sentences``: sentence hits, filtered by
    ``doc_ids`` as the real store does; ``texts``: article texts by id (the catalog).
    A news filter is applied as the store applies it (before the cut to ``k``) by the hits'
    ``published`` and ``source``. ``queries`` records every search, to check what was (not)
    asked; ``filters`` the news filter each search was given.
    """

    def __init__(self, dense=(), sentences=(), texts=None, cosines=None) -> None:
        self.dense = list(dense)
        self.sentences = list(sentences)
        self.texts = dict(texts or {})
        self.cosines = dict(cosines or {})
        self.queries: list[tuple] = []
        self.filters: list[tuple] = []

    def query(self, embedding, k, ids=None, *, news_filter=None):
        self.queries.append(("query", k, tuple(ids) if ids is not None else None))
        self.filters.append(("query" if ids is None else "query ids", news_filter))
        if ids is not None:
            return [hit(cid, cid.split("#")[0], self.cosines.get(cid, 0.0)) for cid in ids]
        return _admitted(self.dense, news_filter)[:k]

    def query_sentences(self, embedding, k, doc_ids, *, news_filter=None):
        self.queries.append(("sentences", k, tuple(doc_ids) if doc_ids is not None else None))
        self.filters.append(("sentences", news_filter))
        return _admitted([h for h in self.sentences if doc_ids is None or h.doc_id in doc_ids], news_filter)[:k]

    def get_articles(self, doc_ids):
        from vectorstore.types import ArticleRecord

        self.queries.append(("articles", tuple(doc_ids)))
        return {d: ArticleRecord(doc_id=d, title=d, content_hash="", n_chunks=1, text=self.texts[d]) for d in doc_ids if d in self.texts}


class ScriptedBM25:
    """Keyword search returning given hits (under a news filter, those it admits), recording the
    queries it was asked and the filters it was given."""

    def __init__(self, hits=()) -> None:
        self.hits = list(hits)
        self.queries: list[str] = []
        self.filters: list = []

    def search(self, query, k, *, news_filter=None):
        self.queries.append(query)
        self.filters.append(news_filter)
        return _admitted(self.hits, news_filter)[:k]
