"""One server: the chat UI at ``/``, ``/api/ask`` and the OpenAI-compatible ``/v1`` routes.

Example::

    from qa import Assistant
    from server.app import serve
    serve(Assistant(), host="127.0.0.1", port=7860)
"""

from __future__ import annotations

import ipaddress
import sys
import threading
from typing import Any

import click
import gradio as gr
import uvicorn
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.routing import Mount

from qa.errors import ConfigError, QAError
from server import api, openai_api
from server.errors import qa_error_handler, validation_error_handler
from server.gate import ClientAddress, EndRemovedSessions, Gate
from ui.app import CSS, build_app
from ui.library import MIB


# questions answered at once, by the chat's queue and by the APIs each: the queue limit the load
# tests ran with (docs/RELIABILITY.md "Load"); more only makes questions share the same cores
CONCURRENCY = 4


def build_server(assistant: Any, *, gate: Gate | None = None) -> FastAPI:
    """The FastAPI app: API routes first, then the Gradio UI mounted at ``/``.

    The UI asks for a login when the gate has accounts; the APIs check each request's token.
    """
    gate = gate or Gate.from_settings(assistant.settings)
    app = FastAPI(title="vnqa", docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.assistant = assistant
    app.state.gate = gate
    app.state.ask_slots = threading.BoundedSemaphore(CONCURRENCY)
    app.add_exception_handler(QAError, qa_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.include_router(api.router)
    app.include_router(openai_api.router)
    blocks = build_app(assistant, language=assistant.settings.ui.language, account_of=gate.account)
    blocks.queue(default_concurrency_limit=CONCURRENCY)
    # Gradio's own upload route takes files before any handler runs: cap it at one upload's
    # limit (the per-file limit is then said in the chat by the upload handler)
    batch_bytes = int(assistant.settings.uploads.max_batch_mb * MIB)
    gr.mount_gradio_app(app, blocks, path="/", auth=None if gate.open else gate.login,
                        auth_message="vnqa: đăng nhập / sign in", css=CSS, show_error=False, footer_links=[],
                        max_file_size=batch_bytes)
    ui_app = next(r.app for r in app.routes if isinstance(r, Mount) and hasattr(r.app, "tokens"))
    app.add_middleware(EndRemovedSessions, gate=gate, sessions=ui_app.tokens)
    app.add_middleware(ClientAddress)
    return app


def is_loopback(host: str) -> bool:
    """Only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def check_exposure(host: str, gate: Gate) -> None:
    """Refuse to serve beyond this machine without accounts: anyone reaching the page could
    change the shared index."""
    if gate.open and not is_loopback(host):
        raise ConfigError(
            f"refusing to serve on {host} without accounts: anyone who can reach it could upload or remove "
            "articles. Create an editor first (`qa users add NAME --role editor`), or serve on 127.0.0.1")


def serve(assistant: Any, *, host: str, port: int) -> None:
    """Run the server until interrupted (after :func:`check_exposure`)."""
    gate = Gate.from_settings(assistant.settings)
    check_exposure(host, gate)
    app = build_server(assistant, gate=gate)
    login = "open (no accounts, this machine only)" if gate.open else f"login required ({gate.accounts.path})"
    click.echo(f"vnqa on http://{host}:{port}/  ·  {login}\n"
               f"API: POST /api/ask, POST /v1/chat/completions (OpenAI-compatible), docs at /api/docs", err=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
    uvicorn.Server(config).run()
    sys.stderr.flush()
