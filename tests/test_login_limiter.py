"""The brake on password guessing: counted over all sessions, exact at its boundaries, safe with threads."""

from __future__ import annotations

import threading

import pytest

from ui.login_limiter import LOCKOUT_SECONDS, MAX_FAILURES, WINDOW_SECONDS, LoginLimiter


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def wrong(limiter: LoginLimiter, times: int = 1):
    return [limiter.attempt(lambda: False) for _ in range(times)][-1]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limiter(clock) -> LoginLimiter:
    return LoginLimiter(clock=clock)


def test_the_defaults_are_ten_tries_in_fifteen_minutes_then_fifteen_minutes_locked():
    assert (MAX_FAILURES, WINDOW_SECONDS, LOCKOUT_SECONDS) == (10, 900, 900)


def test_nine_wrong_tries_still_allow_a_right_one(limiter):
    assert wrong(limiter, 9).locked_until is None
    assert limiter.locked_until() is None
    assert limiter.attempt(lambda: True).accepted


def test_the_tenth_wrong_try_locks_and_the_eleventh_is_not_even_checked(limiter, clock):
    wrong(limiter, 9)
    tenth = wrong(limiter)
    assert tenth.new_lockout and tenth.locked_until == clock.now + LOCKOUT_SECONDS
    checked = []
    eleventh = limiter.attempt(lambda: checked.append(1) or True)  # even the right password
    assert not eleventh.accepted and not eleventh.new_lockout
    assert eleventh.locked_until == tenth.locked_until
    assert checked == []


def test_tries_older_than_the_window_no_longer_count(limiter, clock):
    wrong(limiter, 5)
    clock.now += WINDOW_SECONDS - 1
    wrong(limiter, 4)
    clock.now += 1  # the first five are now exactly fifteen minutes old
    assert wrong(limiter).locked_until is None
    assert wrong(limiter).locked_until is None  # 6 in the window
    wrong(limiter, 3)
    assert wrong(limiter).new_lockout  # 10 in the window


def test_ten_tries_just_inside_the_window_lock(limiter, clock):
    wrong(limiter)
    clock.now += WINDOW_SECONDS - 0.001
    assert wrong(limiter, 9).new_lockout


def test_the_lockout_ends_after_fifteen_minutes_and_counting_starts_again(limiter, clock):
    until = wrong(limiter, 10).locked_until
    clock.now = until - 0.001
    assert limiter.locked_until() == until
    assert not limiter.attempt(lambda: True).accepted
    clock.now = until
    assert limiter.locked_until() is None
    assert wrong(limiter, 9).locked_until is None  # the tries before the lockout are forgotten
    assert limiter.attempt(lambda: True).accepted
    assert wrong(limiter).new_lockout


def test_many_sessions_at_once_get_ten_guesses_in_total():
    limiter = LoginLimiter()
    checked = []
    lock = threading.Lock()
    start = threading.Barrier(16)

    def guess() -> bool:
        with lock:
            checked.append(1)
        return False

    def session() -> None:
        start.wait()
        for _ in range(20):
            limiter.attempt(guess)

    threads = [threading.Thread(target=session) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == MAX_FAILURES
    assert limiter.locked_until() is not None
