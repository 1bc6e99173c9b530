"""The public entry point: ``Assistant().ask(question) -> Answer``.

Example::

    from qa import Assistant
    bot = Assistant()                                   # default settings
    ans = bot.ask("how many cadres did Hà Nội rotate?")
    print(ans.text, ans.abstained, ans.citations[0].doc_id)
    bot.search("luân chuyển cán bộ", k=5)

Every collaborator can be passed in (``embedder=``, ``index=``, ``retriever=``,
``answerer=``); what is not passed is built from :class:`~qa.settings.Settings`. The index
is built from the configured corpus on first use when it is empty.
"""

from __future__ import annotations

import threading
import unicodedata
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from qa import components
from qa.extractive import ExtractiveAnswerer
from qa.followup import resolve_followup
from qa.generative import LLMAnswerer
from qa.language import unsupported_language
from qa.question import Question, analyse
from qa.retrieval import Retriever
from qa.settings import Settings
from qa.types import Answer, Passage
from vectorstore.bm25 import BM25Index
from vectorstore.chunking import Chunker
from vectorstore.embedding import Embedder
from vectorstore.errors import BadInput, ConfigError, IndexNotFound
from vectorstore.indexer import Indexer, IndexReport
from vectorstore.segment import Segmenter
from vectorstore.text import nfc
from vectorstore.types import ArticleRecord



