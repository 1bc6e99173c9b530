"""The Chroma implementation of :class:`~vectorstore.index.VectorIndex`.

Three collections per index: ``<name>`` holds chunk vectors, ``<name>_sentences`` holds one
vector per sentence (the answerer uses them to pick the sentence that answers, in any
language, without encoding anything at question time), and ``<name>_articles`` holds one
catalog record per article (its cleaned text and metadata, with a constant 1-d vector since
Chroma requires one). The chunk collection's metadata records the embedding model and
dimension that built it; querying or writing with another model raises
:class:`IndexMismatch` instead of returning meaningless neighbours.

Every chunk, sentence and catalog record carries its article's publication day as a number
and its source key (:mod:`vectorstore.filters`), so a :class:`NewsFilter` becomes part of
Chroma's ``where``. An index of layout 2 (before those keys) gets them added in place the first
time it is opened; nothing is re-embedded.

Works unchanged over a ``PersistentClient`` or an ``HttpClient``: the client is passed in.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn, TypeVar

import numpy as np
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from vectorstore.errors import ConfigError, IndexMismatch, StoreUnavailable
from vectorstore.filters import Facets, NewsFilter, all_of, unit_facets
from vectorstore.index import ChunkRows
from vectorstore.sentences import SPLITTER_VERSION
from vectorstore.types import Article, ArticleRecord, ArticleUnits, Chunk, Hit, chunk_id_for

SCHEMA_VERSION = 3  # 2: chunks carry BM25 terms; 3: everything carries day and source_key (filters)
# Layouts that opening an index upgrades in place (without re-embedding), to SCHEMA_VERSION.
_UPGRADABLE = {2}
_PAGE = 5000  # records per paged read
_WRITE_BATCH = 500  # records per write call
# Candidates HNSW explores per query. Chroma's default (100) returned 96.5 % of the exact top 20
# at 20k chunks (as few as 8 of 20 for one question); 400 returned 99.8 % at no measurable cost
# in query time (docs/BENCHMARKS.md).
DEFAULT_EF_SEARCH = 400
# Sentences of up to this many articles are read and scored exactly (query_sentences): a few
# thousand 256-float rows at most. Answering reads the sentences of the ~5-30 articles search
# ranked; a wider set goes through Chroma's filtered query, which holds no rows in memory.
MAX_SCORED_ARTICLES = 200
# A filtered search reads the nearest k*4, then k*16, then k*64 units unfiltered before it
# leaves the filter to Chroma (see ChromaIndex._nearest): at 31k chunks and k = 20 the three
# reads take ~10, 20 and 81 ms together, a third of one filtered Chroma query.
WIDEN = 4
WIDENINGS = 3
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,58}[A-Za-z0-9]")
T = TypeVar("T")
log = logging.getLogger(__name__)


def _clean_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Chroma rejects ``None`` values; absent means unknown."""
    return {k: v for k, v in meta.items() if v is not None}


