"""Chunk vectors pooled from sentence vectors (fast, no model)."""

import math

import pytest

from vectorstore.pooling import pooled_chunk_vectors
from vectorstore.types import Chunk


def _unit(doc, i, start, end):
    return Chunk(doc_id=doc, index=i, text="x" * (end - start), start=start, end=end, n_tokens=1, title="t")


def test_a_chunk_is_the_length_weighted_mean_of_its_sentences_renormalised():
    sentences = [_unit("a", 0, 0, 10), _unit("a", 1, 11, 41), _unit("a", 2, 42, 50)]
    vectors = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    chunks = [_unit("a", 0, 0, 41), _unit("a", 1, 11, 50)]
    first, second = pooled_chunk_vectors(chunks, sentences, vectors)
    # 10 characters along x, 30 along y
    assert first == pytest.approx([10 / math.hypot(10, 30), 30 / math.hypot(10, 30)])
    assert second == pytest.approx([8 / math.hypot(8, 30), 30 / math.hypot(8, 30)])
    assert math.hypot(*first) == pytest.approx(1.0)


def test_a_chunk_inside_one_long_sentence_takes_that_sentence():
    sentences = [_unit("a", 0, 0, 100)]
    [vector] = pooled_chunk_vectors([_unit("a", 0, 20, 60)], sentences, [[0.6, 0.8]])
    assert vector == pytest.approx([0.6, 0.8])


def test_mismatched_inputs_are_refused():
    with pytest.raises(ValueError, match="2 sentences but 1 vectors"):
        pooled_chunk_vectors([], [_unit("a", 0, 0, 5), _unit("a", 1, 6, 9)], [[1.0]])
    with pytest.raises(ValueError, match="contains no sentence"):
        pooled_chunk_vectors([_unit("a", 0, 50, 60)], [_unit("a", 0, 0, 5)], [[1.0]])
