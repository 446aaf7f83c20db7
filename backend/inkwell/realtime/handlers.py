"""Socket.IO connection handlers: the access token decides who you are and what you hear."""

import contextlib
import logging

from flask import g, request
from flask_jwt_extended import decode_token
from flask_socketio import ConnectionRefusedError, join_room
from jwt import ExpiredSignatureError, InvalidTokenError
from sqlalchemy import select

from ..auth import token_is_revoked
from ..extensions import db, socketio
from ..models import Follow
from .emit import feed_room, session_room, user_room
from .registry import REGISTRY_ERRORS, registry

log = logging.getLogger(__name__)
# sid -> (user id, session id) for the sockets of this process
LOCAL_SOCKETS = {}


def authenticate(auth):
    """The user behind a connect request, or ConnectionRefusedError with the reason."""
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
    if token_is_revoked(payload):
        raise ConnectionRefusedError("token revoked")
    return g.auth_user, g.auth_session


@socketio.on("connect")
def on_connect(auth=None):
    try:
        user, session = authenticate(auth)
        # A room per followed author: a new post is one publish, whatever the audience size.
        followed = db.session.scalars(
            select(Follow.followed_id).where(Follow.follower_id == user.id)
        ).all()
    finally:
        db.session.remove()
    join_room(user_room(user.id))
    join_room(session_room(session.id))
    for author_id in followed:
        join_room(feed_room(author_id))
    LOCAL_SOCKETS[request.sid] = (user.id, session.id)
    # Which worker holds whose socket: operators (and the e2e suite) read it from the logs.
    log.info("socket connected: user=%s sid=%s", user.id, request.sid)
    try:
        registry().add(user.id, session.id, request.sid)
    except REGISTRY_ERRORS:
        log.warning("socket registry unavailable; session revocation may miss %s", request.sid)


@socketio.on("disconnect")
def on_disconnect(reason=None):
    owner = LOCAL_SOCKETS.pop(request.sid, None)
    if owner is None:
        return
    log.info("socket disconnected: user=%s sid=%s", owner[0], request.sid)
    with contextlib.suppress(REGISTRY_ERRORS):
        registry().remove(owner[0], request.sid)
