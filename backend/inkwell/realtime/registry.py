"""Which sockets belong to which user and session family, across every API worker.

Rooms live in each worker's memory; to disconnect a session family or move a user's
sockets between rooms from any process we need their ids, so they are kept in Redis when
the stack runs one (in process memory in embedded mode).
"""

import threading

import redis

from ..extensions import redis_store
from .state import realtime_state

TTL_SECONDS = 24 * 3600


class MemoryRegistry:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_user = {}

    def add(self, user_id, session_id, sid):
        with self.lock:
            self.by_user.setdefault(user_id, {})[sid] = session_id

    def remove(self, user_id, sid):
        with self.lock:
            self.by_user.get(user_id, {}).pop(sid, None)

    def sockets(self, user_id):
        with self.lock:
            return dict(self.by_user.get(user_id, {}))

    def sockets_of_sessions(self, session_ids):
        wanted = set(session_ids)
        with self.lock:
            return [
                sid
                for sockets in self.by_user.values()
                for sid, session in sockets.items()
                if session in wanted
            ]


class RedisRegistry:
    def __init__(self, client):
        self.client = client

    @staticmethod
    def _user_key(user_id):
        return f"inkwell:sockets:user:{user_id}"

    @staticmethod
    def _session_key(session_id):
        return f"inkwell:sockets:session:{session_id}"

    def add(self, user_id, session_id, sid):
        pipe = self.client.pipeline()
        pipe.hset(self._user_key(user_id), sid, session_id)
        pipe.expire(self._user_key(user_id), TTL_SECONDS)
        pipe.sadd(self._session_key(session_id), sid)
        pipe.expire(self._session_key(session_id), TTL_SECONDS)
        pipe.execute()

    def remove(self, user_id, sid):
        session_id = self.client.hget(self._user_key(user_id), sid)
        pipe = self.client.pipeline()
        pipe.hdel(self._user_key(user_id), sid)
        if session_id:
            pipe.srem(self._session_key(session_id.decode()), sid)
        pipe.execute()

    def sockets(self, user_id):
        raw = self.client.hgetall(self._user_key(user_id))
        return {sid.decode(): session.decode() for sid, session in raw.items()}

    def sockets_of_sessions(self, session_ids):
        sids = []
        for session_id in session_ids:
            sids.extend(s.decode() for s in self.client.smembers(self._session_key(session_id)))
        return sids


def registry():
    client = redis_store.client()
    return RedisRegistry(client) if client is not None else realtime_state().memory_registry


REGISTRY_ERRORS = (redis.RedisError,)
