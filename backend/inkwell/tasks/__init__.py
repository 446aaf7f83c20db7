"""Background work. Jobs take plain, serialisable arguments so any runner can carry them.

Runners: "eager" (inline, for unit tests), "thread" (embedded mode).
"""

import logging
import threading

from flask import current_app

log = logging.getLogger(__name__)


def enqueue(func, *args, **kwargs):
    runner = current_app.config["TASK_RUNNER"]
    if runner == "eager":
        return func(*args, **kwargs)
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            try:
                func(*args, **kwargs)
            except Exception:
                log.exception("background job %s failed", func.__name__)

    thread = threading.Thread(target=run, name=f"job-{func.__name__}", daemon=True)
    thread.start()
    return thread
