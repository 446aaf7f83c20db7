"""Live connections: who a new socket speaks for, and what it should hear."""

from ..realtime.rooms import attach_socket, detach_socket, unwatch, watch
from .errors import InvalidInput, NotAuthenticated
from .follows import followed_ids
from .sessions import live_session
from .tags import followed_tag_ids


def open_socket(sid, token_payload):
    """Attach a socket to the user of a decoded access token; NotAuthenticated if dead."""
    found = live_session(token_payload)
    if found is None:
        raise NotAuthenticated("Token has been revoked.")
    session, user = found
    attach_socket(sid, user.id, session.id, followed_ids(user.id), followed_tag_ids(user.id))
    return user


def close_socket(sid):
    detach_socket(sid)


def watch_posts(sid, post_ids):
    """Live `comment` and `post_stats` for posts a page shows (SPEC §10)."""
    if not watch(sid, post_ids=post_ids):
        raise InvalidInput("Watching too many posts at once.")


def unwatch_posts(sid, post_ids):
    unwatch(sid, post_ids=post_ids)


def watch_authors(sid, user_ids):
    """New posts of authors whose profile a reader has open, followed or not."""
    if not watch(sid, author_ids=user_ids):
        raise InvalidInput("Watching too many posts at once.")


def unwatch_authors(sid, user_ids):
    unwatch(sid, author_ids=user_ids)
