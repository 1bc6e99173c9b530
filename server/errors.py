"""vnqa's errors as HTTP answers: the status a client can act on and the one-line message."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from qa.errors import (BadInput, ConfigError, IndexMismatch, IndexNotFound, LLMUnavailable, ModelMissing,
                       QAError, StoreUnavailable)

class Unauthorized(QAError):
    """A missing or invalid API token (HTTP 401)."""


class Unavailable(QAError):
    """The server cannot do its part right now (its accounts file is unreadable): HTTP 503."""


# Fixable by the caller (400/403) or by whoever runs the server (503: retry later or ask them).
_STATUS: tuple[tuple[type[QAError], int], ...] = (
    (Unauthorized, 401), (Unavailable, 503), (BadInput, 400), (ConfigError, 400),
    (StoreUnavailable, 503), (IndexNotFound, 503), (IndexMismatch, 503), (ModelMissing, 503), (LLMUnavailable, 503),
)


def status_of(exc: QAError) -> int:
    return next((code for cls, code in _STATUS if isinstance(exc, cls)), 400)


def error_body(message: str, status: int) -> dict:
    """OpenAI's error shape, which OpenAI clients turn into readable exceptions; /api uses it too."""
    kind = {401: "authentication_error", 403: "permission_error", 503: "service_unavailable"}.get(
        status, "invalid_request_error")
    return {"error": {"message": message, "type": kind, "code": status}}


async def qa_error_handler(request: Request, exc: Exception) -> JSONResponse:  # noqa: ARG001 - FastAPI's signature
    assert isinstance(exc, QAError)
    status = status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(str(exc), status), status_code=status, headers=headers)


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:  # noqa: ARG001
    """A body that does not fit the route (a missing question, an unknown field): 422, in the
    same error shape as every other refusal, naming the fields."""
    assert isinstance(exc, RequestValidationError)
    where = "; ".join(f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}" for e in exc.errors())
    return JSONResponse(error_body(f"invalid request: {where}", 422), status_code=422)
