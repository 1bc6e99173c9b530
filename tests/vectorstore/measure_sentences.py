"""How well sentence splitters find the sentence boundaries of the bundled articles.

The reference (``data/sentences_reference.json``) was made by hand: every seed article read
through, its sentences written down. A boundary is where a sentence ends (white space
trimmed, the end of the text left out, as every splitter finds it). Compared:

- ``ours``: :func:`vectorstore.sentences.sentence_spans`, what chunking and answering use;
- ``underthesea``: ``underthesea.sent_tokenize`` over the whole article;
- ``underthesea per paragraph``: the same over each blank-line-separated paragraph, as ours
  splits paragraphs first (headings and captions end without a full stop).

``underthesea`` returns strings, not offsets: they are found again by searching forward.

Run: ``.venv/bin/python -m tests.vectorstore.measure_sentences`` (figures for the report;
``test_sentences.py`` holds our splitter to a floor on the same reference).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qa.settings import BUNDLED_CORPUS
from vectorstore.cleaning import clean_article
from vectorstore.loading import read_article_file
from vectorstore.sentences import sentence_spans

REFERENCE = Path(__file__).parent / "data" / "sentences_reference.json"
_PARA_RE = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
Splitter = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


def reference_articles(corpus: Path = BUNDLED_CORPUS) -> dict[str, tuple[str, list[str]]]:
    """``doc_id -> (cleaned article text, its hand-made sentences)``."""
    sentences = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return {doc_id: (clean_article(read_article_file(corpus / f"{doc_id}.txt")).text, sents)
            for doc_id, sents in sentences.items()}


def spans_of(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Offsets of ``pieces`` found in order in ``text``, trimmed of white space."""
    spans, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        start = text.find(piece, cursor)
        if start < 0:
            raise ValueError(f"{piece[:60]!r} is not in the text after offset {cursor}")
        cursor = start + len(piece)
        spans.append((start, cursor))
    return spans


def underthesea_spans(text: str) -> list[tuple[int, int]]:
    from underthesea import sent_tokenize

    return spans_of(text, sent_tokenize(text))


def underthesea_paragraph_spans(text: str) -> list[tuple[int, int]]:
    from underthesea import sent_tokenize

    return [(para.start() + s, para.start() + e) for para in _PARA_RE.finditer(text)
            for s, e in spans_of(para.group(), sent_tokenize(para.group()))]


SPLITTERS: dict[str, Splitter] = {
    "ours": sentence_spans,
    "underthesea": underthesea_spans,
    "underthesea per paragraph": underthesea_paragraph_spans,
}


def boundaries(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {end for _, end in spans} - {len(text.rstrip())}


def score(splitter: Splitter, articles: dict[str, tuple[str, list[str]]]) -> Scores:
    """Boundary precision, recall and F1 over all articles together (micro-averaged)."""
    found = true = hits = 0
    for text, sentences in articles.values():
        truth, got = boundaries(text, spans_of(text, sentences)), boundaries(text, splitter(text))
        found, true, hits = found + len(got), true + len(truth), hits + len(got & truth)
    precision, recall = hits / found if found else 0.0, hits / true if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def ms_per_article(splitter: Splitter, texts: list[str], repeats: int = 20) -> float:
    """Median over ``repeats`` runs of the mean time to split one article (after one warm-up)."""
    for text in texts:
        splitter(text)
    runs = []
    for _ in range(repeats):
        began = time.perf_counter()
        for text in texts:
            splitter(text)
        runs.append((time.perf_counter() - began) * 1000 / len(texts))
    return sorted(runs)[len(runs) // 2]


def main() -> None:
    articles = reference_articles()
    texts = [text for text, _ in articles.values()]
    n_sentences = sum(len(s) for _, s in articles.values())
    print(f"{len(articles)} articles, {n_sentences} reference sentences, {sum(map(len, texts)):,} characters")
    print(f"{'splitter':<27} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/article':>10}")
    for name, splitter in SPLITTERS.items():
        s = score(splitter, articles)
        print(f"{name:<27} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {ms_per_article(splitter, texts):>10.3f}")


if __name__ == "__main__":
    main()
