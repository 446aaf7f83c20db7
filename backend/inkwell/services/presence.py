"""Live connections: who a new socket speaks for, and what it should hear."""

from ..realtime.rooms import attach_socket, detach_socket
from .errors import NotAuthenticated
from .follows import followed_ids
from .sessions import live_session


def open_socket(sid, token_payload):
    """Attach a socket to the user of a decoded access token; NotAuthenticated if dead."""
    found = live_session(token_payload)
    if found is None:
        raise NotAuthenticated("Token has been revoked.")
    session, user = found
    attach_socket(sid, user.id, session.id, followed_ids(user.id))
    return user


def close_socket(sid):
    detach_socket(sid)
