"""Authentication for the HTTP API: the JWT callbacks and the `authenticated` decorator."""

import functools

from flask import jsonify
from flask_jwt_extended import verify_jwt_in_request

from ..extensions import db, jwt
from ..identity import current_user, set_identity
from ..services.sessions import live_session
from .errors import error_body, json_error


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
    jwt.token_in_blocklist_loader(_reject_dead_session)
    jwt.user_lookup_loader(lambda header, payload: current_user())


def _reject_dead_session(header, payload):
    """flask-jwt-extended's revocation check: True refuses the token. A live session's user
    and family become the request's identity (one statement for both)."""
    found = live_session(payload)
    if found is None:
        return True
    session, user = found
    set_identity(user, session)
    return False


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
