"""What every embedding runtime shares: prompts, truncation, the question cache, the device."""

import unicodedata

import numpy as np
import pytest

from vectorstore.embedding import QUERY_PROMPT, PromptedEmbedder, document_prompt, resolve_device
from vectorstore.errors import ConfigError


class Recording(PromptedEmbedder):
    """Returns a fixed direction per text and records what the model was given."""

    def __init__(self, **kw):
        super().__init__(name="rec", **kw)
        self.seen: list[str] = []

    def _encode(self, texts):
        self.seen.extend(texts)
        out = np.array([[3.0, 4.0, 0.0, 12.0] * 192 for _ in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_documents_carry_the_title_prompt_and_questions_the_query_prompt_in_nfc():
    e = Recording()
    e.embed_documents([unicodedata.normalize("NFD", "Hà Nội luân chuyển")], [unicodedata.normalize("NFD", "Tin Hà Nội")])
    e.embed_documents(["không tiêu đề"])
    e.embed_query(unicodedata.normalize("NFD", "Ai là Bí thư?"))
    assert e.seen == ["title: Tin Hà Nội | text: Hà Nội luân chuyển", "title: none | text: không tiêu đề",
                      QUERY_PROMPT + "Ai là Bí thư?"]
    assert document_prompt(None) == "title: none | text: "


def test_matryoshka_truncation_renormalises_and_names_the_space():
    e = Recording(truncate_dim=128)
    [v] = e.embed_documents(["x"])
    assert len(v) == 128 and e.model_id == "rec/128"
    assert float(np.linalg.norm(v)) == pytest.approx(1.0, abs=1e-6)
    with pytest.raises(ConfigError, match="Matryoshka"):
        Recording(truncate_dim=300)


def test_a_question_is_encoded_once_and_forgotten_on_request():
    e = Recording()
    first = e.embed_query("bao nhiêu cán bộ?")
    assert e.embed_query("bao nhiêu cán bộ?") is first and len(e.seen) == 1
    e.clear_query_cache()
    e.embed_query("bao nhiêu cán bộ?")
    assert len(e.seen) == 2


def test_no_texts_means_no_model_call():
    e = Recording()
    assert e.embed_documents([]) == [] and e.seen == []


@pytest.mark.parametrize("asked, gpu, expected", [("auto", True, "cuda"), ("auto", False, "cpu"),
                                                  ("cpu", True, "cpu"), ("cuda", True, "cuda")])
def test_device_resolution(asked, gpu, expected):
    assert resolve_device(asked, available=gpu) == expected


def test_asking_for_a_gpu_that_is_not_there_is_a_clear_error():
    with pytest.raises(ConfigError, match="no CUDA device"):
        resolve_device("cuda", available=False)
