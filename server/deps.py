"""What every API route needs, as FastAPI dependencies: the calling account and the assistant.

Both are put on ``app.state`` by :func:`server.app.build_server`, so routes stay plain
functions and a test can build an app around a fake assistant.
"""

from __future__ import annotations

from typing import Any, Callable

from fastapi import Header, Request

from qa.accounts import Account
from server.errors import Unauthorized, Unavailable
from server.gate import Denied

AskFn = Callable[..., Any]


def caller(request: Request, authorization: str | None = Header(None)) -> Account:
    """The account of the request's bearer token (any account may ask); 401 without one."""
    found = request.app.state.gate.bearer(authorization)
    if isinstance(found, Denied):
        raise (Unauthorized if found.status == 401 else Unavailable)(found.message)
    return found


def asker(request: Request) -> AskFn:
    """The assistant's ``ask``, run on at most ``API_CONCURRENCY`` threads at once (as many as the
    UI's queue): API callers cannot crowd out the chat or the indexer on a small machine."""
    ask = request.app.state.assistant.ask
    limiter = request.app.state.ask_slots

    def limited(*args: Any, **kwargs: Any) -> Any:
        with limiter:
            return ask(*args, **kwargs)

    return limited