def _strip_invisible(text: str) -> str:
    """Control, format (zero-width, bidi overrides) and lone surrogate characters become spaces:
    they are invisible to the user, split words unpredictably, and a lone surrogate cannot even
    be encoded as UTF-8 further down."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") else c for c in text)


class Answerer(Protocol):
    def answer(self, question: Question, passages: list[Passage]) -> Answer: ...


class Assistant:
    """Answers questions about the indexed articles, citing the passages it used."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        index: Any | None = None,
        client: Any | None = None,
        chunker: Chunker | None = None,
        retriever: Retriever | None = None,
        answerer: Answerer | None = None,
        segmenter: Segmenter | None = None,
        chat_model: Any | None = None,
        auto_index: bool = True,
        show_progress: bool = False,
    ) -> None:
        self.settings = settings or Settings.load()
        self.show_progress = show_progress
        self.auto_index = auto_index
        self._embedder = embedder
        self._client = client
        self._index = index
        self._chunker = chunker
        self._retriever = retriever
        self._answerer = answerer
        self._segmenter = segmenter
        self._bm25: BM25Index | None = None
        self._chat_model = chat_model
        self._llm_answerer: LLMAnswerer | None = None
        self._local_llm: Any = None
        self._ready = False
        self._lock = threading.RLock()

    # -- lazily built parts ------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = components.make_embedder(self.settings, show_progress=self.show_progress)
        return self._embedder

    @property
    def index(self) -> Any:
        with self._lock:
            if self._index is None:
                if self._client is None:
                    self._client = components.make_client(self.settings)
                self._index = components.make_index(self.settings, self._client, self.embedder)
            return self._index

    @property
    def chunker(self) -> Chunker:
        if self._chunker is None:
            self._chunker = components.make_chunker(self.settings)
        return self._chunker

    @property
    def segmenter(self) -> Segmenter:
        if self._segmenter is None:
            self._segmenter = components.make_segmenter()
        return self._segmenter

    @property
    def bm25(self) -> BM25Index:
        with self._lock:
            if self._bm25 is None:
                self._bm25 = components.make_bm25(self.settings, self.index, self.segmenter)
            return self._bm25

    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            self._retriever = components.make_retriever(self.settings, self.index, self.embedder, self.bm25)
        return self._retriever

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            self._answerer = ExtractiveAnswerer(self.index, self.embedder, self.settings.answer)
        return self._answerer

    @property
    def extractive(self) -> ExtractiveAnswerer:
        answerer = self.answerer
        if isinstance(answerer, ExtractiveAnswerer):
            return answerer
        return ExtractiveAnswerer(self.index, self.embedder, self.settings.answer)

    def chat_model(self) -> Any:
        """The LangChain chat model of the LLM mode (the local model starts on first use)."""
        with self._lock:
            if self._chat_model is None:
                from qa.llm_runtime import make_chat_model

                self._local_llm = self._local_llm or components.make_local_llm(self.settings)
                self._chat_model = make_chat_model(self.settings.llm, local=self._local_llm)
            return self._chat_model

    @property
    def llm_answerer(self) -> LLMAnswerer:
        if self._llm_answerer is None:
            self._llm_answerer = LLMAnswerer(self.chat_model, self.extractive, self.chunker.encoding,
                                             self.settings.llm)
        return self._llm_answerer

    # -- indexing ----------------------------------------------------------------------------
    def indexer(self, *, show_progress: bool | None = None) -> Indexer:
        progress = self.show_progress if show_progress is None else show_progress
        return Indexer(self.index, self.embedder, self.chunker, segmenter=self.segmenter, show_progress=progress)

    def index_paths(self, paths: list[Path] | None = None, *, prune: bool = True,
                    show_progress: bool | None = None, full_scan: bool = False) -> IndexReport:
        """Index files/folders (default: the configured corpus plus every file indexed before)."""
        with self._lock:
            if paths is None:
                known = [Path(r.path) for r in self.index.articles() if r.path]
                paths = [*self.settings.index.corpus, *known]
            report = self.indexer(show_progress=show_progress).sync(paths, prune=prune, full_scan=full_scan)
            self.bm25.invalidate()
            return report

    def remove_articles(self, doc_ids: list[str]) -> list[str]:
        """Remove articles by id; returns those that were indexed."""
        with self._lock:
            removed = self.indexer().remove(doc_ids)
            self.bm25.invalidate()
            return removed

    def ensure_index(self) -> None:
        """Build the index from the configured corpus if it is empty (and ``auto_index``)."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            self.index.check_model()
            if not self.index.articles():
                if not self.auto_index:
                    raise IndexNotFound(
                        f"the index '{self.settings.index.name}' is empty; build it with `qa index` (or `make index`)"
                    )
                report = self.index_paths(list(self.settings.index.corpus))
                if not self.index.articles():
                    raise IndexNotFound(
                        "no article could be indexed from " + ", ".join(map(str, self.settings.index.corpus))
                        + "; " + "; ".join(report.warnings[:3])
                    )
            self._ready = True

    def articles(self) -> list[ArticleRecord]:
        self.ensure_index()
        return self.index.articles()

    # -- asking ------------------------------------------------------------------------------
    def search(self, query: str, k: int = 5) -> list[Passage]:
        """The ``k`` passages most similar to ``query``, best first."""
        query = self._validate(query)
        if k < 1:
            raise ConfigError(f"k must be > 0, got {k}")
        self.ensure_index()
        return self.retriever.search(query, k)

    def ask(self, question: str, *, k: int | None = None, history: Sequence[str] | None = None,
            mode: str | None = None) -> Answer:
        """Answer ``question`` (Vietnamese or English) from the articles, with citations.

        ``history``: the user's earlier questions in this conversation, oldest first; a
        follow-up such as "còn Móng Cái thì sao?" is answered as the earlier question about
        Móng Cái (``Answer.interpreted_as`` says how it was understood). ``mode``:
        ``"extractive"`` (quote the articles) or ``"llm"`` (a local model phrases the answer);
        default from settings.
        """
        final = None
        for piece in self.stream(question, k=k, history=history, mode=mode):
            if isinstance(piece, Answer):
                final = piece
        assert final is not None
        return final

    def stream(self, question: str, *, k: int | None = None, history: Sequence[str] | None = None,
               mode: str | None = None) -> Iterator[str | Answer]:
        """Like :meth:`ask`, but yields the answer text as it is generated, then the :class:`Answer`.

        The extractive mode has nothing to generate and yields only the Answer.
        """
        started = time.perf_counter()
        text = self._validate(question)
        mode = mode or self.settings.answer.mode
        if mode not in ("extractive", "llm"):
            raise ConfigError(f"mode must be 'extractive' or 'llm', got {mode!r}")
        resolved = resolve_followup(text, [q for q in (history or []) if q and q.strip()])
        k = k or self.settings.retrieval.top_k
        passages = self.search(resolved.question, k)
        analysed = analyse(resolved.question)
        if mode == "llm":
            pieces: Iterator[str | Answer] = self.llm_answerer.stream(analysed, passages)
        else:
            pieces = iter([self.answerer.answer(analysed, passages)])
        for piece in pieces:
            if isinstance(piece, Answer):
                yield replace(piece, question=text, seconds=time.perf_counter() - started,
                              interpreted_as=resolved.question if resolved.rewritten else None)
            else:
                yield piece

    def _validate(self, question: str) -> str:
        if not isinstance(question, str):
            raise BadInput(f"the question must be text, got {type(question).__name__}")
        text = " ".join(_strip_invisible(nfc(question)).split())
        if not text:
            raise BadInput("the question is empty; ask something like \"how many cadres did Hà Nội rotate?\"")
        limit = self.settings.answer.max_question_chars
        if len(text) > limit:
            raise BadInput(f"the question has {len(text):,} characters; the limit is {limit:,}. Shorten it.")
        if not any(c.isalnum() for c in text):
            raise BadInput("the question has no words, only symbols or emoji; ask something like "
                           "\"how many cadres did Hà Nội rotate?\"")
        other = unsupported_language(text)
        if other:
            raise BadInput(f"vnqa answers questions in Vietnamese or English; this one looks like {other}. "
                           "Ask it in Vietnamese or English.")
        return text

