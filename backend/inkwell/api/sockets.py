"""Socket.IO connection handlers: the access token decides who you are and what you hear."""

from flask import request
from flask_jwt_extended import decode_token
from flask_socketio import ConnectionRefusedError
from jwt import ExpiredSignatureError, InvalidTokenError

from ..extensions import db
from ..schemas.common import MAX_ID
from ..services import presence
from ..services.errors import InvalidInput, NotAuthenticated

# Ids one watch_post event may name (a page of a list is at most 100 posts).
MAX_IDS_PER_EVENT = 100


def decode_access_token(auth):
    """The payload of the access token in a connect request, or ConnectionRefusedError."""
    token = auth.get("token") if isinstance(auth, dict) else None
    if not token or not isinstance(token, str):
        raise ConnectionRefusedError("missing token")
    try:
        payload = decode_token(token)
    except ExpiredSignatureError:
        raise ConnectionRefusedError("token expired") from None
    except (InvalidTokenError, ValueError, KeyError, TypeError):
        raise ConnectionRefusedError("invalid token") from None
    if payload.get("type") != "access":
        raise ConnectionRefusedError("invalid token")
    return payload


def register_socket_handlers(socketio):
    socketio.on_event("connect", on_connect)
    socketio.on_event("disconnect", on_disconnect)
    socketio.on_event("watch_post", on_watch_post)
    socketio.on_event("unwatch_post", on_unwatch_post)
    socketio.on_event("watch_user", on_watch_user)
    socketio.on_event("unwatch_user", on_unwatch_user)


def on_connect(auth=None):
    payload = decode_access_token(auth)
    try:
        presence.open_socket(request.sid, payload)
    except NotAuthenticated:
        raise ConnectionRefusedError("token revoked") from None
    finally:
        # No request teardown for socket events: hand the connection back to the pool now.
        db.session.remove()


def on_disconnect(reason=None):
    presence.close_socket(request.sid)


def parse_ids(data):
    """`7`, `{"id": 7}` or `{"ids": [7, 8]}` -> [7, 8]; InvalidInput otherwise."""
    if isinstance(data, dict):
        data = data.get("ids", [data.get("id")])
    ids = data if isinstance(data, list) else [data]
    valid = all(type(i) is int and 0 < i <= MAX_ID for i in ids)
    if not ids or len(ids) > MAX_IDS_PER_EVENT or not valid:
        raise InvalidInput(f"Give post or user ids: 1 to {MAX_IDS_PER_EVENT} positive integers.")
    return ids


def acknowledge(action, data):
    """Run a watch action; the acknowledgement says whether it worked (and why not)."""
    try:
        action(request.sid, parse_ids(data))
    except InvalidInput as refused:
        return {"ok": False, "error": refused.message}
    return {"ok": True}


def on_watch_post(data=None):
    return acknowledge(presence.watch_posts, data)


def on_unwatch_post(data=None):
    return acknowledge(presence.unwatch_posts, data)


def on_watch_user(data=None):
    return acknowledge(presence.watch_authors, data)


def on_unwatch_user(data=None):
    return acknowledge(presence.unwatch_authors, data)
