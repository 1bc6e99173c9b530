"""The shipped reader (qa/data/reader) on the real model files, the real tokenizer and real Chroma."""

from __future__ import annotations

import math
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


def test_the_reader_scores_given_spans_as_it_scores_its_own(reader_assistant):
    """`OnnxReader.score` reads once for both: its own best spans, and any spans it is given (the
    ranker's candidates) from the same logits, so its best span scored as a given one agrees."""
    reader = reader_assistant.answerer.reader
    contexts = ["Từ đầu nhiệm kỳ đến nay, Thành ủy Hà Nội đã luân chuyển 137 cán bộ, 81 hồ sơ được thẩm định.",
                "Năm 2019, thành phố đã cử 15 đồng chí đi học lớp cao cấp lý luận chính trị."]
    question = "Hà Nội đã luân chuyển bao nhiêu cán bộ?"
    own = reader.read(question, contexts)
    reading = reader.score(question, contexts, [[(own[0].char_start, own[0].char_end), (0, 2)], []])  # "Từ"
    assert reading.best == own and contexts[own[0].context_index][own[0].char_start:own[0].char_end] == "137"
    [[again, other], []] = reading.spans
    assert again.score == pytest.approx(own[0].score, abs=1e-4) and again.null_score == pytest.approx(own[0].null_score)
    assert other.score < again.score


def test_a_ranker_fitted_on_the_reader_runs_it_in_the_real_pipeline(reader_assistant):
    from qa.extractive import ExtractiveAnswerer
    from qa.ranker import Ranker

    bot = reader_assistant
    ranker = Ranker(weights={"reader_top": 6.0, "reader_gap": 4.0}, bias=-2.0, threshold=0.5,
                    meta={"reader": {"sha256": "test"}})
    answerer = ExtractiveAnswerer(bot.index, bot.settings.answer, ranker, reader=bot.answerer.reader)
    question = bot._understand("Hà Nội đã luân chuyển bao nhiêu cán bộ?")
    found = bot.retrieval.retrieve(question, bot.settings.retrieval.resolve_top_k(None))
    reading = answerer.read(question, found)
    assert reading.answer.span == "137", reading.answer.reason
    assert all("reader_best" in s.features for s in reading.scored)


def test_the_shipped_veto_belongs_to_the_shipped_reader():
    from qa.veto import load_veto

    veto = load_veto()
    assert veto is not None and math.isfinite(veto.margin)
    assert veto.reader == verified(READER_DIR).manifest["files"]["reader.onnx"]["sha256"], \
        "the reader changed: re-fit the veto with `python -m evals.fit_veto` (make ranker)"


def test_the_default_answerer_reads_with_the_veto_and_keeps_a_right_answer(real_assistant):
    """The default (ranker) answerer runs the shipped reader as its veto: the flagship question's
    answer stands, in both languages, and the reason names the veto when it withdraws one."""
    answerer = real_assistant.answerer
    assert answerer._veto is not None and real_assistant.settings.answer.veto
    for question in ("Hà Nội đã luân chuyển bao nhiêu cán bộ?", "how many cadres did Hà Nội rotate?"):
        answer = real_assistant.ask(question)
        assert answer.span == "137", (question, answer.reason)
    q = real_assistant._understand("Hà Nội đã luân chuyển bao nhiêu cán bộ?")
    found = real_assistant.retrieval.retrieve(q, real_assistant.settings.retrieval.resolve_top_k(None))
    from qa.reader_evidence import position, read_quoted, veto_margin

    contexts, reader, veto = answerer.contexts(q, found), answerer.reader, answerer._veto
    first = position(contexts, answerer.read(q, found).quoted)
    assert first >= 0 and len(contexts) > 1
    margin = veto_margin(reader, q.text, found, contexts, first=first)
    assert margin is not None and margin > veto.margin

    class Counting:  # the real reader, counting the windows it is given
        threshold, sizes = reader.threshold, []

        def read(self, question, texts):
            self.sizes.append(len(texts))
            return reader.read(question, texts)

        def score(self, question, texts, spans):
            self.sizes.append(len(texts))
            return reader.score(question, texts, spans)

    counting = Counting()
    head = read_quoted(counting, q.text, found, contexts[first])
    assert veto_margin(counting, q.text, found, contexts, first=first, head=head) == margin == head.margin
    assert counting.sizes == [1]  # the quoted sentence alone: the other sentences are not read


def test_the_reader_and_the_onnx_embedder_read_with_one_loaded_tokenizer(real_assistant):
    from vectorstore.onnx_embedding import OnnxEmbedder

    embedder = real_assistant.embedder
    if not isinstance(embedder, OnnxEmbedder):
        pytest.skip("the embedder runs on PyTorch here; only the ONNX one shares its tokenizer")
    assert real_assistant.answerer.reader._tokenizer is embedder._load().tokenizer


@pytest.mark.parametrize("question,sentence,span,want", [
    ("Ai là người phát ngôn Bộ Ngoại giao?", "Người phát ngôn Bộ Ngoại giao là bà Lê Thị Thu Hằng.",
     "bà Lê Thị Thu Hằng", "Lê Thị Thu Hằng"),
    ("Ai là trưởng Công an xã Vĩnh Tiến?", "Trưởng Công an xã Vĩnh Tiến là ông Lê Quang Lai, năm nay 52 tuổi.",
     "ông Lê Quang Lai", "Lê Quang Lai"),
    ("Cô gái mất tích quê ở tỉnh nào?", "Cô gái mất tích quê tỉnh Đồng Tháp, đang làm công nhân tại TP HCM.",
     "quê tỉnh Đồng Tháp", "Đồng Tháp"),
    ("Thành ủy Hà Nội đã luân chuyển bao nhiêu cán bộ?", "Từ đầu nhiệm kỳ đến nay, có 137 cán bộ được luân chuyển.",
     "137 cán bộ", "137 cán bộ"),  # the count is the answer: nothing to trim
])
def test_the_shipped_reader_and_gap_trim_titles_and_descriptors_not_the_answer(reader_assistant, question, sentence,
                                                                                span, want):
    from qa.tagging import Candidate
    from qa.trim import best_trim, leading_trims
    from qa.veto import load_veto

    veto = load_veto()
    assert veto is not None and veto.trim_gap is not None
    start = sentence.index(span)
    trims = leading_trims(Candidate(span, start, start + len(span), "X"))
    reading = reader_assistant.answerer.reader.score(question, [sentence], [trims])
    trim = best_trim(reading.spans[0])
    a, b = trims[trim[0]] if trim is not None and veto.trims(trim[1]) else trims[0]
    assert sentence[a:b] == want, trim
