"""Is the index whole? One check used by ``qa index --check`` and by the crash tests.

An index is consistent when every stored chunk and sentence belongs to an article in the
catalog, every catalogued article has exactly the chunks its record counts (and some
sentences), and the BM25 side ranks exactly the chunks Chroma holds. The indexer's write
order (vectors first, catalog record last) and its repair of strays make this hold after any
interruption; this module is how that is verified rather than assumed.
"""

from __future__ import annotations

from typing import Any


def check_index(index: Any, bm25: Any | None = None) -> list[str]:
    """Problems found (empty when the index is consistent)."""
    problems: list[str] = []
    records = {r.doc_id: r for r in index.articles()}
    chunks, sentences = index.unit_counts()
    pending = set(index.pending_ids())
    for doc_id in sorted(pending):
        problems.append(f"{doc_id}: writing it was interrupted ({chunks[doc_id]} chunks stored); `qa index` redoes it")
    for doc_id in sorted((set(chunks) | set(sentences)) - set(records) - pending):
        problems.append(f"{doc_id}: {chunks[doc_id]} chunks and {sentences[doc_id]} sentences without a catalog "
                        "record; `qa index --repair` removes them")
    for doc_id, record in sorted(records.items()):
        if chunks[doc_id] != record.n_chunks:
            problems.append(f"{doc_id}: the catalog counts {record.n_chunks} chunks, the store holds {chunks[doc_id]}")
        if record.n_chunks and not sentences[doc_id]:
            problems.append(f"{doc_id}: no sentence vectors")
    if bm25 is not None:
        bm25.invalidate()
        bm25_ids = set(bm25.chunk_ids())
        stored, _ = index.chunk_terms()
        if bm25_ids != set(stored):
            problems.append(f"BM25 ranks {len(bm25_ids)} chunks, Chroma holds {len(set(stored))} "
                            f"({len(bm25_ids - set(stored))} extra, {len(set(stored) - bm25_ids)} missing)")
    return problems
