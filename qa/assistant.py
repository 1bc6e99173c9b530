"""The public entry point: ``Assistant().ask(question) -> Answer``.

Example::

    from qa import Assistant
    bot = Assistant()                                   # default settings
    ans = bot.ask("how many cadres did Hà Nội rotate?")
    print(ans.text, ans.abstained, ans.citations[0].doc_id)
    bot.search("luân chuyển cán bộ", k=5)             # the top passages
    bot.retrieve("luân chuyển cán bộ").sentences      # everything an answer may quote

The walk of one question is :meth:`Assistant.stream`, top to bottom. Every collaborator can be passed in (``embedder=``, ``index=``, ``retriever=``,
``answerer=``); what is not passed is built from :class:`~qa.settings.Settings`. The index
is built from the configured corpus on first use when it is empty.
"""

from __future__ import annotations

import getpass
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from qa import components
from qa.audit import AuditLog
from qa.diacritics import QUESTION_PHRASES, QUESTION_WORDS, Restorer, typed_bare
from qa.domain import use_domain
from qa.extractive import ExtractiveAnswerer
from qa.followup import resolve_followup
from qa.generative import LLMAnswerer
from qa.lexicon import active_lexicon, use_lexicon
from qa.head_nouns import EmbeddedNouns
from qa.filters import NewsFilter, reported_within
from qa.question import Question, analyse
from qa.ranker import load_ranker
from qa.reader_evidence import lazy
from qa.veto import Veto, load_veto
from qa.retrieval import Retrieval, Retriever
from qa.settings import Settings
from qa.types import Answer, Passage, Retrieved
from qa.validation import validate_question
from vectorstore.bm25 import BM25Index
from vectorstore.chunking import Chunker
from vectorstore.embedding import Embedder
from vectorstore.errors import ConfigError, IndexNotFound
from vectorstore.indexer import Indexer, IndexReport
from vectorstore.segment import Segmenter
from vectorstore.types import ArticleRecord

log = logging.getLogger(__name__)

# Passages keyword search finds for a question typed bare, whose spellings restore its diacritics:
# enough to hold its words, few enough to stay on its topic.
_RESTORE_FROM = 20


def _quietly(job) -> None:
    """Run a prefetch job; an error is the first question's to report, with its own message."""
    try:
        job()
    except Exception:  # noqa: BLE001
        log.debug("prefetch %s failed", job.__name__, exc_info=True)


def _local_user() -> str:
    """Who runs this process, for audit entries made outside the server (``qa index``)."""
    try:
        return f"{getpass.getuser()} (local)"
    except (KeyError, OSError):  # no name for this uid (containers)
        return "local"


