"""Flask-SocketIO's Redis manager, made to recover fast and say so (SPEC §13).

The stock manager backs off to 60 s between attempts to resubscribe after Redis goes away,
and what was published meanwhile is simply lost for this worker's sockets. Here the worker
tries again every RETRY_SECONDS, and once it is subscribed again it sends `resync` (no
payload) to every socket it holds: each catches up from the database by `since`, which is
the source of truth. Pushes that failed while Redis was down are not replayed one by one.
"""

import logging

import socketio

log = logging.getLogger(__name__)
NAMESPACE = "/"


class ResyncingRedisManager(socketio.RedisManager):
    RETRY_SECONDS = 0.5

    def _redis_listen_with_retries(self):
        subscribed = False
        link_lost = False
        while True:
            try:
                if not subscribed:
                    self._redis_connect()
                    self.pubsub.subscribe(self.channel)
                    subscribed = True
                    if link_lost:
                        link_lost = False
                        log.warning("Socket.IO link to Redis is back; sockets resync")
                        self.resync_local_sockets()
                yield from self.pubsub.listen()
            except Exception as error:
                if not link_lost:  # one line per outage, not one per attempt
                    log.warning("Socket.IO link to Redis lost (%s); retrying", error)
                subscribed = False
                link_lost = True
                self.server.sleep(self.RETRY_SECONDS)

    def resync_local_sockets(self):
        """Tell every socket of this worker to catch up (nothing goes through Redis)."""
        try:
            self.server.emit("resync", namespace=NAMESPACE, ignore_queue=True)
        except Exception:  # a socket closing mid-emit must not stop the listener
            log.exception("resync emit failed")