class ChromaIndex:
    """Chunks and article catalog in Chroma.

    Example::

        index = ChromaIndex(client, name="vnqa", model_id=embedder.model_id, dimension=768)
        index.put_article(article, chunks, embedder.embed_documents([c.text for c in chunks]))
        hits = index.query(embedder.embed_query("..."), k=5)
    """

    def __init__(self, client: Any, *, name: str, model_id: str, dimension: int, ef_search: int = DEFAULT_EF_SEARCH,
                 retry_delays: Sequence[float] = (0.5, 1.0, 2.0, 4.0)) -> None:
        if not _NAME_RE.fullmatch(name or ""):
            raise ConfigError(
                f"index name must be 3-60 letters, digits, '-' or '_', starting and ending with a letter or digit; "
                f"got {name!r}"
            )
        self.client = client
        self.name = name
        self.model_id = model_id
        self.dimension = dimension
        self.ef_search = ef_search
        self.retry_delays = tuple(retry_delays)
        self._chunks = None
        self._catalog = None
        self._sentences = None
        self._facets: tuple[np.ndarray, Facets] | None = None  # see _share

    # -- collections ---------------------------------------------------------------------
    def _call(self, what: str, fn: Callable[[], T]) -> T:
        """Run one store operation; retry it while a server is unreachable, then give up clearly.

        Every operation is safe to repeat (reads, deletes by id, upserts), so a request that
        failed half-way - or succeeded without its answer arriving - is simply sent again. A
        server that restarts within the retry window is ridden through; one that stays down
        gives :class:`StoreUnavailable` and nothing half-written (catalog records come last).
        """
        retrying = Retrying(
            retry=retry_if_exception(_is_transient),
            wait=_wait_from(self.retry_delays),
            stop=stop_after_attempt(len(self.retry_delays) + 1),
            before_sleep=_log_retry,
            retry_error_callback=functools.partial(_give_up, what),
        )
        return retrying(fn)

    def _collections(self):
        if self._chunks is None:
            meta = {"embedding_model": self.model_id, "embedding_dim": self.dimension, "schema": SCHEMA_VERSION,
                    "splitter": SPLITTER_VERSION}
            hnsw = {"hnsw": {"space": "cosine", "ef_search": self.ef_search}}
            chunks = self._call("open the chunk collection", lambda: self.client.get_or_create_collection(
                self.name, metadata=meta, configuration=hnsw, embedding_function=None))
            catalog = self._call("open the article catalog", lambda: self.client.get_or_create_collection(
                f"{self.name}_articles", metadata={"schema": SCHEMA_VERSION}, embedding_function=None))
            sentences = self._call("open the sentence collection", lambda: self.client.get_or_create_collection(
                f"{self.name}_sentences", metadata=meta, configuration=hnsw, embedding_function=None))
            for coll in (chunks, sentences):
                self._set_ef_search(coll)
            if (chunks.metadata or {}).get("schema") in _UPGRADABLE:
                chunks = self._add_facets(chunks, catalog, sentences)
            self._chunks, self._catalog, self._sentences = chunks, catalog, sentences
        return self._chunks, self._catalog

    def _add_facets(self, chunks: Any, catalog: Any, sentences: Any) -> Any:
        """Upgrade a layout-2 index in place: give every stored unit and catalog record its
        ``day`` and ``source_key`` (computed from the ``published`` and ``source`` it carries),
        then mark the collections as layout 3. Returns the chunk collection, re-read.

        Chroma's ``update`` merges the given keys into a record's metadata (checked by
        ``tests/vectorstore/test_chroma_index.py``), so only the new keys are sent. The chunk
        collection is marked last: an upgrade stopped half-way is simply done again next time.
        """
        # once per index, and it reads every stored record: say so (a large index takes a while)
        log.warning("upgrading the index '%s' to layout %d: adding publication days and source keys for "
                    "filters (once; nothing is re-embedded)", self.name, SCHEMA_VERSION)
        for coll in (sentences, catalog, chunks):
            for page_ids, page_metas in self._metadata_pages(coll, "read metadata to upgrade"):
                ids, metas = [], []
                for cid, meta in zip(page_ids, page_metas):
                    facets = {k: v for k, v in unit_facets(meta.get("published"), meta.get("source")).items()
                              if v is not None}
                    if facets:
                        ids.append(cid)
                        metas.append(facets)
                for start in range(0, len(ids), _WRITE_BATCH):
                    part = slice(start, start + _WRITE_BATCH)
                    self._call("add filter keys",
                               lambda c=coll, i=ids[part], m=metas[part]: c.update(ids=i, metadatas=m))
        for coll in (sentences, catalog, chunks):
            # ``modify`` replaces the collection's metadata: send all of it
            self._call("mark the new layout", lambda c=coll: c.modify(
                metadata={**(c.metadata or {}), "schema": SCHEMA_VERSION}))
        return self._call("open the chunk collection", lambda: self.client.get_collection(
            self.name, embedding_function=None))

    def _set_ef_search(self, coll: Any) -> None:
        """Give an existing collection this index's ``ef_search`` (the one setting of its HNSW
        graph that may change after creation). The embedded store reads it when it loads the
        collection: a process that has already searched it keeps the old value (seen in a test
        run), so the value takes effect in the next process."""
        current = ((getattr(coll, "configuration", None) or {}).get("hnsw") or {}).get("ef_search")
        if current is not None and current != self.ef_search:
            self._call("set ef_search", lambda: coll.modify(configuration={"hnsw": {"ef_search": self.ef_search}}))

    def check_model(self) -> None:
        chunks, _ = self._collections()
        meta = chunks.metadata or {}
        built_with = meta.get("embedding_model")
        if built_with and meta.get("schema") != SCHEMA_VERSION:
            raise IndexMismatch(
                f"the index '{self.name}' has layout version {meta.get('schema')}, this vnqa needs {SCHEMA_VERSION}; "
                "rebuild it with `qa index --rebuild`"
            )
        if built_with and built_with != self.model_id:
            raise IndexMismatch(
                f"the index '{self.name}' was built with {built_with}, but this setup embeds with {self.model_id}; "
                "rebuild it with `qa index --rebuild` or change the embedding settings back"
            )

    def outdated_units(self) -> str | None:
        """Why the stored sentences and chunks no longer match how this vnqa cuts articles (None:
        they do). An index made before the stamp was cut by the first splitter; one made later
        keeps the splitter it was created with, since new articles are cut alike only after a rebuild."""
        chunks, _ = self._collections()
        meta = chunks.metadata or {}
        if not meta.get("embedding_model"):
            return None
        stored = int(meta.get("splitter", 1))
        if stored >= SPLITTER_VERSION:
            return None
        return (f"the index '{self.name}' was cut into sentences by splitter version {stored}, "
                f"this vnqa cuts with version {SPLITTER_VERSION}")

    def reset(self) -> None:
        """Drop both collections (used by ``qa index --rebuild``)."""
        for name in (self.name, f"{self.name}_articles", f"{self.name}_sentences"):
            try:
                self._call("drop a collection", lambda n=name: self.client.delete_collection(n))
            except StoreUnavailable:
                raise
            except Exception:  # noqa: BLE001 - a collection that does not exist is already dropped
                pass
        self._chunks = self._catalog = self._sentences = None
        self._facets = None

    # -- reads -------------------------------------------------------------------------------
    def count(self) -> int:
        chunks, _ = self._collections()
        return self._call("count chunks", chunks.count)

    def articles(self, *, with_text: bool = False) -> list[ArticleRecord]:
        _, catalog = self._collections()
        include = ["metadatas", "documents"] if with_text else ["metadatas"]
        got = self._call("list articles", lambda: catalog.get(include=include))
        docs = got.get("documents") or [None] * len(got["ids"])
        return sorted((_record(i, m, d) for i, m, d in zip(got["ids"], got["metadatas"], docs) if not m.get("pending")),
                      key=lambda r: r.doc_id)

    def pending_ids(self) -> list[str]:
        """Articles whose writing began and did not finish (an interrupted run): cheap to find,
        as they carry a ``pending`` marker in the catalog."""
        _, catalog = self._collections()
        got = self._call("list unfinished articles", lambda: catalog.get(where={"pending": True}, include=[]))
        return sorted(got["ids"])

    def get_article(self, doc_id: str) -> ArticleRecord | None:
        found = self.get_articles([doc_id])
        return found.get(doc_id)

    def has_articles(self, news_filter: NewsFilter) -> bool:
        """Whether some completely indexed article passes ``news_filter`` (one short read: the
        markers of articles being written carry no filter keys, so only whole records match)."""
        where = news_filter.where()
        if where is None:
            return bool(self.articles())
        _, catalog = self._collections()
        got = self._call("look for matching articles", lambda: catalog.get(where=where, limit=1, include=[]))
        return bool(got["ids"])

    def get_articles(self, doc_ids: Sequence[str]) -> dict[str, ArticleRecord]:
        """Catalog records (with text) of the given ids that are indexed."""
        if not doc_ids:
            return {}
        _, catalog = self._collections()
        got = self._call("read articles", lambda: catalog.get(ids=list(doc_ids), include=["metadatas", "documents"]))
        return {i: _record(i, m, d) for i, m, d in zip(got["ids"], got["metadatas"], got["documents"])
                if not m.get("pending")}

    def chunk_covering(self, doc_id: str, start: int, end: int) -> Hit | None:
        """The first chunk of ``doc_id`` that contains the span ``[start, end)``.

        The article's chunks are read by id (the catalog knows how many there are and ids
        follow from the index): a metadata filter over every chunk took ~260 ms at 100k chunks,
        reading ~20 chunks by id ~2 ms. The filter remains for a record without a chunk count.
        """
        record = self.get_article(doc_id)  # None while pending: its chunk count is not known yet
        if record and record.n_chunks:
            found = self.get_chunks([chunk_id_for(doc_id, i) for i in range(record.n_chunks)])
        else:
            chunks, _ = self._collections()
            where = {"$and": [{"doc_id": doc_id}, {"start": {"$lte": start}}, {"end": {"$gte": end}}]}
            got = self._call("find a chunk", lambda: chunks.get(where=where, include=["documents", "metadatas"]))
            found = [_hit(i, d, m, 0.0) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
        covering = [h for h in found if h.start <= start and h.end >= end]
        return min(covering, key=lambda h: (h.start, h.chunk_id)) if covering else None

    def chunk_doc_ids(self) -> set[str]:
        chunks, _ = self._collections()
        ids: set[str] = set()
        for coll in (chunks, self._sentences):
            got = self._call("list vectors", lambda c=coll: c.get(include=["metadatas"]))
            ids |= {m["doc_id"] for m in got["metadatas"]}
        return ids

    def unit_counts(self) -> tuple[Counter[str], Counter[str]]:
        """Chunks and sentences stored per article id (a full scan, paged: for checks, not queries)."""
        chunks, _ = self._collections()
        counts: list[Counter[str]] = []
        for coll in (chunks, self._sentences):
            found: Counter[str] = Counter()
            page, offset = 5000, 0
            while True:
                got = self._call("list vectors", lambda c=coll, o=offset: c.get(include=["metadatas"], limit=page,
                                                                                 offset=o))
                found.update(m["doc_id"] for m in got["metadatas"])
                if len(got["ids"]) < page:
                    break
                offset += page
            counts.append(found)
        return counts[0], counts[1]

    def query(self, embedding: Sequence[float], k: int, ids: Sequence[str] | None = None, *,
              news_filter: NewsFilter | None = None) -> list[Hit]:
        """The ``k`` chunks nearest to ``embedding`` (only among ``ids`` when given) that pass
        ``news_filter``; ``k`` come back whenever ``k`` pass (see :meth:`_nearest`)."""
        chunks, _ = self._collections()
        if ids is None:
            return self._nearest(chunks, embedding, k, news_filter)
        return self._score(chunks, embedding, k, ids, news_filter)

    def _check_query(self, k: int) -> None:
        """What every search checks first: a sane ``k`` and vectors from the configured model."""
        if k < 1:
            raise ConfigError(f"k must be > 0, got {k}")
        self.check_model()

    def _score(self, coll: Any, embedding: Sequence[float], k: int, ids: Sequence[str],
               news_filter: NewsFilter | None = None) -> list[Hit]:
        """Exact cosine of ``embedding`` with the stored vectors of ``ids`` (those passing
        ``news_filter``), best ``k`` first.

        Hybrid search needs the dense score of BM25's finds. Chroma's query restricted to ids
        took ~97 ms for 20 ids at 100k chunks; reading the 20 vectors and scoring them here
        takes ~2 ms, with the same scores (within 3e-7), measured side by side.
        """
        self._check_query(k)
        if not ids:
            return []
        got = self._call("read vectors", lambda: coll.get(ids=list(dict.fromkeys(ids)),
                                                          include=["embeddings", "documents", "metadatas"]))
        return _best(_admitted(got, news_filter), embedding, k)

    def chunk_terms(self) -> tuple[list[str], list[str]]:
        """Every chunk's id and stored BM25 terms (space-separated), paged to bound memory."""
        rows = self.chunk_rows()
        return rows.ids, rows.terms

    def chunk_rows(self) -> ChunkRows:
        """Every chunk's id, BM25 terms, day (0: undated) and source key, paged to bound memory."""
        chunks, _ = self._collections()
        rows = ChunkRows([], [], [], [])
        for ids, metas in self._metadata_pages(chunks, "read BM25 terms"):
            rows.ids.extend(ids)
            for m in metas:
                rows.terms.append(m.get("terms", ""))
                rows.days.append(int(m.get("day", 0)))
                rows.sources.append(m.get("source_key"))
        return rows

    def _metadata_pages(self, coll: Any, what: str) -> Iterator[tuple[list[str], list[dict[str, Any]]]]:
        """Every record's id and metadata, ``_PAGE`` records a read, to bound memory."""
        offset = 0
        while True:
            got = self._call(what, lambda o=offset: coll.get(include=["metadatas"], limit=_PAGE, offset=o))
            yield got["ids"], got["metadatas"]
            if len(got["ids"]) < _PAGE:
                return
            offset += _PAGE

    def get_chunks(self, chunk_ids: Sequence[str], *, news_filter: NewsFilter | None = None) -> list[Hit]:
        """Chunks by id (missing ids, and those ``news_filter`` excludes, are skipped), score 0.

        The filter is applied to what was read: a Chroma ``where`` beside the ids is evaluated
        over the whole collection (201 vs 3 ms for 20 ids at 31k chunks, see :meth:`_nearest`).
        """
        if not chunk_ids:
            return []
        chunks, _ = self._collections()
        got = _admitted(self._call("read chunks", lambda: chunks.get(ids=list(chunk_ids),
                                                                     include=["documents", "metadatas"])), news_filter)
        return [_hit(i, d, m, 0.0) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]

    def query_sentences(self, embedding: Sequence[float], k: int, doc_ids: Sequence[str] | None, *,
                        news_filter: NewsFilter | None = None) -> list[Hit]:
        """The ``k`` sentences nearest to ``embedding`` among the articles ``doc_ids`` (None: all)
        that pass ``news_filter``.

        A few articles' sentences are read with their vectors and scored here, exactly. Chroma's
        HNSW query restricted to a few articles cost 131 ms at the median at 5k articles
        (100k sentences) against 20 ms for reading and scoring, and grew with the whole index,
        while these articles' sentences are the same few hundred at any size.
        """
        self._collections()
        if doc_ids is not None:
            doc_ids = list(dict.fromkeys(doc_ids))  # Chroma refuses a read by repeated ids
            if not doc_ids:
                return []
        if doc_ids is None or len(doc_ids) > MAX_SCORED_ARTICLES:
            return self._nearest(self._sentences, embedding, k, news_filter, doc_ids)
        self._check_query(k)
        return _best(_admitted(self._sentences_of(doc_ids), news_filter), embedding, k)

    def _sentences_of(self, doc_ids: Sequence[str]) -> dict[str, list]:
        """Every stored sentence of these articles, with its vector: by id where the catalog
        counts the article's sentences (2.6 ms for 60), else by a ``doc_id`` filter (13 ms).
        Ids are unique here (:meth:`query_sentences` removes repeats)."""
        _, catalog = self._collections()
        records = self._call("read articles", lambda: catalog.get(ids=list(doc_ids), include=["metadatas"]))
        # a count is trusted for the text it was written with (a writer that does not keep it,
        # e.g. an older vnqa on a shared server, changes content_hash and leaves the count stale)
        counted = {d: m.get("n_sentences") if not m.get("pending") and m.get("sentences_of") == m.get("content_hash")
                   else None for d, m in zip(records["ids"], records["metadatas"])}
        ids = [chunk_id_for(d, i) for d, n in counted.items() if n for i in range(n)]
        rest = [d for d in doc_ids if counted.get(d) is None]
        include = ["embeddings", "documents", "metadatas"]
        parts = []
        for at in range(0, len(ids), _PAGE):  # paged: Chroma's reader caps how many rows one read matches
            page = ids[at: at + _PAGE]
            parts.append(self._call("read sentences", lambda p=page: self._sentences.get(ids=p, include=include)))
        if rest:
            among = {"doc_id": rest[0]} if len(rest) == 1 else {"doc_id": {"$in": rest}}
            parts.append(self._call("read sentences", lambda: self._sentences.get(where=among, include=include)))
        return {key: [v for part in parts for v in part[key]] for key in ("ids", "embeddings", "documents", "metadatas")}

    def _nearest(self, coll: Any, embedding: Sequence[float], k: int, news_filter: NewsFilter | None,
                 doc_ids: Sequence[str] | None = None) -> list[Hit]:
        """The ``k`` units of ``coll`` nearest to ``embedding`` that pass ``news_filter`` (and
        belong to ``doc_ids`` when given).

        Chroma's ``where`` costs time in proportion to the records it matches, before any
        ranking: at 31k chunks a query under a one-period filter that keeps undated articles
        took 291 ms, the same query unfiltered 5 ms (1,280 results: 81 ms). So a restricted
        search asks for the nearest ``k * WIDEN``, ``k * WIDEN**2``, ... units unfiltered and
        keeps those that pass; every unit nearer than the last one read was seen, so the ``k``
        kept are the ``k`` nearest that pass (as far as HNSW finds the nearest at all). Only a
        filter so narrow that fewer than ``k`` pass among the nearest ``k * WIDEN**WIDENINGS``
        (at most ``_PAGE`` units a read) goes to Chroma's filtered query.

        A read is skipped when the share of articles that pass (:meth:`_share`) says it would
        not hold ``k`` that pass: a filter that keeps one source of many, or one week of years,
        goes to Chroma's filtered query at once, which is cheap when it matches few records.
        """
        self._check_query(k)
        if news_filter is not None and news_filter.where() is None:
            news_filter = None  # NewsFilter() restricts nothing
        if news_filter is None and doc_ids is None:
            return self._query(coll, embedding, k, None)[0]
        wanted = None if doc_ids is None else set(doc_ids)

        def keep(meta: dict[str, Any]) -> bool:
            return (wanted is None or meta.get("doc_id") in wanted) and (
                news_filter is None or news_filter.admits_stored(meta))

        share = self._share(news_filter, doc_ids)
        n = k
        for _ in range(WIDENINGS):
            n *= WIDEN
            if n > _PAGE:  # a read that large costs more than the filtered query
                break
            if share is not None and n * share < k:
                continue  # not expected to hold k that pass: the next size, or Chroma's filter
            found, read = self._query(coll, embedding, n, None, keep)
            if len(found) >= k or read < n:  # k pass, or every unit was read
                return found[:k]
        among = None if doc_ids is None else {"doc_id": {"$in": list(doc_ids)}}
        return self._query(coll, embedding, k, all_of(among, news_filter.where() if news_filter else None))[0]

    def _share(self, news_filter: NewsFilter | None, doc_ids: Sequence[str] | None) -> float | None:
        """The share of the indexed articles that pass ``news_filter`` and are among ``doc_ids``
        (``None``: the index is empty): the expected share of the units a search keeps.

        Only an estimate that picks how :meth:`_nearest` reads, never what it finds, so the
        catalog is read once per store object and again after its own writes; articles another
        writer adds make it stale, which costs time, not results.
        """
        if self._facets is None:
            _, catalog = self._collections()
            ids, days, sources = [], [], []
            for page_ids, metas in self._metadata_pages(catalog, "read the catalog"):
                for doc_id, m in zip(page_ids, metas):
                    if not m.get("pending"):
                        ids.append(doc_id)
                        days.append(int(m.get("day") or 0))
                        sources.append(m.get("source_key"))
            self._facets = (np.asarray(ids, dtype=object), Facets.of(days, sources))
        ids, facets = self._facets
        if not len(facets):
            return None
        kept = facets.admitted(news_filter) if news_filter is not None else np.ones(len(facets), dtype=bool)
        if doc_ids is not None:
            kept &= np.isin(ids, list(doc_ids))
        return float(kept.mean())

    def _query(self, coll: Any, embedding: Sequence[float], n: int, where: dict | None,
               keep: Callable[[dict[str, Any]], bool] | None = None) -> tuple[list[Hit], int]:
        """Chroma's ``n`` nearest (under ``where``) whose metadata ``keep`` accepts, and how many
        Chroma returned (fewer than ``n``: the collection holds no more). Asking for more than
        the collection holds is not an error, so no ``count()`` (~9 ms at 100k units) first."""
        res = self._call("search", lambda: coll.query(
            query_embeddings=[list(embedding)], n_results=n, where=where,
            include=["documents", "metadatas", "distances"]))
        hits = [
            _hit(cid, text, meta, 1.0 - float(dist))
            for cid, text, meta, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0])
            if keep is None or keep(meta)
        ]
        return hits, len(res["ids"][0])

    # -- writes ------------------------------------------------------------------------------
    def put_article(
        self,
        article: Article,
        chunks: Sequence[Chunk],
        embeddings: Sequence[Sequence[float]],
        sentences: Sequence[Chunk] = (),
        sentence_embeddings: Sequence[Sequence[float]] = (),
        terms: Sequence[str] | None = None,
    ) -> None:
        """Replace ``article``; ``terms`` are the chunks' BM25 terms (space-separated)."""
        self.put_articles([ArticleUnits(article, chunks, embeddings, sentences, sentence_embeddings, terms)])

    def put_articles(self, items: Sequence[ArticleUnits]) -> None:
        """Replace these articles: pending markers, old vectors out, new ones in, then the records.

        Every step covers all of ``items`` in one call (a few calls instead of six per article:
        at 100k chunks the per-call cost was most of the writing). The catalog entries are first
        written as ``pending`` (hidden from readers) and made whole only after every vector is
        stored, so a crash at any point leaves markers the next sync finds with one cheap lookup
        (:meth:`pending_ids`) and redoes.
        """
        if not items:
            return
        ids = [it.article.doc_id for it in items]
        if len(set(ids)) != len(ids):
            raise ValueError("an article can be stored only once per call")
        self.check_model()
        coll, catalog = self._collections()
        self._facets = None
        self._mark_pending([(it.article.doc_id, it.article.path) for it in items])
        where = {"doc_id": ids[0]} if len(ids) == 1 else {"doc_id": {"$in": ids}}
        for target in (coll, self._sentences):
            self._call("remove old vectors", lambda t=target: t.delete(where=where))
        self._add_units(coll, [c for it in items for c in it.chunks], [v for it in items for v in it.embeddings],
                        [t for it in items for t in (it.terms if it.terms is not None else [None] * len(it.chunks))])
        self._add_units(self._sentences, [s for it in items for s in it.sentences],
                        [v for it in items for v in it.sentence_embeddings])
        self._call("store the catalog records", lambda: catalog.upsert(
            ids=ids, documents=[it.article.text for it in items], embeddings=[[1.0]] * len(items),
            # the filter keys go as they are: ``None`` removes a key the article no longer has
            # (``upsert`` merges into the stored record)
            metadatas=[{**_clean_meta({
                "title": it.article.title, "content_hash": it.article.content_hash, "n_chunks": len(it.chunks),
                "n_sentences": len(it.sentences), "sentences_of": it.article.content_hash,
                "published": it.article.published, "source": it.article.source, "author": it.article.author,
                "path": it.article.path, "text_hash": it.article.text_hash, "pending": False,
            }), **unit_facets(it.article.published, it.article.source)} for it in items],
        ))

    def _mark_pending(self, articles: Sequence[tuple[str, str | None]]) -> None:
        """Catalog markers for ``(doc_id, path)`` pairs whose writing begins. A marker carries no
        filter keys (``None`` removes them from a record being rewritten), so no filter matches it."""
        _, catalog = self._collections()
        self._call("mark articles as being written", lambda: catalog.upsert(
            ids=[doc_id for doc_id, _ in articles], documents=[""] * len(articles), embeddings=[[1.0]] * len(articles),
            metadatas=[{**_clean_meta({"pending": True, "path": path, "title": "", "content_hash": "", "n_chunks": 0}),
                        "day": None, "source_key": None, "n_sentences": None, "sentences_of": None}
                       for _, path in articles]))

    def _add_units(self, coll: Any, units: Sequence[Chunk], embeddings: Sequence[Sequence[float]],
                   terms: Sequence[str | None] | None = None) -> None:
        batch = 500
        for i in range(0, len(units), batch):
            part = units[i:i + batch]
            part_terms = terms[i:i + batch] if terms is not None else [None] * len(part)
            self._call("store vectors", lambda p=part, e=embeddings[i:i + batch], t=part_terms: coll.upsert(
                ids=[c.chunk_id for c in p],
                documents=[c.text for c in p],
                embeddings=[list(v) for v in e],
                metadatas=[_clean_meta({
                    "doc_id": c.doc_id, "index": c.index, "title": c.title, "start": c.start, "end": c.end,
                    "n_tokens": c.n_tokens, "published": c.published, "source": c.source, "terms": tt,
                    **unit_facets(c.published, c.source),
                }) for c, tt in zip(p, t)],
            ))

    def delete_article(self, doc_id: str) -> None:
        """Marker first, vectors next, the record last: an interrupted delete is finished next run."""
        coll, catalog = self._collections()
        self._facets = None
        self._mark_pending([(doc_id, None)])
        for target in (coll, self._sentences):
            self._call("remove vectors", lambda t=target: t.delete(where={"doc_id": doc_id}))
        self._call("remove a catalog record", lambda: catalog.delete(ids=[doc_id]))