class Answerer(Protocol):
    def answer(self, question: Question, found: Retrieved) -> Answer:
        """Answer ``question`` from what retrieval found, or abstain."""


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
        audit: AuditLog | None = None,
    ) -> None:
        self.settings = settings or Settings.load()
        # The recognisers (places, counting nouns, glossary) are module functions shared by the
        # process, so the vocabulary they read is process-wide: the latest Assistant sets it.
        use_domain(self.settings.answer.domain_file)
        use_lexicon(self.settings.answer.lexicon_file)
        self.show_progress = show_progress
        self.auto_index = auto_index
        self._embedder = embedder
        self._client = client
        self._index = index
        self._chunker = chunker
        self._retriever = retriever
        self._retrieval: Retrieval | None = None
        self._answerer = answerer
        # the trained reader, made once on first use (shared by every answerer that reads with it)
        self._reader = lazy(lambda: components.make_reader(self.settings))
        self._segmenter = segmenter
        self._bm25: BM25Index | None = None
        self._chat_model = chat_model
        self._llm_answerer: LLMAnswerer | None = None
        self._local_llm: Any = None
        self._ready = False
        self._lock = threading.RLock()
        # every change to the index is recorded, whoever makes it (``qa audit`` prints them)
        self.audit = audit or AuditLog(self.settings.audit_path)

    # -- lazily built parts ------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        with self._lock:  # the start-up prefetch may ask for it from another thread
            if self._embedder is None:
                self._embedder = components.make_embedder(self.settings, show_progress=self.show_progress)
            return self._embedder

    def prefetch(self) -> list[threading.Thread]:
        """Load, in background threads, what the first question needs besides the store: the
        embedding model, the underthesea taggers (mostly native code) and the fitted lexicon, and, where the answerer
        reads with it, the trained reader. The caller opens the
        store meanwhile, so on two cores a cold start overlaps the three instead of paying their
        sum (docs/BENCHMARKS.md, "Cold start"). Failures are left to the question itself to
        report."""

        def model() -> None:
            loader = getattr(self.embedder, "load", None)
            if loader is not None:
                loader()

        def taggers() -> None:
            from qa.tagging import warm_up_tagger

            warm_up_tagger()
            active_lexicon()  # the English words' terms (qa.lexicon), read at first use otherwise

        def reader() -> None:
            self._reader()

        jobs = [model, taggers] + ([reader] if self._answerer is None and self._reads() else [])
        threads = [threading.Thread(target=_quietly, args=(job,), name=f"vnqa-prefetch-{job.__name__}", daemon=True)
                   for job in jobs]
        for thread in threads:
            thread.start()
        return threads

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
            self._retriever = components.make_retriever(self.settings, self.index, self.bm25)
        return self._retriever

    @property
    def retrieval(self) -> Retrieval:
        """The retrieval stage: the retriever's ranking, the entity guard, the sentence search."""
        if self._retrieval is None:
            self._retrieval = Retrieval(self.retriever, self.index, self.settings.retrieval)
        return self._retrieval

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            if self.settings.answer.engine == "reader":
                from qa.reader_answerer import ReaderAnswerer

                self._answerer = ReaderAnswerer(self.index, self.settings.answer, self._reader)
            else:
                self._answerer = self._ranker_answerer()
        return self._answerer

    def _veto(self) -> Veto | None:
        """The shipped reader's veto over the ranker, where the settings turn it on."""
        return load_veto() if self.settings.answer.veto else None

    def _reads(self) -> bool:
        """Whether the built-in answerer runs the trained reader (its engine, a ranker fitted on
        its scores, or its veto): the one place that decides it."""
        return self.settings.answer.engine == "reader" or load_ranker().reads or self._veto() is not None

    def _ranker_answerer(self) -> ExtractiveAnswerer:
        """The shipped ranker's answerer, with the trained reader where :meth:`_reads` (the reader
        then loads on the first question, or in :meth:`prefetch`)."""
        return ExtractiveAnswerer(self.index, self.settings.answer, load_ranker(),
                                  reader=self._reader if self._reads() else None, veto=self._veto(),
                                  nouns=EmbeddedNouns(self.embedder))

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
            # The LLM reads what the extractive answerer chose; a custom answerer is not an extractive one.
            extractive = self.answerer if isinstance(self.answerer, ExtractiveAnswerer) else self._ranker_answerer()
            self._llm_answerer = LLMAnswerer(self.chat_model, extractive, self.chunker.encoding, self.settings.llm)
        return self._llm_answerer

    # -- indexing ----------------------------------------------------------------------------
    def indexer(self, *, show_progress: bool | None = None, embedder: Embedder | None = None) -> Indexer:
        """The indexer over this assistant's store; ``embedder`` replaces the model for document
        vectors (a Ray pool: :mod:`qa.distributed`) and sets the group size it asks for."""
        progress = self.show_progress if show_progress is None else show_progress
        embedder = embedder or self.embedder
        return Indexer(self.index, embedder, self.chunker, segmenter=self.segmenter, show_progress=progress,
                       pool_chunks=self.settings.index.chunk_vectors == "sentences",
                       group_texts=getattr(embedder, "group_texts", 128))

    def index_paths(self, paths: list[Path] | None = None, *, prune: bool = True,
                    show_progress: bool | None = None, full_scan: bool = False,
                    embedder: Embedder | None = None, actor: str | None = None) -> IndexReport:
        """Index files/folders (default: the configured corpus plus every file indexed before).

        Files indexed before that are gone are not looked for (pruning removes their articles
        unless they were found elsewhere, e.g. the bundled articles after an upgrade moved them).
        ``actor``: who asked, for the audit log (default: this machine's user name).
        """
        with self._lock:
            # the titles of what a run may remove, for the audit log: only a pruning run removes
            # (an upload does not list the catalog twice; at 22k articles a listing takes ~2 s)
            before = {r.doc_id: r for r in self.index.articles()} if prune or paths is None else {}
            if paths is None:
                known = [p for r in before.values() if r.path and (p := Path(r.path)).exists()]
                paths = [*self.settings.index.corpus, *known]
            report = self.indexer(show_progress=show_progress, embedder=embedder).sync(
                paths, prune=prune, full_scan=full_scan)
            self.bm25.invalidate()
            self._record(report, actor, before)
            return report

    def remove_articles(self, doc_ids: list[str], *, actor: str | None = None) -> list[str]:
        """Remove articles by id; returns those that were indexed. ``actor`` as for :meth:`index_paths`."""
        with self._lock:
            before = self.index.get_articles(doc_ids)
            removed = self.indexer().remove(doc_ids)
            self.bm25.invalidate()
            self._record(IndexReport(removed=list(removed)), actor, before)
            return removed

    def _record(self, report: IndexReport, actor: str | None, before: dict[str, ArticleRecord]) -> None:
        """Audit what ``report`` changed; titles of removed articles come from ``before``."""
        changed = [*report.added, *report.updated]
        after = self.index.get_articles(changed) if changed else {}
        known = {**before, **after}
        self.audit.record_report(report, actor=actor or _local_user(),
                                 titles={d: r.title for d, r in known.items()},
                                 paths={d: r.path for d, r in known.items()})

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
    def ask(self, question: str, *, k: int | None = None, history: Sequence[str] | None = None,
            mode: str | None = None, since: date | str | None = None, until: date | str | None = None,
            sources: Sequence[str] | None = None) -> Answer:
        """Answer ``question`` (Vietnamese or English) from the articles, with citations.

        ``k``: passages to retrieve (default ``settings.retrieval.top_k``; 1 to 50).
        ``history``: the user's earlier questions in this conversation, oldest first; a
        follow-up such as "còn Móng Cái thì sao?" is answered as the earlier question about
        Móng Cái (``Answer.interpreted_as`` says how it was understood). ``mode``:
        ``"extractive"`` (quote the articles) or ``"llm"`` (a local model reads the best sentences and picks the span);
        default from settings. ``since``/``until``: answer only from articles published in that
        period (both days included; a :class:`datetime.date` or ``YYYY-MM-DD``); articles without
        a date are then left out. ``sources``: only from articles of these sources (matched
        case-insensitively). Without them, a question naming one period ("năm 2019") is narrowed
        to it when ``settings.retrieval.period_from_question`` is on (see :mod:`qa.filters`).

        Raises:
            BadInput: an empty, wordless, too long or non-Vietnamese/English question; a bad date,
                ``since`` after ``until``, an empty source name.
            ConfigError: a ``k`` or ``mode`` out of range.
        """
        final = None
        for piece in self.stream(question, k=k, history=history, mode=mode, since=since, until=until,
                                 sources=sources):
            if isinstance(piece, Answer):
                final = piece
        assert final is not None
        return final

    def stream(self, question: str, *, k: int | None = None, history: Sequence[str] | None = None,
               mode: str | None = None, since: date | str | None = None, until: date | str | None = None,
               sources: Sequence[str] | None = None) -> Iterator[str | Answer]:
        """Like :meth:`ask`, but yields the answer text as it is generated, then the :class:`Answer`.

        The whole walk of a question, each step once: validate, resolve a follow-up, analyse
        and embed, retrieve (passages, entity guard, sentences), answer. The extractive mode
        has nothing to generate and yields only the Answer.
        """
        started = time.perf_counter()
        text = validate_question(question, max_chars=self.settings.answer.max_question_chars)
        k = self.settings.retrieval.resolve_top_k(k)
        news_filter = NewsFilter.parse(since=since, until=until, sources=sources)
        mode = mode or self.settings.answer.mode
        if mode not in ("extractive", "llm"):
            raise ConfigError(f"mode must be 'extractive' or 'llm', got {mode!r}")
        resolved = resolve_followup(text, [q for q in (history or []) if q and q.strip()])
        analysed = self._understand(resolved.question, news_filter)
        found = self.retrieval.retrieve(analysed, k)
        if mode == "llm":
            pieces: Iterator[str | Answer] = self.llm_answerer.stream(analysed, found)
        else:
            pieces = iter([self.answerer.answer(analysed, found)])
        for piece in pieces:
            if isinstance(piece, Answer):
                yield replace(piece, question=text, seconds=time.perf_counter() - started,
                              interpreted_as=resolved.question if resolved.rewritten else None,
                              filtered_by=analysed.news_filter.describe() if analysed.news_filter else None,
                              news_filter=analysed.news_filter)
            else:
                yield piece

    def retrieve(self, query: str, k: int | None = None, *, since: date | str | None = None,
                 until: date | str | None = None, sources: Sequence[str] | None = None) -> Retrieved:
        """What retrieval finds for ``query``: the top ``k`` passages and the sentences an answer may quote
        (``since``, ``until``, ``sources``: as for :meth:`ask`)."""
        text = validate_question(query, max_chars=self.settings.answer.max_question_chars)
        k = self.settings.retrieval.resolve_top_k(k)
        news_filter = NewsFilter.parse(since=since, until=until, sources=sources)
        return self.retrieval.retrieve(self._understand(text, news_filter), k)

    def search(self, query: str, k: int | None = None, *, since: date | str | None = None,
               until: date | str | None = None, sources: Sequence[str] | None = None) -> list[Passage]:
        """The ``k`` passages most relevant to ``query``, best first (default ``settings.retrieval.top_k``;
        ``since``, ``until``, ``sources``: as for :meth:`ask`)."""
        return self.retrieve(query, k, since=since, until=until, sources=sources).passages

    def _dated_in(self, period: NewsFilter) -> bool:
        """Whether some indexed article is dated in ``period``: read from the keyword index's
        rows when hybrid or keyword search keeps them in memory anyway, else from the store."""
        if self.settings.retrieval.mode == "dense":
            return self.index.has_articles(period)
        return self.bm25.admits_any(period)

    def _understand(self, text: str, news_filter: NewsFilter | None = None) -> Question:
        """The question analysed (language, kind, entities, years, terms), given its news filter,
        and embedded, once.

        Without an explicit ``news_filter``, the one period the question names becomes its filter
        when ``retrieval.period_from_question`` is on and some indexed article is dated in that
        period (so a corpus without dates answers as before).
        """
        self.ensure_index()
        question = analyse(text)
        if news_filter is None and question.period is not None and self.settings.retrieval.period_from_question \
                and self._dated_in(question.period):
            news_filter = reported_within(question.period, self.settings.retrieval.period_report_days)
        return question.with_filter(news_filter).with_vector(self.embedder.embed_query(self._as_embedded(question)))

    def _as_embedded(self, question: Question) -> str:
        """The text embedded for ``question``: a Vietnamese one typed bare with its diacritics
        restored from the passages its keywords find (:mod:`qa.diacritics`), else as typed."""
        r = self.settings.retrieval
        if not r.restore_diacritics or r.mode == "dense" or question.language != "vi" or not typed_bare(question.text):
            return question.text
        hits = self.bm25.search(question.text, _RESTORE_FROM, news_filter=question.news_filter)
        restorer = Restorer.from_texts([QUESTION_WORDS, *(h.text for h in hits)], phrases=QUESTION_PHRASES)
        return restorer.restore(question.text)
