"""Split articles into token-bounded, sentence-aligned, overlapping chunks.

Sizes are counted in tiktoken ``cl100k_base`` tokens, the unit the LLM mode packs its
context in. A chunk never cuts a sentence unless that one sentence alone exceeds the budget;
consecutive chunks share their last sentences up to ``overlap_tokens`` so that an answer
sitting at a boundary is whole in at least one chunk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from vectorstore.errors import ConfigError
from vectorstore.sentences import sentence_spans
from vectorstore.types import Article, Chunk


class TokenCounter(Protocol):
    """The part of ``tiktoken.Encoding`` the chunker needs."""

    def encode_ordinary(self, text: str) -> list[int]: ...


@dataclass(frozen=True)
class Chunker:
    """Sentence-aware token chunker.

    Example::

        chunker = Chunker(encoding=load_encoding(cache), max_tokens=256, overlap_tokens=48)
        chunks = chunker.split(article)
    """

    encoding: TokenCounter
    max_tokens: int = 256
    overlap_tokens: int = 48

    def __post_init__(self) -> None:
        if self.max_tokens < 16:
            raise ConfigError(f"chunk max_tokens must be >= 16, got {self.max_tokens}")
        if not 0 <= self.overlap_tokens < self.max_tokens // 2:
            raise ConfigError(
                f"chunk overlap_tokens must be in [0, max_tokens/2), got {self.overlap_tokens} with max_tokens={self.max_tokens}"
            )

    def count(self, text: str) -> int:
        return len(self.encoding.encode_ordinary(text))

    def split(self, article: Article) -> list[Chunk]:
        """Chunks of ``article`` whose ``text`` equals ``article.text[start:end]``."""
        units = self._units(article.text)
        chunks: list[Chunk] = []
        i = 0
        while i < len(units):
            j, total = i, 0
            while j < len(units) and (j == i or total + units[j][2] <= self.max_tokens):
                total += units[j][2]
                j += 1
            start, end = units[i][0], units[j - 1][1]
            text = article.text[start:end]
            chunks.append(
                Chunk(
                    doc_id=article.doc_id, index=len(chunks), text=text, start=start, end=end,
                    n_tokens=self.count(text), title=article.title,
                    published=article.published, source=article.source,
                )
            )
            if j >= len(units):
                break
            k, back = j, 0
            while k - 1 > i and back + units[k - 1][2] <= self.overlap_tokens:
                k -= 1
                back += units[k][2]
            i = k
        return chunks

    def sentences(self, article: Article) -> list[Chunk]:
        """The article's sentences as units of their own (over-long ones cut), for sentence vectors."""
        return [
            Chunk(doc_id=article.doc_id, index=i, text=article.text[s:e], start=s, end=e, n_tokens=n,
                  title=article.title, published=article.published, source=article.source)
            for i, (s, e, n) in enumerate(self._units(article.text))
        ]

    def _units(self, text: str) -> list[tuple[int, int, int]]:
        """Sentences as ``(start, end, tokens)``; over-long ones cut at word boundaries."""
        units: list[tuple[int, int, int]] = []
        for start, end in sentence_spans(text):
            n = self.count(text[start:end])
            if n <= self.max_tokens:
                units.append((start, end, n))
            else:
                units.extend(self._cut_long(text, start, end))
        return units

    def _cut_long(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """Cut one over-long sentence, preferring clause boundaries, then words, then characters.

        LangChain's recursive splitter picks the cut points (token-measured); the pieces are
        then located in the original text so offsets stay exact.
        """
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            separators=["; ", ", ", " ", ""], keep_separator="end", chunk_size=self.max_tokens, chunk_overlap=0,
            length_function=self.count, strip_whitespace=True,
        )
        pieces: list[tuple[int, int, int]] = []
        cursor = start
        for piece in splitter.split_text(text[start:end]):
            at = text.find(piece, cursor, end)
            if at < 0:  # the splitter normalised something: fall back to the running position
                at = cursor
            p_end = min(at + len(piece), end)
            pieces.append((at, p_end, self.count(text[at:p_end])))
            cursor = p_end
        if pieces and pieces[-1][1] < end and text[pieces[-1][1]:end].strip():
            pieces.append((pieces[-1][1], end, self.count(text[pieces[-1][1]:end])))
        return pieces
