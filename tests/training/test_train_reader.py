"""Preparing, training (with an interruption), exporting and reading back a tiny reader.

A two-layer Gemma3 of width 32 and a word-level tokenizer stand in for EmbeddingGemma, so the
whole chain runs in seconds: the same code paths as ``make reader``, on fakes of the model.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from training.examples import QAExample, read_jsonl, write_jsonl

torch = pytest.importorskip("torch")

WORDS = ["có", "137", "cán", "bộ", "được", "luân", "chuyển", "bao", "nhiêu", "ai", "là", "chủ", "tịch", "ông",
         "An", "Hà", "Nội", "năm", "2019", "?", ".", ","]


def _tiny_model(folder: Path) -> Path:
    """A random 2-layer Gemma3 encoder and a word-level tokenizer whose special ids match Gemma's."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import Gemma3TextConfig, Gemma3TextModel

    vocab = {"<pad>": 0, "<eos>": 1, "<bos>": 2, "<unk>": 3, **{w: i + 4 for i, w in enumerate(WORDS)}}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    folder.mkdir(parents=True)
    tokenizer.save(str(folder / "tokenizer.json"))
    config = Gemma3TextConfig(vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                              num_attention_heads=2, num_key_value_heads=1, head_dim=16, max_position_embeddings=256,
                              layer_types=["sliding_attention", "full_attention"], sliding_window=64,
                              use_bidirectional_attention=True, pad_token_id=0, bos_token_id=2, eos_token_id=1)
    torch.manual_seed(0)
    Gemma3TextModel(config).save_pretrained(folder)
    return folder


def _examples() -> list[QAExample]:
    rows = []
    for i in range(6):
        rows.append(QAExample.make(f"a{i}", "bao nhiêu cán bộ được luân chuyển ?", "Hà Nội có 137 cán bộ được luân "
                                   "chuyển .", 11, "137", "test"))
        rows.append(QAExample.make(f"b{i}", "ai là chủ tịch ?", "năm 2019 có 137 cán bộ .", None, None, "test"))
    return rows


@pytest.fixture
def tiny(tmp_path: Path):
    model_dir = _tiny_model(tmp_path / "model")
    data = tmp_path / "data"
    write_jsonl(data / "train.jsonl", _examples())
    return model_dir, data


def _trainable(run: Path) -> dict:
    return torch.load(run / "checkpoint.pt", weights_only=False)["trainable"]


def test_an_interrupted_run_resumes_to_the_same_weights_as_an_uninterrupted_one(tiny, tmp_path):
    from training.train_reader import TrainConfig, train

    model_dir, data = tiny
    cfg = TrainConfig(layers=2, train_layers=1, max_len=32, max_question=10, batch=2, steps=4, lr=1e-3, head_lr=1e-2)
    whole = train(data, tmp_path / "whole", cfg, model_dir=model_dir, device="cpu", save_every=2, max_minutes=None)
    cut = tmp_path / "cut"
    train(data, cut, cfg, model_dir=model_dir, device="cpu", save_every=100, max_minutes=0.0)  # one step, saved
    assert torch.load(cut / "checkpoint.pt", weights_only=False)["step"] == 1
    train(data, cut, cfg, model_dir=model_dir, device="cpu", save_every=100, max_minutes=None)
    a, b = _trainable(whole.parent), _trainable(cut)
    assert a.keys() == b.keys() and any(k.startswith("qa.") for k in a)
    assert not any("embed_tokens" in k for k in a)  # the word embeddings stay frozen
    assert all(torch.allclose(a[k], b[k], atol=1e-6) for k in a)
    with pytest.raises(SystemExit, match="other settings"):
        train(data, cut, TrainConfig(layers=2, steps=8), model_dir=model_dir, device="cpu", save_every=2,
              max_minutes=None)


