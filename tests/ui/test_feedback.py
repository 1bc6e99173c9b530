"""👍/👎 and corrections from the chat, without a browser: real ``gr.LikeData`` and a real store."""

from types import SimpleNamespace

import gradio as gr
import pytest

from qa.errors import IndexNotFound
from qa.feedback import FeedbackStore, to_fixture
from qa.types import Answer, Citation
from tests.fakes import ScriptedAssistant
from ui.chat import respond
from ui.feedback import LABELS, Turn, record_correction, record_like, remember

PASSAGE = "Thành ủy Hà Nội đã luân chuyển 137 cán bộ từ đầu nhiệm kỳ; Sở Nội vụ chủ trì."
FIRST = Answer("Hà Nội đã luân chuyển bao nhiêu cán bộ?", "137 — «…luân chuyển 137 cán bộ…» [1]", False,
               [Citation(1, "001_hn", "Luân chuyển", PASSAGE, 0.8)], span="137", kind="number")
SECOND = Answer("Ai chủ trì?", "Sở Nội vụ — «Sở Nội vụ chủ trì» [1]", False,
                [Citation(1, "001_hn", "Luân chuyển", PASSAGE, 0.8)], span="Sở Nội vụ", kind="person")


@pytest.fixture
def store(tmp_path):
    return FeedbackStore(tmp_path / "feedback.sqlite")


def chat(*answers, turns=None, history=None):
    """Run questions through the real chat handler, remembering each finished answer as app.py does."""
    history, turns = list(history or []), dict(turns or {})
    for answer in answers:
        for update in respond(ScriptedAssistant(answer), answer.question, history):
            history = update.history
            if update.answer is not None:
                turns = remember(turns, update.history, update.answer)
    return history, turns


def like(index, liked, history=None):
    """The event Gradio 6 sends for a click on a message's thumb."""
    value = [history[index]["content"]] if history else ["…"]
    return gr.LikeData(None, {"index": index, "value": value, "liked": liked})


def test_answers_are_remembered_under_the_message_that_shows_them():
    history, turns = chat(FIRST, SECOND)
    assert sorted(turns) == [1, 3]
    assert history[1]["role"] == history[3]["role"] == "assistant"
    assert turns[1] == Turn(FIRST) and turns[3] == Turn(SECOND)


def test_a_thumb_stores_the_rating_of_that_answer_with_the_user(store):
    history, turns = chat(FIRST, SECOND)
    update = record_like(store, like(1, False, history), turns, user="lan", language="en")
    assert update.note == LABELS["en"]["thanks_down"]
    [fb] = store.list()
    assert (fb.question, fb.rating, fb.user, fb.span) == (FIRST.question, "down", "lan", "137")
    assert update.feedback == fb and update.turns[1] == Turn(FIRST, fb.id, "down") and update.turns[3] == Turn(SECOND)
    assert turns[1] == Turn(FIRST), "the given turns are not changed in place"


def test_changing_the_thumb_updates_the_same_rating_and_clicking_again_takes_it_back(store):
    history, turns = chat(FIRST)
    turns = record_like(store, like(1, True), turns).turns
    turns = record_like(store, like(1, False), turns).turns
    [fb] = store.list()
    assert fb.rating == "down" and turns[1].feedback_id == fb.id
    update = record_like(store, like(1, ""), turns)  # Gradio sends "" when the chosen thumb is clicked again
    assert store.list() == [] and update.turns[1] == Turn(FIRST) and update.note == LABELS["vi"]["retracted"]


def test_messages_without_an_answer_are_not_rated(store):
    history, turns = chat(FIRST)
    for update in respond(ScriptedAssistant(IndexNotFound("no index")), "còn Móng Cái?", history):
        history = update.history
    update = record_like(store, like(len(history) - 1, True, history), turns)
    assert update.note == LABELS["vi"]["not_an_answer"] and store.list() == []


def test_custom_feedback_options_are_not_stored(store):
    _, turns = chat(FIRST)
    update = record_like(store, like(1, "Sai nguồn"), turns, language="en")
    assert update.note == LABELS["en"]["unsupported"] and store.list() == []


def test_a_like_data_like_object_is_enough(store):
    _, turns = chat(FIRST)
    record_like(store, SimpleNamespace(index=1, liked=True), turns, user=None)
    assert store.list()[0].rating == "up" and store.list()[0].user is None


def test_a_correction_goes_to_the_latest_answer_and_rates_an_unrated_one_down(store):
    history, turns = chat(FIRST, SECOND)
    update = record_correction(store, "  Sở Nội vụ Hà Nội  ", turns, user="lan", language="en")
    [fb] = store.list()
    assert (fb.question, fb.rating, fb.correction, fb.user) == (SECOND.question, "down", "Sở Nội vụ Hà Nội", "lan")
    assert update.turns[3].feedback_id == fb.id and update.note == f"Correction saved for: {SECOND.question}"


def test_a_correction_after_a_thumb_is_attached_to_that_rating(store):
    history, turns = chat(FIRST)
    turns = record_like(store, like(1, False), turns).turns
    update = record_correction(store, "Sở Nội vụ", turns)
    [fb] = store.list()
    assert fb.rating == "down" and fb.correction == "Sở Nội vụ" and update.turns[1].rating == "down"
    assert to_fixture(fb)["answers"] == ["Sở Nội vụ"], "the stored correction exports as a fixture"


def test_a_correction_needs_text_and_an_answer(store):
    assert record_correction(store, "137", {}).note == LABELS["vi"]["no_answer_yet"]
    _, turns = chat(FIRST)
    assert record_correction(store, "   ", turns).note == LABELS["vi"]["empty_correction"]
    assert store.list() == []


def test_labels_exist_in_both_languages():
    assert LABELS["vi"].keys() == LABELS["en"].keys()
