"""A process-wide brake on password guessing for Beheer: too many wrong tries lock the login for a while.

It counts wrong tries of every session together, so opening more sessions does not buy more guesses.
It holds only the times of wrong tries: no password, no name, nothing about anyone.
Pure Python (no Streamlit) with an injectable clock, so the boundaries can be tested.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60
LOCKOUT_SECONDS = 15 * 60


@dataclass(frozen=True)
class Verdict:
    """The outcome of one try: accepted, or refused (`locked_until` says until when, if locked)."""

    accepted: bool
    locked_until: float | None = None
    new_lockout: bool = False  # this very try started the lockout


class LoginLimiter:
    """After `max_failures` wrong tries within `window` seconds, every try is refused for `lockout` seconds."""

    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        window: float = WINDOW_SECONDS,
        lockout: float = LOCKOUT_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.lockout = lockout
        self._clock = clock
        self._failures: deque[float] = deque()
        self._locked_until: float | None = None
        self._lock = threading.Lock()

    def locked_until(self) -> float | None:
        """When tries are allowed again (a clock time), or None when a try is allowed now."""
        with self._lock:
            return self._current_lock(self._clock())

    def attempt(self, verify: Callable[[], bool]) -> Verdict:
        """Check one try with `verify` (a fast, constant-time comparison), unless tries are locked.

        Checking and counting happen under one lock, so sessions that try at the same moment cannot
        slip extra guesses in between.
        """
        with self._lock:
            now = self._clock()
            locked = self._current_lock(now)
            if locked is not None:
                return Verdict(accepted=False, locked_until=locked)
            if verify():
                return Verdict(accepted=True)
            self._failures.append(now)
            while self._failures[0] <= now - self.window:
                self._failures.popleft()
            if len(self._failures) < self.max_failures:
                return Verdict(accepted=False)
            self._failures.clear()
            self._locked_until = now + self.lockout
            return Verdict(accepted=False, locked_until=self._locked_until, new_lockout=True)

    def _current_lock(self, now: float) -> float | None:
        if self._locked_until is not None and now >= self._locked_until:
            self._locked_until = None
        return self._locked_until
