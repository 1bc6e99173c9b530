"""The shipped reader (qa/data/reader) on the real model files, the real tokenizer and real Chroma."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from qa.reader import READER_DIR, verified
from vectorstore.errors import ModelCorrupt, ModelMissing

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def reader_assistant(real_assistant):
    """The real assistant's index and model, answering with the reader instead of the ranker."""
    from qa import Assistant

    settings = real_assistant.settings
    settings = settings.model_copy(update={"answer": settings.answer.model_copy(update={"engine": "reader"})})
    bot = Assistant(settings, embedder=real_assistant.embedder, index=real_assistant.index,
                    segmenter=real_assistant.segmenter)
    try:
        bot.answerer.reader  # noqa: B018 - loads it, or says why it cannot
    except ModelMissing as exc:
        pytest.skip(f"reader or tokenizer not available: {exc}")
    return bot


def test_the_shipped_reader_matches_its_manifest():
    files = verified(READER_DIR)
    kept = np.load(files.vocab)
    assert files.manifest["vocabulary"] == len(kept) and np.all(np.diff(kept) > 0)
    assert np.isfinite(files.threshold) and files.manifest["train"]["step"] > 0


def test_a_changed_reader_file_is_refused(tmp_path):
    copy = tmp_path / "reader"
    shutil.copytree(READER_DIR, copy)
    data = bytearray((copy / "vocab.npy").read_bytes())
    data[-1] ^= 0xFF
    (copy / "vocab.npy").write_bytes(bytes(data))
    with pytest.raises(ModelCorrupt, match="does not match its manifest"):
        verified(copy)
    (copy / "reader.onnx").unlink()
    with pytest.raises(ModelMissing, match="missing"):
        verified.__wrapped__(copy)


def test_the_reader_quotes_the_span_with_its_citation(reader_assistant):
    answer = reader_assistant.ask("Từ đầu nhiệm kỳ đến nay, Hà Nội có bao nhiêu cán bộ được luân chuyển?")
    assert not answer.abstained, answer.reason
    assert answer.span == "137" and answer.mode == "extractive"
    cite = answer.citations[0]
    assert cite.doc_id == "001_250846a6894a7a98" and cite.passage[cite.span_start:cite.span_end] == "137"
    who = reader_assistant.ask("Ai là Bí thư Thành ủy Móng Cái?")
    assert who.span == "Lê Văn Ánh"


def test_the_reader_answers_how_many_cadres_ha_noi_rotated(reader_assistant):
    answer = reader_assistant.ask("Hà Nội đã luân chuyển bao nhiêu cán bộ?")
    assert not answer.abstained, answer.reason
    assert answer.span == "137"


# The second reader answers this question in Vietnamese and "How many cadres has Hanoi rotated?",
# but for this wording its best span is "ba" (a count in a nearby sentence): English questions
# over Vietnamese text are its weakest part, trained on only 967 XQuAD pairs (docs/EVALUATION.md).
GAP = "issue 28: English questions over Vietnamese text are still the reader's weakest part"


@pytest.mark.xfail(strict=True, reason=GAP)
def test_the_reader_answers_how_many_cadres_ha_noi_rotated_in_english(reader_assistant):
    answer = reader_assistant.ask("how many cadres did Hà Nội rotate?")
    assert answer.span == "137"


def test_the_entity_guard_still_runs_before_the_reader(reader_assistant):
    answer = reader_assistant.ask("Đà Nẵng đã luân chuyển bao nhiêu cán bộ?")
    assert answer.abstained and "Đà Nẵng" in answer.text
