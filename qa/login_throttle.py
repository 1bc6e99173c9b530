"""Slowing down password guessing, per account and per address.

Every attempt counts as a failure the moment it starts (:meth:`LoginThrottle.attempt`) and is
taken back only when the password proves right, so guesses sent in parallel are slowed like
guesses sent one after another. After a failure the account must wait (``delay_s``, doubling
with each further failure up to ``max_delay_s``); an attempt that comes sooner is refused
without looking at the password. An address gets a few failures free (a colleague mistyping;
several people behind one office NAT) and is then slowed the same way, so one machine cannot
try many accounts either. Failures are forgotten ``forget_after_s`` after the last one, so a
slowed address or account recovers by itself; a success clears the account (not the address:
logging into one's own account must not reset a spray against others).
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
    last: float = 0.0


class LoginThrottle:
    """Remembers failed logins in memory (one server process) and says when to refuse.

    Example::

        throttle = LoginThrottle(delay_s=1.0, max_delay_s=60.0, free_failures_per_address=10)
        if throttle.attempt("lan", "10.0.0.7") > 0: refuse()       # still waiting
        elif check_password(...): throttle.succeeded("lan", "10.0.0.7")
    """

    def __init__(self, *, delay_s: float, max_delay_s: float, free_failures_per_address: int,
                 forget_after_s: float = 900.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.delay_s = delay_s
        self.max_delay_s = max_delay_s
        self.free_failures_per_address = free_failures_per_address
        self.forget_after_s = forget_after_s
        self.clock = clock
        self._accounts: dict[str, _Strikes] = {}
        self._addresses: dict[str, _Strikes] = {}
        self._lock = threading.Lock()

    def attempt(self, account: str, address: str | None) -> float:
        """0 when this attempt may check its password now (it is counted as failed until
        :meth:`succeeded`), else the seconds to wait (nothing is counted)."""
        now = self.clock()
        with self._lock:
            strikes = [self._current(self._accounts, account, now), self._current(self._addresses, address or "", now)]
            wait = max([0.0, *(s.until - now for s in strikes if s is not None)])
            if wait > 0:
                return wait
            self._strike(self._accounts, account, 0, now)
            self._strike(self._addresses, address or "", self.free_failures_per_address, now)
            return 0.0

    def wait_s(self, account: str, address: str | None) -> float:
        """Seconds before this account, from this address, may try again (0: now)."""
        now = self.clock()
        with self._lock:
            strikes = [self._current(self._accounts, account, now), self._current(self._addresses, address or "", now)]
            return max([0.0, *(s.until - now for s in strikes if s is not None)])

    def succeeded(self, account: str, address: str | None) -> None:
        """The password was right: the account is clear; the address's count loses this attempt."""
        with self._lock:
            self._accounts.pop(account, None)
            strikes = self._addresses.get(address or "")
            if strikes is not None:
                strikes.failures = max(0, strikes.failures - 1)
                if strikes.failures <= self.free_failures_per_address:
                    strikes.until = 0.0

    def _current(self, table: dict[str, _Strikes], key: str, now: float) -> _Strikes | None:
        strikes = table.get(key)
        if strikes is not None and now - strikes.last > self.forget_after_s and now >= strikes.until:
            del table[key]
            return None
        return strikes

    def _strike(self, table: dict[str, _Strikes], key: str, free: int, now: float) -> None:
        strikes = self._current(table, key, now) or table.setdefault(key, _Strikes())
        strikes.failures += 1
        strikes.last = now
        over = strikes.failures - free
        if over > 0:
            strikes.until = now + min(self.max_delay_s, self.delay_s * 2 ** (over - 1))
