"""The chat handler: a plain generator, testable without a server.

``respond`` takes the user's message and the history (OpenAI-style message dicts, as
Gradio's Chatbot uses) and yields :class:`ChatUpdate` values: first the question, then the
answer growing word by word so the UI streams it, and last the finished :class:`Answer`.
The user's earlier questions are passed to the assistant so follow-ups ("còn Móng Cái thì
sao?") are understood. User-fixable errors become a friendly chat message, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from qa.errors import BadInput, QAError
from qa.filters import NewsFilter
from qa.types import Answer
from ui.i18n import LABELS
from ui.render import escape_markdown, unescape_markdown

log = logging.getLogger(__name__)
History = list[dict[str, Any]]


@dataclass
class ChatUpdate:
    history: History
    answer: Answer | None = None


def format_answer(answer: Answer, labels: dict[str, str]) -> str:
    """Chat text of an answer; abstentions are marked as such, reinterpretations and fallbacks shown."""
    text = escape_markdown(answer.text)
    if answer.fallback:
        text = f"{text}\n\n_({labels['fallback']}: {escape_markdown(answer.fallback)})_"
    if answer.abstained:
        text = f"⚠️ **{labels['abstained']}** — {text}"
    if answer.interpreted_as:
        text = f"_{labels['understood']}: {escape_markdown(answer.interpreted_as)}_\n\n{text}"
    narrowed = describe_filter(answer.news_filter, labels) if answer.news_filter else answer.filtered_by
    if narrowed:
        text = f"{text}\n\n_{labels['filtered']}: {escape_markdown(narrowed)}_"
    return text


def describe_filter(news_filter: NewsFilter, labels: dict[str, str]) -> str:
    """The filter in the interface's language ("bài đăng từ 01/01/2019 đến 31/12/2020 hoặc không
    ghi ngày"): ``Answer.filtered_by`` is English, for scripts."""
    day = labels["date_format"]
    since = news_filter.since.strftime(day) if news_filter.since else None
    until = news_filter.until.strftime(day) if news_filter.until else None
    parts = []
    if since or until:
        key = "filter_between" if since and until else "filter_since" if since else "filter_until"
        period = labels[key].format(since=since, until=until)
        parts.append(f"{period} {labels['filter_undated']}" if news_filter.keep_undated else period)
    if news_filter.sources:
        key = "filter_source" if len(news_filter.sources) == 1 else "filter_sources"
        parts.append(labels[key].format(sources=", ".join(news_filter.sources)))
    return ", ".join(parts)


def previous_questions(history: History) -> list[str]:
    """The user's earlier questions, as typed (the chat shows them Markdown-escaped)."""
    return [unescape_markdown(message_text(m)) for m in history if m.get("role") == "user"]


def message_text(message: dict[str, Any]) -> str:
    """Text of a chat message; Gradio 6 sends content back as a list of typed parts."""
    content = message.get("content", "")
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict) and p.get("type") == "text")
    return str(content)


def respond(assistant: Any, message: str, history: History | None, *, language: str = "vi",
            top_k: int | None = None, mode: str | None = None, since: str | None = None,
            until: str | None = None, sources: list[str] | None = None) -> Iterator[ChatUpdate]:
    """The chat's reply to ``message``, as successive updates (the question, then the answer
    word by word). ``since``/``until`` (``YYYY-MM-DD``) and ``sources`` narrow the articles
    answered from; a bad date is said in the chat like any other bad input."""
    news = {k: v for k, v in (("since", since), ("until", until), ("sources", sources)) if v}
    labels = LABELS.get(language, LABELS["vi"])
    history = list(history or [])
    asked_before = previous_questions(history)
    question = (message or "").strip()
    history.append({"role": "user", "content": escape_markdown(question) if question else "…"})
    if not question:
        history.append({"role": "assistant", "content": f"ℹ️ {labels['empty_question']}"})
        yield ChatUpdate(history)
        return
    yield ChatUpdate(history)
    try:
        answer = None
        if hasattr(assistant, "stream"):
            generated = ""
            for piece in assistant.stream(question, k=top_k, history=asked_before, mode=mode, **news):
                if isinstance(piece, Answer):
                    answer = piece
                    break
                generated += piece  # text an answerer streams (the LLM reader yields none); replaced below
                yield ChatUpdate(history + [{"role": "assistant", "content": escape_markdown(generated) + " ▌"}])
        else:
            answer = assistant.ask(question, k=top_k, history=asked_before, **news)
    except BadInput as exc:
        history.append({"role": "assistant", "content": f"ℹ️ {escape_markdown(str(exc))}"})
        yield ChatUpdate(history)
        return
    except QAError as exc:
        history.append({"role": "assistant", "content": f"❌ **{labels['error']}**: {escape_markdown(str(exc))}"})
        yield ChatUpdate(history)
        return
    except Exception:  # noqa: BLE001 - a bug must not show the user a traceback; it is logged
        log.exception("answering %r failed", question)
        history.append({"role": "assistant", "content": f"❌ **{labels['error']}**."})
        yield ChatUpdate(history)
        return
    words = format_answer(answer, labels).split(" ")
    history.append({"role": "assistant", "content": ""})
    for i in range(1, len(words) + 1):
        history[-1] = {"role": "assistant", "content": " ".join(words[:i])}
        yield ChatUpdate(history, answer if i == len(words) else None)
