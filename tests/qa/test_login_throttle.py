from qa.login_throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(clock, free=2, forget=900.0):
    return LoginThrottle(delay_s=1.0, max_delay_s=8.0, free_failures_per_address=free, forget_after_s=forget,
                         clock=clock)


def test_an_account_waits_longer_after_each_failure_up_to_the_cap():
    clock = Clock()
    throttle = make(clock, free=100)
    waits = []
    for _ in range(6):
        assert throttle.attempt("lan", "10.0.0.1") == 0  # a wrong password: never taken back
        waits.append(throttle.wait_s("lan", "10.0.0.1"))
        clock.now += waits[-1]
    assert waits == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert throttle.wait_s("minh", "10.0.0.1") == 0  # another account from that address is not slowed yet


def test_attempts_in_flight_count_so_parallel_guesses_are_refused():
    throttle = make(Clock(), free=100)
    assert throttle.attempt("lan", "10.0.0.1") == 0  # being verified
    assert throttle.attempt("lan", "10.0.0.1") == 1.0  # a second guess sent meanwhile: refused unread
    assert throttle.attempt("lan", "10.0.0.2") == 1.0  # from another address too


def test_an_address_gets_a_few_free_failures_then_is_slowed_for_every_account():
    clock = Clock()
    throttle = make(clock, free=2)
    throttle.attempt("a", "10.0.0.9")
    throttle.attempt("b", "10.0.0.9")
    assert throttle.wait_s("c", "10.0.0.9") == 0
    throttle.attempt("c", "10.0.0.9")
    assert throttle.wait_s("d", "10.0.0.9") == 1.0
    assert throttle.wait_s("d", "10.0.0.10") == 0


def test_logging_into_ones_own_account_does_not_reset_a_spray_from_that_address():
    clock = Clock()
    throttle = make(clock, free=2)
    for victim in ("a", "b", "c"):
        throttle.attempt(victim, "10.0.0.9")
    clock.now += 1.0
    assert throttle.attempt("me", "10.0.0.9") == 0
    throttle.succeeded("me", "10.0.0.9")
    assert throttle.wait_s("d", "10.0.0.9") > 0, "three failures remain: still over the free two"


def test_success_clears_the_account_and_failures_are_forgotten_after_a_while():
    clock = Clock()
    throttle = make(clock, forget=60.0)
    throttle.attempt("lan", "10.0.0.1")
    clock.now += 0.5
    assert throttle.wait_s("lan", "10.0.0.1") == 0.5
    clock.now += 0.5
    assert throttle.attempt("lan", "10.0.0.1") == 0
    throttle.succeeded("lan", "10.0.0.1")
    assert throttle.wait_s("lan", "10.0.0.1") == 0
    throttle.attempt("lan", "10.0.0.1")
    throttle.attempt("lan", "10.0.0.1")  # refused: the wait runs
    clock.now += 61.0
    throttle.attempt("lan", "10.0.0.1")
    assert throttle.wait_s("lan", "10.0.0.1") == 1.0  # the old failure was forgotten: counting starts again
