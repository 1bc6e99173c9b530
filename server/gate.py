"""Who is asking: logins for the UI (slowed down after failures) and bearer tokens for the APIs.

The UI's login form is Gradio's own; :meth:`Gate.login` is the check it calls. Gradio does
not pass the caller's address, so :class:`ClientAddress` (an ASGI middleware on the outer app)
puts it in a context variable for the duration of each request.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from dataclasses import dataclass
from typing import Any

from starlette.requests import cookie_parser

from qa.accounts import Account, Accounts, canonical_name
from qa.errors import QAError
from qa.login_throttle import LoginThrottle
from qa.settings import Settings

log = logging.getLogger(__name__)
_ADDRESS: contextvars.ContextVar[str | None] = contextvars.ContextVar("vnqa_client_address", default=None)


class ClientAddress:
    """ASGI middleware: remember the client's address while its request is handled."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        token = _ADDRESS.set((scope.get("client") or (None,))[0]) if scope["type"] == "http" else None
        try:
            await self.app(scope, receive, send)
        finally:
            if token is not None:
                _ADDRESS.reset(token)


class EndRemovedSessions:
    """ASGI middleware: a request carrying the UI session of an account that no longer exists
    loses that session first, so Gradio answers it as logged out (its sessions otherwise last
    until the server restarts, whatever happens to the account)."""

    def __init__(self, app: Any, *, gate: "Gate", sessions: dict[str, str]) -> None:
        self.app = app
        self.gate = gate
        self.sessions = sessions  # Gradio's session token -> user name (``App.tokens``)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket") and not self.gate.open:
            header = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"cookie"), "")
            for name, value in cookie_parser(header).items():
                user = self.sessions.get(value) if name.startswith("access-token") else None
                try:
                    gone = user is not None and self.gate.account(user) is None
                except QAError:  # an unreadable accounts file: logins fail; sessions are left be
                    gone = False
                if gone:
                    self.sessions.pop(value, None)
        await self.app(scope, receive, send)


@dataclass(frozen=True)
class Denied:
    """Why an API request was refused (HTTP status and a message that says what to do)."""

    status: int
    message: str


class Gate:
    """Accounts and the login throttle of one server process.

    ``open`` (no users file when the server started): everyone is an editor, as on a
    single-user machine; the server then listens on loopback only (:func:`server.app.serve`).
    """

    def __init__(self, accounts: Accounts, throttle: LoginThrottle) -> None:
        self.accounts = accounts
        self.throttle = throttle
        self.open = not accounts.exists()

    @classmethod
    def from_settings(cls, settings: Settings) -> "Gate":
        a = settings.auth
        return cls(Accounts(settings.users_path),
                   LoginThrottle(delay_s=a.login_delay_s, max_delay_s=a.login_max_delay_s,
                                 free_failures_per_address=a.free_failures_per_address,
                                 forget_after_s=a.forget_failures_after_s))

    async def login(self, username: str, password: str) -> bool:
        """Gradio's auth check: refused at once while throttled, else the password is verified
        (argon2 takes tens of milliseconds: off the event loop)."""
        name, address = canonical_name(username), _ADDRESS.get()
        if self.throttle.attempt(name, address) > 0:
            return False
        try:
            account = await asyncio.to_thread(self.accounts.verify, name, password)
        except QAError:
            log.exception("cannot check a login")
            return False
        if account is None:
            return False
        self.throttle.succeeded(name, address)
        return True

    def account(self, username: str | None) -> Account | None:
        """The logged-in UI user's account now (None once removed: a session outlives no account).

        In open mode everyone acts as a local editor.
        """
        if self.open:
            return Account.local_editor(username)
        return self.accounts.get(username) if username else None

    def bearer(self, authorization: str | None) -> Account | Denied:
        """The account an ``Authorization: Bearer …`` header belongs to, or why not."""
        if self.open and not self.accounts.exists():
            return Account.local_editor("api")
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return Denied(401, "an API token is required: send `Authorization: Bearer <token>`; "
                               "`qa users token NAME` prints one")
        try:
            account = self.accounts.for_token(token.strip())
        except QAError:
            log.exception("cannot check an API token")
            return Denied(503, "the server cannot read its accounts right now; tell its administrator")
        if account is None:
            return Denied(401, "this API token is not valid (revoked or mistyped); "
                               "`qa users token NAME` prints a new one")
        return account
