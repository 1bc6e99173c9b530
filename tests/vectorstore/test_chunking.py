"""Chunker: token budgets, sentence alignment, overlap, exact offsets (incl. property tests)."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fakes import WhitespaceEncoding
from vectorstore.chunking import Chunker
from vectorstore.errors import ConfigError
from vectorstore.types import Article


def _article(text: str) -> Article:
    return Article(doc_id="d", title="T", text=text)


def test_chunks_respect_budget_and_keep_offsets(word_chunker):
    sentences = [f"Câu số {i} nói về cán bộ luân chuyển ở Hà Nội." for i in range(40)]
    article = _article(" ".join(sentences))
    chunks = word_chunker.split(article)
    assert len(chunks) > 3
    for c in chunks:
        assert article.text[c.start:c.end] == c.text
        assert c.n_tokens <= 60
        assert c.text.startswith("Câu") and c.text.endswith(".")  # sentence-aligned


def test_consecutive_chunks_overlap_by_whole_sentences(word_chunker):
    article = _article(" ".join(f"Câu thứ {i} có đúng tám từ ở đây." for i in range(30)))
    chunks = word_chunker.split(article)
    for a, b in zip(chunks, chunks[1:]):
        assert b.start < a.end, "expected overlap"
        assert a.text.endswith(article.text[b.start:a.end])


def test_overlong_sentence_is_cut_at_words(word_chunker):
    article = _article(" ".join(["từ"] * 500) + ".")
    chunks = word_chunker.split(article)
    assert all(c.n_tokens <= 60 for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(article.text)


def test_chunk_ids_are_stable(word_chunker):
    article = _article("Một. Hai. Ba.")
    assert [c.chunk_id for c in word_chunker.split(article)] == [c.chunk_id for c in word_chunker.split(article)]


@pytest.mark.parametrize("max_tokens,overlap", [(8, 0), (100, 60), (100, -1)])
def test_bad_sizes_are_config_errors(max_tokens, overlap):
    with pytest.raises(ConfigError):
        Chunker(encoding=WhitespaceEncoding(), max_tokens=max_tokens, overlap_tokens=overlap)


_viet_text = st.lists(
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệỳỷỹýỵHNĐ0123456789 ,.!?\n",
            min_size=1, max_size=80),
    min_size=1, max_size=12,
).map(lambda parts: unicodedata.normalize("NFC", " ".join(parts)))


@settings(max_examples=150, deadline=None)
@given(_viet_text)
def test_property_offsets_exact_and_no_text_lost(text):
    chunker = Chunker(encoding=WhitespaceEncoding(), max_tokens=16, overlap_tokens=4)
    article = _article(text)
    chunks = chunker.split(article)
    covered = [False] * len(text)
    for c in chunks:
        assert text[c.start:c.end] == c.text
        assert unicodedata.is_normalized("NFC", c.text)
        for i in range(c.start, c.end):
            covered[i] = True
    lost = "".join(ch for ch, seen in zip(text, covered) if not seen)
    assert lost.strip() == "", f"text lost between chunks: {lost!r}"
