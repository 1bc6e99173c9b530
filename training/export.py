"""The trained reader as the product ships it: quantised ONNX, a trimmed vocabulary, a manifest.

EmbeddingGemma's vocabulary has 262,144 tokens, and its embedding matrix alone would be 200 MB
in int8. The reader keeps only the tokens that Vietnamese news and the questions about it use
(every token used at least :data:`MIN_COUNT` times in the VietNews archive and in the training
questions, not their contexts), every Latin single-character and byte-fallback token (so any
text still tokenises to known pieces), and the most frequent ASCII word pieces for English
questions. A token outside the kept set is read as ``<unk>``. Even trimmed, the embeddings are
most of the file, so they are stored in 4-bit blocks.

Written into ``out``: ``reader.onnx`` (4-bit embeddings, int8 matrices per channel), ``vocab.npy`` (the kept
original token ids, sorted; row ``i`` of the new embedding is original token ``vocab[i]``) and
``manifest.json`` (sha256 of both, the training settings and step, the calibrated no-answer
threshold). :mod:`qa.reader` refuses files whose hashes differ.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from qa.reader_windows import BOS, EOS, PAD
from vectorstore.fetch import sha256_file

UNK = 3
# Values per scale of the 4-bit embeddings: 32 kept the best spans of int8 and the file under
# 40 MB (16 would not fit, 64 and more lose precision for little).
EMBED_BLOCK = 32
ASCII_PIECES = 8000  # English word pieces kept by rank; Gemma's ids rise roughly as pieces get rarer
MIN_COUNT = 3  # a token the archive uses fewer times is a rare name's fragment: its pieces read it


def kept_vocabulary(tokenizer, texts: Iterable[str]) -> np.ndarray:
    """The original ids the reader keeps, sorted (see the module docstring for which)."""
    keep = {PAD, EOS, BOS, UNK}
    vocab = tokenizer.get_vocab()
    ascii_ranked = sorted((i for t, i in vocab.items() if t.replace("▁", "").isascii()), key=int)
    keep.update(ascii_ranked[:ASCII_PIECES])
    for token, i in vocab.items():
        piece = token.replace("▁", "")
        if (token.startswith("<0x") and token.endswith(">")) or (len(piece) <= 1 and _latin(piece)):
            keep.add(i)
    counts = np.zeros(tokenizer.get_vocab_size(), dtype=np.int64)
    batch: list[str] = []
    for text in [*texts, ""]:
        batch.append(text)
        if len(batch) == 512 or not text:
            for enc in tokenizer.encode_batch(batch, add_special_tokens=False):
                counts += np.bincount(np.asarray(enc.ids, dtype=np.int64), minlength=len(counts))[:len(counts)]
            batch = []
    keep.update(int(i) for i in np.flatnonzero(counts >= MIN_COUNT))
    return np.array(sorted(keep), dtype=np.int32)


def _latin(piece: str) -> bool:
    """ASCII, Latin-1, Latin Extended and Vietnamese letters: the single characters of news in
    Vietnamese and European names (other scripts still read as byte pieces)."""
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in piece)


def _corpus_texts(vocab_from: list[Path]) -> Iterable[str]:
    from evals.news import default_corpus, read_corpus
    from training.examples import read_jsonl

    corpus = default_corpus()
    if corpus.is_file():
        for article in read_corpus(corpus):
            yield article.text
    # The questions, not the training contexts: the product reads news (the archive above), while
    # people ask in Vietnamese and English; Wikipedia and English paragraphs would double the
    # vocabulary (47,584 tokens against 26,690) for text the product never reads.
    for path in vocab_from:
        for ex in read_jsonl(path):
            yield ex.question


def export(run: Path, out: Path, *, model_dir: Path, vocab_from: list[Path],
           threshold: float | None = None) -> dict:
    """Export ``run``'s checkpoint into ``out`` (replacing what was there); returns the manifest."""
    import torch
    from tokenizers import Tokenizer

    from training.train_reader import load_trained

    model, cfg, step = load_trained(run, model_dir)
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    kept = kept_vocabulary(tokenizer, _corpus_texts(vocab_from))
    embed = model.encoder.embed_tokens
    small = type(embed)(len(kept), embed.embedding_dim, padding_idx=int(np.searchsorted(kept, PAD)),
                        embed_scale=float(embed.embed_scale))
    with torch.no_grad():
        small.weight.copy_(embed.weight[torch.from_numpy(kept.astype(np.int64))])
    model.encoder.embed_tokens = small

    staging = Path(tempfile.mkdtemp(prefix="reader-export-"))
    try:
        fp32 = staging / "reader-fp32.onnx"
        _export_graph(model, fp32)
        _quantise(fp32, staging / "reader.onnx")
        np.save(staging / "vocab.npy", kept)
        manifest = {
            "format": 1,
            "backbone": "embeddinggemma-300m, first layers",
            "quantisation": f"embeddings 4-bit in blocks of {EMBED_BLOCK}, matrices int8 per channel",
            "train": {**cfg.__dict__, "step": step},
            "vocabulary": int(len(kept)),
            "no_answer_threshold": threshold if threshold is not None else 0.0,
            "files": {name: {"bytes": (staging / name).stat().st_size, "sha256": sha256_file(staging / name)}
                      for name in ("reader.onnx", "vocab.npy")},
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        out.mkdir(parents=True, exist_ok=True)
        for name in ("reader.onnx", "vocab.npy", "manifest.json"):
            shutil.copyfile(staging / name, out / name)
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _export_graph(model, path: Path) -> None:
    """``input_ids, attention_mask -> start_logits, end_logits`` with batch and length dynamic."""
    import logging
    import warnings

    import torch

    logging.getLogger("torch.onnx").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"torch\.onnx.*")
    ids = torch.tensor([[BOS, 10, 11, 12, EOS, 20, 21, 22, 23, EOS], [BOS, 10, 11, EOS, 20, 21, 22, EOS, PAD, PAD]])
    mask = (ids != PAD).long()
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence")
    with torch.no_grad():
        torch.onnx.export(model.eval(), (ids, mask), str(path), input_names=["input_ids", "attention_mask"],
                          output_names=["start_logits", "end_logits"],
                          dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}},
                          dynamo=True, external_data=False, verbose=False)


def _quantise(source: Path, target: Path) -> None:
    """The word embeddings (a Gather, most of the file) in 4-bit blocks of :data:`EMBED_BLOCK`
    values along the hidden axis, each with its own scale (ONNX Runtime's GatherBlockQuantized);
    the transformer's matrices in dynamic int8 (weights per output channel, activations scaled
    at run time). 4-bit embeddings take the file from 47.2 to 39.5 MB and left the second
    reader's best span on the held-out news unchanged (docs/EVALUATION.md)."""
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        embeddings = MatMulNBitsQuantizer(onnx.load(str(source)), bits=4, block_size=EMBED_BLOCK, is_symmetric=True,
                                          op_types_to_quantize=("Gather",), quant_axes=(("Gather", 1),))
        embeddings.process()
        quantize_dynamic(embeddings.model.model, str(target), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"])
    finally:
        root.setLevel(level)
