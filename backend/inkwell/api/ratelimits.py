"""Rate-limit values (from configuration, RATELIMIT_*) and the keys they are counted by."""

from flask import current_app, request
from flask_limiter.util import get_remote_address

from ..extensions import limiter
from ..identity import current_user


def limit_value(name):
    return lambda: current_app.config[f"RATELIMIT_{name}"]


def current_user_key():
    user = current_user()
    return f"user:{user.id}" if user else f"ip:{get_remote_address()}"


def uploads_limit(view):
    """One budget per user for every picture sent (for posts and avatars alike)."""
    return limiter.shared_limit(limit_value("UPLOADS"), scope="uploads", key_func=current_user_key)(
        view
    )


def reset_email_key():
    payload = request.get_json(silent=True) or {}
    email = payload.get("email") if isinstance(payload, dict) else None
    return f"reset:{str(email).strip().lower()}" if email else f"ip:{get_remote_address()}"


def confirm_resend_key():
    """Confirmation links asked for without logging in: the budget belongs to the address."""
    return f"confirm-{reset_email_key()}"


# A sign-up refused for its input (a malformed body, invalid fields) creates nothing: it must
# not spend the budget, or fixing a typo five times locks a newcomer out for an hour. A taken
# name or address (409) does spend it: those answers tell whether an account exists, and a free
# 409 would let anyone test every address on the limit's watch.
REFUSED_REGISTRATION = frozenset({400, 422})


def registration_created(response):
    """Flask-Limiter's deduct_when for POST /users: only sign-ups that were not refused count."""
    return response.status_code not in REFUSED_REGISTRATION
