"""Sockets joining and leaving: the rooms a socket hears, and which worker holds it."""

import contextlib
import logging

from .emit import NAMESPACE, feed_room, session_room, user_room
from .registry import REGISTRY_ERRORS, registry
from .state import realtime_state

log = logging.getLogger(__name__)


def attach_socket(sid, user_id, session_id, followed_ids):
    """A socket of this process now speaks for a user: its rooms, and the registry."""
    state = realtime_state()
    # A room per followed author: a new post is one publish, whatever the audience size.
    rooms = [user_room(user_id), session_room(session_id), *map(feed_room, followed_ids)]
    for room in rooms:
        state.server.enter_room(sid, room, namespace=NAMESPACE)
    state.local_sockets[sid] = (user_id, session_id)
    # Which worker holds whose socket: operators (and the e2e suite) read it from the logs.
    log.info("socket connected: user=%s sid=%s", user_id, sid)
    try:
        registry().add(user_id, session_id, sid)
    except REGISTRY_ERRORS:
        log.warning("socket registry unavailable; session revocation may miss %s", sid)


def detach_socket(sid):
    owner = realtime_state().local_sockets.pop(sid, None)
    if owner is None:
        return
    log.info("socket disconnected: user=%s sid=%s", owner[0], sid)
    with contextlib.suppress(REGISTRY_ERRORS):
        registry().remove(owner[0], sid)
