"""An OpenAI-compatible chat endpoint, so chat front-ends (Open WebUI, any OpenAI client) can use
vnqa as a model.

``POST /v1/chat/completions``: the last user message is the question, the earlier user
messages are the conversation's history (follow-ups such as "còn Móng Cái thì sao?" work).
The reply's content is the answer with its ``[n]`` markers followed by the numbered sources,
so a front-end that shows only text still shows them; the same citations come as structured
data in a top-level ``citations`` field (and ``vnqa``: the whole answer, as ``/api/ask``).

With ``"stream": true`` the reply comes as server-sent events in OpenAI's chunk format. The
answer is streamed once it is final: vnqa checks a generated answer against the passages
before showing it (and may replace it), so tokens are not sent before that check.

``GET /v1/models`` lists the one model, ``vnqa``.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any, Iterator, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from qa.accounts import Account
from qa.errors import BadInput
from qa.types import Answer
from server.deps import AskFn, asker, caller

MODEL = "vnqa"
SOURCES = {"vi": "Nguồn", "en": "Sources"}
# characters per streamed chunk: small enough that a front-end shows the text arriving
CHUNK_CHARS = 48


class Message(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        """The message's text (OpenAI allows a list of typed parts; only text parts count)."""
        if isinstance(self.content, list):
            return "\n".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    """The fields vnqa reads; the rest of OpenAI's (temperature, max_tokens …) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL
    messages: list[Message] = Field(..., min_length=1)
    stream: bool = False
    vnqa_mode: Literal["extractive", "llm"] | None = Field(None, description="vnqa's answer mode (default settings).")


router = APIRouter()


@router.get("/v1/models")
def models(account: Account = Depends(caller)) -> dict:  # noqa: ARG001 - the token is still required
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "vnqa"}]}


@router.post("/v1/chat/completions", response_model=None)
def chat_completions(body: ChatRequest, account: Account = Depends(caller),  # noqa: ARG001
                     run: AskFn = Depends(asker)) -> dict | StreamingResponse:
    asked = [m.text() for m in body.messages if m.role == "user" and m.text().strip()]
    if not asked:
        raise BadInput("the conversation has no user message to answer")
    answer = run(asked[-1], history=asked[:-1], mode=body.vnqa_mode)
    reply_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    content = reply_text(answer)
    extra = {"citations": [citation_dict(c) for c in answer.citations], "vnqa": answer.to_dict()}
    if body.stream:
        return StreamingResponse(_events(reply_id, created, content, extra), media_type="text/event-stream")
    return {
        "id": reply_id, "object": "chat.completion", "created": created, "model": MODEL,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        **extra,
    }


def reply_text(answer: Answer) -> str:
    """The answer with its ``[n]`` markers, then one line per cited source (title, source, date)."""
    if not answer.citations:
        return answer.text
    lines = [answer.text, "", f"{SOURCES.get(answer.language, 'Sources')}:"]
    for c in answer.citations:
        about = ", ".join(x for x in (c.source, (c.published or "")[:10]) if x)
        lines.append(f"[{c.number}] {c.title}" + (f" ({about})" if about else "") + f" - {c.doc_id}")
    return "\n".join(lines)


def citation_dict(c: Any) -> dict:
    return {"number": c.number, "doc_id": c.doc_id, "title": c.title, "passage": c.passage, "source": c.source,
            "published": c.published, "chunk_id": c.chunk_id, "span_start": c.span_start, "span_end": c.span_end}


def _events(reply_id: str, created: int, content: str, extra: dict) -> Iterator[str]:
    def chunk(delta: dict, finish: str | None = None, **more: Any) -> str:
        body = {"id": reply_id, "object": "chat.completion.chunk", "created": created, "model": MODEL,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **more}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for i in range(0, len(content), CHUNK_CHARS):
        yield chunk({"content": content[i:i + CHUNK_CHARS]})
    yield chunk({}, "stop", **extra)
    yield "data: [DONE]\n\n"