def test_the_exported_int8_reader_reads_like_the_trained_weights(tiny, tmp_path, monkeypatch):
    from tokenizers import Tokenizer

    import training.export as export_module
    from qa.reader import load_reader, verified
    from qa.reader_windows import batch, make_windows
    from training.train_reader import TrainConfig, load_trained, train

    model_dir, data = tiny
    cfg = TrainConfig(layers=2, train_layers=2, max_len=32, max_question=10, batch=4, steps=30, lr=3e-3,
                      head_lr=3e-2)
    run = tmp_path / "run"
    train(data, run, cfg, model_dir=model_dir, device="cpu", save_every=10, max_minutes=None)
    # the vocabulary keeps what these texts use (the real export reads the VietNews archive)
    monkeypatch.setattr(export_module, "_corpus_texts",
                        lambda paths: [t for e in _examples() for t in (e.question, e.context)] * 3)
    out = tmp_path / "shipped"
    manifest = export_module.export(run, out, model_dir=model_dir, vocab_from=[], threshold=0.5)
    files = verified(out)
    assert files.manifest == manifest and manifest["train"]["step"] == 30
    assert json.loads((out / "manifest.json").read_text())["files"]["reader.onnx"]["bytes"] > 0

    reader = load_reader(model_dir / "tokenizer.json", out)
    assert reader.threshold == 0.5
    question, context = "bao nhiêu cán bộ được luân chuyển ?", "Hà Nội có 137 cán bộ được luân chuyển ."
    windows = make_windows(Tokenizer.from_file(str(model_dir / "tokenizer.json")), question, [context],
                           max_len=32, max_question=10)
    onnx_start, onnx_end = reader.logits(windows)
    model, _, _ = load_trained(run, model_dir)
    ids, mask = batch(windows)
    with torch.no_grad():
        start, end = model(torch.from_numpy(ids), torch.from_numpy(mask))
    # int8 weights: close to the float model, and the same answer
    assert np.corrcoef(onnx_start.ravel(), start.numpy().ravel())[0, 1] > 0.95
    best = reader.read(question, [context])[0]
    assert context[best.char_start:best.char_end] == "137"


def test_prepare_splits_by_context_and_counts_what_it_wrote(tmp_path):
    from training.train_reader import prepare

    squad = {"data": [{"paragraphs": [
        {"context": f"Đoạn {i}: ông An là chủ tịch năm 2019.",
         "qas": [{"id": f"q{i}", "question": "Ai là chủ tịch?", "is_impossible": False,
                  "answers": [{"text": "An", "answer_start": 9 + len(str(i))}]},
                 {"id": f"n{i}", "question": "Ai là thư ký?", "is_impossible": True, "answers": []}]}
        for i in range(20)]}]}
    source = tmp_path / "set.json"
    source.write_text(json.dumps(squad, ensure_ascii=False), encoding="utf-8")
    counts = prepare(tmp_path / "out", [source], news=0, dev_share=0.25, seed=1)
    train, dev = list(read_jsonl(tmp_path / "out" / "train.jsonl")), list(read_jsonl(tmp_path / "out" / "dev.jsonl"))
    assert len(train) + len(dev) == 40 and len(dev) == 10
    assert not {e.context for e in train} & {e.context for e in dev}
    assert counts["train/set/answerable"] + counts["dev/set/answerable"] == 20
    prepare(tmp_path / "kept", [source], news=0, dev_share=0.25, seed=1, drop_kinds=frozenset({"impossible"}))
    kept = list(read_jsonl(tmp_path / "kept" / "train.jsonl"))
    assert kept and all(e.answerable for e in kept)
    assert len(list(read_jsonl(tmp_path / "kept" / "dev.jsonl"))) == 10  # the dev split keeps every kind


def test_word_dropout_shortens_a_generated_question_but_keeps_enough_and_the_mark():
    import random

    from training.train_reader import drop_words

    q = "Ông Nguyễn Văn An bị phạt bao nhiêu tiền vì vi phạm giao thông?"
    rng = random.Random(3)
    outs = [drop_words(q, 0.3, rng) for _ in range(50)]
    assert all(o.endswith("?") and len(o.split()) >= 4 for o in outs)
    assert any(len(o.split()) < len(q.split()) for o in outs)
    assert drop_words("Ai là chủ tịch?", 0.9, rng) == "Ai là chủ tịch?"
    assert drop_words(q, 0.0, rng) == q
