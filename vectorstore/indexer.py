"""Keep the index in step with article files: add new, replace changed, skip unchanged,
remove deleted, and finish what an interrupted run left half done.

Each article is committed on its own (a pending marker, its vectors, then its catalog record),
so stopping at any point loses at most the articles in flight, and the next run finds their
markers and redoes exactly those.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm.auto import tqdm

from vectorstore.chunking import Chunker
from vectorstore.cleaning import clean_article
from vectorstore.embedding import Embedder
from vectorstore.errors import UnreadableFile
from vectorstore.index import VectorIndex
from vectorstore.loading import discover, read_article_file
from vectorstore.pooling import pooled_chunk_vectors
from vectorstore.segment import Segmenter
from vectorstore.types import Article, ArticleUnits


@dataclass
class IndexReport:
    """What one indexing run did, for the CLI's summary and ``--json``."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    sentences_embedded: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.repaired)


def load_articles(paths: list[Path]) -> tuple[list[Article], list[str]]:
    """Read and clean every supported file under ``paths``; bad files become warnings."""
    files, warnings = discover(paths)
    articles: dict[str, Article] = {}
    texts: dict[str, Article] = {}
    for path in files:
        try:
            article = clean_article(read_article_file(path))
        except UnreadableFile as exc:
            warnings.append(f"skipped {exc}")
            continue
        if article.doc_id in articles:
            warnings.append(f"skipped {path}: article id '{article.doc_id}' is already used by {articles[article.doc_id].path}")
            continue
        twin = texts.get(article.text_hash)
        if twin is not None:
            warnings.append(f"skipped {path}: same text as {twin.path} (indexed once, as '{twin.doc_id}')")
            continue
        articles[article.doc_id] = article
        texts[article.text_hash] = article
    return list(articles.values()), warnings


class Indexer:
    """Embeds and stores articles.

    Example::

        report = Indexer(index, embedder, chunker).sync([Path("articles/")])
    """

    def __init__(self, index: VectorIndex, embedder: Embedder, chunker: Chunker, *, segmenter: Segmenter | None = None,
                 show_progress: bool = True, group_texts: int = 128, pool_chunks: bool = False) -> None:
        """``pool_chunks``: chunk vectors are pooled from the sentence vectors
        (:mod:`vectorstore.pooling`) instead of embedding each chunk again."""
        self.pool_chunks = pool_chunks
        self.index = index
        self.embedder = embedder
        self.chunker = chunker
        self.segmenter = segmenter
        self.show_progress = show_progress
        self.group_texts = group_texts

    def sync(self, paths: list[Path], *, prune: bool = True, full_scan: bool = False) -> IndexReport:
        """Bring the index up to date with the articles under ``paths``.

        With ``prune``, catalog entries whose file is gone - or that lie inside one of the
        given folders but were not found there - are removed.
        """
        started = time.perf_counter()
        articles, warnings = load_articles(paths)
        report = IndexReport(warnings=warnings)
        self.index.check_model()
        known = {r.doc_id: r for r in self.index.articles()}

        # Interrupted articles carry a pending marker; a full scan for vectors without any
        # record (indexes written before the marker existed) only when asked: it reads every
        # vector's metadata, which at 100k chunks is the slowest part of a sync.
        strays = set(self.index.pending_ids())
        if full_scan:
            strays |= self.index.chunk_doc_ids() - set(known)
        for doc_id in sorted(strays):
            self.index.delete_article(doc_id)
            report.repaired.append(doc_id)

        articles = self._drop_indexed_twins(articles, known, report)
        todo = [a for a in articles if known.get(a.doc_id) is None or known[a.doc_id].content_hash != a.content_hash]
        report.unchanged = sorted(a.doc_id for a in articles if a not in todo)
        planned = [(a, self.chunker.split(a), self.chunker.sentences(a)) for a in todo]
        total = sum(len(sents) + (0 if self.pool_chunks else len(chunks)) for _, chunks, sents in planned)
        with tqdm(total=total, unit="text", desc="embedding", disable=not self.show_progress or total == 0) as bar:
            for group in _groups(planned, self.group_texts):
                # One encode call for several articles: the model sorts texts by length and pads
                # each batch to its longest, so many similar-length texts waste far less work
                # than one small article at a time (measured by `qa bench`).
                units = [u for _, chunks, sents in group for u in ((*sents,) if self.pool_chunks else (*chunks, *sents))]
                vectors = iter(self.embedder.embed_documents([u.text for u in units], [u.title for u in units]))
                items = []
                for article, chunks, sents in group:
                    chunk_vectors = [] if self.pool_chunks else [next(vectors) for _ in chunks]
                    sent_vectors = [next(vectors) for _ in sents]
                    if self.pool_chunks:
                        chunk_vectors = pooled_chunk_vectors(chunks, sents, sent_vectors)
                    terms = [" ".join(self.segmenter.terms(c.text)) for c in chunks] if self.segmenter else None
                    items.append(ArticleUnits(article, chunks, chunk_vectors, sents, sent_vectors, terms))
                self.index.put_articles(items)  # one write for the group (crash-safe as a whole)
                for article, chunks, sents in group:
                    (report.updated if article.doc_id in known else report.added).append(article.doc_id)
                    report.chunks_embedded += len(chunks)
                    report.sentences_embedded += len(sents)
                bar.update(len(units))

        if prune:
            seen = {a.doc_id for a in articles}
            folders = [p.resolve() for p in paths if p.is_dir()]
            for doc_id, record in known.items():
                if doc_id in seen:
                    continue
                path = Path(record.path) if record.path else None
                gone = path is not None and not path.exists()
                inside = path is not None and any(path.resolve().is_relative_to(f) for f in folders)
                if gone or inside:
                    self.index.delete_article(doc_id)
                    report.removed.append(doc_id)
        report.seconds = time.perf_counter() - started
        return report

    @staticmethod
    def _drop_indexed_twins(articles: list[Article], known: dict, report: IndexReport) -> list[Article]:
        """Articles whose text is already indexed under another id (a copy under another name)
        are skipped - unless that other file is gone, which is a rename: then the new name
        is indexed and the old entry pruned."""
        here = {a.doc_id for a in articles}
        indexed = {r.text_hash: r for r in known.values()
                   if r.text_hash and (r.doc_id in here or (r.path and Path(r.path).exists()))}
        kept = []
        for article in articles:
            twin = indexed.get(article.text_hash)
            if twin is not None and twin.doc_id != article.doc_id:
                report.warnings.append(f"skipped {article.path}: same text as the indexed article '{twin.doc_id}'"
                                       f" ({twin.path})")
                continue
            kept.append(article)
        return kept

    def remove(self, doc_ids: list[str]) -> list[str]:
        """Remove articles by id; returns the ids that were indexed."""
        known = {r.doc_id for r in self.index.articles()} | set(self.index.pending_ids())
        removed = [d for d in doc_ids if d in known]
        for doc_id in removed:
            self.index.delete_article(doc_id)
        return removed


def _groups(planned: list, size: int) -> Iterator[list]:
    """Consecutive articles whose chunks and sentences add up to about ``size`` texts."""
    group: list = []
    count = 0
    for item in planned:
        group.append(item)
        count += len(item[1]) + len(item[2])
        if count >= size:
            yield group
            group, count = [], 0
    if group:
        yield group
