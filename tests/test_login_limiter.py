"""The brake on password guessing: a wait that grows after each wrong try, counted over all sessions, exact at
its boundaries, never a long lock, and safe with threads."""

from __future__ import annotations

import threading

import pytest

from ui.login_limiter import FIRST_WAIT_SECONDS, FORGET_SECONDS, FREE_TRIES, MAX_WAIT_SECONDS, LoginLimiter


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limiter(clock) -> LoginLimiter:
    return LoginLimiter(clock=clock)


def wrong_when_allowed(limiter: LoginLimiter, clock: Clock, times: int = 1):
    """`times` wrong tries, each as soon as it is allowed (as a guessing script would)."""
    verdict = None
    for _ in range(times):
        clock.now = max(clock.now, limiter.wait_until() or clock.now)
        verdict = limiter.attempt(lambda: False)
        assert verdict.checked
    return verdict


def test_the_defaults_are_three_free_tries_then_two_seconds_doubling_to_at_most_a_minute():
    assert (FREE_TRIES, FIRST_WAIT_SECONDS, MAX_WAIT_SECONDS, FORGET_SECONDS) == (3, 2, 60, 900)


@pytest.mark.parametrize(
    ("failures", "wait"),
    [(0, 0), (1, 0), (3, 0), (4, 2), (5, 4), (6, 8), (7, 16), (8, 32), (9, 60), (10, 60), (500, 60)],
)
def test_the_wait_doubles_and_stops_at_a_minute(limiter, failures, wait):
    assert limiter.wait_for(failures) == wait


def test_a_typo_or_two_costs_nothing(limiter, clock):
    for _ in range(FREE_TRIES):
        verdict = limiter.attempt(lambda: False)
        assert verdict.checked and not verdict.accepted and verdict.wait_until is None
    assert limiter.wait_until() is None
    assert limiter.attempt(lambda: True).accepted


def test_after_the_free_tries_a_try_during_the_wait_is_not_even_checked(limiter, clock):
    fourth = wrong_when_allowed(limiter, clock, FREE_TRIES + 1)
    assert fourth.failures == 4 and fourth.wait_until == clock.now + 2
    checked = []
    early = limiter.attempt(lambda: checked.append(1) or True)  # even the right password
    assert not early.accepted and not early.checked and early.wait_until == fourth.wait_until
    assert checked == []
    assert limiter.wait_until() == fourth.wait_until  # a try during the wait does not make it longer
    clock.now = fourth.wait_until - 0.001
    assert not limiter.attempt(lambda: True).accepted
    clock.now = fourth.wait_until
    assert limiter.wait_until() is None
    assert limiter.attempt(lambda: True).accepted


def test_no_stranger_can_lock_the_login_for_longer_than_a_minute(limiter, clock):
    """The old brake closed the login for everyone for 15 minutes after 10 wrong tries."""
    last = wrong_when_allowed(limiter, clock, 200)
    assert last.wait_until - clock.now == MAX_WAIT_SECONDS
    clock.now = last.wait_until
    assert limiter.attempt(lambda: True).accepted


def test_guessing_stays_slow_about_one_try_a_minute(limiter, clock):
    start = clock.now
    wrong_when_allowed(limiter, clock, 100)
    # 3 free, then 2 + 4 + 8 + 16 + 32 seconds, then a minute each.
    assert clock.now - start == 2 + 4 + 8 + 16 + 32 + 60 * (100 - FREE_TRIES - 6)
    day = 24 * 60 * 60
    assert day / MAX_WAIT_SECONDS <= 1_440  # tries a day at most, once the wait is at its longest


def test_a_right_password_starts_the_count_again(limiter, clock):
    wrong_when_allowed(limiter, clock, 8)
    clock.now = limiter.wait_until()
    assert limiter.attempt(lambda: True).accepted
    assert wrong_when_allowed(limiter, clock, FREE_TRIES).wait_until is None


def test_a_quiet_quarter_of_an_hour_starts_the_count_again(limiter, clock):
    wrong_when_allowed(limiter, clock, 8)
    clock.now += FORGET_SECONDS - 1
    assert wrong_when_allowed(limiter, clock).failures == 9  # not quiet long enough
    clock.now += FORGET_SECONDS
    assert limiter.wait_until() is None
    assert wrong_when_allowed(limiter, clock).failures == 1


def test_many_sessions_at_once_cannot_guess_faster_than_one_session():
    clock = Clock()
    limiter = LoginLimiter(clock=clock)
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
    # The clock stood still: only the free tries and the first that starts a wait were checked.
    assert len(checked) == FREE_TRIES + 1
    assert limiter.wait_until() == clock.now + FIRST_WAIT_SECONDS
