"""CPU-bound work off the event loop.

An eventlet worker runs every request and socket of its process in one OS thread: a second
spent decoding a photo there is a second in which none of them moves. `run_blocking` hands
such work to eventlet's pool of real threads (Pillow releases the GIL while it decodes,
resizes and encodes) and waits for it cooperatively; elsewhere (threading mode, the RQ
worker, the tests) it simply calls the function.

At most one job per CPU runs at once; the others wait their turn (cooperatively, under
eventlet). More would not finish sooner on a CPU-bound job, but each would hold a decoded
picture in memory meanwhile: 8 simultaneous 12-megapixel uploads took a worker to 820 MB.
"""

import os
import sys
import threading

AT_ONCE = max(1, os.cpu_count() or 1)
_slots = {}


def _slot():
    # Made on first use, after serve.py's monkey patching: under eventlet this is a green
    # semaphore, so a waiting request yields instead of blocking the worker.
    if "semaphore" not in _slots:
        _slots["semaphore"] = threading.BoundedSemaphore(AT_ONCE)
    return _slots["semaphore"]


def run_blocking(func, *args):
    with _slot():
        eventlet = sys.modules.get("eventlet")
        if eventlet is not None:
            from eventlet import patcher, tpool

            if patcher.is_monkey_patched("thread"):
                return tpool.execute(func, *args)
        return func(*args)
