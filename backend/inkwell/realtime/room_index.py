"""Which rooms each socket is in, so that a disconnect costs its own rooms, not every room.

python-socketio (5.x, BaseManager.basic_disconnect) finds a leaving socket's rooms by copying
and scanning every room of the namespace: O(rooms) per disconnect, O(n²) when n sockets drop
together. Each socket here is in its own room, its user's room and often a feed room, so with
5 000 sockets the 5 000 disconnects after an nginx restart or a network cut kept a worker's
one thread busy for minutes, and its HTTP requests waited until nginx answered 504 (make bench:
the mixed load after the 5 000-client hold, p99 60 s). With this index the same burst takes a
fraction of a second.
"""

import socketio


class RoomIndex:
    """A mixin for a socketio manager class: keeps sid -> rooms beside the manager's own
    room -> sids, updated by the same three calls every join, leave and close goes through."""

    @property
    def _rooms_of(self):
        # (namespace, sid) -> its rooms, None (the manager's "connected" room) included. Made
        # on first use: the managers' constructors differ, and rooms are entered before
        # initialize() runs.
        return self.__dict__.setdefault("_room_index", {})

    def basic_enter_room(self, sid, namespace, room, eio_sid=None):
        super().basic_enter_room(sid, namespace, room, eio_sid=eio_sid)
        self._rooms_of.setdefault((namespace, sid), set()).add(room)

    def basic_leave_room(self, sid, namespace, room):
        super().basic_leave_room(sid, namespace, room)
        rooms = self._rooms_of.get((namespace, sid))
        if rooms is not None:
            rooms.discard(room)
            if not rooms:
                del self._rooms_of[(namespace, sid)]

    def basic_disconnect(self, sid, namespace, **kwargs):
        for room in self._rooms_of.pop((namespace, sid), ()):
            super().basic_leave_room(sid, namespace, room)
        # The base method now finds this sid in no room; what it scans is the namespace's
        # rooms, so it is skipped for the rest of its work, which is per sid.
        self.callbacks.pop(sid, None)
        for pending in (self.pending_connect, self.pending_disconnect):
            sids = pending.get(namespace)
            if sids is not None and sid in sids:
                sids.remove(sid)
                if not sids:
                    del pending[namespace]

    def get_rooms(self, sid, namespace):
        return [room for room in self._rooms_of.get((namespace, sid), ()) if room is not None]


class IndexedManager(RoomIndex, socketio.Manager):
    """The single-process manager (embedded mode, no Redis), with the index."""
