"""vnqa's trained reader: finds the answer span in the sentences retrieval returned, or none.

The model is fitted by ``training/`` (``make reader``) and shipped in ``qa/data/reader``: a quantised
ONNX graph, the kept vocabulary and a manifest with their sha256 and the calibrated no-answer
threshold. Loading checks every hash first, so a damaged or swapped file is refused with a
clear error instead of answering wrongly. It reads with the embedding model's tokenizer (the
``tokenizer.json`` that ``qa models fetch`` verified), mapping its ids onto the kept vocabulary.

The reader is a :class:`SpanReader`: anything with ``read(question, contexts)`` can replace it
(a fake in unit tests).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from qa.reader_windows import SpanScore, TextTokenizer, Window, batch, best_spans, make_windows, score_spans
from vectorstore.errors import ModelCorrupt, ModelMissing
from vectorstore.fetch import sha256_file
from vectorstore.text import nfc

READER_DIR = Path(__file__).resolve().parent / "data" / "reader"
UNK = 3


class SpanReader(Protocol):
    """Scores answer spans of ``contexts`` for ``question``; best first."""

    threshold: float

    def read(self, question: str, contexts: Sequence[str]) -> list[SpanScore]: ...


@dataclass(frozen=True)
class SpanReading:
    """One reading of a question's contexts: the reader's own best spans (best first, as
    :meth:`SpanReader.read` gives them) and its scores for spans someone else proposed."""

    best: list[SpanScore]
    spans: list[list[SpanScore | None]]


class SpanScorer(SpanReader, Protocol):
    """A reader that can also score given spans (the ranker's candidates) in the same pass."""

    def score(self, question: str, contexts: Sequence[str],
              spans: Sequence[Sequence[tuple[int, int]]]) -> SpanReading: ...


@dataclass(frozen=True)
class ReaderFiles:
    """The shipped reader's files and what its manifest says of them."""

    folder: Path
    manifest: dict

    @property
    def graph(self) -> Path:
        return self.folder / "reader.onnx"

    @property
    def vocab(self) -> Path:
        return self.folder / "vocab.npy"

    @property
    def threshold(self) -> float:
        return float(self.manifest.get("no_answer_threshold", 0.0))

    @property
    def max_len(self) -> int:
        return int(self.manifest["train"].get("max_len", 192))

    @property
    def max_question(self) -> int:
        return int(self.manifest["train"].get("max_question", 48))


@lru_cache(maxsize=4)
def verified(folder: Path = READER_DIR) -> ReaderFiles:
    """The reader files in ``folder`` after checking their sizes and sha256 against the manifest."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise ModelMissing(f"the trained reader is not in {folder}; reinstall vnqa or run `make reader`")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise ModelMissing(f"the trained reader file {path} is missing; reinstall vnqa or run `make reader`")
        if path.stat().st_size != expected["bytes"] or sha256_file(path) != expected["sha256"]:
            raise ModelCorrupt(f"the trained reader file {path} does not match its manifest (sha256); "
                               "reinstall vnqa or run `make reader`")
    return ReaderFiles(folder, manifest)


class OnnxReader:
    """The shipped reader on ONNX Runtime (CPU), all windows of a question in one batch.

    ``tokenizer``: EmbeddingGemma's (``tokenizers.Tokenizer``); ``threads``: CPU threads of the
    runtime (None: one per core). Each call reads its contexts afresh (no cache).
    """

    def __init__(self, files: ReaderFiles, tokenizer: TextTokenizer, *, threads: int | None = None,
                 max_answer_tokens: int = 24) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(str(files.graph), options, providers=["CPUExecutionProvider"])
        kept = np.load(files.vocab)
        self._map = np.full(int(kept.max()) + 1, UNK, dtype=np.int64)
        self._map[kept] = np.arange(len(kept), dtype=np.int64)
        self._tokenizer = tokenizer
        self._files = files
        self.threshold = files.threshold
        self.max_answer_tokens = max_answer_tokens
        self._lock = threading.Lock()

    @property
    def sha256(self) -> str:
        """The reader file's sha256 (what a fitted veto or ranker records it was fitted with)."""
        return str(self._files.manifest["files"]["reader.onnx"]["sha256"])

    def _ids(self, ids: np.ndarray) -> np.ndarray:
        """Original token ids onto the kept vocabulary (unknown ones become ``<unk>``)."""
        clipped = np.where(ids < len(self._map), ids, 0)
        return np.where(ids < len(self._map), self._map[clipped], UNK)

    def logits(self, windows: Sequence[Window]) -> tuple[np.ndarray, np.ndarray]:
        ids, mask = batch(windows)
        with self._lock:  # one run at a time: the session already uses every core
            start, end = self._session.run(None, {"input_ids": self._ids(ids), "attention_mask": mask})
        return start, end

    def read(self, question: str, contexts: Sequence[str]) -> list[SpanScore]:
        """Every window's best spans, best first; each carries its window's no-answer score."""
        return self.score(question, contexts, []).best

    def score(self, question: str, contexts: Sequence[str],
              spans: Sequence[Sequence[tuple[int, int]]]) -> SpanReading:
        """:meth:`read`'s best spans, and the score of each of ``spans[c]`` (character offsets in
        ``contexts[c]``) from the same logits: the model runs once for both."""
        if not contexts:
            return SpanReading([], [[None] * len(s) for s in spans])
        windows = make_windows(self._tokenizer, nfc(question), [nfc(c) for c in contexts],
                               max_len=self._files.max_len, max_question=self._files.max_question)
        start, end = self.logits(windows)
        best = [s for i, w in enumerate(windows)
                for s in best_spans(w, start[i], end[i], max_answer_tokens=self.max_answer_tokens)]
        return SpanReading(sorted(best, key=lambda s: -s.score), score_spans(windows, start, end, spans))


def load_reader(tokenizer_path: Path, folder: Path = READER_DIR, *, threads: int | None = None) -> OnnxReader:
    """The shipped reader, hash-checked, reading with the tokenizer at ``tokenizer_path``."""
    from vectorstore.shared_tokenizer import shared_tokenizer

    files = verified(folder)
    if not tokenizer_path.is_file():
        raise ModelMissing(f"the tokenizer {tokenizer_path} is missing; run `qa models fetch`")
    # the embedder's own copy where it has loaded one (vectorstore.shared_tokenizer)
    return OnnxReader(files, shared_tokenizer(tokenizer_path), threads=threads)
