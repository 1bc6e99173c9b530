from qa.login_throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(clock, free=2):
    return LoginThrottle(delay_s=1.0, max_delay_s=8.0, free_failures_per_address=free, clock=clock)


def test_an_account_waits_longer_after_each_failure_up_to_the_cap():
    clock = Clock()
    throttle = make(clock, free=100)
    waits = []
    for _ in range(6):
        throttle.failed("lan", "10.0.0.1")
        waits.append(throttle.wait_s("lan", "10.0.0.1"))
        clock.now += waits[-1]
    assert waits == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert throttle.wait_s("minh", "10.0.0.1") == 0  # another account from that address is not slowed yet


def test_an_address_gets_a_few_free_failures_then_is_slowed_for_every_account():
    clock = Clock()
    throttle = make(clock, free=2)
    throttle.failed("a", "10.0.0.9")
    throttle.failed("b", "10.0.0.9")
    assert throttle.wait_s("c", "10.0.0.9") == 0
    throttle.failed("c", "10.0.0.9")
    assert throttle.wait_s("d", "10.0.0.9") == 1.0
    assert throttle.wait_s("d", "10.0.0.10") == 0


def test_success_clears_both_and_the_wait_runs_out():
    clock = Clock()
    throttle = make(clock)
    throttle.failed("lan", "10.0.0.1")
    clock.now += 0.5
    assert throttle.wait_s("lan", "10.0.0.1") == 0.5
    clock.now += 0.5
    assert throttle.wait_s("lan", "10.0.0.1") == 0
    throttle.succeeded("lan", "10.0.0.1")
    throttle.failed("lan", "10.0.0.1")
    assert throttle.wait_s("lan", "10.0.0.1") == 1.0  # counting starts again
