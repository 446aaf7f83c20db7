"""Authentication: session families behind the JWTs, and the view decorators."""

import functools
import uuid
from datetime import timedelta

from flask import current_app, g, jsonify
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    get_jwt,
    verify_jwt_in_request,
)
from sqlalchemy import select, update

from .api.errors import error_body, json_error
from .extensions import db, jwt
from .models import AuthSession, User, utcnow

# A refresh token presented again this soon after its rotation is treated as two tabs
# racing, not as theft: the family stays alive and the caller gets the current tokens.
ROTATION_GRACE = timedelta(seconds=30)
SESSION_REVOKED_LISTENERS = []


def on_sessions_revoked(listener):
    """Register a callback(session_ids) run when session families die (sockets use it)."""
    SESSION_REVOKED_LISTENERS.append(listener)
    return listener


def notify_sessions_revoked(session_ids):
    for listener in SESSION_REVOKED_LISTENERS:
        listener(session_ids)


def _unauthorized(message):
    return jsonify(error_body(401, "Unauthorized", message)), 401


def init_jwt():
    jwt.unauthorized_loader(lambda reason: _unauthorized("Missing or malformed token."))
    jwt.invalid_token_loader(lambda reason: _unauthorized(f"Invalid token: {reason}."))
    jwt.expired_token_loader(lambda header, payload: _unauthorized("Token has expired."))
    jwt.revoked_token_loader(lambda header, payload: _unauthorized("Token has been revoked."))
    jwt.user_lookup_error_loader(lambda header, payload: _unauthorized("Unknown user."))
    jwt.token_verification_failed_loader(lambda header, payload: _unauthorized("Invalid token."))
    jwt.needs_fresh_token_loader(lambda header, payload: _unauthorized("Fresh token required."))
    jwt.token_in_blocklist_loader(_token_revoked)
    jwt.user_lookup_loader(lambda header, payload: g.get("auth_user"))


def _token_revoked(header, payload):
    return token_is_revoked(payload)


def token_is_revoked(payload):
    """Load the session family and its user in one statement; True means refuse.

    On success the user and session are kept in `g` for the rest of the request.
    """
    sid = payload.get("sid")
    if not isinstance(sid, str):
        return True
    row = db.session.execute(
        select(AuthSession, User)
        .join(User, AuthSession.user_id == User.id)
        .where(AuthSession.id == sid)
    ).first()
    if row is None:
        return True
    session, user = row
    if not session.active or str(user.id) != payload.get("sub"):
        return True
    if payload.get("type") == "access" and payload.get("gen") != session.generation:
        return True
    g.auth_session = session
    g.auth_user = user
    return False


def issue_tokens(user, remember=False, session=None):
    """Start (or continue) a session family; returns (access, refresh, session)."""
    config = current_app.config
    if session is None:
        lifetime = config["JWT_REFRESH_TOKEN_EXPIRES"] if remember else timedelta(days=1)
        session = AuthSession(
            id=AuthSession.new_id(),
            user_id=user.id,
            remember=remember,
            generation=0,
            expires_at=utcnow() + lifetime,
            refresh_jti=str(uuid.uuid4()),
        )
        db.session.add(session)
    identity = str(user.id)
    access = create_access_token(
        identity=identity, additional_claims={"sid": session.id, "gen": session.generation}
    )
    refresh = create_refresh_token(
        identity=identity,
        additional_claims={"sid": session.id, "jti": session.refresh_jti},
        expires_delta=session.expires_at - utcnow(),
    )
    return access, refresh, session


def rotate_refresh(session, presented_jti):
    """Rotate the refresh token; a reused one revokes the whole family (returns False)."""
    now = utcnow()
    if presented_jti == session.refresh_jti:
        # Compare-and-swap, not read-modify-write: two tabs presenting the same token at once
        # would both rotate, and the loser's new token would be unknown at its next refresh,
        # revoking the family. The loser falls through to the grace check below instead.
        swapped = db.session.execute(
            update(AuthSession)
            .where(AuthSession.id == session.id, AuthSession.refresh_jti == presented_jti)
            .values(previous_jti=presented_jti, refresh_jti=str(uuid.uuid4()), rotated_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.refresh(session)
        if swapped:
            return True
    if (
        presented_jti == session.previous_jti
        and session.rotated_at is not None
        and now - session.rotated_at <= ROTATION_GRACE
    ):
        return True
    session.revoked_at = now
    return False


def current_user():
    return g.get("auth_user")


def current_session():
    return g.get("auth_session")


def authenticated(permission=None, confirmed=True, optional=False, refresh=False):
    """Require a valid access token (or refresh cookie), a confirmed account and a permission.

    Unconfirmed accounts pass only where `confirmed=False` (login, reading, password, resend).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            locations = ["cookies"] if refresh else ["headers"]
            verify_jwt_in_request(optional=optional, refresh=refresh, locations=locations)
            user = current_user()
            if user is not None:
                if confirmed and not user.confirmed:
                    json_error(403, "Unconfirmed account.")
                if permission is not None and not user.can(permission):
                    json_error(403, "You do not have permission to do that.")
                if user.ping():
                    db.session.commit()
            return view(*args, **kwargs)

        doc = getattr(wrapper, "_apidoc", {})
        manual = doc.setdefault("manual_doc", {})
        if not optional:
            manual.setdefault(
                "security", [{"refreshCookie": []}] if refresh else [{"bearerAuth": []}]
            )
        # Even where signing in is optional, a token that is sent must be valid.
        responses = manual.setdefault("responses", {})
        responses.setdefault("401", "UNAUTHORIZED")
        if (confirmed and not optional) or permission is not None:
            responses.setdefault("403", "FORBIDDEN")
        wrapper._apidoc = doc
        return wrapper

    return decorator


def jwt_payload():
    return get_jwt()