def _admitted(got: dict[str, Any], news_filter: NewsFilter | None) -> dict[str, Any]:
    """The rows of a Chroma ``get`` whose metadata ``news_filter`` admits (all without one)."""
    if news_filter is None:
        return got
    keep = [i for i, meta in enumerate(got["metadatas"]) if news_filter.admits_stored(meta)]
    return {key: [got[key][i] for i in keep] for key in ("ids", "embeddings", "documents", "metadatas")
            if got.get(key) is not None}


def _best(got: dict[str, Any], embedding: Sequence[float], k: int) -> list[Hit]:
    """The ``k`` rows of a Chroma ``get`` (with embeddings) most cosine-similar to ``embedding``."""
    if not len(got["ids"]):
        return []
    vectors = np.asarray(got["embeddings"], dtype=np.float64)
    query = np.asarray(embedding, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1) * np.linalg.norm(query)
    scores = (vectors @ query) / np.where(norms > 0, norms, 1.0)
    best = np.argsort(-scores, kind="stable")[:k]
    return [_hit(got["ids"][i], got["documents"][i], got["metadatas"][i], float(scores[i])) for i in best]


def _hit(chunk_id: str, text: str, meta: dict[str, Any], score: float) -> Hit:
    return Hit(
        chunk_id=chunk_id, doc_id=meta["doc_id"], text=text, score=score, title=meta.get("title", ""),
        start=int(meta.get("start", 0)), end=int(meta.get("end", 0)),
        published=meta.get("published"), source=meta.get("source"),
    )


