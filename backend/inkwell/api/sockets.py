"""Socket.IO connection handlers: the access token decides who you are and what you hear."""

from flask import request
from flask_jwt_extended import decode_token
from flask_socketio import ConnectionRefusedError
from jwt import ExpiredSignatureError, InvalidTokenError

from ..extensions import db
from ..services import presence
from ..services.errors import NotAuthenticated


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
