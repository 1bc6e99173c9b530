"""What the chat does with 👍/👎 and a typed correction: plain functions, testable without a browser.

The chat keeps, per session, the answer behind each assistant message: :data:`Turns` maps the
message's position in the chat history (what Gradio's like event reports as ``index``) to a
:class:`Turn`. Messages without an answer (an error, the "question is empty" hint) have no
turn and cannot be rated. :func:`remember` adds a turn when an answer is finished;
:func:`record_like` stores, changes or takes back a rating; :func:`record_correction` attaches
the reader's right answer to the latest answer (a correction of an unrated answer rates it 👎).
Every function returns the new turns and a short note for ``gr.Info``; store errors
(:class:`qa.errors.QAError`) propagate for the app to show as ``gr.Error``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Protocol

from qa.feedback import Feedback, FeedbackStore, Rating
from qa.types import Answer

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "correction_label": "Câu trả lời đúng (không bắt buộc)",
        "correction_placeholder": "Nếu câu trả lời gần nhất sai, hãy nhập câu trả lời đúng…",
        "correction_button": "Gửi góp ý",
        "thanks_up": "Cảm ơn! Đã ghi nhận 👍.",
        "thanks_down": "Cảm ơn! Đã ghi nhận 👎. Bạn có thể nhập câu trả lời đúng bên dưới.",
        "retracted": "Đã bỏ đánh giá.",
        "correction_saved": "Đã lưu câu trả lời đúng cho: {question}",
        "not_an_answer": "Chỉ có thể đánh giá câu trả lời.",
        "no_answer_yet": "Hãy đặt một câu hỏi trước.",
        "empty_correction": "Hãy nhập câu trả lời đúng trước khi gửi.",
        "unsupported": "Loại phản hồi này chưa được hỗ trợ.",
    },
    "en": {
        "correction_label": "The right answer (optional)",
        "correction_placeholder": "If the latest answer is wrong, type the right one…",
        "correction_button": "Send correction",
        "thanks_up": "Thanks! Your 👍 is saved.",
        "thanks_down": "Thanks! Your 👎 is saved. You can type the right answer below.",
        "retracted": "Rating removed.",
        "correction_saved": "Correction saved for: {question}",
        "not_an_answer": "Only answers can be rated.",
        "no_answer_yet": "Ask a question first.",
        "empty_correction": "Type the right answer first.",
        "unsupported": "This kind of feedback is not supported yet.",
    },
}


class LikeEvent(Protocol):
    """The fields of ``gr.LikeData`` used here: ``index`` is the message's position in the history
    (a pair for two-dimensional components); ``liked`` is True (👍), False (👎), ``""`` when the
    reader clicks the chosen thumb again to take it back, or a custom feedback option's name."""

    index: int | tuple[int, int]
    liked: bool | str


@dataclass(frozen=True)
class Turn:
    """An answer shown in the chat and the rating stored for it, if any."""

    answer: Answer
    feedback_id: int | None = None
    rating: Rating | None = None


Turns = dict[int, Turn]


@dataclass(frozen=True)
class FeedbackUpdate:
    """The session's new turns, a note for the reader ("" for none) and what was stored."""

    turns: Turns
    note: str = ""
    feedback: Feedback | None = None


def remember(turns: Turns | None, history: list[dict[str, Any]], answer: Answer) -> Turns:
    """``turns`` with ``answer`` as the turn of the last message of ``history`` (the one showing it)."""
    return {**(turns or {}), len(history) - 1: Turn(answer)}


def _labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["vi"])


def record_like(store: FeedbackStore, like: LikeEvent, turns: Turns | None, *, user: str | None = None,
                language: str = "vi") -> FeedbackUpdate:
    """Store, change or take back the rating of the answer the reader clicked 👍/👎 under.

    Args:
        store: where ratings go.
        like: the ``gr.LikeData`` of the event.
        turns: the session's turns (:func:`remember`).
        user: the logged-in reader (``gr.Request.username``), None without login.
        language: of the note.
    """
    turns = dict(turns or {})
    lb = _labels(language)
    index = like.index[0] if isinstance(like.index, (list, tuple)) else like.index
    turn = turns.get(int(index))
    if turn is None:
        return FeedbackUpdate(turns, lb["not_an_answer"])
    if like.liked in ("", None):
        if turn.feedback_id is not None:
            store.remove(turn.feedback_id)
        turns[int(index)] = Turn(turn.answer)
        return FeedbackUpdate(turns, lb["retracted"])
    if not isinstance(like.liked, bool):
        return FeedbackUpdate(turns, lb["unsupported"])
    rating: Rating = "up" if like.liked else "down"
    if turn.feedback_id is None:
        stored = store.add(turn.answer, rating=rating, user=user)
    else:
        stored = store.rate(turn.feedback_id, rating)
    turns[int(index)] = replace(turn, feedback_id=stored.id, rating=rating)
    return FeedbackUpdate(turns, lb["thanks_up" if rating == "up" else "thanks_down"], stored)


def record_correction(store: FeedbackStore, text: str | None, turns: Turns | None, *, user: str | None = None,
                      language: str = "vi") -> FeedbackUpdate:
    """Attach the reader's right answer to the latest answer in the chat.

    A rated answer keeps its rating; an unrated one is stored as 👎 (a correction says it was
    wrong). Empty ``text`` or no answer yet stores nothing and says why.
    """
    turns = dict(turns or {})
    lb = _labels(language)
    text = (text or "").strip()
    if not turns:
        return FeedbackUpdate(turns, lb["no_answer_yet"])
    if not text:
        return FeedbackUpdate(turns, lb["empty_correction"])
    index = max(turns)
    turn = turns[index]
    if turn.feedback_id is None:
        stored = store.add(turn.answer, rating="down", correction=text, user=user)
    else:
        stored = store.set_correction(turn.feedback_id, text)
    turns[index] = replace(turn, feedback_id=stored.id, rating=stored.rating)
    question = turn.answer.interpreted_as or turn.answer.question
    return FeedbackUpdate(turns, lb["correction_saved"].format(question=question), stored)
