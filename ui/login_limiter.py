"""A process-wide brake on password guessing for Beheer: after a few wrong tries in a row, every next try
waits a little longer (2, 4, 8 … seconds, at most a minute). A right password or a quiet quarter of an hour
starts it from the beginning again.

Why a growing wait and not a hard lock: the old brake locked the login for everyone for 15 minutes after
10 wrong tries, so any stranger could shut all coordinators out with 10 guesses. Now a stranger who stops
guessing holds nobody up for more than a minute, while guessing stays slow: at most about one try a minute,
some 1,440 a day, far too few for a password of 12 characters or more.

Why it still counts every session together: a new session costs nothing, so counting per session would
buy a new guess per browser tab. Counting per visitor needs to know who is who, and Streamlit cannot tell
reliably: `st.context.ip_address` is documented as "should not be used for security measures", and behind
the reverse proxy of the README every visitor has the proxy's address. The price: while someone keeps on
guessing, a coordinator may have to wait up to a minute per try too (and a script that tries the very
moment the wait ends can keep taking that turn). That lasts only as long as the guessing does, and it
shows in the server log; logging in with the organisation's own accounts (OIDC) has no shared password to
guess at all.

It holds only times and a count of wrong tries: no password, no name, nothing about anyone.
Pure Python (no Streamlit) with an injectable clock, so the boundaries can be tested.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

FREE_TRIES = 3  # wrong tries in a row without any wait: a typo costs a coordinator nothing
FIRST_WAIT_SECONDS = 2.0
MAX_WAIT_SECONDS = 60.0
FORGET_SECONDS = 15 * 60  # this long without a wrong try, and the count starts at zero again


@dataclass(frozen=True)
class Verdict:
    """The outcome of one try.

    `checked` is False when the try came during a wait: then the password was not even compared and the try
    does not count. `wait_until` is when the next try is allowed (a clock time), or None when it is allowed
    at once. `failures` is the number of wrong tries in a row, this one included.
    """

    accepted: bool
    checked: bool = True
    wait_until: float | None = None
    failures: int = 0


class LoginLimiter:
    """Counts wrong tries in a row over every session; beyond `free_tries` each one makes the next try wait,
    `first_wait` seconds and twice as long each time, never longer than `max_wait`."""

    def __init__(
        self,
        free_tries: int = FREE_TRIES,
        first_wait: float = FIRST_WAIT_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
        forget: float = FORGET_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.free_tries = free_tries
        self.first_wait = first_wait
        self.max_wait = max_wait
        self.forget = forget
        self._clock = clock
        self._failures = 0
        self._last_failure: float | None = None
        self._next_try: float | None = None
        self._lock = threading.Lock()

    def wait_for(self, failures: int) -> float:
        """The wait after `failures` wrong tries in a row (0 for the free ones)."""
        beyond = failures - self.free_tries
        if beyond <= 0:
            return 0.0
        return min(self.first_wait * 2 ** min(beyond - 1, 32), self.max_wait)

    def wait_until(self) -> float | None:
        """When a try is allowed again (a clock time), or None when a try is allowed now."""
        with self._lock:
            return self._waiting(self._clock())

    def attempt(self, verify: Callable[[], bool]) -> Verdict:
        """Check one try with `verify` (a fast, constant-time comparison), unless it has to wait.

        Checking and counting happen under one lock, so sessions that try at the same moment cannot slip
        extra guesses in between.
        """
        with self._lock:
            now = self._clock()
            waiting = self._waiting(now)
            if waiting is not None:
                return Verdict(accepted=False, checked=False, wait_until=waiting, failures=self._failures)
            if verify():
                self._failures, self._last_failure, self._next_try = 0, None, None
                return Verdict(accepted=True)
            self._failures += 1
            self._last_failure = now
            wait = self.wait_for(self._failures)
            self._next_try = now + wait if wait else None
            return Verdict(accepted=False, wait_until=self._next_try, failures=self._failures)

    def _waiting(self, now: float) -> float | None:
        if self._last_failure is not None and now - self._last_failure >= self.forget:
            self._failures, self._last_failure, self._next_try = 0, None, None
        if self._next_try is not None and now >= self._next_try:
            self._next_try = None
        return self._next_try
