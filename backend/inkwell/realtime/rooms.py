"""Sockets joining and leaving: the rooms a socket hears, and which worker holds it."""

import contextlib
import logging

from .emit import (
    NAMESPACE,
    author_room,
    feed_room,
    post_room,
    session_room,
    tag_room,
    user_room,
)
from .registry import REGISTRY_ERRORS, registry
from .state import realtime_state

log = logging.getLogger(__name__)
# Rooms one socket may watch at once: a page shows at most a few pages of posts.
MAX_WATCHED = 500


def attach_socket(sid, user_id, session_id, followed_ids, followed_tag_ids=()):
    """A socket of this process now speaks for a user: its rooms, and the registry."""
    state = realtime_state()
    # A room per followed author and tag: a new post is one publish, whatever the audience.
    rooms = [
        user_room(user_id),
        session_room(session_id),
        *map(feed_room, followed_ids),
        *map(tag_room, followed_tag_ids),
    ]
    for room in rooms:
        state.server.enter_room(sid, room, namespace=NAMESPACE)
    state.local_sockets[sid] = (user_id, session_id)
    # Which worker holds whose socket: operators (and the e2e suite) read it from the logs.
    log.info("socket connected: user=%s sid=%s", user_id, sid)
    try:
        registry().add(user_id, session_id, sid)
    except REGISTRY_ERRORS:
        log.warning("socket registry unavailable; session revocation may miss %s", sid)


def watch(sid, post_ids=(), author_ids=()):
    """Join the rooms of posts and authors a page shows; False when over MAX_WATCHED."""
    state = realtime_state()
    watched = state.watched.setdefault(sid, set())
    rooms = {*map(post_room, post_ids), *map(author_room, author_ids)} - watched
    if len(watched) + len(rooms) > MAX_WATCHED:
        return False
    for room in rooms:
        state.server.enter_room(sid, room, namespace=NAMESPACE)
    watched |= rooms
    return True


def unwatch(sid, post_ids=(), author_ids=()):
    state = realtime_state()
    watched = state.watched.get(sid, set())
    for room in {*map(post_room, post_ids), *map(author_room, author_ids)} & watched:
        state.server.leave_room(sid, room, namespace=NAMESPACE)
        watched.discard(room)


def detach_socket(sid):
    realtime_state().watched.pop(sid, None)
    owner = realtime_state().local_sockets.pop(sid, None)
    if owner is None:
        return
    log.info("socket disconnected: user=%s sid=%s", owner[0], sid)
    with contextlib.suppress(REGISTRY_ERRORS):
        registry().remove(owner[0], sid)
