"""Readiness: whether this process can serve requests (the database, and Redis if used)."""

import redis
from sqlalchemy import text

from ..extensions import db, redis_store
from .errors import Unavailable


def redis_status():
    client = redis_store.client()
    if client is None:
        return "not configured"
    try:
        client.ping()
        return "ok"
    except redis.RedisError:
        return "down"


def readiness():
    """{"status", "database", "redis"} when ready; Unavailable naming the part that is not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        db.session.rollback()
        raise Unavailable("The database is unavailable.") from None
    redis_state = redis_status()
    if redis_state == "down":
        raise Unavailable("Redis is unavailable.")
    return {"status": "ok", "database": "ok", "redis": redis_state}