def _record(doc_id: str, meta: dict[str, Any], text: str | None) -> ArticleRecord:
    return ArticleRecord(
        doc_id=doc_id, title=meta.get("title", ""), content_hash=meta.get("content_hash", ""),
        n_chunks=int(meta.get("n_chunks", 0)), published=meta.get("published"), source=meta.get("source"),
        author=meta.get("author"), path=meta.get("path"), text=text, text_hash=meta.get("text_hash"),
    )


def _is_transient(exc: BaseException) -> bool:
    """Worth sending again: the server did not answer. Our own errors never are, whatever they say."""
    return not isinstance(exc, (IndexMismatch, ConfigError)) and _is_connection_error(exc)


def _wait_from(delays: Sequence[float]) -> Callable[[RetryCallState], float]:
    """Tenacity wait: the n-th retry waits ``delays[n-1]`` seconds. Tenacity asks for a wait
    after the last attempt too, before its stop rule ends the run: that one is never slept."""
    return lambda state: delays[state.attempt_number - 1] if state.attempt_number <= len(delays) else 0.0


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    delay = state.next_action.sleep if state.next_action else 0.0
    log.warning("Chroma did not answer (%s); retrying in %.1f s", type(exc).__name__, delay)


def _give_up(what: str, state: RetryCallState) -> NoReturn:
    """Every retry failed: say what could not be done and how to fix it."""
    exc = state.outcome.exception() if state.outcome else None
    raise StoreUnavailable(
        f"the Chroma store did not answer while trying to {what} ({type(exc).__name__}: {exc}); "
        "check that the Chroma server is running and VNQA_INDEX__HOST/PORT point at it, then run "
        "the command again (finished work is kept)"
    ) from exc


def _is_connection_error(exc: BaseException) -> bool:
    names = {type(e).__name__ for e in (exc, exc.__cause__, exc.__context__) if e is not None}
    text = str(exc).lower()
    return bool(names & {"ConnectError", "ConnectionError", "ConnectTimeout", "ReadTimeout", "RemoteProtocolError",
                         "ConnectionRefusedError", "TimeoutException"}) or "could not connect" in text
