"""Flask-SocketIO's Redis manager, made to recover fast and say so (SPEC §13).

The stock manager backs off to 60 s between attempts to resubscribe after Redis goes away,
and what was published meanwhile is simply lost for this worker's sockets. Here the worker
tries again every RETRY_SECONDS, and once it is subscribed again it sends `resync` (no
payload) to every socket it holds: each catches up from the database by `since`, which is
the source of truth. Pushes that failed while Redis was down are not replayed one by one.

The listener also keeps a Redis client of its own. In the stock manager a failed publish
replaced the client and pubsub the listener was reading from: closing the old pool closed
the listener's connection (a needless resync), and a swap during subscribe() left the
listener spinning without yielding, which under eventlet hangs the whole worker.
"""

import logging

import socketio

from .room_index import RoomIndex

log = logging.getLogger(__name__)
NAMESPACE = "/"


class ResyncingRedisManager(RoomIndex, socketio.RedisManager):
    RETRY_SECONDS = 0.5
    PUBLISH_ATTEMPTS = 2

    def _new_client(self):
        return self._get_redis_module().Redis.from_url(self.redis_url, **self.redis_options)

    def _publish(self, data):
        # One client for publishing, made once: its connection pool reconnects by itself.
        if self.redis is None:
            self.redis = self._new_client()
        message = self.json.dumps(data)
        for attempt in range(1, self.PUBLISH_ATTEMPTS + 1):
            try:
                return self.redis.publish(self.channel, message)
            except Exception as error:
                if attempt == self.PUBLISH_ATTEMPTS:
                    log.warning("push not published (%s): clients catch up on resync", error)

    def _redis_listen_with_retries(self):
        link_lost = False
        while True:
            client = pubsub = None
            try:
                client = self._new_client()
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                if link_lost:
                    link_lost = False
                    log.warning("Socket.IO link to Redis is back; sockets resync")
                    self.resync_local_sockets()
                yield from pubsub.listen()
                raise ConnectionError("the subscription ended")
            except Exception as error:
                if not link_lost:  # one line per outage, not one per attempt
                    log.warning("Socket.IO link to Redis lost (%s); retrying", error)
                link_lost = True
                self.server.sleep(self.RETRY_SECONDS)
            finally:
                for closable in (pubsub, client):
                    if closable is not None:
                        try:
                            closable.close()
                        except Exception:  # the connection is already gone
                            log.debug("closing a dead Redis connection failed")

    def resync_local_sockets(self):
        """Tell every socket of this worker to catch up (nothing goes through Redis)."""
        try:
            self.server.emit("resync", namespace=NAMESPACE, ignore_queue=True)
        except Exception:  # a socket closing mid-emit must not stop the listener
            log.exception("resync emit failed")
