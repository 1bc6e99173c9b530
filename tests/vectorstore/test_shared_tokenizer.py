"""One loaded tokenizer per file, shared by the embedder and the reader."""

from __future__ import annotations

import threading
import time

import pytest

from vectorstore.onnx_embedding import truncated
from vectorstore.shared_tokenizer import shared_tokenizer


def _tiny_tokenizer(path, words):
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace

    tok = Tokenizer(WordLevel({w: i for i, w in enumerate(["[UNK]", *words])}, unk_token="[UNK]"))
    tok.pre_tokenizer = Whitespace()
    tok.save(str(path))
    return path


def test_a_tokenizer_file_is_loaded_once_and_again_after_it_changes(tmp_path):
    path = _tiny_tokenizer(tmp_path / "tokenizer.json", ["cán", "bộ"])
    first = shared_tokenizer(path)
    assert shared_tokenizer(tmp_path / "." / "tokenizer.json") is first
    assert first.encode("cán bộ").ids == [1, 2]
    _tiny_tokenizer(path, ["cán", "bộ", "luân", "chuyển"])  # replaced on disk: a new size
    again = shared_tokenizer(path)
    assert again is not first and again.encode("luân chuyển").ids == [3, 4]


def test_threads_asking_at_once_share_one_load(tmp_path, monkeypatch):
    from tokenizers import Tokenizer

    path = _tiny_tokenizer(tmp_path / "tokenizer.json", ["một"])
    real, loads = Tokenizer.from_file, []

    def slow(name):  # a load long enough for every thread to arrive while it runs
        loads.append(name)
        time.sleep(0.2)
        return real(name)

    monkeypatch.setattr(Tokenizer, "from_file", staticmethod(slow))
    got, start = [], threading.Barrier(6)

    def ask():
        start.wait()
        got.append(shared_tokenizer(path))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 6 and all(t is got[0] for t in got)
    assert len(loads) == 1


def test_truncation_keeps_the_closing_token():
    assert truncated([2, 5, 6, 1], limit=8) == [2, 5, 6, 1]
    assert truncated([2, 5, 6, 7, 8, 1], limit=4) == [2, 5, 6, 1]


def test_a_missing_tokenizer_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        shared_tokenizer(tmp_path / "absent.json")
