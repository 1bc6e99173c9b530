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


def test_the_exported_quantised_reader_reads_like_the_trained_weights(tiny, tmp_path, monkeypatch):
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
    import onnx

    graph = onnx.load(str(out / "reader.onnx")).graph
    weights = {t.name for t in graph.initializer}
    assert any(n.op_type == "GatherBlockQuantized" for n in graph.node)  # 4-bit embeddings
    assert not [n for n in graph.node if n.op_type == "Gather" and n.input[0] in weights]  # no float copy left

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
    # quantised weights: close to the float model, and the same answer
    assert np.corrcoef(onnx_start.ravel(), start.numpy().ravel())[0, 1] > 0.95
    best = reader.read(question, [context])[0]
    assert context[best.char_start:best.char_end] == "137"

    # evaluate reads prepare's own JSON lines and scores each source apart
    from training.evaluate import evaluate_file

    held = tmp_path / "heldout.jsonl"
    write_jsonl(held, [*_examples()[:2], QAExample.make("x", question, context, 11, "137", "other", "en")])
    result = evaluate_file(held, out, model_dir=model_dir)
    assert result["n"] == 3 and set(result["by_source"]) == {"test (vi)", "other (en)"}
    assert result["by_source"]["other (en)"]["has_answer_em"] == 1.0
    assert evaluate_file(held, out, model_dir=model_dir, per_source=1)["n"] == 2


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
    assert counts["train/set/vi/answerable"] + counts["dev/set/vi/answerable"] == 20
    prepare(tmp_path / "kept", [source], news=0, dev_share=0.25, seed=1, drop_kinds=frozenset({"impossible"}))
    kept = list(read_jsonl(tmp_path / "kept" / "train.jsonl"))
    assert kept and all(e.answerable for e in kept)
    assert len(list(read_jsonl(tmp_path / "kept" / "dev.jsonl"))) == 10  # the dev split keeps every kind


def _parallel(tmp_path: Path) -> tuple[Path, Path]:
    """The same 6 articles (one paragraph, one question each) in English and Vietnamese, like XQuAD."""
    en, vi = {"data": []}, {"data": []}
    for i in range(6):
        en["data"].append({"paragraphs": [{"context": f"In {2000 + i} mister An{i} was chairman.", "qas": [
            {"id": f"q{i}", "question": "Who was chairman?", "answers": [{"text": f"An{i}", "answer_start": 15}]}]}]})
        vi["data"].append({"paragraphs": [{"context": f"Năm {2000 + i} ông An{i} là chủ tịch.", "qas": [
            {"id": f"q{i}", "question": "Ai là chủ tịch?", "answers": [{"text": f"An{i}", "answer_start": 13}]}]}]})
    paths = tmp_path / "x.en.json", tmp_path / "x.vi.json"
    for path, data in zip(paths, (en, vi)):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return paths


def test_prepare_holds_out_whole_articles_in_every_language_and_adds_cross_lingual_pairs(tmp_path):
    from training.train_reader import prepare

    en, vi = _parallel(tmp_path)
    counts = prepare(tmp_path / "out", [en, vi], news=0, dev_share=0.0, seed=1, cross=[(en, vi)], hold_out_every=3)
    train = list(read_jsonl(tmp_path / "out" / "train.jsonl"))
    heldout = list(read_jsonl(tmp_path / "out" / "heldout.jsonl"))
    assert len(train) == 3 * 4 and len(heldout) == 3 * 2  # articles 2 and 5 of 6, in three directions
    held_names = {e.answer_text for e in heldout}
    assert held_names == {"An2", "An5"} and not held_names & {e.answer_text for e in train}
    cross = [e for e in train if e.source == "x.en>x.vi"]
    assert cross and all(e.question == "Who was chairman?" and "chủ tịch" in e.context and e.language == "en"
                         for e in cross)
    assert counts["heldout/x.en>x.vi/en/answerable"] == 2


