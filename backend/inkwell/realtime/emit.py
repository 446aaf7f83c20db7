"""The one emit helper: services (in views, RQ jobs and CLI commands) push through here.

With a message queue configured the emit is published to Redis and every API worker
delivers it to its own sockets in the room, so the sender's process does not matter.
"""

import logging

from .registry import REGISTRY_ERRORS, registry
from .state import realtime_state

log = logging.getLogger(__name__)
NAMESPACE = "/"


def user_room(user_id):
    return f"user:{user_id}"


def feed_room(author_id):
    return f"feed:{author_id}"


def session_room(session_id):
    return f"session:{session_id}"


def author_room(author_id):
    """Readers of an author's profile who do not follow them (watch_user)."""
    return f"author:{author_id}"


def tag_room(tag_id):
    return f"tag:{tag_id}"


def post_room(post_id):
    """Readers of a post, or of a list showing it (watch_post)."""
    return f"post:{post_id}"


def push(user_id, event, data):
    """Send `event` to every socket of one user."""
    _emit(event, data, user_room(user_id))


def push_to_followers(author_id, event, data, tag_ids=()):
    """Send `event` to the connected followers of an author (and of any of `tag_ids`) and to
    the readers of their profile: one publish, any audience, each socket hears it once."""
    _emit(event, data, [feed_room(author_id), author_room(author_id), *map(tag_room, tag_ids)])


def push_to_post_readers(post_id, event, data):
    """Send `event` to every socket watching a post."""
    _emit(event, data, post_room(post_id))


def _emit(event, data, room):
    try:
        realtime_state().server.emit(event, data, to=room, namespace=NAMESPACE)
    except Exception:  # Redis down: the data is stored; clients catch up on reconnect
        log.warning("push of %s to %s failed", event, room, exc_info=True)


def disconnect_sessions(session_ids):
    """Drop the sockets of revoked session families, whichever worker holds them."""
    if not session_ids:
        return
    server = realtime_state().server
    try:
        sids = registry().sockets_of_sessions(session_ids)
    except REGISTRY_ERRORS:
        log.warning("socket registry unavailable; cannot disconnect %s", session_ids)
        return
    for sid in sids:
        try:
            server.disconnect(sid, namespace=NAMESPACE)
        except Exception:
            log.debug("socket %s already gone", sid)


def follow_changed(follower_id, author_id, following):
    """Move the follower's live sockets into (or out of) the author's feed room."""
    _move_sockets(follower_id, feed_room(author_id), following)


def tag_follow_changed(user_id, tag_id, following):
    """Move the user's live sockets into (or out of) the tag's room."""
    _move_sockets(user_id, tag_room(tag_id), following)


def _move_sockets(user_id, room, entering):
    server = realtime_state().server
    try:
        sids = registry().sockets(user_id)
    except REGISTRY_ERRORS:
        return
    for sid in sids:
        try:
            if entering:
                server.enter_room(sid, room, namespace=NAMESPACE)
            else:
                server.leave_room(sid, room, namespace=NAMESPACE)
        except Exception:
            log.debug("socket %s already gone", sid)
