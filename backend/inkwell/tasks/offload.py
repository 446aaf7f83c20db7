"""CPU-bound work off the event loop.

An eventlet worker runs every request and socket of its process in one OS thread: a second
spent decoding a photo there is a second in which none of them moves. `run_blocking` hands
such work to eventlet's pool of real threads (Pillow releases the GIL while it decodes,
resizes and encodes) and waits for it cooperatively; elsewhere (threading mode, the RQ
worker, the tests) it simply calls the function.
"""

import sys


def run_blocking(func, *args):
    eventlet = sys.modules.get("eventlet")
    if eventlet is not None:
        from eventlet import patcher, tpool

        if patcher.is_monkey_patched("thread"):
            return tpool.execute(func, *args)
    return func(*args)
