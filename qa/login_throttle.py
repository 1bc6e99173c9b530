"""Slowing down password guessing, per account and per address.

After a failed login an account must wait before its next attempt (``delay_s``, doubling with
each further failure up to ``max_delay_s``); an attempt that comes sooner is refused without
looking at the password, so parallel guesses gain nothing. An address gets a few failures
free (a colleague mistyping; several people behind one office NAT) and is then slowed the
same way, so one machine cannot try many accounts either. A success clears both.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class _Strikes:
    failures: int = 0
    until: float = 0.0


class LoginThrottle:
    """Remembers failed logins in memory (one server process) and says when to refuse.

    Example::

        throttle = LoginThrottle(delay_s=1.0, max_delay_s=60.0, free_failures_per_address=10)
        if (wait := throttle.wait_s("lan", "10.0.0.7")) > 0: refuse(f"try again in {wait:.0f} s")
        ok = check_password(...)
        throttle.succeeded("lan", "10.0.0.7") if ok else throttle.failed("lan", "10.0.0.7")
    """

    def __init__(self, *, delay_s: float, max_delay_s: float, free_failures_per_address: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.delay_s = delay_s
        self.max_delay_s = max_delay_s
        self.free_failures_per_address = free_failures_per_address
        self.clock = clock
        self._accounts: dict[str, _Strikes] = {}
        self._addresses: dict[str, _Strikes] = {}
        self._lock = threading.Lock()

    def wait_s(self, account: str, address: str | None) -> float:
        """Seconds before this account, from this address, may try again (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [s.until - now for s in (self._accounts.get(account), self._addresses.get(address or ""))
                     if s is not None]
        return max([0.0, *waits])

    def failed(self, account: str, address: str | None) -> None:
        now = self.clock()
        with self._lock:
            self._strike(self._accounts, account, 0, now)
            self._strike(self._addresses, address or "", self.free_failures_per_address, now)

    def succeeded(self, account: str, address: str | None) -> None:
        with self._lock:
            self._accounts.pop(account, None)
            self._addresses.pop(address or "", None)

    def _strike(self, table: dict[str, _Strikes], key: str, free: int, now: float) -> None:
        strikes = table.setdefault(key, _Strikes())
        strikes.failures += 1
        over = strikes.failures - free
        if over > 0:
            strikes.until = now + min(self.max_delay_s, self.delay_s * 2 ** (over - 1))
