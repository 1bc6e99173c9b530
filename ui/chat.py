"""The chat handler: a plain generator, testable without a server.

``respond`` takes the user's message and the history (OpenAI-style message dicts, as
Gradio's Chatbot uses) and yields ``(history, sources_html)`` pairs: first the question,
then the answer growing word by word, so the UI streams it. User-fixable errors become a
friendly message in the chat; they are never raised to Gradio as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from qa.errors import BadInput, QAError
from qa.types import Answer
from ui.i18n import LABELS
from ui.render import citations_html, escape_markdown

log = logging.getLogger(__name__)
History = list[dict[str, Any]]


def format_answer(answer: Answer, labels: dict[str, str]) -> str:
    """Chat text of an answer; abstentions are marked as such."""
    text = escape_markdown(answer.text)
    if answer.abstained:
        return f"⚠️ **{labels['abstained']}** — {text}"
    return text


def respond(assistant: Any, message: str, history: History | None, *, language: str = "vi",
            top_k: int | None = None) -> Iterator[tuple[History, str]]:
    labels = LABELS.get(language, LABELS["vi"])
    history = list(history or [])
    question = (message or "").strip()
    history.append({"role": "user", "content": escape_markdown(question) if question else "…"})
    if not question:
        history.append({"role": "assistant", "content": f"ℹ️ {labels['empty_question']}"})
        yield history, ""
        return
    yield history, ""
    try:
        answer = assistant.ask(question, k=top_k)
    except BadInput as exc:
        history.append({"role": "assistant", "content": f"ℹ️ {escape_markdown(str(exc))}"})
        yield history, ""
        return
    except QAError as exc:
        history.append({"role": "assistant", "content": f"❌ **{labels['error']}**: {escape_markdown(str(exc))}"})
        yield history, ""
        return
    full = format_answer(answer, labels)
    sources = citations_html(answer, labels=labels)
    words = full.split(" ")
    history.append({"role": "assistant", "content": ""})
    for i in range(1, len(words) + 1):
        history[-1] = {"role": "assistant", "content": " ".join(words[:i])}
        yield history, sources if i == len(words) else ""
