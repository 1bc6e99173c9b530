"""Chunk vectors pooled from sentence vectors: indexing without a second pass over the text.

The index embeds every sentence on its own (the answerer ranks sentences by them) and every
chunk, which repeats each sentence's tokens once more. A chunk is a run of whole sentences
(:class:`~vectorstore.chunking.Chunker` builds both from the same units), so its vector can
be the length-weighted mean of its sentences' vectors, re-normalised, instead: the model
then reads each token once, about 1.8x less work per article. Whether search keeps its
quality is measured, not assumed (``qa bench --suite speedup``; docs/BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from vectorstore.types import Chunk


def pooled_chunk_vectors(chunks: Sequence[Chunk], sentences: Sequence[Chunk],
                         sentence_vectors: Sequence[Sequence[float]]) -> list[list[float]]:
    """One unit vector per chunk: the mean of the vectors of the sentences inside it, each
    weighted by its length in characters (a long sentence carries more of the chunk's text).

    A sentence that only overlaps the chunk counts when no sentence lies wholly inside it
    (a defensive case: the chunker never produces one).
    """
    if len(sentences) != len(sentence_vectors):
        raise ValueError(f"{len(sentences)} sentences but {len(sentence_vectors)} vectors")
    matrix = np.asarray(sentence_vectors, dtype=np.float32)
    out = []
    for chunk in chunks:
        inside = [i for i, s in enumerate(sentences) if chunk.start <= s.start and s.end <= chunk.end]
        if not inside:
            inside = [i for i, s in enumerate(sentences) if s.start < chunk.end and s.end > chunk.start]
        if not inside:
            raise ValueError(f"chunk {chunk.doc_id}#{chunk.index} contains no sentence")
        weights = np.array([sentences[i].end - sentences[i].start for i in inside], dtype=np.float32)
        vector = (matrix[inside] * weights[:, None]).sum(axis=0)
        out.append((vector / max(float(np.linalg.norm(vector)), 1e-12)).tolist())
    return out