def test_repeat_shows_rare_sources_more_often_in_a_fixed_order():
    from training.train_reader import TrainConfig, epoch_order

    rows = [QAExample.make(f"{s}{i}", "q?", "c", None, None, s) for s in ("news", "xq") for i in range(3)]
    order = epoch_order(rows, TrainConfig(repeat="xq=3"))
    assert sorted(order) == [0, 1, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]
    assert order == epoch_order(rows, TrainConfig(repeat="xq=3"))
    assert sorted(epoch_order(rows, TrainConfig())) == list(range(6))
    with pytest.raises(SystemExit, match="SOURCE=K"):
        epoch_order(rows, TrainConfig(repeat="xq"))


def test_a_run_can_start_from_another_runs_weights(tiny, tmp_path):
    from training.train_reader import TrainConfig, train

    model_dir, data = tiny
    first = tmp_path / "first"
    cfg = TrainConfig(layers=2, train_layers=2, max_len=32, batch=4, steps=3, lr=1e-2, head_lr=1e-2, seed=5)
    train(data, first, cfg, model_dir=model_dir, device="cpu", save_every=10, max_minutes=None)
    # lr 0: the second run's weights can only be the first's if it started from them
    second = tmp_path / "second"
    still = TrainConfig(layers=2, train_layers=2, max_len=32, batch=4, steps=1, lr=0.0, head_lr=0.0, seed=5,
                        init=str(first))
    train(data, second, still, model_dir=model_dir, device="cpu", save_every=10, max_minutes=None)
    a, b = _trainable(first), _trainable(second)
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    with pytest.raises(SystemExit, match="no checkpoint"):
        train(data, tmp_path / "third", TrainConfig(layers=2, max_len=32, steps=1, init=str(tmp_path / "none")),
              model_dir=model_dir, device="cpu", save_every=10, max_minutes=None)


def test_an_article_another_file_trains_on_is_not_held_out_whatever_its_position(tmp_path):
    from training.train_reader import prepare

    def squad(titles: list[str], question: str) -> dict:
        return {"data": [{"title": t, "paragraphs": [{"context": f"Bài {t}: ông An là chủ tịch.", "qas": [
            {"id": f"{t}-{question}", "question": question, "answers": [{"text": "An", "answer_start": 4 + len(t) + 6}]}
        ]}]} for t in titles]}

    # the same six articles in two files, in other orders: held out by position in one file,
    # trained on in the other, they must not count as held out
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(squad(["A", "B", "C", "D", "E", "F"], "Ai là chủ tịch?"), ensure_ascii=False), "utf-8")
    b.write_text(json.dumps(squad(["F", "E", "D", "C", "B", "A"], "Chủ tịch là ai?"), ensure_ascii=False), "utf-8")
    prepare(tmp_path / "out", [a, b], news=0, dev_share=0.0, seed=1, hold_out_every=3)
    assert list(read_jsonl(tmp_path / "out" / "heldout.jsonl")) == []
    # without the overlap the same articles are held out
    prepare(tmp_path / "alone", [a], news=0, dev_share=0.0, seed=1, hold_out_every=3)
    held = list(read_jsonl(tmp_path / "alone" / "heldout.jsonl"))
    assert sorted(e.context for e in held) == ["Bài C: ông An là chủ tịch.", "Bài F: ông An là chủ tịch."]


def test_bad_init_or_repeat_is_refused_before_the_run_folder_is_claimed(tiny, tmp_path):
    from training.train_reader import TrainConfig, train

    model_dir, data = tiny
    small = TrainConfig(layers=2, train_layers=1, max_len=32, batch=2, steps=1)
    train(data, tmp_path / "small", small, model_dir=model_dir, device="cpu", save_every=10, max_minutes=None)
    run = tmp_path / "run"
    with pytest.raises(SystemExit, match="lacks: nowhere"):
        train(data, run, TrainConfig(layers=2, max_len=32, steps=1, repeat="nowhere=2"), model_dir=model_dir,
              device="cpu", save_every=10, max_minutes=None)
    # the first run trained one layer: a run training none of them could not keep its weights
    with pytest.raises(SystemExit, match="train at least those"):
        train(data, run, TrainConfig(layers=2, train_layers=0, max_len=32, steps=1, init=str(tmp_path / "small")),
              model_dir=model_dir, device="cpu", save_every=10, max_minutes=None)
    assert not (run / "config.json").exists()
