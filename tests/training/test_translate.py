"""English questions by translation: the checks on a reply, the resumable run, on a scripted translator."""

from __future__ import annotations

import json

import pytest

from training.examples import QAExample, read_jsonl, write_jsonl
from training.translate import ChatTranslator, check, chosen, translate_examples

CONTEXT = "Từ đầu nhiệm kỳ, Thành ủy Hà Nội đã luân chuyển 137 cán bộ. Năm 2019, thành phố cử 15 đồng chí đi học."


def _examples(n: int = 6) -> list[QAExample]:
    out = [QAExample.make(f"news-a-{i}", f"Năm 2019 Hà Nội cử bao nhiêu đồng chí đi học, câu {chr(97 + i)}?", CONTEXT,
                          CONTEXT.index("15"), "15", "news") for i in range(n)]
    out.append(QAExample.make("news-b-0", "Ai là Bí thư Thành ủy Móng Cái?", CONTEXT, None, None, "news", kind="swap"))
    out.append(QAExample.make("other-0", "Bao nhiêu cán bộ?", CONTEXT, CONTEXT.index("137"), "137", "zalo"))
    return out


class Scripted:
    """Replies from a table (question -> reply); counts the calls."""

    def __init__(self, replies: dict[str, str], default: str = "How many comrades did Hanoi send to study in 2019?"):
        self.replies, self.default, self.calls = replies, default, 0

    def translate(self, question: str) -> str:
        self.calls += 1
        return self.replies.get(question, self.default)


@pytest.mark.parametrize("reply,why", [
    ("", "empty"),
    ("How many comrades did Hanoi send", "not a question"),
    ("Năm 2019 Hà Nội cử bao nhiêu đồng chí đi học?", "not English"),
    ("How many comrades did Hanoi send to study in 2018?", "a number changed"),
    ("How many? " * 40, "too long"),
    ("When did Hanoi send comrades to study in 2019?", "asks another type"),
])
def test_a_reply_is_refused_with_the_reason(reply, why):
    assert check("Năm 2019 Hà Nội cử bao nhiêu đồng chí đi học?", reply) == (None, why)


def test_a_good_reply_is_kept_from_its_first_line_without_tags_or_quotes():
    english, why = check("Ai là Bí thư Thành ủy Móng Cái năm 2019?",
                         '"Who was the Secretary of the Móng Cái Party Committee in 2019?"\nNote: translated.')
    assert why == "" and english == "Who was the Secretary of the Móng Cái Party Committee in 2019?"
    assert check("Ai là chủ tịch?", "<question>Who is the chairman?</question>")[0] == "Who is the chairman?"


def test_the_chosen_examples_are_of_one_source_in_a_seeded_order_a_larger_run_extends():
    examples = _examples(20)
    small, large = chosen(examples, source="news", limit=5, seed=3), chosen(examples, source="news", limit=10, seed=3)
    assert large[:5] == small and all(ex.source == "news" for ex in large)
    assert chosen(examples, source="news", limit=5, seed=4) != small


def test_translation_keeps_the_context_and_answer_and_resumes_where_it_stopped(tmp_path):
    examples = chosen(_examples(), source="news", limit=10, seed=1)
    bad = examples[0].question
    translator = Scripted({bad: "Năm 2019 Hà Nội cử bao nhiêu đồng chí?", "Ai là Bí thư Thành ủy Móng Cái?": "Who is the Móng Cái Party Secretary?"})
    out = tmp_path / "en.jsonl"
    counts = translate_examples(examples, translator, out)
    assert counts == {"kept": 6, "refused": 1, "skipped": 0}
    kept = list(read_jsonl(out))
    assert all(ex.language == "en" and ex.source == "news-en" and ex.qid.endswith("-en") for ex in kept)
    answerable = next(ex for ex in kept if ex.answerable)
    assert answerable.context == CONTEXT and answerable.answer_text == "15"
    assert any(not ex.answerable and ex.kind == "swap" for ex in kept)  # look-alikes are translated too
    [refused] = [json.loads(line) for line in (tmp_path / "en.jsonl.refused").read_text(encoding="utf-8").splitlines()]
    assert refused["question"] == bad and refused["why"] == "not English"
    # a second run asks nothing again; an interruption's cut-off line is dropped, and that question asked again
    again = Scripted({})
    assert translate_examples(examples, again, out) == {"kept": 0, "refused": 0, "skipped": 7} and again.calls == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:30], encoding="utf-8")  # the last write cut off
    resumed = Scripted({})
    assert translate_examples(examples, resumed, out)["kept"] == 1 and resumed.calls == 1
    assert len(list(read_jsonl(out))) == 6


def test_prepare_adds_translated_examples_as_they_are(tmp_path):
    from training.train_reader import prepare

    english = [QAExample.make(f"news-a-{i}-en", "How many comrades went to study in 2019?", CONTEXT + f" ({i})",
                              CONTEXT.index("15"), "15", "news-en", "en") for i in range(4)]
    write_jsonl(tmp_path / "en.jsonl", english)
    counts = prepare(tmp_path / "out", [], news=0, dev_share=0.0, seed=1, example_files=(tmp_path / "en.jsonl",))
    assert counts == {"train/news-en/en/answerable": 4}
    assert {ex.qid for ex in read_jsonl(tmp_path / "out" / "train.jsonl")} == {ex.qid for ex in english}


def test_the_chat_translator_waits_for_a_local_server_still_loading(monkeypatch):
    import time

    class ConnectError(Exception):
        pass

    class Chat:
        calls = 0

        def invoke(self, messages):
            self.calls += 1
            if self.calls == 1:
                raise ConnectError("refused")
            assert messages[-1][1] == "<question>Ai là chủ tịch?</question>"
            return type("Reply", (), {"content": "Who is the chairman?"})()

    class Broken:
        def invoke(self, messages):
            raise ValueError("not a connection error")

    sleeps: list[float] = []
    monkeypatch.setattr(time, "sleep", sleeps.append)
    chat = Chat()
    assert ChatTranslator(chat).translate("Ai là chủ tịch?") == "Who is the chairman?"
    assert chat.calls == 2 and sleeps == [2.0]
    with pytest.raises(ValueError):
        ChatTranslator(Broken()).translate("Ai là chủ tịch?")


def test_a_timed_out_request_is_tried_again_even_past_the_wait(monkeypatch):
    """Slow replies on a busy machine must not end a run of hours: a timeout is retried up to
    TIMEOUT_TRIES times, even when it alone outlasted ``wait_s``; one more is raised."""
    import time

    class RequestTimeout(Exception):
        pass

    class Slow:
        def __init__(self, failures: int):
            self.failures, self.calls = failures, 0

        def invoke(self, messages):
            self.calls += 1
            if self.calls <= self.failures:
                raise RequestTimeout("timed out")
            return type("Reply", (), {"content": "Who is the chairman?"})()

    monkeypatch.setattr(time, "sleep", lambda s: None)
    from training.translate import TIMEOUT_TRIES

    slow = Slow(failures=TIMEOUT_TRIES)
    assert ChatTranslator(slow, wait_s=0.0).translate("Ai là chủ tịch?") == "Who is the chairman?"
    assert slow.calls == TIMEOUT_TRIES + 1
    with pytest.raises(RequestTimeout):
        ChatTranslator(Slow(failures=TIMEOUT_TRIES + 1), wait_s=0.0).translate("Ai là chủ tịch?")
