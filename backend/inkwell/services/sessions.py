"""Login sessions: the session families behind the JWTs.

A family is one sign-in (one browser). Its access tokens carry the family id and its
generation; its refresh token rotates on every use. Ending a family (logout, password
reset, refresh-token reuse) or bumping its generation (role change) takes effect on the
next request, on every worker, and sends `sessions_revoked` so sockets go too.
"""

import uuid
from datetime import timedelta

from flask import current_app
from flask_jwt_extended import create_access_token, create_refresh_token
from sqlalchemy import select, update

from ..extensions import db
from ..models import AuthSession, User, utcnow
from ..signals import sessions_revoked
from .errors import NotAuthenticated

# A refresh token presented again this soon after its rotation is treated as two tabs
# racing, not as theft: the family stays alive and the caller gets the current tokens.
ROTATION_GRACE = timedelta(seconds=30)
INVALID_CREDENTIALS = "Invalid username, email or password."


def live_session(payload):
    """The (session, user) a decoded token speaks for, in one statement; None if it is dead.

    Dead: no such family, revoked or expired, another user's, or an access token of an
    older generation.
    """
    sid = payload.get("sid")
    if not isinstance(sid, str):
        return None
    row = db.session.execute(
        select(AuthSession, User)
        .join(User, AuthSession.user_id == User.id)
        .where(AuthSession.id == sid)
    ).first()
    if row is None:
        return None
    session, user = row
    if not session.active or str(user.id) != payload.get("sub"):
        return None
    if payload.get("type") == "access" and payload.get("gen") != session.generation:
        return None
    return session, user


def log_in(login, password):
    """The user behind these credentials, or NotAuthenticated."""
    user = User.find_by_login(login)
    if user is None or not user.verify_password(password or ""):
        raise NotAuthenticated(INVALID_CREDENTIALS)
    user.ping()
    return user


def issue_tokens(user, remember=False, session=None):
    """Start (or continue) a session family; returns (access, refresh, session), committed."""
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
    db.session.commit()
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


def refresh(session, user, presented_jti):
    """New tokens for a refresh cookie; a reused cookie ends the family (NotAuthenticated)."""
    if not rotate_refresh(session, presented_jti):
        db.session.commit()
        announce_revoked([session.id])
        raise NotAuthenticated("Refresh token reuse detected; the session has been revoked.")
    return issue_tokens(user, session=session)


def end_session(session):
    """Log out one browser: its tokens and sockets die at once."""
    session.revoked_at = utcnow()
    db.session.commit()
    announce_revoked([session.id])


def end_all_sessions(user):
    """Log the user out everywhere, at once (tokens and sockets)."""
    revoked = AuthSession.revoke_all(user.id)
    db.session.commit()
    announce_revoked(revoked)
    return revoked


def expire_access_tokens(user):
    """After a role change: access tokens die now; the refresh cookie mints fresh ones."""
    sessions = AuthSession.bump_generation(user.id)
    db.session.commit()
    announce_revoked(sessions)


def announce_revoked(session_ids):
    if session_ids:
        sessions_revoked.send(current_app._get_current_object(), session_ids=list(session_ids))
