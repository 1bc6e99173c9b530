"""Accounts of a shared deployment: who may read, who may change the articles, API tokens.

One JSON file under the data dir (``users.json``, mode 0600) holds, per account, its role,
an argon2id hash of its password and the sha256 of its API token: nothing in it lets anyone
log in without the password or token. ``qa serve`` asks for a login as soon as the file
exists; ``qa users add|list|remove|token`` edit it. Every change holds an exclusive lock on a
sibling ``.lock`` file and replaces the file whole, so two admins never interleave writes, and
a running server re-reads it when it changes, so a new account works without a restart.

Example::

    accounts = Accounts(settings.data_dir / "users.json")
    accounts.add("lan", "a long passphrase", role="editor")
    token = accounts.issue_token("lan")          # shown once; only its hash is kept
    accounts.verify("lan", "a long passphrase")  # -> Account(name='lan', role='editor', ...)
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Iterator, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from qa.errors import BadInput, ConfigError

Role = Literal["reader", "editor"]
ROLES: tuple[Role, ...] = ("reader", "editor")
MIN_PASSWORD_CHARS = 8
TOKEN_PREFIX = "vnqa_"
_NAME_RE = re.compile(r"[\w.@-]{1,64}", re.UNICODE)


@dataclass(frozen=True)
class Account:
    """One account as the server sees it (never its password or token)."""

    name: str
    role: Role
    created: str
    has_token: bool = False

    @property
    def can_edit(self) -> bool:
        """Editors add, replace and remove articles; readers only ask and read."""
        return self.role == "editor"

    @classmethod
    def local_editor(cls, name: str | None = None) -> "Account":
        """Whoever uses a server without accounts (a single-user machine): they may change the
        articles; ``name`` is what the audit log records (default ``local``)."""
        return cls(name=name or "local", role="editor", created="")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical_name(name: str) -> str:
    """The one form of an account name (trimmed, NFC): "Lân" typed decomposed is the same
    account, and the same key for the login throttle."""
    return _nfc(name.strip())


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    """The users file: add, remove, list, verify passwords, issue and check API tokens."""

    def __init__(self, path: Path, *, hasher: PasswordHasher | None = None) -> None:
        self.path = Path(path)
        self.hasher = hasher or PasswordHasher()
        self._cache: tuple[tuple[int, int, int], dict] | None = None
        self._cache_lock = threading.Lock()
        # verifying an unknown name costs what verifying a known one does, so timing does not
        # tell which names exist
        self._dummy_hash = self.hasher.hash(secrets.token_hex(16))

    def exists(self) -> bool:
        """True once an account has been created: the server then requires a login."""
        return self.path.is_file()

    # -- reading ---------------------------------------------------------------------------
    def _read(self) -> dict:
        """The file's content, re-read only when it changed on disk (a running server sees
        ``qa users add`` at once without parsing the file for every request)."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {"users": {}}
        with self._cache_lock:
            # the inode changes with every write (the file is replaced whole), so a rewrite of the
            # same size within one timestamp tick (a new token) is still seen
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            if self._cache and self._cache[0] == stamp:
                return self._cache[1]
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot read the users file {self.path}: {exc}; fix or remove it "
                                  "(then recreate accounts with `qa users add`)") from exc
            if not isinstance(data, dict) or not isinstance(data.get("users"), dict):
                raise ConfigError(f"the users file {self.path} is not a vnqa users file")
            self._cache = (stamp, data)
            return data

    def list(self) -> list[Account]:
        """Every account, by name."""
        return [self._account(name, entry) for name, entry in sorted(self._read()["users"].items())]

    def get(self, name: str) -> Account | None:
        entry = self._read()["users"].get(_nfc(name))
        return self._account(_nfc(name), entry) if entry else None

    @staticmethod
    def _account(name: str, entry: dict) -> Account:
        return Account(name=name, role=entry["role"], created=entry.get("created", ""),
                       has_token=bool(entry.get("token_sha256")))

    def verify(self, name: str, password: str) -> Account | None:
        """The account if ``password`` is its password, else None (unknown names included)."""
        entry = self._read()["users"].get(canonical_name(name))
        try:
            self.hasher.verify(entry["password"] if entry else self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return self._account(canonical_name(name), entry) if entry else None

    def for_token(self, token: str) -> Account | None:
        """The account whose API token this is, else None."""
        if not token or not token.startswith(TOKEN_PREFIX):
            return None
        digest = _token_digest(token)
        for name, entry in self._read()["users"].items():
            if secrets.compare_digest(entry.get("token_sha256") or "", digest):
                return self._account(name, entry)
        return None

    # -- writing ---------------------------------------------------------------------------
    @contextmanager
    def _editing(self) -> Iterator[dict]:
        """Read-modify-write under an exclusive lock; the file is replaced whole, mode 0600."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._cache = None
            data = self._read() if self.path.exists() else {"users": {}}
            data = json.loads(json.dumps(data))  # a private copy: the cached one stays intact on failure
            yield data
            tmp = self.path.with_name(self.path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
            os.replace(tmp, self.path)
            self._cache = None

    def add(self, name: str, password: str, *, role: Role) -> Account:
        """Create an account.

        Raises:
            BadInput: an invalid name, a short password, an unknown role, or a name taken.
        """
        name = canonical_name(name)
        if not _NAME_RE.fullmatch(name):
            raise BadInput(f"an account name is 1-64 letters, digits, '.', '_', '@' or '-', got {name!r}")
        if role not in ROLES:
            raise BadInput(f"role must be one of {', '.join(ROLES)}, got {role!r}")
        if len(password) < MIN_PASSWORD_CHARS:
            raise BadInput(f"a password needs at least {MIN_PASSWORD_CHARS} characters, got {len(password)}")
        with self._editing() as data:
            if name in data["users"]:
                raise BadInput(f"the account {name!r} already exists; remove it first (`qa users remove {name}`)")
            created = datetime.now(UTC).isoformat(timespec="seconds")
            data["users"][name] = {"role": role, "password": self.hasher.hash(password), "created": created}
        return Account(name=name, role=role, created=created)

    def remove(self, name: str) -> None:
        """Delete an account (its token stops working at once).

        Raises:
            BadInput: no such account.
        """
        name = canonical_name(name)
        with self._editing() as data:
            if data["users"].pop(name, None) is None:
                raise BadInput(f"there is no account {name!r}; `qa users list` shows them")

    def issue_token(self, name: str) -> str:
        """A new API token for ``name``; the previous one stops working. Only its hash is kept,
        so it is shown once.

        Raises:
            BadInput: no such account.
        """
        name = canonical_name(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self._editing() as data:
            if name not in data["users"]:
                raise BadInput(f"there is no account {name!r}; create it with `qa users add {name}`")
            data["users"][name]["token_sha256"] = _token_digest(token)
        return token
