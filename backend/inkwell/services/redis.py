"""The shared Redis connection, when REDIS_URL is configured."""

import functools

import redis
from flask import current_app


@functools.cache
def _client(url, blocking):
    # Requests must fail fast while Redis is down; the RQ worker blocks on BLPOP by design.
    return redis.Redis.from_url(
        url, socket_connect_timeout=1, socket_timeout=None if blocking else 2
    )


def redis_client(blocking=False):
    url = current_app.config["REDIS_URL"]
    return _client(url, blocking) if url else None


def redis_status():
    client = redis_client()
    if client is None:
        return "not configured"
    try:
        client.ping()
        return "ok"
    except redis.RedisError:
        return "down"
