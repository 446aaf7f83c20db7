"""tasks.offload: CPU-bound jobs (picture decoding) run at most one per CPU at once, so a
burst of uploads waits its turn instead of holding every decoded picture in memory together."""

import threading

import pytest

from inkwell.tasks import offload


def test_a_job_waits_while_every_slot_is_taken():
    entered = threading.Semaphore(0)
    release = threading.Event()
    extra_ran = threading.Event()

    def holding_job():
        entered.release()
        release.wait(timeout=30)

    holders = [
        threading.Thread(target=offload.run_blocking, args=(holding_job,))
        for _ in range(offload.AT_ONCE)
    ]
    for holder in holders:
        holder.start()
    for _ in holders:
        assert entered.acquire(timeout=10)  # every slot is now held
    extra = threading.Thread(target=offload.run_blocking, args=(extra_ran.set,))
    extra.start()
    assert not extra_ran.wait(timeout=0.3)  # it waits for a slot...
    release.set()
    assert extra_ran.wait(timeout=10)  # ...and runs as soon as one is free
    for thread in [*holders, extra]:
        thread.join(timeout=10)


def test_a_failing_job_gives_its_slot_back():
    def boom():
        raise ValueError("bad picture")

    for _ in range(offload.AT_ONCE + 1):
        with pytest.raises(ValueError):
            offload.run_blocking(boom)
    assert offload.run_blocking(lambda: 42) == 42
