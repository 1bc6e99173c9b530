"""EmbeddingGemma on ONNX Runtime: the fast indexing path, and a question path without torch.

The graph is made once by :mod:`vectorstore.onnx_export` from the verified PyTorch weights and
checked against them. fp32 reproduces PyTorch's vectors (cosine 1.0000), so it shares
PyTorch's model id and an index built by either is queried by the other; int8 changes them
slightly and is a model id of its own (``embeddinggemma-300m/768/onnx-int8``), so an index
is never queried with vectors from the other space.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np

from vectorstore.embedding import PromptedEmbedder, resolve_device
from vectorstore.errors import ModelMissing
from vectorstore.shared_tokenizer import shared_tokenizer

MAX_TOKENS = 2048  # the model's max_seq_length (sentence_bert_config.json)


def truncated(ids: list[int], limit: int = MAX_TOKENS) -> list[int]:
    """``ids`` (``<bos> text <eos>``) cut to ``limit`` tokens the way the tokenizer's own
    truncation cuts them: the text shortened, the closing ``<eos>`` kept. Done here rather than
    with ``enable_truncation`` because the tokenizer is shared with the reader
    (:mod:`vectorstore.shared_tokenizer`)."""
    return ids if len(ids) <= limit else ids[:limit - 1] + ids[-1:]


class OnnxSession:
    """One ONNX graph and its tokenizer: prompt-prefixed texts in, unit vectors out.

    Texts are sorted by length and batched, so each batch pads to a similar length (the
    same trick sentence-transformers uses).
    """

    def __init__(self, graph: Path, tokenizer_file: Path, *, threads: int | None = None, batch_size: int = 8,
                 providers: list[str] | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.log_severity_level = 3  # its warnings about unused initialisers are not the user's concern
        self.session = ort.InferenceSession(str(graph), options, providers=providers or ["CPUExecutionProvider"])
        self.tokenizer = shared_tokenizer(tokenizer_file)  # the reader reads with it too
        self.batch_size = batch_size

    def encode(self, texts: list[str]) -> np.ndarray:
        encodings = [truncated(e.ids) for e in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i]))
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for at in range(0, len(order), self.batch_size):
            batch = order[at: at + self.batch_size]
            width = max(len(encodings[i]) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)  # pad id 0, masked out
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i])
                ids[row, :n] = encodings[i]
                mask[row, :n] = 1
            vectors = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[batch] = vectors
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


class OnnxEmbedder(PromptedEmbedder):
    """EmbeddingGemma through ONNX Runtime; loads lazily, from the checked export only.

    Example::

        embedder = OnnxEmbedder(onnx_dir, model_dir, name="embeddinggemma-300m", int8=True)
        embedder.embed_documents(["137 cán bộ được luân chuyển."], ["Hà Nội"])
    """

    def __init__(self, graph_dir: Path, model_dir: Path, *, name: str, int8: bool = False,
                 truncate_dim: int | None = None, batch_size: int = 8, threads: int | None = None,
                 device: str = "cpu", full_dimension: int = 768) -> None:
        super().__init__(name=name, truncate_dim=truncate_dim, batch_size=batch_size, threads=threads,
                         full_dimension=full_dimension)
        from vectorstore.onnx_export import FP32_FILE, INT8_FILE

        self.graph = Path(graph_dir) / (INT8_FILE if int8 else FP32_FILE)
        self.model_dir = Path(model_dir)
        self.tokenizer_file = self.model_dir / "tokenizer.json"
        self.int8 = int8
        self.device = device
        self.runtime_tag = "/onnx-int8" if int8 else ""
        self._session: OnnxSession | None = None
        self._load_lock = threading.Lock()

    def _providers(self) -> list[str]:
        import onnxruntime as ort

        gpu = "CUDAExecutionProvider" in ort.get_available_providers()
        device = resolve_device(self.device, available=gpu)
        return ["CUDAExecutionProvider", "CPUExecutionProvider"] if device == "cuda" else ["CPUExecutionProvider"]

    def _load(self) -> OnnxSession:
        with self._load_lock:
            if self._session is None:
                if not self.graph.is_file() or not self.tokenizer_file.is_file():
                    raise ModelMissing(f"no ONNX export at {self.graph}; run `qa models fetch`")
                started = time.perf_counter()
                self._session = OnnxSession(self.graph, self.tokenizer_file, threads=self.threads,
                                            batch_size=self.batch_size, providers=self._providers())
                self.load_seconds = time.perf_counter() - started
            return self._session

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._load().encode(texts)
