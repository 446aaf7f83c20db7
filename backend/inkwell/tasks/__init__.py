"""Background work: the queue and its runners. Jobs take plain, serialisable arguments so
any runner can carry them.

Runners: "rq" (Redis queue, the stack), "thread" (embedded mode), "eager" (unit tests).
While Redis is down, jobs that may run in-process (emails) fall back to a thread; the
others raise QueueUnavailable so the request can answer 503. Jobs that carry domain work
live with their service (services/exports.py); this package knows only how to run them.
"""

import functools
import logging
import threading

import redis
from flask import current_app
from rq import Queue

from ..extensions import db, redis_store

log = logging.getLogger(__name__)


class QueueUnavailable(Exception):
    pass


def job(func):
    """Mark a function as a job: it gets a clean database session whatever the runner."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        finally:
            db.session.remove()

    return wrapper


def rq_queue(connection=None):
    return Queue(current_app.config["RQ_QUEUE"], connection=connection or redis_store.client())


def enqueue(func, *args, job_id=None, fallback=True):
    runner = current_app.config["TASK_RUNNER"]
    if runner == "rq":
        try:
            return rq_queue().enqueue(func, *args, job_id=job_id, job_timeout=600)
        except redis.RedisError as error:
            if not fallback:
                raise QueueUnavailable(str(error)) from error
            log.warning("Redis unavailable; running %s in-process", func.__name__)
            runner = "thread"
    app = current_app._get_current_object()
    if runner == "eager":
        # Its own app context, so the job has its own database session, as in a worker.
        with app.app_context():
            return func(*args)

    def run():
        with app.app_context():
            try:
                func(*args)
            except Exception:
                log.exception("background job %s failed", func.__name__)

    thread = threading.Thread(target=run, name=f"job-{func.__name__}", daemon=True)
    thread.start()
    return thread
